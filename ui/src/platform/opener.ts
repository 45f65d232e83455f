import { openUrl } from "@tauri-apps/plugin-opener";
import { asCommandError } from "./errors";

/**
 * Opens a link (checkout, KYC, dashboard) in the system browser — never inside the app. The
 * opener's scope in the capability file limits which hosts are allowed.
 */
export async function openExternal(url: string): Promise<void> {
  try {
    await openUrl(url);
  } catch (error) {
    throw asCommandError(error);
  }
}
