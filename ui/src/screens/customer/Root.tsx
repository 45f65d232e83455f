import { App } from "../../App";
import { useFollowSystemTheme } from "../../shell/theme";
import { CustomerDisplay } from "./CustomerDisplay";

/** The hash the customer-display window opens with. */
export const CUSTOMER_HASH = "#customer";

/** What a window shows: only the customer display in the buyer's window, else the whole app. */
export function Root() {
  useFollowSystemTheme();
  return window.location.hash === CUSTOMER_HASH ? <CustomerDisplay /> : <App />;
}
