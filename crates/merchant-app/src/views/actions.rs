//! Escrow actions, checkout links to share, and their live status.

use merchant_core::actions::{EscrowAction, EscrowActionKind, Side};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::escrows::SessionView;

/// A checkout link the detail screen offers, with the party it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareActionView {
    /// A contract §4.2 action (`accept_pay`, `sign_contract`, `complete`, …).
    pub action: String,
    /// `buyer`, `seller` or `either`.
    pub party: String,
    /// The e-mail the link will be for, when the book knows it.
    pub target_email: Option<String>,
}

/// Splits merchant-core's allowed actions into direct calls (UI names: `update`, `deliver`,
/// `rejectDelivery`, `cancel`) and checkout links.
pub fn split_actions(kinds: &[EscrowActionKind]) -> (Vec<String>, Vec<ShareActionView>) {
    let mut api = Vec::new();
    let mut share = Vec::new();
    for k in kinds {
        match &k.action {
            EscrowAction::Checkout(a) => share.push(ShareActionView {
                action: a.as_str().to_owned(),
                party: side(k.party).to_owned(),
                target_email: k.target_email.clone(),
            }),
            EscrowAction::RejectDelivery => api.push("rejectDelivery".to_owned()),
            other => api.push(other.as_str().to_owned()),
        }
    }
    api.dedup();
    (api, share)
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Seller => "seller",
        Side::Buyer => "buyer",
        Side::Either => "either",
    }
}

/// A direct action on an escrow.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowActionRequest {
    /// The escrow.
    pub id: String,
    /// `deliver`, `rejectDelivery` or `cancel`.
    pub action: String,
    /// Why the delivery is rejected (optional).
    #[ts(optional)]
    pub reason: Option<String>,
}

/// Changes to a pending escrow (at least one field).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateEscrowRequest {
    /// The escrow.
    pub id: String,
    /// New title.
    #[ts(optional)]
    pub title: Option<String>,
    /// New description.
    #[ts(optional)]
    pub description: Option<String>,
    /// New amount in millimes.
    #[ts(optional)]
    pub amount: Option<i64>,
    /// New estimated delivery days.
    #[ts(optional)]
    pub estimated_delivery_days: Option<u32>,
}

/// "Share a checkout link" for an action of contract §4.2.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareRequest {
    /// The escrow.
    pub escrow_id: String,
    /// The action (`accept_pay`, `sign_contract`, …).
    pub action: String,
    /// Whom the link is for; absent: the party the action needs, from the book.
    #[ts(optional)]
    pub target_email: Option<String>,
}

/// Which checkout link.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionRequest {
    /// The session id.
    pub session_id: String,
}

/// A link ready to share: the session and its QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareView {
    /// The checkout session.
    pub session: SessionView,
    /// The URL as an SVG QR code (black on white, quiet zone included).
    pub qr_svg: String,
}

/// A watched link's status changed (`share://status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareStatusEvent {
    /// The session.
    pub session_id: String,
    /// `pending`, `completed`, `expired`, `cancelled`.
    pub status: String,
    /// The escrow's status after the change, when read.
    pub escrow_status: Option<String>,
}
