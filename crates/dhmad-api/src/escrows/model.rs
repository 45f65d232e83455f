//! Escrow-side response models. Every field but the escrow `id` is optional: the API returns
//! different subsets of the escrow object from create, list, get, update, deliver and webhooks.

use chrono::{DateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::decode::{
    Keyed, RawObject, UnreadableRecord, decode_records, decode_text, lenient_count,
    null_as_default, raw_list, resource_key, with_either_id,
};

use crate::enums::{
    CancellationStatus, ContractLanguage, Currency, EscrowMode, EscrowStatus,
    FulfillmentPolicyType, ProofPhase, SessionAction,
};
use crate::ids::{ContractId, DepositProofId, DisputeTicketId, EscrowId, UserId};
use crate::money::{Money, Percentage};

with_either_id! {
    /// A user reference inside an escrow (`seller`, `buyer`, `requestedBy`): `_id`, `id` or both.
    #[serde(rename_all = "camelCase")]
    pub struct UserRef via UserRefWire = "UserRefWire" as "user object" {
        /// `_id` (also read from `id`).
        #[serde(rename = "_id")]
        pub id: Option<UserId>,
        /// E-mail.
        #[serde(default)]
        pub email: Option<String>,
        /// First name.
        #[serde(default)]
        pub first_name: Option<String>,
        /// Last name.
        #[serde(default)]
        pub last_name: Option<String>,
    }
}

/// `seller`/`buyer`: a bare user id string or a user object (`null` is `None` around it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Party {
    /// A bare id (quickstart create response).
    Id(UserId),
    /// A user object (list, get, webhooks).
    User(UserRef),
}

impl Party {
    /// The user's id, whichever form it came in.
    pub fn id(&self) -> Option<&UserId> {
        match self {
            Party::Id(id) => Some(id),
            Party::User(u) => u.id.as_ref(),
        }
    }

    /// The user's e-mail, when the object carries it.
    pub fn email(&self) -> Option<&str> {
        match self {
            Party::Id(_) => None,
            Party::User(u) => u.email.as_deref(),
        }
    }
}

with_either_id! {
    /// An escrow, in any of the API's partial shapes: every field but the id is optional.
    #[serde(rename_all = "camelCase")]
    pub struct Escrow via EscrowWire = "EscrowWire" as "escrow object" {
    /// `id` (or `_id`).
    pub id: EscrowId,
    /// Title.
    pub title: Option<String>,
    /// Description (set by update).
    pub description: Option<String>,
    /// Face amount in `currency`.
    pub amount: Option<Money>,
    /// Face currency (`TND` when absent).
    pub currency: Option<Currency>,
    /// Amount in TND locked at creation.
    pub amount_tnd: Option<Money>,
    /// Platform fee in TND (deducted from the seller).
    pub escrow_fee: Option<Money>,
    /// Developer fee in TND.
    pub developer_fee: Option<Money>,
    /// Developer fee percentage (0–25).
    pub developer_fee_percentage: Option<Percentage>,
    /// Status.
    pub status: Option<EscrowStatus>,
    /// Previous status (webhooks).
    pub old_status: Option<EscrowStatus>,
    /// Mode.
    pub mode: Option<EscrowMode>,
    /// Seller: id, user object, or `None`.
    pub seller: Option<Party>,
    /// Seller e-mail as given at creation.
    pub seller_email: Option<String>,
    /// Buyer: user object or `None` until linked.
    pub buyer: Option<Party>,
    /// Buyer e-mail as given at creation.
    pub buyer_email: Option<String>,
    /// Estimated delivery in days.
    pub estimated_delivery_days: Option<u32>,
    /// Expiry while pending acceptance.
    pub expires_at: Option<DateTime<Utc>>,
    /// When paid.
    pub paid_at: Option<DateTime<Utc>>,
    /// When delivered.
    pub delivered_at: Option<DateTime<Utc>>,
    /// When completed.
    pub completed_at: Option<DateTime<Utc>>,
    /// When cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Buyer confirmation deadline after delivery.
    pub completion_deadline: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: Option<DateTime<Utc>>,
    /// Last change.
    pub updated_at: Option<DateTime<Utc>>,
    /// Created through the API.
    pub created_via_third_party: Option<bool>,
    /// Application name of the creator.
    pub created_by_application_name: Option<String>,
    /// Open dispute ticket id.
    pub dispute_ticket_id: Option<DisputeTicketId>,
    /// Open dispute ticket.
    pub dispute_ticket: Option<DisputeTicket>,
    /// Contract signature flags (`None` without a contract).
    pub signatures: Option<Signatures>,
    /// History of rejected deliveries.
    pub delivery_rejections: Option<Vec<DeliveryRejection>>,
    /// Quick-escrow-with-proof policy.
    pub fulfillment_policy: Option<FulfillmentPolicy>,
    /// Sanitised proof state (QEwP).
    pub proof_info: Option<Proof>,
    }
}

