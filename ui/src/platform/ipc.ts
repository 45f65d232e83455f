import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { BalanceView } from "../bindings/BalanceView";
import type { ChooseFileRequest } from "../bindings/ChooseFileRequest";
import type { ConnectionCheckView } from "../bindings/ConnectionCheckView";
import type { ConnectRequest } from "../bindings/ConnectRequest";
import type { CreateEscrowRequest } from "../bindings/CreateEscrowRequest";
import type { CreateOutcomeView } from "../bindings/CreateOutcomeView";
import type { CreateReconcileRequest } from "../bindings/CreateReconcileRequest";
import type { DashboardView } from "../bindings/DashboardView";
import type { EscrowDetailView } from "../bindings/EscrowDetailView";
import type { EscrowListRequest } from "../bindings/EscrowListRequest";
import type { EscrowPageView } from "../bindings/EscrowPageView";
import type { EscrowRequest } from "../bindings/EscrowRequest";
import type { EscrowActionRequest } from "../bindings/EscrowActionRequest";
import type { EscrowView } from "../bindings/EscrowView";
import type { FeePreviewRequest } from "../bindings/FeePreviewRequest";
import type { FeePreviewView } from "../bindings/FeePreviewView";
import type { OpenLinkRequest } from "../bindings/OpenLinkRequest";
import type { ProfileRequest } from "../bindings/ProfileRequest";
import type { ProfilesView } from "../bindings/ProfilesView";
import type { ProfileView } from "../bindings/ProfileView";
import type { SessionRequest } from "../bindings/SessionRequest";
import type { SettingsView } from "../bindings/SettingsView";
import type { ShareRequest } from "../bindings/ShareRequest";
import type { ShareView } from "../bindings/ShareView";
import type { SyncStatusView } from "../bindings/SyncStatusView";
import type { CounterSaleRequest } from "../bindings/CounterSaleRequest";
import type { CounterSalesView } from "../bindings/CounterSalesView";
import type { PastBuyerView } from "../bindings/PastBuyerView";
import type { PastBuyersRequest } from "../bindings/PastBuyersRequest";
import type { ReceiptView } from "../bindings/ReceiptView";
import type { SaleRequestId } from "../bindings/SaleRequestId";
import type { SaleView } from "../bindings/SaleView";
import type { ExportRequest } from "../bindings/ExportRequest";
import type { ExportView } from "../bindings/ExportView";
import type { KycIdRequest } from "../bindings/KycIdRequest";
import type { KycInviteOutcomeView } from "../bindings/KycInviteOutcomeView";
import type { KycInviteRequest } from "../bindings/KycInviteRequest";
import type { KycInviteView } from "../bindings/KycInviteView";
import type { KycListRequest } from "../bindings/KycListRequest";
import type { ReportRequest } from "../bindings/ReportRequest";
import type { ReportView } from "../bindings/ReportView";
import type { UiErrorReport } from "../bindings/UiErrorReport";
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
  create_escrow: { args: { request: CreateEscrowRequest }; result: CreateOutcomeView };
  create_reconcile: { args: { request: CreateReconcileRequest }; result: CreateOutcomeView };
  fee_preview: { args: { request: FeePreviewRequest }; result: FeePreviewView };
  escrow_action: { args: { request: EscrowActionRequest }; result: EscrowView };
  update_escrow: { args: { request: UpdateEscrowRequest }; result: EscrowView };
  create_share: { args: { request: ShareRequest }; result: ShareView };
  renew_share: { args: { request: SessionRequest }; result: ShareView };
  watch_share: { args: { request: SessionRequest }; result: ShareView };
  counter_start: { args: { request: CounterSaleRequest }; result: SaleView };
  counter_renew: { args: { request: SaleRequestId }; result: SaleView };
  counter_reconcile: { args: { request: SaleRequestId }; result: SaleView };
  counter_deliver: { args: { request: SaleRequestId }; result: SaleView };
  counter_cancel: { args: { request: SaleRequestId }; result: SaleView };
  counter_complete_link: { args: { request: SaleRequestId }; result: ShareView };
  counter_sales: { args: Record<string, never>; result: CounterSalesView };
  past_buyers: { args: { request: PastBuyersRequest }; result: PastBuyerView[] };
  receipt: { args: { request: SaleRequestId }; result: ReceiptView };
  kyc_invite: { args: { request: KycInviteRequest }; result: KycInviteOutcomeView };
  kyc_list: { args: { request: KycListRequest }; result: KycInviteView[] };
  kyc_refresh: { args: { request: KycIdRequest }; result: KycInviteView };
  report: { args: { request: ReportRequest }; result: ReportView };
  choose_export_file: { args: { request: ChooseFileRequest }; result: string | null };
  export_csv: { args: { request: ExportRequest }; result: ExportView };
  open_customer_display: { args: Record<string, never>; result: null };
  open_log_folder: { args: Record<string, never>; result: null };
  open_link: { args: { request: OpenLinkRequest }; result: null };
  check_connection: { args: Record<string, never>; result: ConnectionCheckView };
  report_ui_error: { args: { report: UiErrorReport }; result: null };
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
  "create_reconcile",
  "fee_preview",
  "escrow_action",
  "update_escrow",
  "create_share",
  "renew_share",
  "watch_share",
  "counter_start",
  "counter_renew",
  "counter_reconcile",
  "counter_deliver",
  "counter_cancel",
  "counter_complete_link",
  "counter_sales",
  "past_buyers",
  "receipt",
  "kyc_invite",
  "kyc_list",
  "kyc_refresh",
  "report",
  "choose_export_file",
  "export_csv",
  "open_customer_display",
  "open_log_folder",
  "open_link",
  "check_connection",
  "report_ui_error",
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
