import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { SyncStatusView } from "../bindings/SyncStatusView";
import type { ExportProgressView } from "../bindings/ExportProgressView";
import type { SaleEventView } from "../bindings/SaleEventView";

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
 * before `listen` resolved. `onListening` runs once events reach `handler` (or at once when there
 * is no event channel): a read done there misses nothing, since any later change comes as an event.
 */
export function subscribe<T>(event: string, handler: (payload: T) => void, onListening?: () => void): () => void {
  let stop: Unlisten | null = null;
  let cancelled = false;
  onEvent<T>(event, handler)
    .then((unlisten) => {
      if (cancelled) return unlisten();
      stop = unlisten;
      onListening?.();
    })
    .catch(() => {
      // No event channel (e.g. a test without mocked events): nothing to stop, nothing to miss.
      if (!cancelled) onListening?.();
    });
  return () => {
    cancelled = true;
    stop?.();
  };
}

/** Sale changes (paid, delivered, completed, cancelled, sessionExpired). */
export const SALE_EVENT = "sale://event";
/** CSV export progress. */
export const EXPORT_PROGRESS_EVENT = "export://progress";

/** Subscribes to sale changes; returns the cleanup for an effect. */
export const onSale = (handler: (event: SaleEventView) => void): (() => void) => subscribe(SALE_EVENT, handler);
/** Subscribes to export progress; returns the cleanup. */
export const onExportProgress = (handler: (progress: ExportProgressView) => void): (() => void) =>
  subscribe(EXPORT_PROGRESS_EVENT, handler);