/// A dispute ticket summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DisputeTicket {
    /// `DHM-00042`.
    #[serde(default)]
    pub ticket_number: Option<String>,
    /// `dispute`.
    #[serde(default, rename = "type")]
    pub ticket_type: Option<String>,
    /// Subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// `open` (no other value documented).
    #[serde(default)]
    pub status: Option<String>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Start of the reason.
    #[serde(default)]
    pub preview_reason: Option<String>,
}

/// Contract signature flags on an escrow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signatures {
    /// Seller signed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub seller_signed: bool,
    /// When the seller signed.
    #[serde(default)]
    pub seller_signed_at: Option<DateTime<Utc>>,
    /// Buyer signed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub buyer_signed: bool,
    /// When the buyer signed.
    #[serde(default)]
    pub buyer_signed_at: Option<DateTime<Utc>>,
    /// Both signed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub is_fully_signed: bool,
    /// When fully signed.
    #[serde(default)]
    pub signed_at: Option<DateTime<Utc>>,
}

/// A rejected delivery (escrow history and `escrow.delivery.rejected` payload).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryRejection {
    /// When rejected.
    #[serde(default)]
    pub rejected_at: Option<DateTime<Utc>>,
    /// Buyer's reason, if given.
    #[serde(default)]
    pub reason: Option<String>,
    /// The delivery time that was rejected.
    #[serde(default)]
    pub previous_delivered_at: Option<DateTime<Utc>>,
    /// The buyer's user id (webhook).
    #[serde(default)]
    pub rejected_by: Option<UserId>,
}

/// `fulfillmentPolicy` (Quick Escrow with Proof), in requests and responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FulfillmentPolicy {
    /// Must be `purchase_proof_required`.
    #[serde(rename = "type")]
    pub policy_type: FulfillmentPolicyType,
    /// Seller upload window in hours (6–72, default 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_upload_deadline_hours: Option<u32>,
    /// Buyer review window in hours (6–72).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_review_deadline_hours: Option<u32>,
    /// UI hints: `receipt`, `order_confirmation`, `product_photo`, `tracking_proof`, `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_proof_types: Option<Vec<String>>,
}

impl FulfillmentPolicy {
    /// A purchase-proof policy with the server's default deadlines.
    pub fn purchase_proof() -> Self {
        FulfillmentPolicy {
            policy_type: FulfillmentPolicyType::PurchaseProofRequired,
            proof_upload_deadline_hours: None,
            buyer_review_deadline_hours: None,
            allowed_proof_types: None,
        }
    }
}

