import { describe, expect, it } from "vitest";
import type { Language } from "../bindings/Language";
import { profile } from "../test/fixtures";
import { prepareStart } from "./startup";

const savedIn = (language: Language) => ({
  profiles: [profile({ settings: { ...profile().settings, language } })],
  activeId: "p1",
});
const html = () => ({ lang: document.documentElement.lang, dir: document.documentElement.dir });

describe("the start", () => {
  it("holds only the active profile's language, even when the window remembered another", async () => {
    window.localStorage.setItem("dhmad.language", "en");
    const { i18n, language, initialProfiles } = await prepareStart(Promise.resolve(savedIn("ar")));
    expect(language).toBe("ar");
    expect(initialProfiles?.activeId).toBe("p1");
    expect(i18n.t("nav.dashboard")).toBe("لوحة القيادة");
    expect(html()).toEqual({ lang: "ar", dir: "rtl" });
    expect(i18n.hasResourceBundle("en", "translation")).toBe(false);
    expect(i18n.hasResourceBundle("fr", "translation")).toBe(false);
  });

  it("uses the remembered language when the profiles could not be read", async () => {
    window.localStorage.setItem("dhmad.language", "fr");
    const { i18n, language, initialProfiles } = await prepareStart(Promise.resolve(undefined));
    expect(language).toBe("fr");
    expect(initialProfiles).toBeUndefined();
    expect(i18n.t("nav.dashboard")).toBe("Tableau de bord");
    expect(html()).toEqual({ lang: "fr", dir: "ltr" });
  });
});
