import type { SaleView } from "../../bindings/SaleView";

/** A counter sale as the backend sends it (test data). */
export function sale(over: Partial<SaleView> = {}): SaleView {
  return {
    saleId: "s1",
    state: "awaiting_payment",
    reference: "K7F3QXM2",
    amount: 12500,
    title: "Chéchia",
    buyerEmail: "amira@example.tn",
    mode: "instant",
    escrowId: "e1",
    sessionId: "cs1",
    checkoutUrl: "https://dhmad.tn/c/cs1",
    qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
    expiresAt: "2026-03-02T10:10:00Z",
    lastError: null,
    createdAt: "2026-03-02T10:00:00Z",
    ...over,
  };
}
