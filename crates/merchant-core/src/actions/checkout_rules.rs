//! Checkout-session rules (contract §4.2, §4.3), as two separate questions:
//!
//! - [`check`] and [`resolve_target`]: what is refused locally, with no request sent. Only the
//!   rules of seed 003's table, which the seed says is complete, and only when the book's record
//!   shows the rule applies; the rule code is the table's. Every other precondition (paying an
//!   unsigned contract, confirming before delivery, a target who is neither party, proof steps
//!   out of phase…) is the server's to judge: the request is sent and its `user_message` shown.
//! - [`offered`]: what the UI offers. There the lifecycle as we understand it (contract §3,
//!   §4.2, including its inferences) decides, so a merchant is not invited to share a step that
//!   cannot happen yet; but a step not offered is still sent when asked for.

use super::rules::{Side, email_of, is_proof_escrow, no, proof_phase, signed};
use crate::book::{EscrowMode, EscrowRecord, EscrowStatus, SessionAction};
use crate::error::{MerchantError, Result};

/// Paid or delivered: the statuses seed 003 names for the cancellation actions.
fn paid_or_delivered(st: &EscrowStatus) -> bool {
    matches!(st, EscrowStatus::Paid | EscrowStatus::Delivered)
}

/// A status that is known not to be paid or delivered (an unknown one is left to the server).
fn known_not_live(st: &EscrowStatus) -> bool {
    matches!(
        st,
        EscrowStatus::Pending | EscrowStatus::Completed | EscrowStatus::Cancelled
    )
}

/// The cancellation request's status as the book knows it (`None`: no request known).
fn cancellation_status(r: &EscrowRecord) -> Option<&str> {
    r.cancellation.as_ref()?.get("status")?.as_str()
}

