//! The escrow rules as pure functions over a book record: which party acts or is targeted,
//! what is refused locally, and what the UI offers ([`allowed_actions`]).
//!
//! A local refusal (no request sent) is only ever a documented rule: for the direct calls, the
//! preconditions their endpoint pages state (contract §2.8–2.11: update and cancel only while
//! pending; deliver by the seller of a paid escrow whose proof, if any, is accepted; reject a
//! delivery as the buyer of a delivered, undisputed escrow); for checkout sessions, the rules of
//! seed 003's table (`checkout_rules`). Everything else is sent and the server judges.

use serde::{Serialize, Serializer};

pub use super::record::Side;
use super::record::{email_of, is_proof_escrow, no, proof_phase, signed};
use crate::book::{EscrowMode, EscrowRecord, EscrowRole, EscrowStatus, SessionAction};
use crate::error::{MerchantError, Result};
use crate::roles::AssociatedUser;

/// One thing that can be done to an escrow: a direct API call, or a hosted checkout session
/// for a buyer or seller. Serialises as one string (`"deliver"`, `"accept_pay"`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EscrowAction {
    /// `PUT /escrows/:id`.
    Update,
    /// `POST /escrows/:id/deliver`.
    Deliver,
    /// `POST /escrows/:id/reject-delivery`.
    RejectDelivery,
    /// `POST /escrows/:id/cancel`.
    Cancel,
    /// `POST /escrows/:id/sessions` with this action.
    Checkout(SessionAction),
}

impl EscrowAction {
    /// `update`, `deliver`, `reject_delivery`, `cancel`, or the session action's name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Update => "update",
            Self::Deliver => "deliver",
            Self::RejectDelivery => "reject_delivery",
            Self::Cancel => "cancel",
            Self::Checkout(a) => a.as_str(),
        }
    }

    /// Whether this is a checkout-session action (the user acts on DHMAD's hosted page).
    pub fn is_checkout(&self) -> bool {
        matches!(self, Self::Checkout(_))
    }
}