with_either_id! {
/// A contract: the full `GET /escrows/:id/contract` object, the create-response summary and the
/// `contract.signed` payload all decode into this.
#[serde(rename_all = "camelCase")]
pub struct Contract via ContractWire = "ContractWire" as "contract object" {
    /// Contract id (`id` or `_id`).
    pub id: ContractId,
    /// The escrow (`escrow` in GET contract).
    #[serde(default)]
    pub escrow: Option<EscrowId>,
    /// The escrow (`escrowId` in webhooks).
    #[serde(default)]
    pub escrow_id: Option<EscrowId>,
    /// Terms text.
    #[serde(default)]
    pub terms: Option<String>,
    /// `en`, `fr`, `ar`.
    #[serde(default)]
    pub language: Option<ContractLanguage>,
    /// Latest PDF (may be presigned).
    #[serde(default)]
    pub pdf_url: Option<String>,
    /// Create response flag.
    #[serde(default)]
    pub seller_signed: Option<bool>,
    /// Create response flag.
    #[serde(default)]
    pub buyer_signed: Option<bool>,
    /// Both signed.
    #[serde(default)]
    pub is_fully_signed: Option<bool>,
    /// Seller signature.
    #[serde(default)]
    pub seller_signature: Option<ContractSignature>,
    /// Buyer signature.
    #[serde(default)]
    pub buyer_signature: Option<ContractSignature>,
    /// `seller` or `buyer` (contract.signed).
    #[serde(default)]
    pub signed_by: Option<String>,
    /// When signed (contract.signed).
    #[serde(default)]
    pub signed_at: Option<DateTime<Utc>>,
    /// PDF history.
    #[serde(default)]
    pub pdf_versions: Option<Vec<PdfVersion>>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}
}

/// One signature on a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractSignature {
    /// When signed.
    #[serde(default)]
    pub signed_at: Option<DateTime<Utc>>,
    /// Data URL of the signature image.
    #[serde(default)]
    pub signature_image: Option<String>,
}

/// A stored PDF of a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PdfVersion {
    /// `unsigned`, `buyer-signed`, `seller-signed`, `fully-signed`.
    #[serde(default, rename = "type")]
    pub version_type: Option<String>,
    /// Link.
    #[serde(default)]
    pub url: Option<String>,
    /// `application/pdf`.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// Quick Escrow with Proof state (`GET /escrows/:id/proof`, proof webhooks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proof {
    /// Phase.
    #[serde(default)]
    pub phase: Option<ProofPhase>,
    /// Correction rounds so far.
    #[serde(default)]
    pub correction_rounds: Option<u32>,
    /// Seller upload deadline.
    #[serde(default)]
    pub upload_deadline: Option<DateTime<Utc>>,
    /// Buyer review deadline.
    #[serde(default)]
    pub review_deadline: Option<DateTime<Utc>>,
    /// Number of submissions.
    #[serde(default)]
    pub submission_count: Option<u32>,
    /// Every submission.
    #[serde(default)]
    pub submissions: Option<Vec<ProofSubmission>>,
    /// The latest submission.
    #[serde(default)]
    pub latest_submission: Option<ProofSubmission>,
    /// Suggested hosted actions for the current phase.
    #[serde(default)]
    pub checkout_actions: Option<Vec<CheckoutActionHint>>,
}

/// One proof upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofSubmission {
    /// When uploaded.
    #[serde(default)]
    pub submitted_at: Option<DateTime<Utc>>,
    /// Seller's note.
    #[serde(default)]
    pub note: Option<String>,
    /// Files.
    #[serde(default, deserialize_with = "null_as_default")]
    pub attachments: Vec<ProofAttachment>,
}

/// A proof file (time-limited link).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofAttachment {
    /// MIME type.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Time-limited link.
    #[serde(default)]
    pub view_url: Option<String>,
}

/// A suggested checkout action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutActionHint {
    /// Action to create a session with.
    pub action: SessionAction,
    /// Whom to target.
    #[serde(default)]
    pub target_user_email: Option<String>,
    /// Explanation.
    #[serde(default)]
    pub description: Option<String>,
}

/// A buyer's cancellation request (cancellation webhooks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancellationRequest {
    /// Who asked.
    #[serde(default)]
    pub requested_by: Option<Party>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
    /// `pending`, `accepted`, `rejected`.
    #[serde(default)]
    pub status: Option<CancellationStatus>,
    /// When.
    #[serde(default)]
    pub requested_at: Option<DateTime<Utc>>,
    /// Who accepted.
    #[serde(default)]
    pub accepted_by: Option<Party>,
    /// Who rejected.
    #[serde(default)]
    pub rejected_by: Option<Party>,
}

