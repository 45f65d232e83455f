import { invoke } from "./ipc";

/**
 * Opens a link (checkout, KYC, dashboard, or a `mailto:` to share one) in the system browser —
 * never inside the app. The app's `open_link` command checks the parsed URL (DHMAD or the running
 * demo simulator) before opening it; the webview has no opener permission of its own.
 */
export async function openExternal(url: string): Promise<void> {
  await invoke("open_link", { request: { url } });
}
