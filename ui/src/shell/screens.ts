import type { NavItem } from "./SideNav";

/**
 * The app's screens. Only screens that exist are listed; the navigation grows as they land
 * (counter, KYC invites, books, settings — their labels are already translated under `nav.*`).
 */
export type ScreenId =
  | "onboarding"
  | "dashboard"
  | "escrows"
  | "newEscrow"
  | "counter"
  | "day"
  | "kyc"
  | "books"
  | "settings";

/** Entries of the side navigation once a profile is open. */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: "dashboard", labelKey: "nav.dashboard", testId: "nav-dashboard" },
  { id: "escrows", labelKey: "nav.escrows", testId: "nav-escrows" },
  { id: "newEscrow", labelKey: "nav.newEscrow", testId: "nav-new-escrow" },
  { id: "counter", labelKey: "nav.counter", testId: "nav-counter" },
  { id: "day", labelKey: "nav.day", testId: "nav-day" },
  { id: "kyc", labelKey: "nav.kycInvites", testId: "nav-kyc" },
  { id: "books", labelKey: "nav.books", testId: "nav-books" },
  { id: "settings", labelKey: "nav.settings", testId: "nav-settings" },
];
