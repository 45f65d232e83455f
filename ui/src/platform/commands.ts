import type { AppInfo } from "../bindings/AppInfo";
import type { BalanceView } from "../bindings/BalanceView";
import type { ConnectionCheckView } from "../bindings/ConnectionCheckView";
import type { ConnectRequest } from "../bindings/ConnectRequest";
import type { CreateEscrowRequest } from "../bindings/CreateEscrowRequest";
import type { CreateOutcomeView } from "../bindings/CreateOutcomeView";
import type { DirectAction } from "../bindings/DirectAction";
import type { DashboardView } from "../bindings/DashboardView";
import type { EscrowDetailView } from "../bindings/EscrowDetailView";
import type { EscrowListRequest } from "../bindings/EscrowListRequest";
import type { EscrowPageView } from "../bindings/EscrowPageView";
import type { PageMarks } from "../bindings/PageMarks";
import type { EscrowView } from "../bindings/EscrowView";
import type { PendingCreateView } from "../bindings/PendingCreateView";
import type { ShareRequest } from "../bindings/ShareRequest";
import type { ShareView } from "../bindings/ShareView";
import type { UpdateEscrowRequest } from "../bindings/UpdateEscrowRequest";
import type { FeePreviewRequest } from "../bindings/FeePreviewRequest";
import type { FeePreviewView } from "../bindings/FeePreviewView";
import type { ProfilesView } from "../bindings/ProfilesView";
import type { ProfileView } from "../bindings/ProfileView";
import type { SyncStatusView } from "../bindings/SyncStatusView";
import type { UiErrorReport } from "../bindings/UiErrorReport";
import type { UiReady } from "../bindings/UiReady";
import type { CounterSaleRequest } from "../bindings/CounterSaleRequest";
import type { CounterSalesView } from "../bindings/CounterSalesView";
import type { ExportRequest } from "../bindings/ExportRequest";
import type { ExportView } from "../bindings/ExportView";
import type { KycInviteOutcomeView } from "../bindings/KycInviteOutcomeView";
import type { KycInviteRequest } from "../bindings/KycInviteRequest";
import type { KycInviteView } from "../bindings/KycInviteView";
import type { PastBuyerView } from "../bindings/PastBuyerView";
import type { ReceiptView } from "../bindings/ReceiptView";
import type { ReportRequest } from "../bindings/ReportRequest";
import type { ReportView } from "../bindings/ReportView";
import type { SaleView } from "../bindings/SaleView";
import type { Settings } from "../bindings/Settings";
import type { DayView } from "../bindings/DayView";
import type { DrawerCloseRequest } from "../bindings/DrawerCloseRequest";
import type { DrawerMoveRequest } from "../bindings/DrawerMoveRequest";
import type { DrawerOpenRequest } from "../bindings/DrawerOpenRequest";
import type { RecordSaleRequest } from "../bindings/RecordSaleRequest";
import type { RecordedView } from "../bindings/RecordedView";
import type { RefundSaleRequest } from "../bindings/RefundSaleRequest";
import type { RefundedView } from "../bindings/RefundedView";
import type { PrintedView } from "../bindings/PrintedView";
import type { PrintKycRequest } from "../bindings/PrintKycRequest";
import type { PrintReceiptRequest } from "../bindings/PrintReceiptRequest";
import type { PrintReportRequest } from "../bindings/PrintReportRequest";
import type { PrintTestRequest } from "../bindings/PrintTestRequest";
import type { ZCsvRequest } from "../bindings/ZCsvRequest";
import type { ZNumberRequest } from "../bindings/ZNumberRequest";
import type { ZReport } from "../bindings/ZReport";
import { asCommandError } from "./errors";
import { invoke } from "./ipc";

/** The app's name, version, build kind and folders. */
export function appInfo(): Promise<AppInfo> {
  return invoke("app_info", {});
}

/** Tells the shell the first screen is interactive, and when the page reached each step of its start
 * (the startup benchmark measures this). */
export function uiReady(marks: PageMarks): Promise<UiReady> {
  return invoke("ui_ready", { marks });
}

/** All profiles and the active one (`activeId: null` → onboarding). */
export function profilesList(): Promise<ProfilesView> {
  return invoke("profiles_list", {});
}