/// The party `a` targets (contract §4.2), or the seed 003 rule that refuses it on `r`.
pub(crate) fn check(r: &EscrowRecord, a: &SessionAction) -> Result<Side> {
    use EscrowStatus as S;
    use SessionAction as A;
    let st = &r.status;
    match a {
        A::SignContract => {
            match r.mode {
                Some(EscrowMode::Quick) => {
                    return Err(no(
                        "QUICK_ESCROW_NO_CONTRACT",
                        "A quick escrow has no contract to sign.",
                    ));
                }
                Some(EscrowMode::Instant) => {
                    return Err(no(
                        "INSTANT_ESCROW_NO_CONTRACT",
                        "An instant escrow has no contract to sign.",
                    ));
                }
                _ => {}
            }
            // Whether the target has signed is judged with the target (`resolve_target`).
            Ok(Side::Either)
        }
        A::AcceptPay => match st {
            S::Paid | S::Delivered | S::Completed => Err(no(
                "PAYMENT_ALREADY_DONE",
                format!("Payment has already been made for this escrow (it is {st})."),
            )),
            _ => Ok(Side::Buyer),
        },
        A::Complete => {
            if r.mode == Some(EscrowMode::Instant) {
                return Err(no(
                    "INSTANT_ESCROW_NO_COMPLETE_STEP",
                    "An instant escrow completes when the seller delivers; the buyer has nothing to confirm.",
                ));
            }
            if *st == S::Completed {
                return Err(no(
                    "ESCROW_ALREADY_COMPLETED",
                    "This escrow is already completed.",
                ));
            }
            Ok(Side::Buyer)
        }
        A::Dispute => {
            if r.dispute_ticket_id.is_some() {
                return Err(no(
                    "DISPUTE_ALREADY_OPENED",
                    "A dispute is already open for this escrow.",
                ));
            }
            Ok(Side::Either)
        }
        A::RequestCancellation => {
            if known_not_live(st) {
                return Err(no(
                    "CANCELLATION_REQUEST_INVALID_STATUS",
                    format!(
                        "A cancellation is requested only for a paid or delivered escrow; this one \
                         is {st}{}.",
                        if *st == S::Pending {
                            " (cancel it directly instead)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
            if r.cancellation.is_some() {
                return Err(no(
                    "CANCELLATION_ALREADY_REQUESTED",
                    "A cancellation was already requested for this escrow (only one request is allowed).",
                ));
            }
            Ok(Side::Buyer)
        }
        A::RejectCancellation | A::AcceptCancellation => {
            // Only the buyer of a paid or delivered escrow can ask, so a pending escrow has no
            // request; otherwise the book may not know of one (not every answer carries it),
            // and only a request it knows to be answered already is refused.
            let answered = cancellation_status(r).is_some_and(|s| s != "pending");
            if *st == S::Pending || answered {
                return Err(no(
                    "NO_PENDING_CANCELLATION",
                    "There is no pending cancellation request from the buyer to answer.",
                ));
            }
            Ok(Side::Seller)
        }
        A::CancelEscrow => {
            if known_not_live(st) {
                return Err(no(
                    "CANCEL_ESCROW_INVALID_STATUS",
                    format!(
                        "The cancel_escrow session is for a paid or delivered escrow; this one is \
                         {st}{}.",
                        if *st == S::Pending {
                            " (cancel it directly instead)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
            Ok(Side::Seller)
        }
        A::SubmitProof => Ok(Side::Seller),
        A::ReviewProof => Ok(Side::Buyer),
        A::Other(name) => Err(MerchantError::InvalidInput(format!(
            "unknown checkout action `{name}`"
        ))),
    }
}

/// Whether the UI offers `a` on `r`: the step can happen now as the lifecycle goes (contract
/// §3, §4.2). Stricter than [`check`], which refuses only what seed 003 documents.
pub(crate) fn offered(r: &EscrowRecord, a: &SessionAction) -> bool {
    use EscrowStatus as S;
    use SessionAction as A;
    let st = &r.status;
    match a {
        A::SignContract => *st == S::Pending,
        // Both signatures come before payment (contract §4.2, inferred).
        A::AcceptPay => {
            *st == S::Pending
                && (r.mode != Some(EscrowMode::Standard)
                    || r.signatures.is_none()
                    || signed(r, Side::Either))
        }
        A::Complete => *st == S::Delivered,
        A::Dispute | A::CancelEscrow => paid_or_delivered(st),
        A::RequestCancellation => paid_or_delivered(st) && r.cancellation.is_none(),
        A::RejectCancellation | A::AcceptCancellation => {
            paid_or_delivered(st) && cancellation_status(r) == Some("pending")
        }
        A::SubmitProof => proof_step(r, &["waiting_seller_proof", "correction_requested"]),
        A::ReviewProof => proof_step(r, &["submitted_waiting_buyer_review"]),
        A::Other(_) => false,
    }
}

/// A paid proof escrow in one of `phases`.
fn proof_step(r: &EscrowRecord, phases: &[&str]) -> bool {
    is_proof_escrow(r)
        && r.status == EscrowStatus::Paid
        && proof_phase(r).is_some_and(|p| phases.contains(&p))
}

/// The e-mail a session for `a` targets: `target` when given, else that party's e-mail from the
/// book. A given target is refused locally only by seed 003's targeting rules (the other party,
/// or anyone but the one party the action needs), and a signer who has signed. An either-party
/// action (sign, dispute) without a target takes the only party who can act.
pub(crate) fn resolve_target(
    r: &EscrowRecord,
    a: &SessionAction,
    party: Side,
    target: Option<&str>,
) -> Result<String> {
    let target = target.map(str::trim).filter(|t| !t.is_empty());
    let seller = email_of(r, Side::Seller);
    let buyer = email_of(r, Side::Buyer);
    let same = |x: Option<&str>, t: &str| x.is_some_and(|x| x.eq_ignore_ascii_case(t));
    match (party, target) {
        (Side::Buyer, Some(t)) if buyer.is_some() && !same(buyer, t) => Err(no(
            if *a == SessionAction::RequestCancellation && same(seller, t) {
                "CANCELLATION_REQUEST_BUYER_ONLY"
            } else {
                "CHECKOUT_TARGET_NOT_BUYER"
            },
            format!(
                "Only the buyer ({}) can be sent a {a} session; {t} is not the buyer.",
                buyer.unwrap_or_default()
            ),
        )),
        (Side::Seller, Some(t)) if seller.is_some() && !same(seller, t) => Err(no(
            if *a == SessionAction::CancelEscrow && same(buyer, t) {
                "CANCEL_ESCROW_SELLER_ONLY"
            } else {
                "CHECKOUT_TARGET_NOT_SELLER"
            },
            format!(
                "Only the seller ({}) can be sent a {a} session; {t} is not the seller.",
                seller.unwrap_or_default()
            ),
        )),
        (Side::Either, Some(t)) => {
            let side = [(Side::Seller, seller), (Side::Buyer, buyer)]
                .into_iter()
                .find(|(_, e)| same(*e, t))
                .map(|(s, _)| s);
            if *a == SessionAction::SignContract && side.is_some_and(|s| signed(r, s)) {
                return Err(no(
                    "CONTRACT_ALREADY_SIGNED",
                    format!("{t} has already signed the contract."),
                ));
            }
            Ok(t.to_owned())
        }
        (_, Some(t)) => Ok(t.to_owned()),
        (Side::Either, None) if *a == SessionAction::SignContract && signed(r, Side::Either) => {
            Err(no(
                "CONTRACT_ALREADY_SIGNED",
                "Both parties have already signed the contract.",
            ))
        }
        (Side::Either, None) => {
            let open: Vec<&str> = [(Side::Seller, seller), (Side::Buyer, buyer)]
                .into_iter()
                .filter(|(s, _)| *a != SessionAction::SignContract || !signed(r, *s))
                .filter_map(|(_, e)| e)
                .collect();
            match open[..] {
                [only] => Ok(only.to_owned()),
                _ => Err(MerchantError::InvalidInput(format!(
                    "say whom the {a} session is for (the buyer's or the seller's e-mail)"
                ))),
            }
        }
        (side, None) => email_of(r, side).map(str::to_owned).ok_or_else(|| {
            MerchantError::InvalidInput(format!(
                "the book does not know the {} e-mail of this escrow; give the target e-mail",
                if side == Side::Seller {
                    "seller's"
                } else {
                    "buyer's"
                }
            ))
        }),
    }
}
