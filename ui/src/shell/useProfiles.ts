import { useCallback, useEffect, useState } from "react";
import type { ProfilesView } from "../bindings/ProfilesView";
import { profilesList, removeProfile, switchProfile } from "../platform";

/** The profiles, loaded at start, and the switch/remove actions that keep them current. */
export function useProfiles() {
  const [profiles, setProfiles] = useState<ProfilesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    setError(null);
    profilesList()
      .then(setProfiles)
      .catch((e: unknown) => setError(e));
  }, []);
  useEffect(reload, [reload]);

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

  return {
    profiles,
    error,
    busy,
    reload,
    switchTo: (id: string) => run(switchProfile(id)),
    remove: (id: string) => run(removeProfile(id)),
  };
}
