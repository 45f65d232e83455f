//! The entities the simulator keeps. Plain data (serde for persistence); no behaviour beyond
//! small accessors. Money is integer millimes, instants are epoch milliseconds.

use crate::clock::Millis;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Escrow status (contract §3.1; `disputed` is never entered, see README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Created, awaiting payment.
    Pending,
    /// Funds held.
    Paid,
    /// Seller delivered, awaiting buyer confirmation.
    Delivered,
    /// Funds released.
    Completed,
    /// Terminal; refunded if it was paid.
    Cancelled,
}

impl Status {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Delivered => "delivered",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }
    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Paid,
            Self::Delivered,
            Self::Completed,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// Escrow mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// With a contract both parties sign.
    Standard,
    /// No contract (optionally with purchase proof).
    Quick,
    /// Seller is the developer's user; deliver completes.
    Instant,
}

impl Mode {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Quick => "quick",
            Self::Instant => "instant",
        }
    }
    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Standard, Self::Quick, Self::Instant]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// A party of an escrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Receives the funds.
    Seller,
    /// Pays.
    Buyer,
}

impl Role {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Seller => "seller",
            Self::Buyer => "buyer",
        }
    }
}

/// Face currency of an escrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Currency {
    /// Tunisian dinar (the ledger currency).
    #[serde(rename = "TND")]
    Tnd,
    /// US dollar.
    #[serde(rename = "USD")]
    Usd,
    /// Euro.
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tnd => "TND",
            Self::Usd => "USD",
            Self::Eur => "EUR",
        }
    }
    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Tnd, Self::Usd, Self::Eur]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// KYC status of a user or verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kyc {
    /// Started, not decided.
    Pending,
    /// Verified.
    Approved,
    /// Refused.
    Rejected,
}

impl Kyc {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// A registered DHMAD user with a wallet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// 24-hex id.
    pub id: String,
    /// Lowercased email.
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Email verified (needed to create escrows as the associated user).
    pub email_verified: bool,
    /// KYC status, `None` when never started.
    pub kyc: Option<Kyc>,
    /// Usable balance, millimes.
    pub available: i64,
    /// In-progress top-ups/payouts, millimes.
    pub pending: i64,
    /// Held in active escrows as buyer, millimes.
    pub escrow: i64,
    /// Registration time.
    pub created_at: Millis,
}

/// A developer account (API keys, redirect allow-list, webhooks).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Developer {
    /// 24-hex id.
    pub id: String,
    /// Login email.
    pub email: String,
    /// Company / application name.
    pub company_name: String,
    /// Index of the associated user.
    pub user: Option<usize>,
    /// Allowed redirect URLs (exact match; `http://localhost` matches any port and path).
    pub redirect_urls: Vec<String>,
    /// Developer token (webhook management).
    pub token: String,
    /// Per-developer rate limit (requests per minute), overrides the default.
    pub rate_limit: Option<u32>,
    /// Dashboard signature configured (needed by `autoSign`).
    pub has_signature: bool,
    /// Creation time.
    pub created_at: Millis,
}

/// A sandbox API key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiKey {
    /// 24-hex id.
    pub id: String,
    /// The secret, `sk_sandbox_` + 64 hex.
    pub secret: String,
    /// Owning developer index.
    pub developer: usize,
    /// Display name.
    pub name: String,
    /// Creation time.
    pub created_at: Millis,
}

/// Contract of a standard escrow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contract {
    /// 24-hex id.
    pub id: String,
    /// Terms text.
    pub terms: String,
    /// Seller signature time.
    pub seller_signed_at: Option<Millis>,
    /// Buyer signature time.
    pub buyer_signed_at: Option<Millis>,
    /// Creation time.
    pub created_at: Millis,
    /// Last change.
    pub updated_at: Millis,
}

impl Contract {
    /// Both parties signed.
    pub fn fully_signed(&self) -> bool {
        self.seller_signed_at.is_some() && self.buyer_signed_at.is_some()
    }
    /// When the contract became fully signed.
    pub fn signed_at(&self) -> Option<Millis> {
        Some(self.seller_signed_at?.max(self.buyer_signed_at?))
    }
}

/// Quick Escrow with Proof policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FulfillmentPolicy {
    /// Seller upload window after funding.
    pub upload_hours: u32,
    /// Buyer review window after a submission.
    pub review_hours: u32,
    /// UI hints, not enforced.
    pub allowed_proof_types: Option<Vec<String>>,
}

