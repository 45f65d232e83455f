//! Escrow-side response models. Every field but the escrow `id` is optional: the API returns
//! different subsets of the escrow object from create, list, get, update, deliver and webhooks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::{
    CancellationStatus, ContractLanguage, Currency, EscrowMode, EscrowStatus,
    FulfillmentPolicyType, ProofPhase, SessionAction,
};
use crate::ids::{ContractId, DepositProofId, DisputeTicketId, EscrowId, UserId};
use crate::money::{Money, Percentage};

/// A user reference inside an escrow (`seller`, `buyer`, `requestedBy`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRef {
    /// `_id` (also accepted as `id`).
    #[serde(rename = "_id", alias = "id", default)]
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

/// Declares `Escrow` and its wire twin once: the twin accepts `id` and/or `_id`, which plain
/// `#[serde(alias)]` cannot when both keys are present (the get-escrow example has both).
macro_rules! escrow_struct {
    ($($(#[$fmeta:meta])* $field:ident : $ty:ty,)+) => {
        /// An escrow, in any of the API's partial shapes.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", try_from = "EscrowWire")]
        pub struct Escrow {
            /// `id` (or `_id`).
            pub id: EscrowId,
            $($(#[$fmeta])* pub $field: $ty,)+
        }

        #[derive(Deserialize, Default)]
        #[serde(rename_all = "camelCase", default)]
        struct EscrowWire {
            id: Option<EscrowId>,
            #[serde(rename = "_id")]
            mongo_id: Option<EscrowId>,
            $($field: $ty,)+
        }

        impl TryFrom<EscrowWire> for Escrow {
            type Error = String;
            fn try_from(w: EscrowWire) -> Result<Self, String> {
                let id = w.id.or(w.mongo_id).ok_or("escrow object without `id` or `_id`")?;
                Ok(Escrow { id, $($field: w.$field,)+ })
            }
        }
    };
}

escrow_struct! {
    /// Title.
    title: Option<String>,
    /// Description (set by update).
    description: Option<String>,
    /// Face amount in `currency`.
    amount: Option<Money>,
    /// Face currency (`TND` when absent).
    currency: Option<Currency>,
    /// Amount in TND locked at creation.
    amount_tnd: Option<Money>,
    /// Platform fee in TND (deducted from the seller).
    escrow_fee: Option<Money>,
    /// Developer fee in TND.
    developer_fee: Option<Money>,
    /// Developer fee percentage (0–25).
    developer_fee_percentage: Option<Percentage>,
    /// Status.
    status: Option<EscrowStatus>,
    /// Previous status (webhooks).
    old_status: Option<EscrowStatus>,
    /// Mode.
    mode: Option<EscrowMode>,
    /// Seller: id, user object, or `None`.
    seller: Option<Party>,
    /// Seller e-mail as given at creation.
    seller_email: Option<String>,
    /// Buyer: user object or `None` until linked.
    buyer: Option<Party>,
    /// Buyer e-mail as given at creation.
    buyer_email: Option<String>,
    /// Estimated delivery in days.
    estimated_delivery_days: Option<u32>,
    /// Expiry while pending acceptance.
    expires_at: Option<DateTime<Utc>>,
    /// When paid.
    paid_at: Option<DateTime<Utc>>,
    /// When delivered.
    delivered_at: Option<DateTime<Utc>>,
    /// When completed.
    completed_at: Option<DateTime<Utc>>,
    /// When cancelled.
    cancelled_at: Option<DateTime<Utc>>,
    /// Buyer confirmation deadline after delivery.
    completion_deadline: Option<DateTime<Utc>>,
    /// Created.
    created_at: Option<DateTime<Utc>>,
    /// Last change.
    updated_at: Option<DateTime<Utc>>,
    /// Created through the API.
    created_via_third_party: Option<bool>,
    /// Application name of the creator.
    created_by_application_name: Option<String>,
    /// Open dispute ticket id.
    dispute_ticket_id: Option<DisputeTicketId>,
    /// Open dispute ticket.
    dispute_ticket: Option<DisputeTicket>,
    /// Contract signature flags (`None` without a contract).
    signatures: Option<Signatures>,
    /// History of rejected deliveries.
    delivery_rejections: Option<Vec<DeliveryRejection>>,
    /// Quick-escrow-with-proof policy.
    fulfillment_policy: Option<FulfillmentPolicy>,
    /// Sanitised proof state (QEwP).
    proof_info: Option<Proof>,
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
    #[serde(default)]
    pub seller_signed: bool,
    /// When the seller signed.
    #[serde(default)]
    pub seller_signed_at: Option<DateTime<Utc>>,
    /// Buyer signed.
    #[serde(default)]
    pub buyer_signed: bool,
    /// When the buyer signed.
    #[serde(default)]
    pub buyer_signed_at: Option<DateTime<Utc>>,
    /// Both signed.
    #[serde(default)]
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

/// A contract: the full `GET /escrows/:id/contract` object, the create-response summary and the
/// `contract.signed` payload all decode into this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    /// Contract id.
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
    #[serde(default)]
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

/// A guest payment proof (instant mode).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DepositProof {
    /// Proof id.
    #[serde(default)]
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

/// `GET /escrows` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscrowPage {
    /// This page's escrows, newest first.
    #[serde(default)]
    pub escrows: Vec<Escrow>,
    /// Page position.
    pub pagination: Pagination,
}

/// `pagination` of `GET /escrows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    /// Current page (1-based).
    pub page: u32,
    /// Page size.
    pub limit: u32,
    /// Total matching escrows.
    #[serde(default)]
    pub total: u64,
    /// Number of pages.
    #[serde(default)]
    pub pages: u32,
}

#[derive(Deserialize)]
pub(crate) struct EscrowEnvelope {
    pub escrow: Escrow,
}

#[derive(Deserialize)]
pub(crate) struct ProofEnvelope {
    pub proof: Proof,
}

#[derive(Deserialize)]
pub(crate) struct ContractEnvelope {
    pub contract: Contract,
}
