//! The book's record types. Server enums are dhmad-api's, "open": known values as variants,
//! anything else kept verbatim in `Unknown`, so a newer API never loses data in the book.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use dhmad_api::{EscrowMode, EscrowStatus};

dhmad_api::string_enum! {
    /// The profile's relation to an escrow (computed by the sync from the associated user).
    EscrowRole {
        /// The associated user is the seller.
        Seller = "seller",
        /// The associated user is the buyer.
        Buyer = "buyer",
        /// Created through this developer account between two other parties.
        Creator = "creator",
    }
}

/// Who or what observed a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ChangeSource {
    /// A list/detail read during sync.
    Sync,
    /// A watcher polling a sale or link.
    Watcher,
    /// The response of an action this app performed.
    Action,
}

impl ChangeSource {
    /// `sync` / `watcher` / `action`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sync => "sync",
            Self::Watcher => "watcher",
            Self::Action => "action",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "sync" => Some(Self::Sync),
            "watcher" => Some(Self::Watcher),
            "action" => Some(Self::Action),
            _ => None,
        }
    }
}

/// A seller or buyer user object (`{_id, email, firstName, lastName}`); the API may also send a
/// bare id string (then only `id` is set).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Party {
    /// `_id`.
    pub id: Option<String>,
    /// The user's email.
    pub email: Option<String>,
    /// `firstName`.
    pub first_name: Option<String>,
    /// `lastName`.
    pub last_name: Option<String>,
}

/// `disputeTicket` of `GET /escrows/:id`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DisputeTicket {
    /// e.g. `DHM-00042`.
    pub ticket_number: Option<String>,
    /// `type` (`dispute`).
    pub kind: Option<String>,
    /// `subject`.
    pub subject: Option<String>,
    /// `status` (`open` is the only documented value).
    pub status: Option<String>,
    /// `createdAt`.
    pub created_at: Option<DateTime<Utc>>,
    /// `previewReason`.
    pub preview_reason: Option<String>,
}

/// Everything the book knows about one escrow: every field of the API's escrow object. The sync
/// maps API objects onto it. Money is integer thousandths (millimes for TND), never a float.
///
/// `upsert_escrow` REPLACES the stored row with this record, so a caller holding a partial API
/// object (e.g. an action's response) merges it with [`crate::book::Book::escrow`] first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscrowRecord {
    /// `id` (24-hex ObjectId).
    pub id: String,
    /// `title`.
    pub title: String,
    /// `description` (set by an update).
    pub description: Option<String>,
    /// Face `amount` in thousandths of `currency`.
    pub amount: i64,
    /// `currency` (`TND`, `USD`, `EUR`).
    pub currency: String,
    /// `amountTnd` in millimes (equal to `amount` for TND escrows).
    pub amount_tnd: i64,
    /// `escrowFee` (DHMAD's fee) in millimes.
    pub escrow_fee: i64,
    /// `developerFee` in millimes (0 when none).
    pub developer_fee: i64,
    /// `developerFeePercentage` in basis points (5 % = 500).
    pub developer_fee_bp: Option<i64>,
    /// `status`.
    pub status: EscrowStatus,
    /// `mode` (absent in some responses).
    pub mode: Option<EscrowMode>,
    /// The profile's relation to it, when known.
    pub role: Option<EscrowRole>,
    /// `seller` user (null until the seller account exists).
    pub seller: Option<Party>,
    /// `buyer` user (null until the buyer account exists).
    pub buyer: Option<Party>,
    /// `sellerEmail` (the email given at creation).
    pub seller_email: Option<String>,
    /// `buyerEmail` (the email given at creation).
    pub buyer_email: Option<String>,
    /// `estimatedDeliveryDays`.
    pub estimated_delivery_days: Option<i64>,
    /// `expiresAt` (pending acceptance).
    pub expires_at: Option<DateTime<Utc>>,
    /// `paidAt`.
    pub paid_at: Option<DateTime<Utc>>,
    /// `deliveredAt`.
    pub delivered_at: Option<DateTime<Utc>>,
    /// `completedAt`.
    pub completed_at: Option<DateTime<Utc>>,
    /// `cancelledAt`.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// `createdAt`.
    pub created_at: DateTime<Utc>,
    /// `updatedAt`; a record older than the stored one is ignored by `upsert_escrow`.
    pub updated_at: Option<DateTime<Utc>>,
    /// `completionDeadline`.
    pub completion_deadline: Option<DateTime<Utc>>,
    /// `createdViaThirdParty`.
    pub created_via_third_party: Option<bool>,
    /// `createdByApplicationName`.
    pub created_by_application_name: Option<String>,
    /// `disputeTicketId`.
    pub dispute_ticket_id: Option<String>,
    /// `disputeTicket`.
    pub dispute_ticket: Option<DisputeTicket>,
    /// `signatures` as the API sent it (`sellerSigned`, `buyerSigned`, …).
    pub signatures: Option<serde_json::Value>,
    /// `proofInfo` as the API sent it (`phase`, deadlines, …).
    pub proof_info: Option<serde_json::Value>,
    /// `fulfillmentPolicy` as the API sent it.
    pub fulfillment_policy: Option<serde_json::Value>,
    /// `deliveryRejections` as the API sent it.
    pub delivery_rejections: Option<serde_json::Value>,
    /// The cancellation request (`{requestedBy, reason, status, requestedAt}`) as the API sent it.
    pub cancellation: Option<serde_json::Value>,
    /// The last API object, whole, so fields added later are not lost.
    pub raw_json: Option<serde_json::Value>,
}

impl EscrowRecord {
    /// The escrow's page as DHMAD gave it (`url`, §2.3), unchecked: see
    /// [`crate::links::escrow_page`].
    pub fn given_url(&self) -> Option<&str> {
        self.raw_json.as_ref()?.get("url")?.as_str()
    }

    /// The buyer's email as the UI shows it: the linked user's, else the invited address.
    pub fn buyer_display_email(&self) -> Option<&str> {
        self.buyer
            .as_ref()
            .and_then(|p| p.email.as_deref())
            .or(self.buyer_email.as_deref())
    }

    /// The seller's email as the UI shows it.
    pub fn seller_display_email(&self) -> Option<&str> {
        self.seller
            .as_ref()
            .and_then(|p| p.email.as_deref())
            .or(self.seller_email.as_deref())
    }

    /// `amountTnd − escrowFee − developerFee`: what the seller receives at completion.
    pub fn net(&self) -> i64 {
        self.amount_tnd - self.escrow_fee - self.developer_fee
    }
}

/// One observed status change (a row of `status_history`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// The escrow.
    pub escrow_id: String,
    /// The status before; `None` on the first observation.
    pub old_status: Option<EscrowStatus>,
    /// The status seen.
    pub new_status: EscrowStatus,
    /// When the app saw it.
    pub observed_at: DateTime<Utc>,
    /// How it saw it.
    pub source: ChangeSource,
}