with_either_id! {
/// A guest payment proof (instant mode).
#[serde(rename_all = "camelCase")]
pub struct DepositProof via DepositProofWire = "DepositProofWire" as "deposit proof" {
    /// Proof id (`id` or `_id`).
    pub id: Option<DepositProofId>,
    /// Guest buyer e-mail.
    #[serde(default)]
    pub buyer_email: Option<String>,
    /// Why rejected.
    #[serde(default)]
    pub reason: Option<String>,
    /// Amount declared.
    #[serde(default)]
    pub amount: Option<Money>,
    /// Payment method (`flouci`, …).
    #[serde(default)]
    pub method: Option<String>,
}
}

/// `POST /escrows` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedEscrow {
    /// `Escrow created successfully`.
    #[serde(default)]
    pub message: Option<String>,
    /// The new escrow.
    pub escrow: Escrow,
    /// The contract (standard mode), `None` for quick/instant.
    #[serde(default)]
    pub contract: Option<Contract>,
    /// Dashboard link (quickstart shape).
    #[serde(default)]
    pub url: Option<String>,
    /// Equals the escrow id (quickstart shape).
    #[serde(default)]
    pub tracking_id: Option<EscrowId>,
}

/// Response of update, deliver, reject-delivery and cancel: a message and the escrow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscrowChange {
    /// What happened.
    #[serde(default)]
    pub message: Option<String>,
    /// The escrow after the change.
    pub escrow: Escrow,
}

/// `GET /escrows` response: the escrows that decode, and the records that do not, set aside.
///
/// The list is read from `escrows` (or a `data` array); one malformed record never sinks the
/// page. `pagination` and each of its fields may be absent or null.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EscrowPage {
    /// This page's readable escrows, newest first.
    pub escrows: Vec<Escrow>,
    /// This page's records that could not be read, in their place's order.
    pub unreadable: Vec<UnreadableRecord>,
    /// Page position, as far as the server said.
    pub pagination: Pagination,
}

impl EscrowPage {
    /// Records the server sent on this page, readable or not.
    pub fn received(&self) -> usize {
        self.escrows.len() + self.unreadable.len()
    }
}

impl<'de> Deserialize<'de> for EscrowPage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object = RawObject::deserialize(deserializer)?;
        let items = raw_list(&mut object, &["escrows", "data"])?;
        let (escrows, unreadable) = decode_records(items);
        let pagination: Option<Pagination> = match object.get("pagination") {
            Some(raw) => decode_text(raw.get()).map_err(D::Error::custom)?,
            None => None,
        };
        let pagination = pagination.unwrap_or_default();
        Ok(EscrowPage {
            escrows,
            unreadable,
            pagination,
        })
    }
}

/// `pagination` of `GET /escrows`. Every field is informative only: the list is read until a
/// short page whatever they say, so a missing, null or odd value is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pagination {
    /// Current page (1-based).
    #[serde(deserialize_with = "lenient_count")]
    pub page: Option<u32>,
    /// Page size.
    #[serde(deserialize_with = "lenient_count")]
    pub limit: Option<u32>,
    /// Total matching escrows.
    #[serde(deserialize_with = "lenient_count")]
    pub total: Option<u64>,
    /// Number of pages.
    #[serde(deserialize_with = "lenient_count")]
    pub pages: Option<u32>,
}

resource_key! {
    EscrowKey = "escrow";
    ProofKey = "proof";
    ContractKey = "contract";
}

/// `{"escrow": …}` (or the escrow object itself).
pub(crate) type EscrowEnvelope = Keyed<EscrowKey, Escrow>;
/// `{"proof": …}` (or the proof object itself).
pub(crate) type ProofEnvelope = Keyed<ProofKey, Proof>;
/// `{"contract": …}` (or the contract object itself).
pub(crate) type ContractEnvelope = Keyed<ContractKey, Contract>;
