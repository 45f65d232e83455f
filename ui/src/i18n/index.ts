import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { systemLanguage } from "../platform/system";
import { detectLanguage, directionOf, isLanguage, LANGUAGE_STORAGE_KEY, type Language } from "./languages";
import { loadTranslation, type Translations } from "./load";

export * from "./languages";
export { loadTranslation, prefetchTranslations, type Translation, type Translations } from "./load";

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
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
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

/**
 * A ready i18next instance in `language`, bound to React, holding the translations given (which
 * must include `language`'s); the others are loaded when the UI switches to them.
 */
export function createI18n(language: Language, translations: Translations): I18n {
  const instance = i18next.createInstance();
  const resources: Record<string, { translation: object }> = {};
  for (const [name, translation] of Object.entries(translations)) resources[name] = { translation };
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyDocumentLanguage(language);
  return instance;
}

/**
 * The language each instance was last asked to switch to (a slower load must not win), by its
 * store: `useTranslation` hands out wrappers of the instance, which share it.
 */
const requested = new WeakMap<I18n["store"], Language>();

/**
 * Switches the UI to `language` once its translations are loaded (so no screen shows raw keys),
 * remembers the choice and updates <html>. When another switch was asked for while this one's
 * translations loaded, the later one wins. A failed load keeps the current language and rejects.
 */
export async function changeLanguage(instance: I18n, language: Language): Promise<void> {
  requested.set(instance.store, language);
  if (!instance.hasResourceBundle(language, "translation")) {
    const translation = await loadTranslation(language);
    instance.addResourceBundle(language, "translation", translation);
  }
  if (requested.get(instance.store) !== language) return;
  await instance.changeLanguage(language);
  applyDocumentLanguage(language);
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage disabled: the choice lasts for this session only.
  }
}

/**
 * [`changeLanguage`] for a control's event: a language whose file cannot be loaded leaves the UI
 * in the current one (readable, the picker still showing it), and the failure goes to the console.
 */
export function switchLanguage(instance: I18n, language: Language): void {
  changeLanguage(instance, language).catch((error: unknown) => {
    console.error(`could not load the ${language} translations`, error);
  });
}
