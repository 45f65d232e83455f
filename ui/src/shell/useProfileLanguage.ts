import { useContext, useEffect, useRef } from "react";
import { getI18n, I18nContext } from "react-i18next";
import { isLanguage, switchLanguage } from "../i18n";

/**
 * Makes the active profile's saved language the UI's when the profiles are loaded and when another
 * profile becomes active. The first paint used the language remembered in this window's storage
 * only so the screen does not flash in another language while the profiles load.
 *
 * A language saved into the same profile is left alone: the window saved it and shows it already.
 * Following each save would flash the UI back whenever a save lands after a newer pick.
 */
export function useProfileLanguage(profileId: string | undefined, saved: string | undefined): void {
  // The instance itself: `useTranslation` hands out a new wrapper of it after every switch.
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  const latest = useRef(saved);
  latest.current = saved;
  useEffect(() => {
    if (profileId === undefined) return;
    const language = latest.current;
    if (isLanguage(language) && language !== i18n.language) switchLanguage(i18n, language);
  }, [profileId, i18n]);
}
