//! Checkout-session rules (contract §4.2, §4.3): the status and mode each action needs, and
//! who may be targeted. Codes are the API's where it has one, else the simulator's (README
//! "Checkout sessions"), so a local refusal reads like the server's would.

use super::rules::{Side, email_of, is_proof_escrow, no, proof_phase, signed};
use crate::book::{EscrowMode, EscrowRecord, EscrowStatus, SessionAction};
use crate::error::{MerchantError, Result};

/// The status/mode rule of checkout action `a` on `r`: the party targeted, or the refusal.
pub(crate) fn check(r: &EscrowRecord, a: &SessionAction) -> Result<Side> {
    use EscrowStatus as S;
    use SessionAction as A;
    let st = &r.status;
    let paid_or_delivered = matches!(st, S::Paid | S::Delivered);
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
            if *st != S::Pending {
                return Err(no(
                    "ESCROW_NOT_PENDING",
                    format!(
                        "The contract is signed only while the escrow is pending; this one is {st}."
                    ),
                ));
            }
            if signed(r, Side::Either) {
                return Err(no(
                    "CONTRACT_ALREADY_SIGNED",
                    "Both parties have already signed the contract.",
                ));
            }
            Ok(Side::Either)
        }
        A::AcceptPay => match st {
            S::Pending => {
                if r.mode == Some(EscrowMode::Standard)
                    && r.signatures.is_some()
                    && !signed(r, Side::Either)
                {
                    return Err(no(
                        "CONTRACT_NOT_FULLY_SIGNED",
                        "Both parties must sign the contract before the buyer can pay.",
                    ));
                }
                Ok(Side::Buyer)
            }
            S::Cancelled => Err(no(
                "ESCROW_CANCELLED",
                "This escrow is cancelled; it can no longer be paid.",
            )),
            _ => Err(no(
                "PAYMENT_ALREADY_DONE",
                format!("Payment has already been made for this escrow (it is {st})."),
            )),
        },
        A::Complete => {
            if r.mode == Some(EscrowMode::Instant) {
                return Err(no(
                    "INSTANT_ESCROW_NO_COMPLETE_STEP",
                    "An instant escrow completes when the seller delivers; the buyer has nothing to confirm.",
                ));
            }
            match st {
                S::Delivered => Ok(Side::Buyer),
                S::Completed => Err(no(
                    "ESCROW_ALREADY_COMPLETED",
                    "This escrow is already completed.",
                )),
                _ => Err(no(
                    "ESCROW_NOT_DELIVERED",
                    format!("The buyer confirms only a delivered escrow; this one is {st}."),
                )),
            }
        }
        A::Dispute => {
            if !paid_or_delivered {
                return Err(no(
                    "DISPUTE_INVALID_STATUS",
                    format!(
                        "A dispute can be opened only on a paid or delivered escrow; this one is {st}."
                    ),
                ));
            }
            if r.dispute_ticket_id.is_some() {
                return Err(no(
                    "DISPUTE_ALREADY_OPENED",
                    "A dispute is already open for this escrow.",
                ));
            }
            Ok(Side::Either)
        }
        A::RequestCancellation => {
            if !paid_or_delivered {
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
            let pending = r
                .cancellation
                .as_ref()
                .map(|c| c.get("status").and_then(|s| s.as_str()) == Some("pending"));
            // The book may not know about the request (it has no field for it in every
            // response): then only the status is checked and the server judges the rest.
            if !paid_or_delivered || pending == Some(false) {
                return Err(no(
                    "NO_PENDING_CANCELLATION",
                    "There is no pending cancellation request from the buyer to answer.",
                ));
            }
            Ok(Side::Seller)
        }
        A::CancelEscrow => {
            if !paid_or_delivered {
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
        A::SubmitProof | A::ReviewProof => proof(r, a),
        A::Other(name) => Err(MerchantError::InvalidInput(format!(
            "unknown checkout action `{name}`"
        ))),
    }
}

fn proof(r: &EscrowRecord, a: &SessionAction) -> Result<Side> {
    if !is_proof_escrow(r) {
        return Err(no(
            "PROOF_NOT_REQUIRED",
            "This escrow does not require a purchase proof.",
        ));
    }
    let phase = proof_phase(r);
    let (side, phases, who) = if *a == SessionAction::SubmitProof {
        (
            Side::Seller,
            &["waiting_seller_proof", "correction_requested"][..],
            "the seller uploads a proof only while one is awaited",
        )
    } else {
        (
            Side::Buyer,
            &["submitted_waiting_buyer_review"][..],
            "the buyer reviews a proof only once one was submitted",
        )
    };
    if r.status != EscrowStatus::Paid || !phase.is_some_and(|p| phases.contains(&p)) {
        return Err(no(
            "PROOF_ACTION_NOT_AVAILABLE",
            format!(
                "Not now: {who} (escrow {}, proof phase {}).",
                r.status,
                phase.unwrap_or("none")
            ),
        ));
    }
    Ok(side)
}

/// The e-mail a session for `a` targets: `target` when given (checked against the party the
/// action needs), else that party's e-mail from the book. Either-party actions without a
/// target take the only party who can act (e.g. the one who has not signed yet).
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
            if *a == SessionAction::RequestCancellation {
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
            if *a == SessionAction::CancelEscrow {
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
            let side = if same(seller, t) {
                Side::Seller
            } else if same(buyer, t) {
                Side::Buyer
            } else if seller.is_some() && buyer.is_some() {
                return Err(no(
                    "CHECKOUT_TARGET_NOT_PARTY",
                    format!("{t} is neither the buyer nor the seller of this escrow."),
                ));
            } else {
                return Ok(t.to_owned());
            };
            if *a == SessionAction::SignContract && signed(r, side) {
                return Err(no(
                    "CONTRACT_ALREADY_SIGNED",
                    format!("{t} has already signed the contract."),
                ));
            }
            Ok(t.to_owned())
        }
        (_, Some(t)) => Ok(t.to_owned()),
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
