import { App } from "../../App";
import type { ProfilesView } from "../../bindings/ProfilesView";
import { useFollowSystemTheme } from "../../shell/theme";
import { CustomerDisplay } from "./CustomerDisplay";

/** The hash the customer-display window opens with. */
export const CUSTOMER_HASH = "#customer";

/** Whether this window is the buyer's (the customer display). */
export function isCustomerWindow(): boolean {
  return window.location.hash === CUSTOMER_HASH;
}

/**
 * What a window shows: only the customer display in the buyer's window, else the whole app
 * (with the profiles when they were read before the first render).
 */
export function Root({ initialProfiles }: { initialProfiles?: ProfilesView | undefined }) {
  useFollowSystemTheme();
  return isCustomerWindow() ? <CustomerDisplay /> : <App initialProfiles={initialProfiles} />;
}
