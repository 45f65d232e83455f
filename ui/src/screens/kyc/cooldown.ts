import type { KycInviteView } from "../../bindings/KycInviteView";

/** DHMAD resends an invite e-mail at most this often. */
export const RESEND_COOLDOWN_MS = 5 * 60 * 1000;

/**
 * When a new invite to `email` is allowed, from the invites known: five minutes after the last
 * e-mail of a pending invite. `null` when nothing holds it back at `now`.
 */
export function resendAllowedAt(invites: readonly KycInviteView[], email: string, now: number): Date | null {
  const wanted = email.trim().toLowerCase();
  const last = invites
    .filter((i) => i.email.toLowerCase() === wanted && i.status === "pending")
    .map((i) => Date.parse(i.emailSentAt ?? i.createdAt))
    .filter((t) => !Number.isNaN(t))
    .reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  if (!Number.isFinite(last) || now >= last + RESEND_COOLDOWN_MS) return null;
  return new Date(last + RESEND_COOLDOWN_MS);
}
