import type { AppInfo } from "../bindings/AppInfo";
import type { BalanceView } from "../bindings/BalanceView";
import type { ConnectRequest } from "../bindings/ConnectRequest";
import type { DashboardView } from "../bindings/DashboardView";
import type { EscrowDetailView } from "../bindings/EscrowDetailView";
import type { EscrowListRequest } from "../bindings/EscrowListRequest";
import type { EscrowPageView } from "../bindings/EscrowPageView";
import type { ProfilesView } from "../bindings/ProfilesView";
import type { ProfileView } from "../bindings/ProfileView";
import type { SyncStatusView } from "../bindings/SyncStatusView";
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

/** All profiles and the active one (`activeId: null` → onboarding). */
export function profilesList(): Promise<ProfilesView> {
  return invoke("profiles_list", {});
}

/** Starts the embedded simulator with sample data and opens the demo profile. */
export function startDemo(): Promise<ProfileView> {
  return invoke("start_demo", {});
}

/** Checks a key with DHMAD, stores it in the keychain and opens its profile. */
export function connectKey(request: ConnectRequest): Promise<ProfileView> {
  return invoke("connect_key", { request });
}

/** Makes another profile the active one. */
export function switchProfile(id: string): Promise<ProfilesView> {
  return invoke("switch_profile", { request: { id } });
}

/** Removes a profile and deletes its key from the keychain. */
export function removeProfile(id: string): Promise<ProfilesView> {
  return invoke("remove_profile", { request: { id } });
}

/** The dashboard's figures, from the local book. */
export function dashboard(): Promise<DashboardView> {
  return invoke("dashboard", {});
}

/** Starts a sync (progress arrives on the `sync://status` event). */
export function syncNow(): Promise<SyncStatusView> {
  return invoke("sync_now", {});
}

/** Where the sync stands. */
export function syncStatus(): Promise<SyncStatusView> {
  return invoke("sync_status", {});
}

/** Reads the balance from DHMAD again. */
export function refreshBalance(): Promise<BalanceView> {
  return invoke("refresh_balance", {});
}

/** One window of the escrow table. */
export function escrowsList(request: EscrowListRequest): Promise<EscrowPageView> {
  return invoke("escrows_list", { request });
}

/** Everything about one escrow. */
export function escrowDetail(id: string): Promise<EscrowDetailView> {
  return invoke("escrow_detail", { request: { id } });
}
