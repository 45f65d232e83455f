// Generated from src-tauri/src/commands/list.rs by the bindings test. Do not edit.

import type { AppInfo } from "./AppInfo";
import type { BalanceView } from "./BalanceView";
import type { ChooseFileRequest } from "./ChooseFileRequest";
import type { ConnectRequest } from "./ConnectRequest";
import type { ConnectionCheckView } from "./ConnectionCheckView";
import type { CounterSaleRequest } from "./CounterSaleRequest";
import type { CounterSalesView } from "./CounterSalesView";
import type { CreateEscrowRequest } from "./CreateEscrowRequest";
import type { CreateOutcomeView } from "./CreateOutcomeView";
import type { CreateReconcileRequest } from "./CreateReconcileRequest";
import type { DashboardView } from "./DashboardView";
import type { DayView } from "./DayView";
import type { DrawerCloseRequest } from "./DrawerCloseRequest";
import type { DrawerMoveRequest } from "./DrawerMoveRequest";
import type { DrawerOpenRequest } from "./DrawerOpenRequest";
import type { EscrowActionRequest } from "./EscrowActionRequest";
import type { EscrowDetailView } from "./EscrowDetailView";
import type { EscrowListRequest } from "./EscrowListRequest";
import type { EscrowPageView } from "./EscrowPageView";
import type { EscrowRequest } from "./EscrowRequest";
import type { EscrowView } from "./EscrowView";
import type { ExportRequest } from "./ExportRequest";
import type { ExportView } from "./ExportView";
import type { FeePreviewRequest } from "./FeePreviewRequest";
import type { FeePreviewView } from "./FeePreviewView";
import type { KycIdRequest } from "./KycIdRequest";
import type { KycInviteOutcomeView } from "./KycInviteOutcomeView";
import type { KycInviteRequest } from "./KycInviteRequest";
import type { KycInviteView } from "./KycInviteView";
import type { KycListRequest } from "./KycListRequest";
import type { OpenLinkRequest } from "./OpenLinkRequest";
import type { PageMarks } from "./PageMarks";
import type { PastBuyerView } from "./PastBuyerView";
import type { PastBuyersRequest } from "./PastBuyersRequest";
import type { PrintKycRequest } from "./PrintKycRequest";
import type { PrintReceiptRequest } from "./PrintReceiptRequest";
import type { PrintReportRequest } from "./PrintReportRequest";
import type { PrintTestRequest } from "./PrintTestRequest";
import type { PrintedView } from "./PrintedView";
import type { ProfileRequest } from "./ProfileRequest";
import type { ProfileView } from "./ProfileView";
import type { ProfilesView } from "./ProfilesView";
import type { ReceiptView } from "./ReceiptView";
import type { RecordSaleRequest } from "./RecordSaleRequest";
import type { RecordedView } from "./RecordedView";
import type { RefundSaleRequest } from "./RefundSaleRequest";
import type { RefundedView } from "./RefundedView";
import type { ReportRequest } from "./ReportRequest";
import type { ReportView } from "./ReportView";
import type { SaleRequestId } from "./SaleRequestId";
import type { SaleView } from "./SaleView";
import type { SessionRequest } from "./SessionRequest";
import type { Settings } from "./Settings";
import type { ShareRequest } from "./ShareRequest";
import type { ShareView } from "./ShareView";
import type { SyncStatusView } from "./SyncStatusView";
import type { UiErrorReport } from "./UiErrorReport";
import type { UiReady } from "./UiReady";
import type { UpdateEscrowRequest } from "./UpdateEscrowRequest";
import type { ZCsvRequest } from "./ZCsvRequest";
import type { ZNumberRequest } from "./ZNumberRequest";
import type { ZReport } from "./ZReport";

/** Every app command, its argument and its answer. */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  ui_ready: { args: { marks: PageMarks }; result: UiReady };
  profiles_list: { args: Record<string, never>; result: ProfilesView };
  start_demo: { args: Record<string, never>; result: ProfileView };
  connect_key: { args: { request: ConnectRequest }; result: ProfileView };
  switch_profile: { args: { request: ProfileRequest }; result: ProfilesView };
  remove_profile: { args: { request: ProfileRequest }; result: ProfilesView };
  update_settings: { args: { settings: Settings }; result: ProfileView };
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
  past_buyers: { args: { request: PastBuyersRequest }; result: Array<PastBuyerView> };
  receipt: { args: { request: SaleRequestId }; result: ReceiptView };
  kyc_invite: { args: { request: KycInviteRequest }; result: KycInviteOutcomeView };
  kyc_list: { args: { request: KycListRequest }; result: Array<KycInviteView> };
  kyc_refresh: { args: { request: KycIdRequest }; result: KycInviteView };
  report: { args: { request: ReportRequest }; result: ReportView };
  export_csv: { args: { request: ExportRequest }; result: ExportView };
  open_link: { args: { request: OpenLinkRequest }; result: null };
  day_status: { args: Record<string, never>; result: DayView };
  record_sale: { args: { request: RecordSaleRequest }; result: RecordedView };
  refund_sale: { args: { request: RefundSaleRequest }; result: RefundedView };
  drawer_open: { args: { request: DrawerOpenRequest }; result: DayView };
  drawer_move: { args: { request: DrawerMoveRequest }; result: DayView };
  drawer_close: { args: { request: DrawerCloseRequest }; result: ZReport };
  z_report: { args: { request: ZNumberRequest }; result: ZReport | null };
  z_csv: { args: { request: ZCsvRequest }; result: null };
  print_receipt: { args: { request: PrintReceiptRequest }; result: PrintedView };
  print_day_report: { args: { request: PrintReportRequest }; result: PrintedView };
  print_kyc_slip: { args: { request: PrintKycRequest }; result: PrintedView };
  print_test: { args: { request: PrintTestRequest }; result: PrintedView };
  check_connection: { args: Record<string, never>; result: ConnectionCheckView };
  report_ui_error: { args: { report: UiErrorReport }; result: null };
  choose_export_file: { args: { request: ChooseFileRequest }; result: string | null };
  open_customer_display: { args: Record<string, never>; result: null };
  open_log_folder: { args: Record<string, never>; result: null };
}

/** The name of an app command. */
export type CommandName = keyof Commands;

/** Names of all commands. */
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
  "export_csv",
  "open_link",
  "day_status",
  "record_sale",
  "refund_sale",
  "drawer_open",
  "drawer_move",
  "drawer_close",
  "z_report",
  "z_csv",
  "print_receipt",
  "print_day_report",
  "print_kyc_slip",
  "print_test",
  "check_connection",
  "report_ui_error",
  "choose_export_file",
  "open_customer_display",
  "open_log_folder",
] as const satisfies readonly CommandName[];
