import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { createI18n, type Language } from "../i18n";

/** Renders `ui` with a fresh i18n instance in `language`. */
export function renderIn(language: Language, ui: ReactElement) {
  const i18n = createI18n(language);
  return { i18n, ...render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>) };
}
