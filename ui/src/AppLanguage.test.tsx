import type { Language } from "./bindings/Language";
import { fireEvent, screen, waitFor, within } from "./test/testing-library";
import { beforeEach, describe, expect, it } from "vitest";
import { App, resetReadySignalForTests } from "./App";
import type { ProfileView } from "./bindings/ProfileView";
import { initialLanguage } from "./i18n";
import { fullDashboard, profile } from "./test/fixtures";
import { mockCommands } from "./test/ipc";
import { renderIn } from "./test/render";

const savedIn = (language: Language, over: Partial<ProfileView["settings"]> = {}) =>
  profile({ settings: { ...profile().settings, language, ...over } });

/** Starts the app as main.tsx does: the first paint in the language this window remembered. */
function start(remembered: string) {
  window.localStorage.setItem("dhmad.language", remembered);
  return renderIn(initialLanguage(), <App />);
}

/** The sidebar (the settings screen has a language field of its own). */
const sidebar = () => within(screen.getByRole("complementary"));

const html = () => ({ lang: document.documentElement.lang, dir: document.documentElement.dir });

/** Long enough for every effect of a switch to have run (Preact runs them after the next paint). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/**
 * The dashboard of a profile saved in English whose settings saves wait until the test lands them
 * (`saves[i]()`, in the order they were sent), with every `lang` the document takes from then on
 * (`stop()` ends the watch and returns them).
 */
async function openWithSlowSaves() {
  let stored = savedIn("en");
  const saves: Array<() => void> = [];
  mockCommands({
    profiles_list: () => ({ profiles: [stored], activeId: "p1" }),
    ui_ready: () => ({ sinceStartMs: 1 }),
    dashboard: () => fullDashboard(),
    update_settings: (args) =>
      new Promise((resolve) => {
        saves.push(() => {
          stored = { ...stored, settings: args.settings as ProfileView["settings"] };
          resolve(stored);
        });
      }),
  });
  start("en");
  await screen.findByTestId("balance-available");
  const shown: string[] = [];
  const watch = new MutationObserver(() => shown.push(document.documentElement.lang));
  watch.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  return {
    saves,
    stored: () => stored,
    stop: () => {
      watch.disconnect();
      return shown;
    },
  };
}

describe("the UI language at start", () => {
  beforeEach(() => resetReadySignalForTests());

  it("is the active profile's (French, left to right), not the one remembered in the window", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [savedIn("fr")], activeId: "p1" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
    });
    start("en");
    // The first paint (before the profiles arrive) is in the remembered language.
    expect(screen.getByText("Loading…")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("nav-dashboard").textContent).toBe("Tableau de bord"));
    expect(screen.getByRole("combobox", { name: "Langue" })).toBeTruthy();
    expect(html()).toEqual({ lang: "fr", dir: "ltr" });
    // Remembered for the next start's first paint.
    expect(window.localStorage.getItem("dhmad.language")).toBe("fr");
  });

  it("is Arabic, right to left, when the profile says so", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [savedIn("ar")], activeId: "p1" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
    });
    start("en");
    await waitFor(() => expect(screen.getByTestId("nav-dashboard").textContent).toBe("لوحة القيادة"));
    expect(html()).toEqual({ lang: "ar", dir: "rtl" });
  });
});

