import { App } from "../../App";
import type { ProfilesView } from "../../bindings/ProfilesView";
import { useFollowSystemTheme } from "../../shell/theme";
import { isCustomerWindow } from "../../shell/windows";
import { CustomerDisplay } from "./CustomerDisplay";

/**
 * What a window shows: only the customer display in the buyer's window, else the whole app
 * (with the profiles when they were read before the first render).
 */
export function Root({ initialProfiles }: { initialProfiles?: ProfilesView | undefined }) {
  useFollowSystemTheme();
  return isCustomerWindow() ? <CustomerDisplay /> : <App initialProfiles={initialProfiles} />;
}