/// Proof phase (contract §3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Funded; seller must upload.
    WaitingSellerProof,
    /// Buyer must review.
    SubmittedWaitingBuyerReview,
    /// Buyer asked for a better proof.
    CorrectionRequested,
    /// Buyer accepted.
    Accepted,
    /// Buyer silent until the review deadline.
    AcceptedByTimeout,
    /// Seller never uploaded; escrow cancelled and refunded.
    ExpiredNoProof,
    /// Too many correction rounds; DHMAD staff decide.
    NeedsDhmadReview,
    /// DHMAD rejected the proof.
    Rejected,
}

impl Phase {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WaitingSellerProof => "waiting_seller_proof",
            Self::SubmittedWaitingBuyerReview => "submitted_waiting_buyer_review",
            Self::CorrectionRequested => "correction_requested",
            Self::Accepted => "accepted",
            Self::AcceptedByTimeout => "accepted_by_timeout",
            Self::ExpiredNoProof => "expired_no_proof",
            Self::NeedsDhmadReview => "needs_dhmad_review",
            Self::Rejected => "rejected",
        }
    }
}

/// One proof file (metadata only; the simulator stores no content).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    /// MIME type.
    pub mime_type: String,
    /// Original file name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
}

/// One proof submission.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Submission {
    /// Upload time.
    pub submitted_at: Millis,
    /// Seller's note.
    pub note: Option<String>,
    /// Files.
    pub attachments: Vec<Attachment>,
}

/// Proof state of a QEwP escrow (present once funded).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Proof {
    /// Current phase.
    pub phase: Phase,
    /// Corrections requested so far.
    pub correction_rounds: u32,
    /// Upload deadline.
    pub upload_deadline: Option<Millis>,
    /// Review deadline (anchored at the latest submission).
    pub review_deadline: Option<Millis>,
    /// All submissions, oldest first.
    pub submissions: Vec<Submission>,
}

/// An open dispute ticket.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dispute {
    /// 24-hex ticket id.
    pub ticket_id: String,
    /// `DHM-00001`…
    pub ticket_number: String,
    /// `Dispute: <title>`.
    pub subject: String,
    /// Reason given on the checkout page.
    pub reason: String,
    /// Who opened it.
    pub opened_by: Role,
    /// Opening time.
    pub created_at: Millis,
}

/// State of a cancellation request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Awaiting the seller.
    Pending,
    /// Seller accepted (escrow cancelled).
    Accepted,
    /// Seller refused.
    Rejected,
}

impl RequestStatus {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }
}

/// The buyer's cancellation request (one per escrow).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CancellationRequest {
    /// Buyer's user index.
    pub requested_by: usize,
    /// Reason.
    pub reason: Option<String>,
    /// State.
    pub status: RequestStatus,
    /// Request time.
    pub requested_at: Millis,
    /// Seller's user index once decided.
    pub decided_by: Option<usize>,
    /// Decision time.
    pub decided_at: Option<Millis>,
}

/// One rejected delivery.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryRejection {
    /// When.
    pub rejected_at: Millis,
    /// Buyer's reason.
    pub reason: Option<String>,
    /// The `deliveredAt` that was reset.
    pub previous_delivered_at: Option<Millis>,
    /// Buyer's user index.
    pub rejected_by: usize,
}

/// An escrow with everything attached to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Escrow {
    /// 24-hex id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description (set by update only).
    pub description: Option<String>,
    /// Face amount in `currency`, thousandths.
    pub amount: i64,
    /// Face currency.
    pub currency: Currency,
    /// Locked FX rate to TND, thousandths (1000 for TND).
    pub fx_rate: i64,
    /// Ledger amount, millimes.
    pub amount_tnd: i64,
    /// Platform fee, millimes.
    pub escrow_fee: i64,
    /// Developer fee, millimes.
    pub developer_fee: i64,
    /// Developer fee percentage × 1000.
    pub developer_fee_pct: i64,
    /// Status.
    pub status: Status,
    /// Mode.
    pub mode: Mode,
    /// Seller's user index once registered.
    pub seller: Option<usize>,
    /// `sellerEmail` as sent (lowercased), `None` when the seller is the associated user.
    pub seller_email: Option<String>,
    /// Buyer's user index once registered.
    pub buyer: Option<usize>,
    /// Buyer's email (lowercased).
    pub buyer_email: String,
    /// Estimated delivery days.
    pub estimated_delivery_days: u32,
    /// Creating developer index.
    pub developer: usize,
    /// Creating application name.
    pub app_name: String,
    /// Contract (standard only).
    pub contract: Option<Contract>,
    /// QEwP policy.
    pub policy: Option<FulfillmentPolicy>,
    /// QEwP proof state (once funded).
    pub proof: Option<Proof>,
    /// Pending-acceptance expiry.
    pub expires_at: Millis,
    /// Payment time.
    pub paid_at: Option<Millis>,
    /// Delivery time.
    pub delivered_at: Option<Millis>,
    /// `deliveredAt` + 7 days.
    pub completion_deadline: Option<Millis>,
    /// Completion time.
    pub completed_at: Option<Millis>,
    /// Cancellation time.
    pub cancelled_at: Option<Millis>,
    /// Creation time.
    pub created_at: Millis,
    /// Last change.
    pub updated_at: Millis,
    /// Dispute ticket.
    pub dispute: Option<Dispute>,
    /// Cancellation request.
    pub cancellation: Option<CancellationRequest>,
    /// Delivery rejection history.
    pub delivery_rejections: Vec<DeliveryRejection>,
}

