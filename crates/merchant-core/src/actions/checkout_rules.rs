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

use super::record::{Side, email_of, is_proof_escrow, no, proof_phase, signed};
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
    use SessionAction as A;
    match a {
        A::SignContract => sign_contract(r),
        A::AcceptPay => accept_pay(r),
        A::Complete => complete(r),
        A::Dispute => dispute(r),
        A::RequestCancellation => request_cancellation(r),
        A::RejectCancellation | A::AcceptCancellation => answer_cancellation(r),
        A::CancelEscrow => cancel_escrow(r),
        A::SubmitProof => Ok(Side::Seller),
        A::ReviewProof => Ok(Side::Buyer),
        A::Unknown(name) => Err(MerchantError::InvalidInput(format!(
            "unknown checkout action `{name}`"
        ))),
    }
}

/// `sign_contract` (§4.3): only standard escrows have a contract; whether the target has
/// signed is judged with the target ([`resolve_target`]).
fn sign_contract(r: &EscrowRecord) -> Result<Side> {
    match r.mode {
        Some(EscrowMode::Quick) => Err(no(
            "QUICK_ESCROW_NO_CONTRACT",
            "A quick escrow has no contract to sign.",
        )),
        Some(EscrowMode::Instant) => Err(no(
            "INSTANT_ESCROW_NO_CONTRACT",
            "An instant escrow has no contract to sign.",
        )),
        _ => Ok(Side::Either),
    }
}

/// `accept_pay` (§4.3): an escrow is paid once.
fn accept_pay(r: &EscrowRecord) -> Result<Side> {
    let st = &r.status;
    match st {
        EscrowStatus::Paid | EscrowStatus::Delivered | EscrowStatus::Completed => Err(no(
            "PAYMENT_ALREADY_DONE",
            format!("Payment has already been made for this escrow (it is {st})."),
        )),
        _ => Ok(Side::Buyer),
    }
}

/// `complete` (§4.3): instant escrows complete on delivery, and a completed one has nothing
/// left to confirm.
fn complete(r: &EscrowRecord) -> Result<Side> {
    if r.mode == Some(EscrowMode::Instant) {
        return Err(no(
            "INSTANT_ESCROW_NO_COMPLETE_STEP",
            "An instant escrow completes when the seller delivers; the buyer has nothing to confirm.",
        ));
    }
    if r.status == EscrowStatus::Completed {
        return Err(no(
            "ESCROW_ALREADY_COMPLETED",
            "This escrow is already completed.",
        ));
    }
    Ok(Side::Buyer)
}

/// `dispute` (§4.3): one dispute per escrow.
fn dispute(r: &EscrowRecord) -> Result<Side> {
    if r.dispute_ticket_id.is_some() {
        return Err(no(
            "DISPUTE_ALREADY_OPENED",
            "A dispute is already open for this escrow.",
        ));
    }
    Ok(Side::Either)
}

/// For a pending escrow the merchant is pointed to the direct cancel (§2.11) instead.
fn cancel_directly_hint(st: &EscrowStatus) -> &'static str {
    if *st == EscrowStatus::Pending {
        " (cancel it directly instead)"
    } else {
        ""
    }
}

