import type { i18n as I18n } from "i18next";
import type { ProfilesView } from "../bindings/ProfilesView";
import { createI18n, initialLanguage, isLanguage, type Language, loadTranslation } from "../i18n";

/** What the first render needs: the profiles (when they could be read) and the UI language. */
export interface Startup {
  initialProfiles: ProfilesView | undefined;
  language: Language;
  i18n: I18n;
}

/** The active profile's saved language: the first screen is drawn in it. */
function savedLanguage(profiles: ProfilesView | undefined): Language | undefined {
  const language = profiles?.profiles.find((p) => p.id === profiles.activeId)?.settings.language;
  return isLanguage(language) ? language : undefined;
}

/**
 * Waits for the profiles while the language this window remembered loads (it is the active
 * profile's unless another window changed it), then holds the active profile's language — and
 * only that one: the others load when the merchant switches.
 */
export async function prepareStart(profiles: Promise<ProfilesView | undefined>): Promise<Startup> {
  const remembered = initialLanguage();
  loadTranslation(remembered).catch(() => undefined); // started now, awaited below if it is the one
  const initialProfiles = await profiles;
  const language = savedLanguage(initialProfiles) ?? remembered;
  const translation = await loadTranslation(language).catch((error: unknown) => {
    console.error(`could not load the ${language} translations`, error);
    return {}; // keys on screen rather than a blank window
  });
  return { initialProfiles, language, i18n: createI18n(language, { [language]: translation }) };
}
