//! Domain events: what happened, typed. Webhook delivery consumes them from the event log.

use crate::store::{Kyc, Role, Status};
use serde::Serialize;

/// Proof lifecycle events (contract §3.5, webhook `escrow.proof.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProofEvent {
    /// Funded; seller must upload.
    Required,
    /// Seller uploaded.
    Submitted,
    /// Buyer asked for a better proof.
    CorrectionRequested,
    /// Buyer accepted.
    Accepted,
    /// Review deadline passed.
    AcceptedByTimeout,
    /// Sent to DHMAD staff.
    NeedsReview,
    /// Upload deadline passed.
    Expired,
}

/// Something that changed. Escrow events carry the escrow id; the log adds a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DomainEvent {
    /// Status transition.
    StatusChanged {
        /// Escrow id.
        escrow: String,
        /// Previous status.
        old: Status,
        /// New status.
        new: Status,
    },
    /// One contract signature.
    ContractSigned {
        /// Escrow id.
        escrow: String,
        /// Who signed.
        by: Role,
    },
    /// Buyer asked to cancel.
    CancellationRequested {
        /// Escrow id.
        escrow: String,
    },
    /// Seller refused.
    CancellationRejected {
        /// Escrow id.
        escrow: String,
    },
    /// Seller accepted (a `StatusChanged` to cancelled follows).
    CancellationAccepted {
        /// Escrow id.
        escrow: String,
    },
    /// Fields changed through `PUT /escrows/:id`.
    EscrowUpdated {
        /// Escrow id.
        escrow: String,
        /// Changed field names (camelCase).
        fields: Vec<String>,
    },
    /// Buyer rejected a delivery (a `StatusChanged` delivered→paid follows).
    DeliveryRejected {
        /// Escrow id.
        escrow: String,
    },
    /// Dispute ticket opened (no webhook is documented for it).
    DisputeOpened {
        /// Escrow id.
        escrow: String,
    },
    /// Proof lifecycle step.
    Proof {
        /// Escrow id.
        escrow: String,
        /// Which step.
        event: ProofEvent,
    },
    /// Identity verification decided.
    IdentityUpdated {
        /// Verification id.
        verification: String,
        /// Previous status.
        previous: Kyc,
        /// `sandbox`, `didit` or `admin_review`.
        source: String,
    },
    /// Identity verification attached to a registered user.
    IdentityLinked {
        /// Verification id.
        verification: String,
    },
}

impl DomainEvent {
    /// The webhook event type this maps to (`None`: no webhook exists for it).
    pub fn webhook_type(&self) -> Option<&'static str> {
        Some(match self {
            Self::StatusChanged { .. } => "escrow.status.updated",
            Self::ContractSigned { .. } => "contract.signed",
            Self::CancellationRequested { .. } => "escrow.cancellation.requested",
            Self::CancellationRejected { .. } => "escrow.cancellation.rejected",
            Self::CancellationAccepted { .. } => "escrow.cancellation.accepted",
            Self::EscrowUpdated { .. } => "escrow.updated",
            Self::DeliveryRejected { .. } => "escrow.delivery.rejected",
            Self::DisputeOpened { .. } => return None,
            Self::Proof { event, .. } => match event {
                ProofEvent::Required => "escrow.proof.required",
                ProofEvent::Submitted => "escrow.proof.submitted",
                ProofEvent::CorrectionRequested => "escrow.proof.correction_requested",
                ProofEvent::Accepted => "escrow.proof.accepted",
                ProofEvent::AcceptedByTimeout => "escrow.proof.accepted_by_timeout",
                ProofEvent::NeedsReview => "escrow.proof.needs_review",
                ProofEvent::Expired => "escrow.proof.expired",
            },
            Self::IdentityUpdated { .. } => "identity.verification.updated",
            Self::IdentityLinked { .. } => "identity.verification.linked",
        })
    }

    /// The escrow this event is about, if any.
    pub fn escrow_id(&self) -> Option<&str> {
        match self {
            Self::StatusChanged { escrow, .. }
            | Self::ContractSigned { escrow, .. }
            | Self::CancellationRequested { escrow }
            | Self::CancellationRejected { escrow }
            | Self::CancellationAccepted { escrow }
            | Self::EscrowUpdated { escrow, .. }
            | Self::DeliveryRejected { escrow }
            | Self::DisputeOpened { escrow }
            | Self::Proof { escrow, .. } => Some(escrow),
            Self::IdentityUpdated { .. } | Self::IdentityLinked { .. } => None,
        }
    }
}
