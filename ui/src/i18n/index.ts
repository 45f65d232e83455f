import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import ar from "./locales/ar.json";
import en from "./locales/en.json";
import arShop from "./locales/shop/ar.json";
import enShop from "./locales/shop/en.json";
import frShop from "./locales/shop/fr.json";
import fr from "./locales/fr.json";
import { systemLanguage } from "../platform/system";
import { detectLanguage, directionOf, isLanguage, type Language } from "./languages";

export * from "./languages";

/**
 * The translations, by language; English is the reference every other file must match. The
 * `shop/` files hold the counter, KYC, bookkeeping and settings screens (their own top-level
 * keys), kept apart so those screens and the rest can be translated independently.
 */
export const resources = {
  en: { ...en, ...enShop },
  fr: { ...fr, ...frShop },
  ar: { ...ar, ...arShop },
} as const;

const STORAGE_KEY = "dhmad.language";

/**
 * The language chosen earlier, else the system's (first run): as the shell read it from the
 * locale, then as the web view reports it (which falls back to English when the C library lacks
 * the system's locale, so it comes second).
 */
export function initialLanguage(): Language {
  const stored = readStoredLanguage();
  const shell = systemLanguage();
  const webview = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return stored ?? detectLanguage(shell ? [shell, ...webview] : webview);
}

function readStoredLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage disabled: behave as a first run
  }
}

/** Sets `lang` and `dir` on <html> so the whole layout (and CSS logical properties) follow. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** A ready i18next instance in `language`, bound to React. */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      en: { translation: resources.en },
      fr: { translation: resources.fr },
      ar: { translation: resources.ar },
    },
    lng: language,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyDocumentLanguage(language);
  return instance;
}

/** Switches the UI to `language`, remembers the choice and updates <html>. */
export async function changeLanguage(instance: I18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  applyDocumentLanguage(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage disabled: the choice lasts for this session only.
  }
}
