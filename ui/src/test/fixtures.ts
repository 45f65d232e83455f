import type { DashboardView } from "../bindings/DashboardView";
import type { DirectAction } from "../bindings/DirectAction";
import type { EscrowRowView } from "../bindings/EscrowRowView";
import type { PrintingSettings } from "../bindings/PrintingSettings";
import type { ProfileView } from "../bindings/ProfileView";
import type { SyncStatusView } from "../bindings/SyncStatusView";
import type { Totals } from "../bindings/Totals";

/** Printing settings with no printer set up. */
export const noPrinters: PrintingSettings = {
  printers: [],
  defaultPrinter: null,
  autoPrint: false,
  kickDrawerOnCash: false,
  language: "fr",
};

/** A profile as the backend sends it. */
export function profile(over: Partial<ProfileView> = {}): ProfileView {
  return {
    id: "p1",
    displayName: "Boutique Carthage",
    environment: "demo",
    developerEmail: "dev@carthage.tn",
    companyName: "Carthage SARL",
    associatedUserEmail: "owner@carthage.tn",
    rateLimit: 100,
    settings: {
      redirectUrl: null,
      defaultSaleMode: "quick",
      shopName: "Boutique Carthage",
      receiptHeader: "",
      titlePresets: [],
      language: "fr",
      theme: "system",
      soundOnPaid: true,
      csvDelimiter: ";",
      tillId: "1",
      cashierName: "",
      customMethods: [],
      countWalletsAtClose: false,
      printing: noPrinters,
    },
    ...over,
  };
}

/** A sync state. */
export function syncState(over: Partial<SyncStatusView> = {}): SyncStatusView {
  return {
    running: false,
    phase: null,
    done: 0,
    total: 0,
    requests: 0,
    lastSyncAt: "2026-03-02T10:00:00Z",
    escrowCount: 300,
    lastError: null,
    shortfalls: [],
    unreadableCount: 0,
    unreadable: [],
    ...over,
  };
}

const noTotals: Totals = {
  count: 0,
  cancelledCount: 0,
  completedCount: 0,
  gross: 0,
  escrowFee: 0,
  developerFee: 0,
  net: 0,
  completedNet: 0,
};

/** An escrow row. */
export function row(over: Partial<EscrowRowView> = {}): EscrowRowView {
  return {
    id: "e1",
    title: "Tapis berbère",
    status: "pending",
    mode: "quick",
    role: "seller",
    amount: 120000,
    currency: "TND",
    amountTnd: 120000,
    escrowFee: 6000,
    developerFee: 0,
    net: 114000,
    buyerEmail: "amira@example.tn",
    sellerEmail: null,
    createdAt: "2026-03-02T09:00:00Z",
    disputeOpen: false,
    ...over,
  };
}

const noBucket = { count: 0, amount: 0, net: 0 };

/** Nothing held for the merchant's sales. */
export const nothingComing = {
  held: noBucket,
  awaitingDelivery: noBucket,
  awaitingBuyer: noBucket,
  disputed: noBucket,
  cancellationRequested: noBucket,
  releasingSoon: noBucket,
};

/** A dashboard with nothing in it. */
export function emptyDashboard(over: Partial<DashboardView> = {}): DashboardView {
  return {
    balance: null,
    comingToYou: nothingComing,
    today: noTotals,
    month: noTotals,
    tillToday: [],
    needsAction: [],
    needsActionTotal: over.needsAction?.length ?? 0,
    sync: syncState({ escrowCount: 0 }),
    offline: false,
    ...over,
  };
}

/** A dashboard with figures. */
export function fullDashboard(over: Partial<DashboardView> = {}): DashboardView {
  return emptyDashboard({
    balance: { available: 1234500, pending: 50000, escrow: 300000, asOf: "2026-03-02T10:00:00Z" },
    today: { ...noTotals, count: 3, cancelledCount: 1, gross: 200000, escrowFee: 10000, net: 190000 },
    month: { ...noTotals, count: 40, gross: 5000000, escrowFee: 250000, developerFee: 5000, net: 4745000 },
    needsAction: [
      { escrow: row({ id: "e1", title: "Tapis berbère" }), nextAction: "buyer_must_pay", yourTurn: false },
      { escrow: row({ id: "e2", title: "Chéchia", status: "paid" }), nextAction: "you_must_deliver", yourTurn: true },
    ],
    sync: syncState(),
    ...over,
  });
}

/** A detail view: a paid quick escrow with history and one checkout link. */
export function detail(over: Record<string, unknown> = {}) {
  return {
    escrow: {
      row: row({
        id: "e7",
        title: "Tapis berbère",
        status: "paid",
        amountTnd: 120000,
        escrowFee: 6000,
        developerFee: 2000,
        net: 112000,
      }),
      description: "Laine, 2 × 3 m",
      seller: { email: "owner@carthage.tn", name: "Sami Ben Ali" },
      buyer: { email: "amira@example.tn", name: null },
      developerFeeBp: null,
      estimatedDeliveryDays: 3,
      expiresAt: null,
      paidAt: "2026-03-02T11:00:00Z",
      deliveredAt: null,
      completedAt: null,
      cancelledAt: null,
      completionDeadline: null,
      disputeTicket: "DHM-00042",
      signatures: { sellerSigned: true, buyerSigned: false },
      proofInfo: { phase: "waiting_seller_proof", uploadDeadline: "2026-03-03T11:00:00Z" },
      fulfillmentPolicy: null,
      deliveryRejections: null,
      cancellation: null,
      contractPdfUrl: "https://dhmad.tn/contracts/c1.pdf",
    },
    history: [
      { escrowId: "e7", oldStatus: null, newStatus: "pending", observedAt: "2026-03-02T09:00:00Z", source: "sync" },
      {
        escrowId: "e7",
        oldStatus: "pending",
        newStatus: "paid",
        observedAt: "2026-03-02T11:00:00.250Z",
        source: "watcher",
      },
    ],
    sessions: [
      {
        sessionId: "s1",
        escrowId: "e7",
        action: "accept_pay",
        targetEmail: "amira@example.tn",
        redirectUrl: "https://shop.example.tn/merci",
        url: "https://dhmad.tn/checkout/s1",
        expiresAt: "2026-03-02T09:30:00Z",
        status: "completed",
        completedAt: "2026-03-02T09:12:00Z",
        createdAt: "2026-03-02T09:00:00Z",
      },
    ],
    apiActions: [] as DirectAction[],
    shareActions: [] as Array<{ action: string; party: string; targetEmail: string | null }>,
    refundWay: "nothing" as "cancel" | "buyerCancellation" | "nothing",
    ...over,
  };
}
