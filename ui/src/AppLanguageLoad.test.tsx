import { fireEvent, screen, waitFor, within } from "./test/testing-library";
import { beforeEach, describe, expect, it } from "vitest";
import { App, resetReadySignalForTests } from "./App";
import { changeLanguage, createI18n } from "./i18n";
import { resources } from "./i18n/resources";
import { fullDashboard, profile } from "./test/fixtures";
import { mockCommands } from "./test/ipc";
import { renderIn } from "./test/render";

const html = () => ({ lang: document.documentElement.lang, dir: document.documentElement.dir });

/** Every text `element` shows from now on, as the merchant would see it change. */
function recordTexts(element: Element): string[] {
  const seen = [element.textContent ?? ""];
  const observer = new MutationObserver(() => seen.push(element.textContent ?? ""));
  observer.observe(element, { subtree: true, childList: true, characterData: true });
  return seen;
}

describe("a language that is not loaded yet", () => {
  beforeEach(() => resetReadySignalForTests());

  it("is loaded, then shown: the sidebar goes from English to Arabic, right to left, never through keys", async () => {
    let stored = profile({ settings: { ...profile().settings, language: "en" } });
    mockCommands({
      profiles_list: () => ({ profiles: [stored], activeId: "p1" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
      update_settings: (args) => {
        stored = { ...stored, settings: args.settings as typeof stored.settings };
        return stored;
      },
    });
    // As the app starts: with the current language's texts only.
    const { i18n } = renderIn("en", <App />, { en: resources.en });
    const nav = await screen.findByTestId("nav-dashboard");
    const texts = recordTexts(nav);
    expect(i18n.hasResourceBundle("ar", "translation")).toBe(false);

    const sidebar = within(screen.getByRole("complementary"));
    fireEvent.change(sidebar.getByRole("combobox", { name: "Language" }), { target: { value: "ar" } });
    // While Arabic loads the screen stays in English.
    expect(nav.textContent).toBe("Dashboard");
    expect(html()).toEqual({ lang: "en", dir: "ltr" });

    await waitFor(() => expect(screen.getByTestId("nav-dashboard").textContent).toBe("لوحة القيادة"));
    expect(html()).toEqual({ lang: "ar", dir: "rtl" });
    expect(i18n.hasResourceBundle("ar", "translation")).toBe(true);
    expect(new Set(texts)).toEqual(new Set(["Dashboard", "لوحة القيادة"]));
    expect(screen.getByTestId("balance-available").textContent).not.toContain("dashboard.");
  });
});

describe("changeLanguage", () => {
  it("switches an instance holding English only to French, with French texts", async () => {
    const i18n = createI18n("en", { en: resources.en });
    await changeLanguage(i18n, "fr");
    expect(i18n.language).toBe("fr");
    expect(i18n.t("nav.dashboard")).toBe("Tableau de bord");
    expect(html()).toEqual({ lang: "fr", dir: "ltr" });
  });

  it("ends in the language asked for last when an earlier one was still loading", async () => {
    // French is already held; Arabic has to load, and is asked for first.
    const i18n = createI18n("en", { en: resources.en, fr: resources.fr });
    const arabic = changeLanguage(i18n, "ar");
    const french = changeLanguage(i18n, "fr");
    await Promise.all([arabic, french]);
    expect(i18n.language).toBe("fr");
    expect(html()).toEqual({ lang: "fr", dir: "ltr" });
    expect(i18n.t("nav.dashboard")).toBe("Tableau de bord");
  });
});
