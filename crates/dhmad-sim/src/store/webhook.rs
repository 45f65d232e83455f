//! A developer's webhook endpoint (contract §2.17).

use crate::clock::Millis;
use serde::{Deserialize, Serialize};

/// Event types a webhook may subscribe to: the documented list plus the proof events (which
/// are delivered whatever the list says, see [`Webhook::wants`]).
pub const EVENT_TYPES: [&str; 17] = [
    "escrow.status.updated",
    "contract.signed",
    "escrow.cancellation.requested",
    "escrow.cancellation.rejected",
    "escrow.cancellation.accepted",
    "escrow.updated",
    "escrow.deposit_proof.rejected",
    "escrow.delivery.rejected",
    "identity.verification.updated",
    "identity.verification.linked",
    "escrow.proof.required",
    "escrow.proof.submitted",
    "escrow.proof.correction_requested",
    "escrow.proof.accepted",
    "escrow.proof.accepted_by_timeout",
    "escrow.proof.needs_review",
    "escrow.proof.expired",
];

/// A registered webhook endpoint with its delivery statistics.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Webhook {
    /// 24-hex id.
    pub id: String,
    /// Owning developer index.
    pub developer: usize,
    /// Where deliveries go (loopback only in the simulator).
    pub url: String,
    /// HMAC key, 64 hex characters.
    pub secret: String,
    /// Subscribed event types.
    pub events: Vec<String>,
    /// Deliveries are made only while active.
    pub is_active: bool,
    /// Creation time.
    pub created_at: Millis,
    /// Last change of url, events or state.
    pub updated_at: Millis,
    /// Last delivery attempt.
    pub last_triggered_at: Option<Millis>,
    /// HTTP status of the last attempt (`None` when it got no response).
    pub last_response_status: Option<u16>,
    /// Consecutive failed attempts.
    pub failure_count: u32,
}

impl Webhook {
    /// Whether an event of `kind` goes to this webhook: subscribed types, and the
    /// `escrow.proof.*` events always (the webhook API's list omits them while the QEwP guide
    /// tells integrators to expect them, contract §9.7).
    pub fn wants(&self, kind: &str) -> bool {
        self.is_active
            && (kind.starts_with("escrow.proof.") || self.events.iter().any(|e| e == kind))
    }
}