impl Escrow {
    /// The user index for a role.
    pub fn party(&self, role: Role) -> Option<usize> {
        match role {
            Role::Seller => self.seller,
            Role::Buyer => self.buyer,
        }
    }
    /// The escrow is a Quick Escrow with Proof.
    pub fn needs_proof(&self) -> bool {
        self.policy.is_some()
    }
}

/// Checkout action (contract §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Sign the contract.
    SignContract,
    /// Buyer accepts and pays.
    AcceptPay,
    /// Buyer confirms receipt.
    Complete,
    /// Open a dispute.
    Dispute,
    /// Buyer asks to cancel.
    RequestCancellation,
    /// Seller refuses the request.
    RejectCancellation,
    /// Seller accepts the request.
    AcceptCancellation,
    /// Seller cancels at once.
    CancelEscrow,
    /// Seller uploads a proof.
    SubmitProof,
    /// Buyer reviews the proof.
    ReviewProof,
}

impl Action {
    /// All actions.
    pub const ALL: [Self; 10] = [
        Self::SignContract,
        Self::AcceptPay,
        Self::Complete,
        Self::Dispute,
        Self::RequestCancellation,
        Self::RejectCancellation,
        Self::AcceptCancellation,
        Self::CancelEscrow,
        Self::SubmitProof,
        Self::ReviewProof,
    ];
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignContract => "sign_contract",
            Self::AcceptPay => "accept_pay",
            Self::Complete => "complete",
            Self::Dispute => "dispute",
            Self::RequestCancellation => "request_cancellation",
            Self::RejectCancellation => "reject_cancellation",
            Self::AcceptCancellation => "accept_cancellation",
            Self::CancelEscrow => "cancel_escrow",
            Self::SubmitProof => "submit_proof",
            Self::ReviewProof => "review_proof",
        }
    }
    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Checkout session status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Open.
    Pending,
    /// Action performed.
    Completed,
    /// 30 minutes passed.
    Expired,
    /// Abandoned by the user.
    Cancelled,
}

impl SessionStatus {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Completed => "completed",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A hosted checkout session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// UUID.
    pub id: String,
    /// Escrow index.
    pub escrow: usize,
    /// Creating developer index.
    pub developer: usize,
    /// Action.
    pub action: Action,
    /// Lowercased target email.
    pub target_email: String,
    /// Where the user returns.
    pub redirect_url: String,
    /// Metadata echoed back.
    pub metadata: Option<BTreeMap<String, String>>,
    /// Status.
    pub status: SessionStatus,
    /// Creation + 30 minutes.
    pub expires_at: Millis,
    /// When the action was performed.
    pub completed_at: Option<Millis>,
    /// Creation time.
    pub created_at: Millis,
}

/// A pre-account identity verification (contract §5).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Verification {
    /// 24-hex id.
    pub id: String,
    /// Creating developer index.
    pub developer: usize,
    /// Lowercased email.
    pub email: String,
    /// Caller's own user id.
    pub external_user_id: Option<String>,
    /// KYC status.
    pub kyc_status: Kyc,
    /// Provider session status.
    pub didit_session_status: Option<String>,
    /// Waiting for an admin.
    pub needs_admin_review: bool,
    /// Linked to a user.
    pub linked_user: Option<usize>,
    /// Link time.
    pub linked_at: Option<Millis>,
    /// Creation time.
    pub created_at: Millis,
    /// Last change.
    pub updated_at: Millis,
    /// Expiry (90 days).
    pub expires_at: Millis,
    /// Invitation email sent.
    pub email_sent_at: Option<Millis>,
    /// Redirect after the provider flow.
    pub redirect_url: Option<String>,
    /// Caller metadata.
    pub metadata: Option<BTreeMap<String, String>>,
}
