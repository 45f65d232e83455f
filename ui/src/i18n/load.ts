import type { Language } from "./languages";

/** One language's texts: its main file and its `shop/` file merged (their top-level keys differ). */
export type Translation = Record<string, unknown>;

/** Translations by language (an i18n instance starts with one, or all three in tests). */
export type Translations = Partial<Record<Language, Translation>>;

interface JsonModule {
  default: Translation;
}

/**
 * Each language's files as dynamic imports, so only the current language is in the first load.
 * The `shop/` files hold the counter, KYC, bookkeeping and settings screens, kept apart so those
 * screens and the rest can be translated independently.
 */
const LOADERS: Record<Language, () => Promise<[JsonModule, JsonModule]>> = {
  en: () => Promise.all([import("./locales/en.json"), import("./locales/shop/en.json")]),
  fr: () => Promise.all([import("./locales/fr.json"), import("./locales/shop/fr.json")]),
  ar: () => Promise.all([import("./locales/ar.json"), import("./locales/shop/ar.json")]),
};

/** Loads `language`'s texts (the module loader keeps them: a second load costs nothing). */
export async function loadTranslation(language: Language): Promise<Translation> {
  const [main, shop] = await LOADERS[language]();
  return { ...main.default, ...shop.default };
}

/** Fetches every language but `current` ahead of a switch; a failure shows at the switch. */
export function prefetchTranslations(current: Language): void {
  for (const language of Object.keys(LOADERS) as Language[]) {
    if (language !== current) loadTranslation(language).catch(() => undefined);
  }
}