impl Serialize for EscrowAction {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An action offered for one escrow, with the party who must act or be targeted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EscrowActionKind {
    /// The action.
    pub action: EscrowAction,
    /// Who acts (API) or is targeted (checkout).
    pub party: Side,
    /// For a checkout action: the e-mail to target (that party's), when the book knows it.
    pub target_email: Option<String>,
}

const CHECKOUT: [SessionAction; 10] = [
    SessionAction::SignContract,
    SessionAction::AcceptPay,
    SessionAction::Complete,
    SessionAction::Dispute,
    SessionAction::RequestCancellation,
    SessionAction::RejectCancellation,
    SessionAction::AcceptCancellation,
    SessionAction::CancelEscrow,
    SessionAction::SubmitProof,
    SessionAction::ReviewProof,
];

/// Every action the record's mode and status allow, each with its party. API actions that
/// need a given party (deliver: seller; reject delivery: buyer) are offered only when `me`
/// (or the record's stored role) is that party, or when who-is-who is unknown (the server then
/// judges). Checkout actions are offered whatever `me` is: the developer creates them for the
/// targeted party. Either-party checkout actions come once per party that can act (e.g. the
/// contract signature of each party who has not signed).
pub fn allowed_actions(record: &EscrowRecord, me: &AssociatedUser) -> Vec<EscrowActionKind> {
    let role = me.role_in(record).or_else(|| record.role.clone());
    let mut out = Vec::new();
    for action in [
        EscrowAction::Update,
        EscrowAction::Deliver,
        EscrowAction::RejectDelivery,
        EscrowAction::Cancel,
    ] {
        if let Ok(party) = check_state(record, &action)
            && check_actor(role.as_ref(), &action, party).is_ok()
        {
            out.push(EscrowActionKind {
                action,
                party,
                target_email: None,
            });
        }
    }
    for a in CHECKOUT {
        if !super::checkout_rules::offered(record, &a) {
            continue;
        }
        let action = EscrowAction::Checkout(a);
        let Ok(party) = check_state(record, &action) else {
            continue;
        };
        for side in sides(record, &action, party) {
            out.push(EscrowActionKind {
                action: action.clone(),
                party: side,
                target_email: email_of(record, side).map(str::to_owned),
            });
        }
    }
    out
}

/// The parties an either-party checkout action can target on this record.
fn sides(r: &EscrowRecord, action: &EscrowAction, party: Side) -> Vec<Side> {
    if party != Side::Either {
        return vec![party];
    }
    [Side::Seller, Side::Buyer]
        .into_iter()
        .filter(|s| {
            *action != EscrowAction::Checkout(SessionAction::SignContract) || !signed(r, *s)
        })
        .collect()
}

/// The mode/status rule of `action` on `r`: the party who acts, or the refusal.
pub(crate) fn check_state(r: &EscrowRecord, action: &EscrowAction) -> Result<Side> {
    match action {
        EscrowAction::Update => check_update(r),
        EscrowAction::Cancel => check_cancel(r),
        EscrowAction::Deliver => check_deliver(r),
        EscrowAction::RejectDelivery => check_reject_delivery(r),
        EscrowAction::Checkout(a) => super::checkout_rules::check(r, a),
    }
}

/// Update (§2.8): only a pending escrow; once paid, the buyer has paid for these terms.
fn check_update(r: &EscrowRecord) -> Result<Side> {
    let st = &r.status;
    if *st != EscrowStatus::Pending {
        return Err(no(
            "ESCROW_NOT_PENDING",
            format!("Only a pending escrow can be updated; this one is {st}."),
        ));
    }
    Ok(Side::Either)
}

/// Cancel (§2.11): only a pending escrow; a funded one is cancelled through a checkout session,
/// which the message points to.
fn check_cancel(r: &EscrowRecord) -> Result<Side> {
    let st = &r.status;
    match st {
        EscrowStatus::Pending => Ok(Side::Either),
        EscrowStatus::Paid | EscrowStatus::Delivered => Err(no(
            "CANCEL_NOT_PENDING",
            "Only pending escrows can be cancelled via API. For paid or delivered escrows, \
             buyers use a request_cancellation checkout session; sellers use a \
             cancel_escrow checkout session.",
        )),
        _ => Err(no(
            "CANCEL_NOT_PENDING",
            format!("Only a pending escrow can be cancelled; this one is {st}."),
        )),
    }
}

/// Deliver (§2.9, §3.5): the seller of a paid escrow, after the buyer (or the timeout) accepted
/// the purchase proof when there is one.
fn check_deliver(r: &EscrowRecord) -> Result<Side> {
    let st = &r.status;
    if *st != EscrowStatus::Paid {
        return Err(no(
            "ESCROW_NOT_PAID",
            format!("An escrow must be paid before it is marked delivered; this one is {st}."),
        ));
    }
    // A proof phase the book does not know is left to the server.
    if is_proof_escrow(r)
        && let Some(phase) = proof_phase(r)
        && !matches!(phase, "accepted" | "accepted_by_timeout")
    {
        return Err(no(
            "PROOF_NOT_ACCEPTED",
            format!(
                "The purchase proof must be accepted by the buyer (or by timeout) before \
                 the escrow is marked delivered; its phase is {phase}."
            ),
        ));
    }
    Ok(Side::Seller)
}

/// Reject delivery (§2.10): the buyer of a delivered escrow with no open dispute; an instant
/// escrow completes on delivery, so it has none to reject.
fn check_reject_delivery(r: &EscrowRecord) -> Result<Side> {
    let st = &r.status;
    if r.mode == Some(EscrowMode::Instant) {
        return Err(no(
            "INSTANT_ESCROW_NO_DELIVERY_STEP",
            "An instant escrow completes on delivery; there is no delivery to reject.",
        ));
    }
    if *st != EscrowStatus::Delivered {
        return Err(no(
            "ESCROW_NOT_DELIVERED",
            format!("Only a delivered escrow's delivery can be rejected; this one is {st}."),
        ));
    }
    if r.dispute_ticket_id.is_some() {
        return Err(no(
            "DISPUTE_OPEN",
            "Delivery cannot be rejected while a dispute is open.",
        ));
    }
    Ok(Side::Buyer)
}

/// Refuses an API action the known role may not do (`None` role: the server judges).
pub(crate) fn check_actor(
    role: Option<&EscrowRole>,
    action: &EscrowAction,
    party: Side,
) -> Result<()> {
    let (needed, name) = match party {
        Side::Seller => (EscrowRole::Seller, "seller"),
        Side::Buyer => (EscrowRole::Buyer, "buyer"),
        Side::Either => return Ok(()),
    };
    match role {
        Some(r) if *r != needed => Err(MerchantError::not_allowed(
            if party == Side::Seller {
                "ONLY_SELLER"
            } else {
                "ONLY_BUYER"
            },
            format!(
                "Only the {name} can {}; on this escrow you are {}.",
                match action {
                    EscrowAction::Deliver => "mark it delivered",
                    EscrowAction::RejectDelivery => "reject its delivery",
                    _ => "do this",
                },
                match r {
                    EscrowRole::Seller => "the seller",
                    EscrowRole::Buyer => "the buyer",
                    _ => "neither seller nor buyer",
                }
            ),
        )),
        _ => Ok(()),
    }
}
