import type { NavItem } from "./SideNav";

/**
 * The app's screens. Only screens that exist are listed; the navigation grows as they land
 * (dashboard, counter, escrows, new escrow, KYC invites, books, settings — their labels are
 * already translated under `nav.*`).
 */
export type ScreenId = "onboarding";

/** Entries of the side navigation once a profile is open (none of those screens exist yet). */
export const NAV_ITEMS: readonly NavItem[] = [];
