import { useCallback, useEffect, useState } from "react";
import type { ShareRequest } from "../../bindings/ShareRequest";
import type { ShareStatusEvent } from "../../bindings/ShareStatusEvent";
import type { ShareView } from "../../bindings/ShareView";
import { createShare, renewShare, SHARE_STATUS_EVENT, subscribe, watchShare } from "../../platform";

/** The link on screen and its live state. */
export interface ShareState {
  share: ShareView;
  status: string;
  escrowStatus: string | null;
  escrowTitle?: string | undefined;
}

/**
 * The share dialog's data: create (or show again) a checkout link, have the backend watch it, and
 * follow its `share://status` events. `onEscrowChanged` runs when a watched link changes the escrow.
 */
export function useShare(onEscrowChanged: (escrowId: string) => void) {
  const [state, setState] = useState<ShareState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sessionId = state?.share.session.sessionId ?? null;
  const escrowId = state?.share.session.escrowId ?? null;

  useEffect(() => {
    if (!sessionId) return undefined;
    return subscribe<ShareStatusEvent>(SHARE_STATUS_EVENT, (event) => {
      if (event.sessionId !== sessionId) return;
      setState((s) => (s ? { ...s, status: event.status, escrowStatus: event.escrowStatus ?? s.escrowStatus } : s));
      if (escrowId && event.escrowStatus) onEscrowChanged(escrowId);
    });
  }, [sessionId, escrowId, onEscrowChanged]);

  const show = useCallback((work: Promise<ShareView>, escrowTitle?: string, watch = true) => {
    setBusy(true);
    setError(null);
    return work
      .then((share) => {
        setState({ share, status: share.session.status, escrowStatus: null, escrowTitle });
        // The watcher reports on the event; failing to start it leaves the link usable.
        if (watch && share.session.status === "pending")
          watchShare(share.session.sessionId).catch((e: unknown) => setError(e));
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  }, []);

  return {
    state,
    busy,
    error,
    /** Creates a link for an action of contract §4.2. */
    create: (request: ShareRequest, escrowTitle?: string) => show(createShare(request), escrowTitle),
    /** Shows an existing link again (and watches it). */
    reopen: (id: string) => show(watchShare(id), undefined, false),
    /** Replaces the expired link on screen. */
    renew: () => (sessionId ? show(renewShare(sessionId), state?.escrowTitle) : Promise.resolve()),
    close: () => {
      setState(null);
      setError(null);
    },
  };
}
