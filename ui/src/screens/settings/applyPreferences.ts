import type { i18n as I18n } from "i18next";
import { isLanguage, switchLanguage } from "../../i18n";
import { chooseTheme, isThemeChoice } from "../../shell/theme";

/** Applies a theme at once: `light`, `dark`, or `system` (follows the system from now on). */
export function applyThemeChoice(theme: string): void {
  if (isThemeChoice(theme)) chooseTheme(theme);
}

/** Switches the UI language at once (with RTL for Arabic). */
export function applyLanguageChoice(i18n: I18n, language: string): void {
  if (isLanguage(language)) switchLanguage(i18n, language);
}
