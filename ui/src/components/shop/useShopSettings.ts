import { useCallback, useEffect, useState } from "react";
import type { ProfilesView } from "../../bindings/ProfilesView";
import type { ProfileView } from "../../bindings/ProfileView";
import type { Settings } from "../../bindings/Settings";
import { profilesList, saveSettings } from "../../platform";

/** The profiles, the active one's settings, and a save that keeps them current. */
export function useShopSettings() {
  const [all, setAll] = useState<ProfilesView | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(() => {
    setError(null);
    profilesList()
      .then(setAll)
      .catch((e: unknown) => setError(e));
  }, []);
  useEffect(reload, [reload]);

  const active: ProfileView | null = all?.profiles.find((p) => p.id === all.activeId) ?? null;

  /** Saves new settings; resolves with the saved profile (rejects with the command's error). */
  const save = useCallback(async (settings: Settings): Promise<ProfileView> => {
    const saved = await saveSettings(settings);
    setAll((prev) => (prev ? { ...prev, profiles: prev.profiles.map((p) => (p.id === saved.id ? saved : p)) } : prev));
    return saved;
  }, []);

  return { all, setAll, active, settings: active?.settings ?? null, error, reload, save };
}
