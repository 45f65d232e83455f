//! The new-escrow form's request, its outcome (created, or not sure yet) and the fee preview.

use dhmad_api::{CreateEscrow, Currency, FulfillmentPolicy, Money, Percentage};
use merchant_core::book::EscrowMode;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CommandError, ErrorCode};
use crate::views::escrows::EscrowView;

/// Quick Escrow with Proof: the seller uploads a proof of purchase, the buyer reviews it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProofPolicyRequest {
    /// Hours the seller has to upload (6–72).
    pub proof_upload_deadline_hours: u32,
    /// Hours the buyer has to review (6–72).
    pub buyer_review_deadline_hours: u32,
}

/// The new-escrow form (contract §2.3).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreateEscrowRequest {
    /// Standard, quick or instant.
    pub mode: EscrowMode,
    /// 1–200 characters.
    pub title: String,
    /// Face amount in thousandths of `currency` (millimes for TND).
    pub amount: i64,
    /// The face currency.
    pub currency: Currency,
    /// The buyer.
    pub buyer_email: String,
    /// A third-party seller (standard and quick only); absent: you sell.
    #[ts(optional)]
    pub seller_email: Option<String>,
    /// Required (≥ 1) for standard and quick.
    #[ts(optional)]
    pub estimated_delivery_days: Option<u32>,
    /// Required for standard (≤ 10,000 characters).
    #[ts(optional)]
    pub contract_terms: Option<String>,
    /// Sign the contract with the dashboard signature (standard, you sell).
    #[ts(optional)]
    pub auto_sign: Option<bool>,
    /// 0–25 as a decimal string, only with a third-party seller.
    #[ts(optional)]
    pub developer_fee_percentage: Option<String>,
    /// Quick mode with proof of purchase.
    #[ts(optional)]
    pub proof_policy: Option<ProofPolicyRequest>,
}

fn invalid(field: &str, text: &str) -> CommandError {
    let fields = [(field.to_owned(), text.to_owned())].into();
    CommandError::invalid_fields(format!("{field}: {text}"), fields).with_user_message(text)
}

impl CreateEscrowRequest {
    /// The API request (its own rules are checked by dhmad-api before sending).
    pub fn to_api(&self) -> Result<CreateEscrow, CommandError> {
        let mode = self.mode.clone();
        if mode.is_unknown() {
            return Err(invalid("mode", "Choose standard, quick or instant."));
        }
        let currency = self.currency.clone();
        if currency.is_unknown() {
            return Err(invalid("currency", "Choose TND, USD or EUR."));
        }
        let blank = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
        let mut r = CreateEscrow::new(
            self.title.trim(),
            Money::from_millimes(self.amount),
            self.buyer_email.trim(),
        );
        r.mode = Some(mode);
        r.currency = Some(currency);
        r.seller_email = blank(&self.seller_email).map(|s| s.trim().to_owned());
        r.estimated_delivery_days = self.estimated_delivery_days;
        r.contract_terms = blank(&self.contract_terms);
        r.auto_sign = self.auto_sign.filter(|on| *on);
        r.developer_fee_percentage = match blank(&self.developer_fee_percentage) {
            None => None,
            Some(text) => Some(text.trim().parse::<Percentage>().map_err(|_| {
                invalid(
                    "developerFeePercentage",
                    "The developer fee must be a number from 0 to 25.",
                )
            })?),
        };
        r.fulfillment_policy = self.proof_policy.as_ref().map(|p| {
            let mut policy = FulfillmentPolicy::purchase_proof();
            policy.proof_upload_deadline_hours = Some(p.proof_upload_deadline_hours);
            policy.buyer_review_deadline_hours = Some(p.buyer_review_deadline_hours);
            policy
        });
        Ok(r)
    }
}

/// What the fee preview is asked.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeePreviewRequest {
    /// Amount in millimes.
    pub amount_tnd: i64,
    /// Standard, quick or instant.
    pub mode: EscrowMode,
    /// 0–25 as a decimal string.
    #[ts(optional)]
    pub developer_fee_percentage: Option<String>,
}

/// The fees and the seller's net an amount would have (millimes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeePreviewView {
    /// DHMAD's fee.
    pub escrow_fee: i64,
    /// The developer fee.
    pub developer_fee: i64,
    /// What the seller receives.
    pub net: i64,
    /// DHMAD's rate in basis points (500 = 5 %).
    pub rate_bp: i64,
    /// The rate was learned from this profile's escrows; false: DHMAD's usual 5 % was assumed.
    pub rate_observed: bool,
}

/// A create whose answer was lost: what finds its escrow again (`create_reconcile`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingCreateView {
    /// The reference at the end of the escrow's title, e.g. `K7F3QXM2`.
    pub reference: String,
    /// The buyer's e-mail.
    pub buyer_email: String,
    /// When the create was sent (RFC 3339).
    pub sent_at: String,
    /// A third party is the seller (DHMAD may not list the escrow to you).
    pub third_party_seller: bool,
}

impl PendingCreateView {
    /// The view of `p`.
    pub fn new(p: &merchant_core::PendingCreate) -> Self {
        Self {
            reference: p.reference.as_str().to_owned(),
            buyer_email: p.buyer_email.clone(),
            sent_at: p.sent_at.to_rfc3339(),
            third_party_seller: p.third_party_seller,
        }
    }

    /// Back to merchant-core's form; a reference or time the app did not make is refused.
    pub fn to_core(&self) -> Result<merchant_core::PendingCreate, CommandError> {
        let bad = |what: &str| CommandError::new(ErrorCode::Validation, format!("not a {what}"));
        let reference =
            merchant_core::Reference::parse(&self.reference).ok_or_else(|| bad("reference"))?;
        let sent_at = chrono::DateTime::parse_from_rfc3339(&self.sent_at)
            .map_err(|_| bad("time"))?
            .with_timezone(&chrono::Utc);
        Ok(merchant_core::PendingCreate {
            reference,
            buyer_email: self.buyer_email.clone(),
            sent_at,
            third_party_seller: self.third_party_seller,
            reason: String::new(),
        })
    }
}

/// What "Create" led to: the escrow, or — its answer lost — what to look it up by.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreateOutcomeView {
    /// The escrow, when DHMAD answered.
    pub escrow: Option<EscrowView>,
    /// Not sure yet: pass it to `create_reconcile` (never create again meanwhile).
    pub pending: Option<PendingCreateView>,
    /// After `create_reconcile`: DHMAD clearly has not got it, the merchant may create it again.
    pub not_created: bool,
}

/// `create_reconcile`: which lost create to look up.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreateReconcileRequest {
    /// What `create_escrow` answered.
    pub pending: PendingCreateView,
}
