import { render } from "./testing-library";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { createI18n, type Language, type Translations } from "../i18n";
import { resources } from "../i18n/resources";

/**
 * Renders `ui` with a fresh i18n instance in `language`, holding every language (tests switch
 * synchronously) unless `translations` says which ones it starts with, as the app's start does.
 */
export function renderIn(language: Language, ui: ReactElement, translations: Translations = resources) {
  const i18n = createI18n(language, translations);
  return { i18n, ...render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>) };
}
