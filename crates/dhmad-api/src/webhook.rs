//! Webhooks, for merchants who run a server: signature check (contract §6.3) and typed events
//! (contract §6.5).

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Deserializer, Serialize};
use sha2::Sha256;

use crate::enums::WebhookEventType;
use crate::escrows::{
    CancellationRequest, Contract, DeliveryRejection, DepositProof, Escrow, Proof,
};
use crate::identity::IdentityVerification;

/// Checks `X-Webhook-Signature`: hex HMAC-SHA256 of the raw body with the webhook secret,
/// compared in constant time. Verify the bytes exactly as received, before parsing.
///
/// # Example
/// ```
/// let ok = dhmad_api::webhook::verify_signature("secret", br#"{"id":"1"}"#, "not-hex");
/// assert!(!ok);
/// ```
pub fn verify_signature(secret: &str, raw_body: &[u8], signature_hex: &str) -> bool {
    let Ok(expected) = hex::decode(signature_hex.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(raw_body);
    mac.verify_slice(&expected).is_ok()
}

/// A webhook delivery body `{id, type, timestamp, data}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WebhookEvent {
    /// Event id (UUID).
    pub id: String,
    /// Event type.
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
    /// Dispatch time.
    pub timestamp: DateTime<Utc>,
    /// Typed payload.
    pub data: WebhookData,
}

/// The typed `data` of an event. Unknown types, and payloads that do not match their type's
/// shape, are kept as [`WebhookData::Unknown`] rather than failing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum WebhookData {
    /// `escrow.status.updated` (the escrow carries `oldStatus`).
    EscrowStatusUpdated {
        /// The escrow after the change.
        escrow: Escrow,
    },
    /// `contract.signed`.
    ContractSigned {
        /// The contract with `signedBy`.
        contract: Contract,
        /// The escrow.
        escrow: Escrow,
    },
    /// `escrow.cancellation.requested` / `.rejected` / `.accepted`.
    Cancellation {
        /// The escrow.
        escrow: Escrow,
        /// The request.
        #[serde(rename = "cancellationRequest")]
        cancellation_request: CancellationRequest,
    },
    /// `escrow.updated`.
    EscrowUpdated {
        /// Changed field names.
        #[serde(rename = "updatedFields")]
        updated_fields: Vec<String>,
        /// The escrow.
        escrow: Escrow,
        /// New terms, when they changed.
        contract: Option<Contract>,
    },
    /// `escrow.deposit_proof.rejected`.
    DepositProofRejected {
        /// The escrow.
        escrow: Escrow,
        /// The rejected proof.
        #[serde(rename = "depositProof")]
        deposit_proof: DepositProof,
    },
    /// `escrow.delivery.rejected`.
    DeliveryRejected {
        /// The escrow (with `oldStatus`).
        escrow: Escrow,
        /// The rejection.
        #[serde(rename = "deliveryRejection")]
        delivery_rejection: DeliveryRejection,
    },
    /// `escrow.proof.*`.
    Proof {
        /// The escrow.
        escrow: Escrow,
        /// Proof state.
        proof: Proof,
    },
    /// `identity.verification.updated` / `.linked`.
    Identity(IdentityVerification),
    /// Anything else, verbatim.
    Unknown(serde_json::Value),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EscrowOnly {
    escrow: Escrow,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ContractSignedData {
    contract: Contract,
    escrow: Escrow,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CancellationData {
    escrow: Escrow,
    cancellation_request: CancellationRequest,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdatedData {
    #[serde(default)]
    updated_fields: Vec<String>,
    escrow: Escrow,
    #[serde(default)]
    contract: Option<Contract>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DepositData {
    escrow: Escrow,
    deposit_proof: DepositProof,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeliveryData {
    escrow: Escrow,
    delivery_rejection: DeliveryRejection,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProofData {
    escrow: Escrow,
    proof: Proof,
}

impl WebhookData {
    /// Decodes `data` by the event type.
    pub fn from_value(event_type: &WebhookEventType, data: serde_json::Value) -> Self {
        use WebhookEventType as T;
        fn typed<D: for<'de> Deserialize<'de>>(v: &serde_json::Value) -> Option<D> {
            D::deserialize(v).ok()
        }
        let decoded = match event_type {
            T::EscrowStatusUpdated => typed::<EscrowOnly>(&data)
                .map(|d| WebhookData::EscrowStatusUpdated { escrow: d.escrow }),
            T::ContractSigned => {
                typed::<ContractSignedData>(&data).map(|d| WebhookData::ContractSigned {
                    contract: d.contract,
                    escrow: d.escrow,
                })
            }
            T::CancellationRequested | T::CancellationRejected | T::CancellationAccepted => {
                typed::<CancellationData>(&data).map(|d| WebhookData::Cancellation {
                    escrow: d.escrow,
                    cancellation_request: d.cancellation_request,
                })
            }
            T::EscrowUpdated => typed::<UpdatedData>(&data).map(|d| WebhookData::EscrowUpdated {
                updated_fields: d.updated_fields,
                escrow: d.escrow,
                contract: d.contract,
            }),
            T::DepositProofRejected => {
                typed::<DepositData>(&data).map(|d| WebhookData::DepositProofRejected {
                    escrow: d.escrow,
                    deposit_proof: d.deposit_proof,
                })
            }
            T::DeliveryRejected => {
                typed::<DeliveryData>(&data).map(|d| WebhookData::DeliveryRejected {
                    escrow: d.escrow,
                    delivery_rejection: d.delivery_rejection,
                })
            }
            T::ProofRequired
            | T::ProofSubmitted
            | T::ProofCorrectionRequested
            | T::ProofAccepted
            | T::ProofAcceptedByTimeout
            | T::ProofNeedsReview
            | T::ProofExpired => typed::<ProofData>(&data).map(|d| WebhookData::Proof {
                escrow: d.escrow,
                proof: d.proof,
            }),
            T::IdentityVerificationUpdated | T::IdentityVerificationLinked => {
                typed::<IdentityVerification>(&data).map(WebhookData::Identity)
            }
            T::Unknown(_) => None,
        };
        decoded.unwrap_or(WebhookData::Unknown(data))
    }
}

impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            id: String,
            #[serde(rename = "type")]
            event_type: WebhookEventType,
            timestamp: DateTime<Utc>,
            #[serde(default)]
            data: serde_json::Value,
        }
        let raw = Raw::deserialize(deserializer)?;
        let data = WebhookData::from_value(&raw.event_type, raw.data);
        Ok(WebhookEvent {
            id: raw.id,
            event_type: raw.event_type,
            timestamp: raw.timestamp,
            data,
        })
    }
}

/// Verifies the signature, then parses the event. `None` when the signature is wrong;
/// `Some(Err)` when the body is not an event.
pub fn parse_verified(
    secret: &str,
    raw_body: &[u8],
    signature_hex: &str,
) -> Option<Result<WebhookEvent, serde_json::Error>> {
    verify_signature(secret, raw_body, signature_hex).then(|| serde_json::from_slice(raw_body))
}
