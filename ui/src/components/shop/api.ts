// Typed calls for the shop screens (counter, customer display, receipt, KYC, books, settings).
// They go through the platform's `invoke`, so nothing here imports @tauri-apps/* itself.
import type { CounterSaleRequest } from "../../bindings/CounterSaleRequest";
import type { CounterSalesView } from "../../bindings/CounterSalesView";
import type { EscrowListRequest } from "../../bindings/EscrowListRequest";
import type { EscrowPageView } from "../../bindings/EscrowPageView";
import type { ExportProgressView } from "../../bindings/ExportProgressView";
import type { ExportRequest } from "../../bindings/ExportRequest";
import type { ExportView } from "../../bindings/ExportView";
import type { KycInviteOutcomeView } from "../../bindings/KycInviteOutcomeView";
import type { KycInviteRequest } from "../../bindings/KycInviteRequest";
import type { KycInviteView } from "../../bindings/KycInviteView";
import type { PastBuyerView } from "../../bindings/PastBuyerView";
import type { ProfilesView } from "../../bindings/ProfilesView";
import type { ProfileView } from "../../bindings/ProfileView";
import type { ReceiptView } from "../../bindings/ReceiptView";
import type { ReportRequest } from "../../bindings/ReportRequest";
import type { ReportView } from "../../bindings/ReportView";
import type { SaleEventView } from "../../bindings/SaleEventView";
import type { SaleView } from "../../bindings/SaleView";
import type { SettingsView } from "../../bindings/SettingsView";
import type { ShareView } from "../../bindings/ShareView";
import { subscribe } from "../../platform/events";
import { invoke } from "../../platform/ipc";

/** Sale changes (paid, delivered, completed, cancelled, sessionExpired). */
export const SALE_EVENT = "sale://event";
/** CSV export progress. */
export const EXPORT_PROGRESS_EVENT = "export://progress";

/** "Charge": creates the escrow and its checkout link. */
export const counterStart = (request: CounterSaleRequest): Promise<SaleView> => invoke("counter_start", { request });
/** A new checkout link for a sale whose link expired. */
export const counterRenew = (saleId: string): Promise<SaleView> => invoke("counter_renew", { request: { saleId } });
/** Delivered (instant mode completes at once). */
export const counterDeliver = (saleId: string): Promise<SaleView> => invoke("counter_deliver", { request: { saleId } });
/** Cancels the pending escrow. */
export const counterCancel = (saleId: string): Promise<SaleView> => invoke("counter_cancel", { request: { saleId } });
/** Finds out whether an escrow whose creation answer was lost exists. */
export const counterReconcile = (saleId: string): Promise<SaleView> => invoke("counter_reconcile", { request: { saleId } });
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
export const kycInvite = (request: KycInviteRequest): Promise<KycInviteOutcomeView> => invoke("kyc_invite", { request });
/** Invites of one e-mail (asks DHMAD), or the book's latest. */
export const kycList = (email?: string): Promise<KycInviteView[]> =>
  invoke("kyc_list", { request: email ? { email } : {} });
/** One invite, read again from DHMAD. */
export const kycRefresh = (id: string): Promise<KycInviteView> => invoke("kyc_refresh", { request: { id } });
/** A period's books. */
export const report = (request: ReportRequest): Promise<ReportView> => invoke("report", { request });
/** Writes a period's escrows to a CSV file (progress on `export://progress`). */
export const exportCsv = (request: ExportRequest): Promise<ExportView> => invoke("export_csv", { request });
/** One window of the escrow table. */
export const escrowsWindow = (request: EscrowListRequest): Promise<EscrowPageView> => invoke("escrows_list", { request });
/** All profiles and the active one. */
export const profiles = (): Promise<ProfilesView> => invoke("profiles_list", {});
/** Saves the active profile's settings. */
export const saveSettings = (settings: SettingsView): Promise<ProfileView> => invoke("update_settings", { settings });
/** Makes another profile the active one. */
export const switchTo = (id: string): Promise<ProfilesView> => invoke("switch_profile", { request: { id } });
/** Removes a profile (and its key). */
export const removeOne = (id: string): Promise<ProfilesView> => invoke("remove_profile", { request: { id } });
/** Opens the folder holding the log files. */
export const openLogFolder = (): Promise<null> => invoke("open_log_folder", {});

/** Subscribes to sale changes; returns the cleanup for an effect. */
export const onSale = (handler: (event: SaleEventView) => void): (() => void) => subscribe(SALE_EVENT, handler);
/** Subscribes to export progress; returns the cleanup. */
export const onExportProgress = (handler: (progress: ExportProgressView) => void): (() => void) =>
  subscribe(EXPORT_PROGRESS_EVENT, handler);
