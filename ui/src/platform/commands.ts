import type { AppInfo } from "../bindings/AppInfo";
import type { UiReady } from "../bindings/UiReady";
import { invoke } from "./ipc";

/** The app's name, version, build kind and folders. */
export function appInfo(): Promise<AppInfo> {
  return invoke("app_info", {});
}

/** Tells the shell the first screen is interactive (the startup benchmark measures this). */
export function uiReady(): Promise<UiReady> {
  return invoke("ui_ready", {});
}
