//! Escrow actions, checkout links to share, and their live status.

use merchant_core::actions::{EscrowAction, EscrowActionKind, Side};
use merchant_core::book::{CheckoutSessionRecord, EscrowStatus, SessionAction, SessionStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A checkout link the detail screen offers, with the party it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareActionView {
    /// What the link lets its target do (contract §4.2).
    pub action: SessionAction,
    /// Whom the link is for.
    pub party: Side,
    /// The e-mail the link will be for, when the book knows it.
    pub target_email: Option<String>,
}

/// A direct call on an escrow the detail screen offers as a button (no checkout link).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DirectAction {
    /// Change a pending escrow (`update_escrow`).
    Update,
    /// Mark a paid escrow delivered.
    Deliver,
    /// Refuse a delivery, as the buyer.
    RejectDelivery,
    /// Cancel a pending escrow.
    Cancel,
}

/// Splits merchant-core's allowed actions into direct calls and checkout links.
pub fn split_actions(kinds: &[EscrowActionKind]) -> (Vec<DirectAction>, Vec<ShareActionView>) {
    let mut api = Vec::new();
    let mut share = Vec::new();
    for k in kinds {
        let direct = match &k.action {
            EscrowAction::Checkout(a) => {
                share.push(ShareActionView {
                    action: a.clone(),
                    party: k.party,
                    target_email: k.target_email.clone(),
                });
                continue;
            }
            EscrowAction::Update => DirectAction::Update,
            EscrowAction::Deliver => DirectAction::Deliver,
            EscrowAction::RejectDelivery => DirectAction::RejectDelivery,
            EscrowAction::Cancel => DirectAction::Cancel,
        };
        api.push(direct);
    }
    api.dedup();
    (api, share)
}

/// A direct action on an escrow.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowActionRequest {
    /// The escrow.
    pub id: String,
    /// Deliver, reject the delivery or cancel (an update goes through `update_escrow`).
    pub action: DirectAction,
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
    /// What the link will let its target do.
    pub action: SessionAction,
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
    pub session: CheckoutSessionRecord,
    /// The URL as an SVG QR code (black on white, quiet zone included).
    pub qr_svg: String,
}

/// A watched link's status changed (`share://status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareStatusEvent {
    /// The session.
    pub session_id: String,
    /// The link's new status.
    pub status: SessionStatus,
    /// The escrow's status after the change, when read.
    pub escrow_status: Option<EscrowStatus>,
}