/// `request_cancellation` (§4.3): only for a paid or delivered escrow, and only once.
fn request_cancellation(r: &EscrowRecord) -> Result<Side> {
    let st = &r.status;
    if known_not_live(st) {
        return Err(no(
            "CANCELLATION_REQUEST_INVALID_STATUS",
            format!(
                "A cancellation is requested only for a paid or delivered escrow; this one \
                 is {st}{}.",
                cancel_directly_hint(st)
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

/// `accept_cancellation` / `reject_cancellation` (§4.3): there must be a request to answer.
fn answer_cancellation(r: &EscrowRecord) -> Result<Side> {
    // Only the buyer of a paid or delivered escrow can ask, so a pending escrow has no
    // request; otherwise the book may not know of one (not every answer carries it),
    // and only a request it knows to be answered already is refused.
    let answered = cancellation_status(r).is_some_and(|s| s != "pending");
    if r.status == EscrowStatus::Pending || answered {
        return Err(no(
            "NO_PENDING_CANCELLATION",
            "There is no pending cancellation request from the buyer to answer.",
        ));
    }
    Ok(Side::Seller)
}

/// `cancel_escrow` (§4.3): the session cancels a paid or delivered escrow; a pending one is
/// cancelled directly (§2.11).
fn cancel_escrow(r: &EscrowRecord) -> Result<Side> {
    let st = &r.status;
    if known_not_live(st) {
        return Err(no(
            "CANCEL_ESCROW_INVALID_STATUS",
            format!(
                "The cancel_escrow session is for a paid or delivered escrow; this one is \
                 {st}{}.",
                cancel_directly_hint(st)
            ),
        ));
    }
    Ok(Side::Seller)
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
        A::Unknown(_) => false,
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
    match target.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => check_given_target(r, a, party, t),
        None => default_target(r, a, party),
    }
}

/// Whether the book's e-mail `x` is `t` (addresses compare without case).
fn same_email(x: Option<&str>, t: &str) -> bool {
    x.is_some_and(|x| x.eq_ignore_ascii_case(t))
}

/// A given target (§4.3): a one-party action refuses anyone the book knows is not that party,
/// with the action's own code when the target is the other party; a signer who signed is
/// refused. Where the book does not know the party, the server judges.
fn check_given_target(r: &EscrowRecord, a: &SessionAction, party: Side, t: &str) -> Result<String> {
    let seller = email_of(r, Side::Seller);
    let buyer = email_of(r, Side::Buyer);
    match party {
        Side::Buyer if buyer.is_some() && !same_email(buyer, t) => Err(no(
            if *a == SessionAction::RequestCancellation && same_email(seller, t) {
                "CANCELLATION_REQUEST_BUYER_ONLY"
            } else {
                "CHECKOUT_TARGET_NOT_BUYER"
            },
            format!(
                "Only the buyer ({}) can be sent a {a} session; {t} is not the buyer.",
                buyer.unwrap_or_default()
            ),
        )),
        Side::Seller if seller.is_some() && !same_email(seller, t) => Err(no(
            if *a == SessionAction::CancelEscrow && same_email(buyer, t) {
                "CANCEL_ESCROW_SELLER_ONLY"
            } else {
                "CHECKOUT_TARGET_NOT_SELLER"
            },
            format!(
                "Only the seller ({}) can be sent a {a} session; {t} is not the seller.",
                seller.unwrap_or_default()
            ),
        )),
        Side::Either => {
            let side = [(Side::Seller, seller), (Side::Buyer, buyer)]
                .into_iter()
                .find(|(_, e)| same_email(*e, t))
                .map(|(s, _)| s);
            if *a == SessionAction::SignContract && side.is_some_and(|s| signed(r, s)) {
                return Err(no(
                    "CONTRACT_ALREADY_SIGNED",
                    format!("{t} has already signed the contract."),
                ));
            }
            Ok(t.to_owned())
        }
        _ => Ok(t.to_owned()),
    }
}

/// No target given: a one-party action goes to that party's e-mail in the book; an
/// either-party action to the only party who can still act (a signer who signed cannot).
fn default_target(r: &EscrowRecord, a: &SessionAction, party: Side) -> Result<String> {
    if party != Side::Either {
        return email_of(r, party).map(str::to_owned).ok_or_else(|| {
            MerchantError::InvalidInput(format!(
                "the book does not know the {} e-mail of this escrow; give the target e-mail",
                if party == Side::Seller {
                    "seller's"
                } else {
                    "buyer's"
                }
            ))
        });
    }
    let signing = *a == SessionAction::SignContract;
    if signing && signed(r, Side::Either) {
        return Err(no(
            "CONTRACT_ALREADY_SIGNED",
            "Both parties have already signed the contract.",
        ));
    }
    let open: Vec<&str> = [Side::Seller, Side::Buyer]
        .into_iter()
        .filter(|s| !signing || !signed(r, *s))
        .filter_map(|s| email_of(r, s))
        .collect();
    match open[..] {
        [only] => Ok(only.to_owned()),
        _ => Err(MerchantError::InvalidInput(format!(
            "say whom the {a} session is for (the buyer's or the seller's e-mail)"
        ))),
    }
}
