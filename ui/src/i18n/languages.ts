import type { Language } from "../bindings/Language";

export type { Language };
/** The languages the app speaks (the Rust enum's, generated), in the order menus list them. */
export const LANGUAGES = ["ar", "fr", "en"] as const satisfies readonly Language[];

/** Each language's name in itself (what a language picker shows, whatever the UI language). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ar: "العربية",
  fr: "Français",
  en: "English",
};

/** Where a window remembers the language it was last shown in. */
export const LANGUAGE_STORAGE_KEY = "dhmad.language";

/** When the system prefers none of ours. */
export const FALLBACK_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the system's preferred locales (e.g. "ar-TN", "fr_FR") that we speak. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return FALLBACK_LANGUAGE;
}

/** Writing direction of a language. */
export function directionOf(language: Language): "rtl" | "ltr" {
  return language === "ar" ? "rtl" : "ltr";
}

/**
 * The locale numbers and dates are formatted with: Tunisian conventions for Arabic and French
 * (Western digits, "DT"/"د.ت."), day-first British conventions for English.
 */
export function formattingLocale(language: Language): string {
  switch (language) {
    case "ar":
      return "ar-TN";
    case "fr":
      return "fr-TN";
    case "en":
      return "en-GB";
  }
}
