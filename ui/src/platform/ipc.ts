import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { BalanceView } from "../bindings/BalanceView";
import type { ConnectRequest } from "../bindings/ConnectRequest";
import type { CreateEscrowRequest } from "../bindings/CreateEscrowRequest";
import type { DashboardView } from "../bindings/DashboardView";
import type { EscrowDetailView } from "../bindings/EscrowDetailView";
import type { EscrowListRequest } from "../bindings/EscrowListRequest";
import type { EscrowPageView } from "../bindings/EscrowPageView";
import type { EscrowRequest } from "../bindings/EscrowRequest";
import type { EscrowActionRequest } from "../bindings/EscrowActionRequest";
import type { EscrowView } from "../bindings/EscrowView";
import type { FeePreviewRequest } from "../bindings/FeePreviewRequest";
import type { FeePreviewView } from "../bindings/FeePreviewView";
import type { ProfileRequest } from "../bindings/ProfileRequest";
import type { ProfilesView } from "../bindings/ProfilesView";
import type { ProfileView } from "../bindings/ProfileView";
import type { SessionRequest } from "../bindings/SessionRequest";
import type { SettingsView } from "../bindings/SettingsView";
import type { ShareRequest } from "../bindings/ShareRequest";
import type { ShareView } from "../bindings/ShareView";
import type { SyncStatusView } from "../bindings/SyncStatusView";
import type { UiReady } from "../bindings/UiReady";
import type { UpdateEscrowRequest } from "../bindings/UpdateEscrowRequest";
import { asCommandError } from "./errors";

/**
 * Every app command, its arguments and its result. The names match `COMMANDS` in
 * src-tauri/src/commands/names.rs (a test checks it); argument and result types are the ones
 * generated from the Rust types.
 */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  ui_ready: { args: Record<string, never>; result: UiReady };
  profiles_list: { args: Record<string, never>; result: ProfilesView };
  start_demo: { args: Record<string, never>; result: ProfileView };
  connect_key: { args: { request: ConnectRequest }; result: ProfileView };
  switch_profile: { args: { request: ProfileRequest }; result: ProfilesView };
  remove_profile: { args: { request: ProfileRequest }; result: ProfilesView };
  update_settings: { args: { settings: SettingsView }; result: ProfileView };
  dashboard: { args: Record<string, never>; result: DashboardView };
  sync_now: { args: Record<string, never>; result: SyncStatusView };
  sync_status: { args: Record<string, never>; result: SyncStatusView };
  refresh_balance: { args: Record<string, never>; result: BalanceView };
  escrows_list: { args: { request: EscrowListRequest }; result: EscrowPageView };
  escrow_detail: { args: { request: EscrowRequest }; result: EscrowDetailView };
  create_escrow: { args: { request: CreateEscrowRequest }; result: EscrowView };
  fee_preview: { args: { request: FeePreviewRequest }; result: FeePreviewView };
  escrow_action: { args: { request: EscrowActionRequest }; result: EscrowView };
  update_escrow: { args: { request: UpdateEscrowRequest }; result: EscrowView };
  create_share: { args: { request: ShareRequest }; result: ShareView };
  renew_share: { args: { request: SessionRequest }; result: ShareView };
  watch_share: { args: { request: SessionRequest }; result: ShareView };
}

/** The name of an app command. */
export type CommandName = keyof Commands;

/** Names of all commands, for checks against the Rust list. */
export const COMMAND_NAMES = [
  "app_info",
  "ui_ready",
  "profiles_list",
  "start_demo",
  "connect_key",
  "switch_profile",
  "remove_profile",
  "update_settings",
  "dashboard",
  "sync_now",
  "sync_status",
  "refresh_balance",
  "escrows_list",
  "escrow_detail",
  "create_escrow",
  "fee_preview",
  "escrow_action",
  "update_escrow",
  "create_share",
  "renew_share",
  "watch_share",
] as const satisfies readonly CommandName[];

/**
 * Calls a command with typed arguments and result. Rejects with a `CommandError` (never a bare
 * string or an unknown value).
 */
export async function invoke<C extends CommandName>(
  command: C,
  args: Commands[C]["args"],
): Promise<Commands[C]["result"]> {
  try {
    return await tauriInvoke<Commands[C]["result"]>(command, args);
  } catch (error) {
    throw asCommandError(error);
  }
}
