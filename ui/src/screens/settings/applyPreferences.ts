import type { i18n as I18n } from "i18next";
import { changeLanguage, isLanguage } from "../../i18n";
import { applyTheme } from "../../shell/theme";

/** The key the shell keeps the chosen theme under (shell/theme.ts). */
const THEME_KEY = "dhmad.theme";

/** Applies a theme at once: `light`, `dark`, or `system` (follows the system from now on). */
export function applyThemeChoice(theme: string): void {
  if (theme === "light" || theme === "dark") {
    applyTheme(theme);
    try {
      window.localStorage.setItem(THEME_KEY, theme);
    } catch {
      // storage disabled: this session only
    }
    return;
  }
  try {
    window.localStorage.removeItem(THEME_KEY);
  } catch {
    // storage disabled
  }
  applyTheme(window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

/** Switches the UI language at once (with RTL for Arabic). */
export function applyLanguageChoice(i18n: I18n, language: string): void {
  if (isLanguage(language)) void changeLanguage(i18n, language);
}
