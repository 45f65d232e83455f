import { listen, type UnlistenFn } from "@tauri-apps/api/event";

/** Stops listening. */
export type Unlisten = UnlistenFn;

/**
 * Listens to a backend event and passes its payload to `handler`. Returns the function that stops
 * listening (call it when the component unmounts).
 */
export function onEvent<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  return listen<T>(event, (e) => handler(e.payload));
}