describe("the UI language on a profile switch", () => {
  beforeEach(() => resetReadySignalForTests());

  it("is the language saved in the profile switched to", async () => {
    const shop = profile({ id: "p2", displayName: "Boutique", settings: { ...profile().settings, language: "ar" } });
    mockCommands({
      profiles_list: () => ({ profiles: [savedIn("en"), shop], activeId: "p1" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
      switch_profile: () => ({ profiles: [savedIn("en"), shop], activeId: "p2" }),
    });
    start("en");
    await screen.findByTestId("balance-available");
    fireEvent.change(screen.getByLabelText("Profile"), { target: { value: "p2" } });
    await waitFor(() => expect(html()).toEqual({ lang: "ar", dir: "rtl" }));
    await waitFor(() => expect(screen.getByTestId("nav-dashboard").textContent).toBe("لوحة القيادة"));
  });
});

describe("the sidebar's language control", () => {
  beforeEach(() => resetReadySignalForTests());

  it("saves the language into the active profile, keeping settings saved meanwhile", async () => {
    let stored = savedIn("en");
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [stored], activeId: "p1" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
      update_settings: (args) => {
        stored = { ...stored, settings: args.settings as ProfileView["settings"] };
        return stored;
      },
    });
    start("en");
    fireEvent.click(await screen.findByTestId("nav-settings"));
    expect(((await screen.findByTestId("settings-language")) as HTMLSelectElement).value).toBe("en");
    // Saved from the settings screen after the app read the profiles.
    stored = { ...stored, settings: { ...stored.settings, shopName: "Boutique Sfax" } };

    fireEvent.change(sidebar().getByRole("combobox", { name: "Language" }), { target: { value: "ar" } });
    await waitFor(() => expect(ipc.names()).toContain("update_settings"));
    expect(ipc.calls.find((c) => c.cmd === "update_settings")?.args).toEqual({
      settings: { ...savedIn("en").settings, shopName: "Boutique Sfax", language: "ar" },
    });
    expect(await sidebar().findByRole("combobox", { name: "اللغة" })).toBeTruthy();
    expect(html()).toEqual({ lang: "ar", dir: "rtl" });
    // The settings screen's own language field follows, so saving it there keeps Arabic.
    expect((screen.getByTestId("settings-language") as HTMLSelectElement).value).toBe("ar");
  });

  it("keeps the language picked while its save is on the way: the saved one does not flash back", async () => {
    const shop = await openWithSlowSaves();
    fireEvent.change(sidebar().getByRole("combobox", { name: "Language" }), { target: { value: "ar" } });
    await waitFor(() => expect(html()).toEqual({ lang: "ar", dir: "rtl" }));
    await settle();
    expect(html()).toEqual({ lang: "ar", dir: "rtl" });
    await waitFor(() => expect(shop.saves.length).toBe(1));
    shop.saves[0]?.();
    await settle();
    expect(shop.stop()).toEqual(["ar"]);
    expect(screen.getByTestId("nav-dashboard").textContent).toBe("لوحة القيادة");
  });

  it("keeps the last of two quick picks when the first one's save lands in between", async () => {
    const shop = await openWithSlowSaves();
    fireEvent.change(sidebar().getByRole("combobox", { name: "Language" }), { target: { value: "fr" } });
    await waitFor(() => expect(shop.saves.length).toBe(1));
    fireEvent.change(sidebar().getByRole("combobox", { name: "Langue" }), { target: { value: "ar" } });
    await waitFor(() => expect(html().lang).toBe("ar"));
    shop.saves[0]?.(); // French is saved while Arabic shows and waits for its own save
    await settle();
    expect(html().lang).toBe("ar");
    await waitFor(() => expect(shop.saves.length).toBe(2));
    shop.saves[1]?.();
    await settle();
    expect(shop.stop()).toEqual(["fr", "ar"]);
    expect(shop.stored().settings.language).toBe("ar");
  });

  it("gives a new profile the language chosen before it existed", async () => {
    let profiles: ProfileView[] = [];
    const ipc = mockCommands({
      profiles_list: () => ({ profiles, activeId: profiles.length > 0 ? "p1" : null }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      // A new profile has the default settings (French).
      start_demo: () => {
        profiles = [savedIn("fr")];
        return profiles[0];
      },
      update_settings: (args) => {
        profiles = [{ ...savedIn("fr"), settings: args.settings as ProfileView["settings"] }];
        return profiles[0];
      },
      dashboard: () => fullDashboard(),
    });
    start("fr");
    fireEvent.change(await screen.findByRole("combobox", { name: "Langue" }), { target: { value: "en" } });
    expect(ipc.names()).not.toContain("update_settings"); // no profile yet to save it in
    fireEvent.click(await screen.findByTestId("door-demo"));
    expect(await screen.findByTestId("balance-available")).toBeTruthy();
    const saved = ipc.calls.find((c) => c.cmd === "update_settings")?.args.settings as { language: string } | undefined;
    expect(saved?.language).toBe("en");
    expect(screen.getByTestId("nav-dashboard").textContent).toBe("Dashboard");
    expect(html()).toEqual({ lang: "en", dir: "ltr" });
  });
});
