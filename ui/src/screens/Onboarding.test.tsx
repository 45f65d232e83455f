import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "../test/testing-library";
import { beforeEach, describe, expect, it } from "vitest";
import { App, resetReadySignalForTests } from "../App";
import type { Language } from "../i18n";
import { renderIn } from "../test/render";
import { Onboarding } from "./Onboarding";

const DOORS: Record<Language, readonly [string, string, string]> = {
  en: ["Try the demo", "Connect a sandbox key", "Connect a live key"],
  fr: ["Essayer la démo", "Connecter une clé sandbox", "Connecter une clé live"],
  ar: ["جرّب العرض التجريبي", "اربط مفتاح بيئة الاختبار", "اربط مفتاحًا حقيقيًا"],
};

describe("Onboarding", () => {
  for (const language of ["en", "fr", "ar"] as const) {
    it(`shows the three doors in ${language}`, () => {
      renderIn(language, <Onboarding />);
      const doors = screen.getAllByRole("listitem");
      expect(doors.map((d) => within(d).getByRole("heading").textContent)).toEqual(DOORS[language]);
      for (const door of doors) {
        expect(within(door).getByRole("button").textContent?.trim()).not.toBe("");
      }
      expect(document.documentElement.dir).toBe(language === "ar" ? "rtl" : "ltr");
    });
  }

  it("hands the chosen door to its handler", () => {
    const chosen: string[] = [];
    renderIn("en", <Onboarding onChoose={(door) => chosen.push(door)} />);
    screen.getByRole("button", { name: "Enter a live key" }).click();
    screen.getByRole("button", { name: "Start the demo" }).click();
    expect(chosen).toEqual(["live", "demo"]);
  });

  it("disables the doors while no flow is behind them", () => {
    renderIn("en", <Onboarding />);
    for (const button of screen.getAllByRole("button")) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
    }
  });
});

describe("App", () => {
  beforeEach(() => resetReadySignalForTests());

  it("shows onboarding first when no profile is active, and tells the shell once that the UI is ready", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "ui_ready") return { sinceStartMs: 420 };
      if (cmd === "profiles_list") return { profiles: [], activeId: null };
      throw new Error(`unexpected command ${cmd}`);
    });
    const { rerender } = renderIn("fr", <App />);
    expect((await screen.findByRole("heading", { level: 1, name: "Bienvenue dans DHMAD Merchant" })).textContent).toBe(
      "Bienvenue dans DHMAD Merchant",
    );
    rerender(<App />);
    // The second mount (a reload) reads the profiles again but does not signal twice; the signal
    // waits for the first screen's paint, so it may come after that second read.
    await waitFor(() => expect([...calls].sort()).toEqual(["profiles_list", "profiles_list", "ui_ready"]));
  });

  it("starts on the screen the profiles read before the first render call for, without reading them again", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "ui_ready") return { sinceStartMs: 420 };
      throw new Error(`unexpected command ${cmd}`);
    });
    renderIn("en", <App initialProfiles={{ profiles: [], activeId: null }} />);
    expect(screen.getByRole("heading", { level: 1, name: "Welcome to DHMAD Merchant" })).toBeTruthy();
    await waitFor(() => expect(calls).toEqual(["ui_ready"]));
  });
});
