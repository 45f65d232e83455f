import { describe, expect, it } from "vitest";
import { createI18n, detectLanguage, initialLanguage } from ".";
import { resources } from "./resources";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Keys with their plural suffix removed: languages have different plural forms of one key. */
function baseKeys(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((k) => k.replace(PLURAL_SUFFIX, "")));
}

/** Each plural key's forms, sorted (e.g. `errors.rateLimited` → ["one", "other"]). */
function pluralForms(keys: Iterable<string>): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const key of keys) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match?.[1]) continue;
    const base = key.slice(0, match.index);
    forms.set(base, [...(forms.get(base) ?? []), match[1]].sort());
  }
  return forms;
}

const reference = flatten(resources.en as Tree);

describe("translations", () => {
  for (const language of ["fr", "ar"] as const) {
    it(`${language} has exactly the keys of en, none empty`, () => {
      const keys = flatten(resources[language] as Tree);
      const ours = baseKeys(keys.keys());
      const theirs = baseKeys(reference.keys());
      const missing = [...theirs].filter((k) => !ours.has(k));
      const extra = [...ours].filter((k) => !theirs.has(k));
      const empty = [...keys].filter(([, v]) => v.trim() === "").map(([k]) => k);
      expect({ missing, extra, empty }).toEqual({ missing: [], extra: [], empty: [] });
    });
  }

  for (const language of ["en", "fr", "ar"] as const) {
    it(`${language} gives every plural key exactly the forms the language has`, () => {
      const expected = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
      const forms = pluralForms(flatten(resources[language] as Tree).keys());
      expect(forms.size).toBeGreaterThan(0);
      for (const [key, got] of forms) expect({ key, forms: got }).toEqual({ key, forms: expected });
    });
  }

  it("en has no empty strings", () => {
    expect([...reference].filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("Arabic text is actually Arabic (no English copied over)", () => {
    const ar = flatten(resources.ar as Tree);
    const notArabic = [...ar].filter(([, v]) => !/[\u0600-\u06FF]/.test(v)).map(([k]) => k);
    expect(notArabic).toEqual([]);
  });
});

describe("names", () => {
  it("give the counter one name in the navigation and on its page, in every language", () => {
    for (const language of ["en", "fr", "ar"] as const) {
      const texts = resources[language] as unknown as { nav: { counter: string }; counter: { heading: string } };
      expect(texts.counter.heading, language).toBe(texts.nav.counter);
    }
  });
});

describe("language", () => {
  it("is taken from the first system locale we speak", () => {
    expect(detectLanguage(["ar-TN", "fr-FR"])).toBe("ar");
    expect(detectLanguage(["de-DE", "fr_FR.UTF-8"])).toBe("fr");
    expect(detectLanguage(["en-US"])).toBe("en");
  });

  it("on a first run, follows the system language the shell gave over the web view's", () => {
    window.localStorage.clear();
    window.__DHMAD_SYSTEM_LANGUAGE__ = "fr";
    try {
      // The web view reports English when the C library lacks the system's locale.
      expect(navigator.languages[0]?.startsWith("en") ?? true).toBe(true);
      expect(initialLanguage()).toBe("fr");
      window.localStorage.setItem("dhmad.language", "ar");
      expect(initialLanguage()).toBe("ar");
    } finally {
      delete window.__DHMAD_SYSTEM_LANGUAGE__;
      window.localStorage.clear();
    }
  });

  it("falls back to English when none matches", () => {
    expect(detectLanguage(["de-DE", "it"])).toBe("en");
    expect(detectLanguage([])).toBe("en");
  });

  it("sets dir=rtl and lang on <html> for Arabic, back to ltr for French", () => {
    createI18n("ar", resources);
    expect(document.documentElement.dir).toBe("rtl");
    expect(document.documentElement.lang).toBe("ar");
    createI18n("fr", resources);
    expect(document.documentElement.dir).toBe("ltr");
    expect(document.documentElement.lang).toBe("fr");
  });
});
