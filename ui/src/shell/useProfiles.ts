import { useCallback, useEffect, useRef, useState } from "react";
import type { ProfilesView } from "../bindings/ProfilesView";
import { saveSettings } from "../platform";
import type { Language } from "../i18n";
import { profilesList, switchProfile } from "../platform";

/**
 * The profiles, loaded at start (unless `initial` was read before the first render), and the
 * switch action that keeps them current.
 */
export function useProfiles(initial?: ProfilesView) {
  const [profiles, setProfiles] = useState<ProfilesView | null>(initial ?? null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    setError(null);
    profilesList()
      .then(setProfiles)
      .catch((e: unknown) => setError(e));
  }, []);
  const loadAtMount = useRef(initial === undefined);
  useEffect(() => {
    if (loadAtMount.current) reload();
  }, [reload]);

  const run = useCallback((action: Promise<ProfilesView>) => {
    setBusy(true);
    setError(null);
    return action
      .then((next) => {
        setProfiles(next);
        return next;
      })
      .catch((e: unknown) => {
        setError(e);
        return null;
      })
      .finally(() => setBusy(false));
  }, []);

  // Saves run one after the other, so the last language picked is the one kept.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  /**
   * Saves `language` into the active profile's settings, the way the settings screen saves them.
   * The settings are read again first so nothing saved meanwhile elsewhere (the settings screen
   * keeps its own copy) is overwritten with an older value.
   */
  const saveLanguage = useCallback((language: Language): Promise<void> => {
    const next = saving.current
      .catch(() => {})
      .then(async () => {
        const fresh = await profilesList();
        const active = fresh.profiles.find((p) => p.id === fresh.activeId);
        if (!active || active.settings.language === language) {
          setProfiles(fresh);
          return;
        }
        const saved = await saveSettings({ ...active.settings, language });
        setProfiles({ ...fresh, profiles: fresh.profiles.map((p) => (p.id === saved.id ? saved : p)) });
      });
    saving.current = next;
    return next;
  }, []);

  return {
    profiles,
    error,
    busy,
    reload,
    switchTo: (id: string) => run(switchProfile(id)),
    saveLanguage,
  };
}
