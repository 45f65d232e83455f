/** The hash the customer-display window opens with. */
export const CUSTOMER_HASH = "#customer";

/** Whether this window is the buyer's (the customer display). */
export function isCustomerWindow(): boolean {
  return window.location.hash === CUSTOMER_HASH;
}
