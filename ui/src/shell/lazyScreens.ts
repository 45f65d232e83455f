import { lazyScreen } from "./lazyScreen";

// Every screen but the first ones (onboarding, dashboard): their code loads when first opened,
// or ahead of that once the first screen has painted (`preloadScreens`).
export const EscrowsScreen = lazyScreen(() => import("../screens/escrows/EscrowsScreen").then((m) => m.EscrowsScreen));
export const EscrowDetail = lazyScreen(() => import("../screens/escrows/EscrowDetail").then((m) => m.EscrowDetail));
export const NewEscrowForm = lazyScreen(() =>
  import("../screens/new-escrow/NewEscrowForm").then((m) => m.NewEscrowForm),
);
export const CounterScreen = lazyScreen(() => import("../screens/counter/CounterScreen").then((m) => m.CounterScreen));
export const DayScreen = lazyScreen(() => import("../screens/day/DayScreen").then((m) => m.DayScreen));
export const KycScreen = lazyScreen(() => import("../screens/kyc/KycScreen").then((m) => m.KycScreen));
export const BooksScreen = lazyScreen(() => import("../screens/books/BooksScreen").then((m) => m.BooksScreen));
export const SettingsScreen = lazyScreen(() =>
  import("../screens/settings/SettingsScreen").then((m) => m.SettingsScreen),
);
export const ShareDialog = lazyScreen(() => import("../screens/share/ShareDialog").then((m) => m.ShareDialog));

const ALL = [
  EscrowsScreen,
  EscrowDetail,
  NewEscrowForm,
  CounterScreen,
  DayScreen,
  KycScreen,
  BooksScreen,
  SettingsScreen,
  ShareDialog,
];

/** Loads every lazy screen's code, so a click never waits on the disk (settles when all did). */
export async function preloadScreens(): Promise<void> {
  await Promise.all(ALL.map((screen) => screen.preload()));
}
