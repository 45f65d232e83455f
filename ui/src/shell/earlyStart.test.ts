import { afterEach, describe, expect, it, vi } from "vitest";
import { earlyStartScript, translationChunks } from "../../build/earlyStart";
import { initialLanguage, type Language } from "../i18n";
import { takeEarlyProfiles } from "../platform";
import { profile } from "../test/fixtures";
import { mockCommands } from "../test/ipc";
import { CUSTOMER_HASH } from "./windows";

const CHUNKS: Record<Language, string[]> = {
  ar: ["/assets/ar-1.js", "/assets/ar-2.js"],
  fr: ["/assets/fr-1.js", "/assets/fr-2.js"],
  en: ["/assets/en-1.js", "/assets/en-2.js"],
};

/** Runs the script as index.html does; returns the files it preloaded. */
function runEarlyScript(): string[] {
  new Function(earlyStartScript(CHUNKS))();
  const links = document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]');
  return [...links].map((link) => link.getAttribute("href") ?? "");
}

afterEach(() => {
  for (const link of document.head.querySelectorAll("link")) link.remove();
  window.localStorage.clear();
  delete window.__DHMAD_SYSTEM_LANGUAGE__;
  delete window.__DHMAD_EARLY_PROFILES__;
  window.location.hash = "";
});

describe("index.html's early script", () => {
  const cases: Array<[string, () => void, Language]> = [
    ["the remembered language first", () => window.localStorage.setItem("dhmad.language", "fr"), "fr"],
    ["the system's on a first run", () => (window.__DHMAD_SYSTEM_LANGUAGE__ = "ar"), "ar"],
    [
      "the web view's when the shell gave none",
      () => vi.spyOn(navigator, "languages", "get").mockReturnValue(["fr-TN"]),
      "fr",
    ],
    ["English when none is ours", () => vi.spyOn(navigator, "languages", "get").mockReturnValue(["de-DE"]), "en"],
    [
      "the system's when the remembered one is not ours",
      () => {
        window.localStorage.setItem("dhmad.language", "de");
        window.__DHMAD_SYSTEM_LANGUAGE__ = "ar";
      },
      "ar",
    ],
  ];

  it.each(cases)("preloads the texts the app will start in: %s", (_, setUp, expected) => {
    setUp();
    mockCommands({ profiles_list: () => ({ profiles: [], activeId: null }) });
    expect(runEarlyScript()).toEqual(CHUNKS[expected]);
    expect(initialLanguage()).toBe(expected);
  });

  it("asks for the profiles, whose answer the app takes once", async () => {
    const backend = mockCommands({ profiles_list: () => ({ profiles: [profile()], activeId: "p1" }) });
    runEarlyScript();
    expect(backend.names()).toEqual(["profiles_list"]);
    await expect(takeEarlyProfiles()).resolves.toMatchObject({ activeId: "p1" });
    expect(takeEarlyProfiles()).toBeUndefined();
  });

  it("passes a refusal on as a command error", async () => {
    mockCommands({
      profiles_list: () => {
        throw "store unreadable";
      },
    });
    runEarlyScript();
    await expect(takeEarlyProfiles()).rejects.toEqual({ code: "internal", message: "store unreadable" });
  });

  it("asks nothing in the customer display, which shows no profiles", () => {
    window.location.hash = CUSTOMER_HASH;
    const backend = mockCommands({});
    runEarlyScript();
    expect(backend.names()).toEqual([]);
    expect(takeEarlyProfiles()).toBeUndefined();
  });
});

describe("the translation chunks", () => {
  it("are each language's two files among the built chunks, as the page requests them", () => {
    const chunk = (fileName: string, facadeModuleId: string) => ({ type: "chunk", fileName, facadeModuleId });
    const bundle = {
      a: chunk("assets/en-1.js", "/r/ui/src/i18n/locales/en.json"),
      b: chunk("assets/main.js", "/r/ui/src/main.tsx"),
      c: chunk("assets/en-2.js", "/r/ui/src/i18n/locales/shop/en.json"),
      d: chunk("assets/ar-1.js", "/r/ui/src/i18n/locales/ar.json"),
      e: { type: "asset", fileName: "assets/index.css" },
    };
    expect(translationChunks(bundle as unknown as Parameters<typeof translationChunks>[0])).toEqual({
      en: ["/assets/en-1.js", "/assets/en-2.js"],
      ar: ["/assets/ar-1.js"],
    });
  });
});
