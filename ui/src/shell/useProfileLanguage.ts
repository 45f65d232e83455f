import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isLanguage, switchLanguage } from "../i18n";

/**
 * Makes the active profile's saved language the UI's once the profiles are loaded (and when
 * another profile becomes active). The first paint used the language remembered in this window's
 * storage only so the screen does not flash in another language while the profiles load.
 */
export function useProfileLanguage(saved: string | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    // Runs when the saved language changes, not on every language switch: a language picked on
    // the settings screen but not saved yet stays until it is saved or another profile opens.
    if (isLanguage(saved) && saved !== i18n.language) switchLanguage(i18n, saved);
  }, [saved, i18n]);
}
