import { useTranslation } from "react-i18next";
import { formattingLocale, isLanguage } from "../i18n";

/** The locale numbers and dates are formatted with, for the UI's current language. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return formattingLocale(isLanguage(i18n.language) ? i18n.language : "en");
}
