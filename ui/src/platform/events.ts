import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { SyncStatusView } from "../bindings/SyncStatusView";

/** Stops listening. */
export type Unlisten = UnlistenFn;

/** The event the background sync sends its progress and its end on. */
export const SYNC_STATUS_EVENT = "sync://status";

/** The event a checkout-link watcher sends status changes on. */
export const SHARE_STATUS_EVENT = "share://status";

/**
 * Listens to a backend event and passes its payload to `handler`. Returns the function that stops
 * listening (call it when the component unmounts).
 */
export function onEvent<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  return listen<T>(event, (e) => handler(e.payload));
}

/** Sync progress and end. */
export function onSyncStatus(handler: (status: SyncStatusView) => void): Promise<Unlisten> {
  return onEvent<SyncStatusView>(SYNC_STATUS_EVENT, handler);
}

/**
 * Subscribes in an effect and returns the cleanup: unsubscribes even when the component unmounts
 * before `listen` resolved.
 */
export function subscribe<T>(event: string, handler: (payload: T) => void): () => void {
  let stop: Unlisten | null = null;
  let cancelled = false;
  onEvent<T>(event, handler)
    .then((unlisten) => {
      if (cancelled) unlisten();
      else stop = unlisten;
    })
    .catch(() => {
      // No event channel (e.g. a test without mocked events): nothing to stop.
    });
  return () => {
    cancelled = true;
    stop?.();
  };
}
