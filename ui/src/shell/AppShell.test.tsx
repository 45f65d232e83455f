import { screen } from "../test/testing-library";
import { describe, expect, it } from "vitest";
import { renderIn } from "../test/render";
import { AppShell } from "./AppShell";
import type { NavItem } from "./SideNav";

const noop = () => {};

describe("AppShell", () => {
  it("shows the DEMO banner in Arabic when the profile is a demo", () => {
    renderIn(
      "ar",
      <AppShell banner="demo" nav={[]} current={null} onNavigate={noop}>
        <p />
      </AppShell>,
    );
    expect(screen.getByRole("status").textContent).toBe("عرض تجريبي — بيانات محاكاة، لا يُرسَل أيّ شيء إلى DHMAD");
  });

  it("shows the SANDBOX banner, and none for a live profile", () => {
    const { unmount } = renderIn(
      "en",
      <AppShell banner="sandbox" nav={[]} current={null} onNavigate={noop}>
        <p />
      </AppShell>,
    );
    expect(screen.getByRole("status").textContent).toContain("SANDBOX");
    unmount();
    renderIn(
      "en",
      <AppShell nav={[]} current={null} onNavigate={noop}>
        <p />
      </AppShell>,
    );
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("switches the whole UI to Arabic, right to left, from the language control", async () => {
    renderIn(
      "en",
      <AppShell nav={[]} current={null} onNavigate={noop}>
        <p />
      </AppShell>,
    );
    const select = screen.getByRole("combobox", { name: "Language" }) as HTMLSelectElement;
    select.value = "ar";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    expect(await screen.findByRole("combobox", { name: "اللغة" })).toBeTruthy();
    expect(document.documentElement.dir).toBe("rtl");
    expect(window.localStorage.getItem("dhmad.language")).toBe("ar");
  });

  it("lists navigation entries with the current one marked", () => {
    // The shell's nav takes the screens that exist; these two stand for future ones.
    const items = [
      { id: "dashboard", labelKey: "nav.dashboard" },
      { id: "settings", labelKey: "nav.settings" },
    ] as unknown as NavItem[];
    const current = "settings" as unknown as NavItem["id"];
    renderIn(
      "fr",
      <AppShell nav={items} current={current} onNavigate={noop}>
        <p />
      </AppShell>,
    );
    const nav = screen.getByRole("navigation", { name: "Navigation principale" });
    expect([...nav.querySelectorAll("button")].map((b) => b.textContent)).toEqual(["Tableau de bord", "Paramètres"]);
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe("Paramètres");
  });
});