declare global {
  interface Window {
    /** `profilesList()`'s answer, asked for by index.html's early script before the modules loaded. */
    __DHMAD_EARLY_PROFILES__?: Promise<ProfilesView>;
  }
}

/**
 * The profiles index.html's early script already asked for, once: later calls, and pages without
 * that script (the dev server, tests), get `undefined` and ask themselves.
 */
export function takeEarlyProfiles(): Promise<ProfilesView> | undefined {
  const early = window.__DHMAD_EARLY_PROFILES__;
  delete window.__DHMAD_EARLY_PROFILES__;
  return early?.catch((error: unknown) => {
    throw asCommandError(error);
  });
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

/** Creates an escrow (checked with the API's rules first). A lost answer comes back `pending`: look it up with `createReconcile`, never create again. */
export function createEscrow(request: CreateEscrowRequest): Promise<CreateOutcomeView> {
  return invoke("create_escrow", { request });
}

/** Looks up, patiently, the escrow of a create whose answer was lost: the escrow, or `notCreated` once DHMAD clearly has not got it. */
export function createReconcile(pending: PendingCreateView): Promise<CreateOutcomeView> {
  return invoke("create_reconcile", { request: { pending } });
}

/** DHMAD's fee, the developer fee and the seller's net for an amount, before creating. */
export function feePreview(request: FeePreviewRequest): Promise<FeePreviewView> {
  return invoke("fee_preview", { request });
}

/** Deliver, reject the delivery, or cancel (only what the detail's `apiActions` allows). */
export function escrowAction(
  id: string,
  action: Exclude<DirectAction, "update">,
  reason?: string,
): Promise<EscrowView> {
  return invoke("escrow_action", { request: { id, action, ...(reason ? { reason } : {}) } });
}

/** Changes a pending escrow's title, description or amount. */
export function updateEscrow(request: UpdateEscrowRequest): Promise<EscrowView> {
  return invoke("update_escrow", { request });
}

/** Creates a checkout link (contract §4.2 action) for the right party, with its QR code. */
export function createShare(request: ShareRequest): Promise<ShareView> {
  return invoke("create_share", { request });
}

/** A new link replacing an expired one. */
export function renewShare(sessionId: string): Promise<ShareView> {
  return invoke("renew_share", { request: { sessionId } });
}

/** Watches a link; its changes arrive on the `share://status` event. */
export function watchShare(sessionId: string): Promise<ShareView> {
  return invoke("watch_share", { request: { sessionId } });
}

/** The active profile's connection check (Settings → "Check connection"; `dhmad doctor`). */
export function checkConnection(): Promise<ConnectionCheckView> {
  return invoke("check_connection", {});
}

/** Writes a screen's rendering failure to the app's log. */
export function reportUiError(report: UiErrorReport): Promise<null> {
  return invoke("report_ui_error", { report });
}

// --- Shop screens: the system save dialog for the CSV export. ---

/**
 * Asks where to save a file with the system's save dialog, starting from `defaultName`.
 * Resolves with the chosen path, or `null` when the merchant closed the dialog. The shell opens
 * the dialog itself and remembers the answer: an export is only ever written to a path chosen
 * there.
 */
export function saveFile(defaultName: string, filterName: string, extensions: string[]): Promise<string | null> {
  return invoke("choose_export_file", { request: { defaultName, filterName, extensions } });
}

// --- Shop screens: counter, customer display, receipt, KYC, books, settings. ---

/** "Charge": creates the escrow and its checkout link. */
export const counterStart = (request: CounterSaleRequest): Promise<SaleView> => invoke("counter_start", { request });
/** A new checkout link for a sale whose link expired. */
export const counterRenew = (saleId: string): Promise<SaleView> => invoke("counter_renew", { request: { saleId } });
/** Delivered (instant mode completes at once). */
export const counterDeliver = (saleId: string): Promise<SaleView> => invoke("counter_deliver", { request: { saleId } });
/** Cancels the pending escrow. */
export const counterCancel = (saleId: string): Promise<SaleView> => invoke("counter_cancel", { request: { saleId } });
/** Finds out whether an escrow whose creation answer was lost exists. */
export const counterReconcile = (saleId: string): Promise<SaleView> =>
  invoke("counter_reconcile", { request: { saleId } });
/** The buyer's `complete` link (quick mode). */
export const counterCompleteLink = (saleId: string): Promise<ShareView> =>
  invoke("counter_complete_link", { request: { saleId } });
/** Unfinished sales (to resume) and the latest ones. */
export const counterSales = (): Promise<CounterSalesView> => invoke("counter_sales", {});
/** Buyers seen before whose e-mail starts with `prefix`. */
export const pastBuyers = (prefix: string): Promise<PastBuyerView[]> => invoke("past_buyers", { request: { prefix } });
/** What a sale's receipt shows. */
export const receipt = (saleId: string): Promise<ReceiptView> => invoke("receipt", { request: { saleId } });
/** Opens the second window turned to the buyer. */
export const openCustomerDisplay = (): Promise<null> => invoke("open_customer_display", {});
/** Invites a person to verify their identity. */
export const kycInvite = (request: KycInviteRequest): Promise<KycInviteOutcomeView> =>
  invoke("kyc_invite", { request });
/** Invites of one e-mail (asks DHMAD), or the book's latest. */
export const kycList = (email?: string): Promise<KycInviteView[]> =>
  invoke("kyc_list", { request: email ? { email } : {} });
/** One invite, read again from DHMAD. */
export const kycRefresh = (id: string): Promise<KycInviteView> => invoke("kyc_refresh", { request: { id } });
/** A period's books. */
export const report = (request: ReportRequest): Promise<ReportView> => invoke("report", { request });
/** Writes a period's escrows to a CSV file (progress on `export://progress`). */
export const exportCsv = (request: ExportRequest): Promise<ExportView> => invoke("export_csv", { request });
/** Saves the active profile's settings. */
export const saveSettings = (settings: Settings): Promise<ProfileView> => invoke("update_settings", { settings });
/** Opens the folder holding the log files. */
export const openLogFolder = (): Promise<null> => invoke("open_log_folder", {});

// --- The shop's day: recorded sales, the drawer, X and Z reports (all local). ---

/** The methods, the open drawer, the day so far and the past closes. */
export const dayStatus = (): Promise<DayView> => invoke("day_status", {});
/** Records a sale paid another way than DHMAD; answers its receipt number and change. */
export const recordSale = (request: RecordSaleRequest): Promise<RecordedView> => invoke("record_sale", { request });
/** Refunds a recorded sale by its receipt number; answers the refund's own receipt number and the day. */
export const refundSale = (request: RefundSaleRequest): Promise<RefundedView> => invoke("refund_sale", { request });
/** Opens the drawer with a float. */
export const drawerOpen = (request: DrawerOpenRequest): Promise<DayView> => invoke("drawer_open", { request });
/** Cash paid into or out of the drawer. */
export const drawerMove = (request: DrawerMoveRequest): Promise<DayView> => invoke("drawer_move", { request });
/** Closes the drawer: the numbered Z. */
export const drawerClose = (request: DrawerCloseRequest): Promise<ZReport> => invoke("drawer_close", { request });
/** A past Z. */
export const zReport = (request: ZNumberRequest): Promise<ZReport | null> => invoke("z_report", { request });
/** Writes a Z as CSV to a path the save dialog gave. */
export const zCsv = (request: ZCsvRequest): Promise<null> => invoke("z_csv", { request });

// --- Receipt printers (ESC/POS thermal printers, no dialog). A `printer` error carries the sentence to show. ---

/** Prints a receipt on a thermal printer: a recorded sale or refund by `receiptNo`, or a counter sale by `saleId` (absent `printer`: the default one). */
export const printReceipt = (request: PrintReceiptRequest): Promise<PrintedView> =>
  invoke("print_receipt", { request });
/** Prints the X report of the open drawer (`z` absent) or that Z. */
export const printDayReport = (request: PrintReportRequest): Promise<PrintedView> =>
  invoke("print_day_report", { request });
/** Prints a KYC invite's slip with its QR, for a person at the counter. */
export const printKycSlip = (request: PrintKycRequest): Promise<PrintedView> => invoke("print_kyc_slip", { request });
/** Prints the calibration page on a printer not saved yet (Settings → Printers → Test print). */
export const printTest = (request: PrintTestRequest): Promise<PrintedView> => invoke("print_test", { request });
