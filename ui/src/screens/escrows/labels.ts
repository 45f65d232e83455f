import type { TFunction } from "i18next";
import type { EscrowMode } from "../../bindings/EscrowMode";
import type { EscrowRole } from "../../bindings/EscrowRole";
import type { EscrowStatus } from "../../bindings/EscrowStatus";

/** Statuses of contract §3.1, each translated under `escrow.status.*`. */
export const STATUSES = [
  "pending",
  "paid",
  "delivered",
  "completed",
  "cancelled",
  "disputed",
] as const satisfies readonly EscrowStatus[];
/** Modes, each translated under `escrow.mode.*`. */
export const MODES = ["standard", "quick", "instant"] as const satisfies readonly EscrowMode[];
/** The merchant's part in an escrow, each translated under `escrow.role.*`. */
export const ROLES = ["seller", "buyer", "creator"] as const satisfies readonly EscrowRole[];

function known(list: readonly string[], value: string | null): value is string {
  return value !== null && list.includes(value);
}

/** A status as the merchant reads it (a status newer than the app shows as DHMAD sends it). */
export function statusLabel(t: TFunction, status: string): string {
  return known(STATUSES, status) ? t(`escrow.status.${status}`) : status;
}

/** A mode as the merchant reads it. */
export function modeLabel(t: TFunction, mode: string | null): string {
  if (mode === null) return t("common.none");
  return known(MODES, mode) ? t(`escrow.mode.${mode}`) : mode;
}

/** A role as the merchant reads it. */
export function roleLabel(t: TFunction, role: string | null): string {
  if (role === null) return t("common.none");
  return known(ROLES, role) ? t(`escrow.role.${role}`) : role;
}
