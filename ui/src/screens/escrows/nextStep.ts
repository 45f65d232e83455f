import type { EscrowView } from "../../bindings/EscrowView";
import type { NEXT_ACTION_CODES } from "../dashboard/NeedsActionList";
import { obj, str } from "./json";

/** One of the dashboard's "who must act" codes (`nextAction.*`). */
export type NextActionCode = (typeof NEXT_ACTION_CODES)[number];

/** What must happen next on an escrow, and by when when the contract gives a deadline. */
export interface NextStep {
  code: NextActionCode;
  /** ISO time the step is due by (`expiresAt`, a proof deadline, `completionDeadline`). */
  deadline: string | null;
  /** Why the deadline matters: an unpaid escrow expires, an unconfirmed delivery completes. */
  consequence: "expires" | "completes" | null;
  /** When delivery is expected: payment plus the estimated delivery days (an estimate). */
  expected: Date | null;
}

const DAY_MS = 86_400_000;

function validTime(value: string | null | undefined): string | null {
  return value && !Number.isNaN(Date.parse(value)) ? value : null;
}

function step(
  code: NextActionCode,
  deadline: string | null = null,
  consequence: NextStep["consequence"] = null,
): NextStep {
  const due = validTime(deadline);
  return { code, deadline: due, consequence: due ? consequence : null, expected: null };
}

function expectedDelivery(e: EscrowView): Date | null {
  const paid = validTime(e.paidAt);
  if (paid === null || e.estimatedDeliveryDays === null) return null;
  return new Date(Date.parse(paid) + e.estimatedDeliveryDays * DAY_MS);
}

/** A pending escrow: signatures first (standard mode), then the buyer pays before it expires. */
function pendingStep(e: EscrowView, seller: boolean, buyer: boolean): NextStep {
  const signatures = e.signatures === null ? null : obj(e.signatures);
  if (e.row.mode === "standard" && signatures) {
    if (signatures.sellerSigned !== true) return step(seller ? "you_must_sign" : "seller_must_sign", e.expiresAt);
    if (signatures.buyerSigned !== true) return step(buyer ? "you_must_sign" : "buyer_must_sign", e.expiresAt);
  }
  return step(buyer ? "you_must_pay" : "buyer_must_pay", e.expiresAt, "expires");
}

/** A paid escrow: the proof steps of a proof escrow, else the seller delivers (no contract deadline). */
function paidStep(e: EscrowView, seller: boolean, buyer: boolean): NextStep {
  const proof = obj(e.proofInfo);
  switch (str(proof.phase)) {
    case "waiting_seller_proof":
    case "correction_requested":
      return step(seller ? "proof_to_upload" : "seller_must_upload_proof", str(proof.uploadDeadline));
    case "submitted_waiting_buyer_review":
      return step(buyer ? "you_must_review_proof" : "buyer_must_review_proof", str(proof.reviewDeadline));
    case "needs_dhmad_review":
      return step("dhmad_reviewing_proof");
    default:
      return { ...step(seller ? "you_must_deliver" : "seller_must_deliver"), expected: expectedDelivery(e) };
  }
}

/**
 * Who must act next on `e` and by when, as merchant-core's needs-action list decides it (an open
 * dispute, then a cancellation request, then the status); null once nothing is left to do.
 */
export function nextStep(e: EscrowView): NextStep | null {
  const { status, role } = e.row;
  const seller = role === "seller";
  const buyer = role === "buyer";
  if (status === "disputed" || e.row.disputeOpen) return step("dispute_open");
  const inFlight = status === "paid" || status === "delivered";
  if (inFlight && str(obj(e.cancellation).status) === "pending") {
    return step(seller ? "cancellation_requested_your_answer" : "cancellation_requested_seller_must_answer");
  }
  if (status === "pending") return pendingStep(e, seller, buyer);
  if (status === "paid") return paidStep(e, seller, buyer);
  if (status === "delivered")
    return step(buyer ? "you_must_confirm" : "buyer_must_confirm", e.completionDeadline, "completes");
  return null;
}

/**
 * A span of time in `locale`, to the two largest units ("2 days 4 hrs", "35 min"); never less
 * than a minute, so a countdown does not tick seconds.
 */
export function formatSpan(ms: number, locale: string): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const unit = (n: number, u: "day" | "hour" | "minute") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "short" }).format(n);
  let parts: string[];
  if (days > 0) parts = hours > 0 ? [unit(days, "day"), unit(hours, "hour")] : [unit(days, "day")];
  else if (hours > 0) parts = minutes > 0 ? [unit(hours, "hour"), unit(minutes, "minute")] : [unit(hours, "hour")];
  else parts = [unit(Math.max(1, minutes), "minute")];
  return new Intl.ListFormat(locale, { style: "narrow", type: "unit" }).format(parts);
}
