//! Escrow requests, validated locally with the API's own rules (contract §2.3, §2.4, §2.8) before
//! anything is sent.

use rust_decimal::Decimal;
use serde::Serialize;

use super::model::FulfillmentPolicy;
use crate::enums::{Currency, EscrowMode, EscrowStatus, FulfillmentPolicyType, Role};
use crate::money::{Money, Percentage};
use crate::validation::{ValidationErrors, char_len, check_email};

/// Minimum `amountTnd` for standard and quick escrows: 5 TND.
pub const MIN_AMOUNT_STANDARD: Money = Money::from_millimes(5_000);
/// Minimum `amountTnd` for instant escrows: 0.01 TND.
pub const MIN_AMOUNT_INSTANT: Money = Money::from_millimes(10);
/// Longest title.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest contract terms.
pub const MAX_TERMS_CHARS: usize = 10_000;
/// Longest description (update).
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// Highest developer fee percentage.
pub const MAX_DEVELOPER_FEE_PERCENT: i64 = 25;
/// Proof deadline bounds in hours (platform defaults).
pub const PROOF_HOURS: std::ops::RangeInclusive<u32> = 6..=72;
/// Largest page size of `GET /escrows`.
pub const MAX_PAGE_LIMIT: u32 = 100;

/// `POST /escrows` body. Build with [`CreateEscrow::new`] and set the optional fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateEscrow {
    /// 1–200 characters.
    pub title: String,
    /// Face amount in `currency`.
    pub amount: Money,
    /// `TND` when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Buyer's e-mail.
    pub buyer_email: String,
    /// Third-party seller; omitted → your associated user sells. Forbidden for instant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seller_email: Option<String>,
    /// `standard` when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<EscrowMode>,
    /// Required (≥ 1) for standard and quick.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_delivery_days: Option<u32>,
    /// Required for standard (≤ 10,000 chars); forbidden for quick and instant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_terms: Option<String>,
    /// Seller signature from the dashboard; standard only, never with `sellerEmail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_sign: Option<bool>,
    /// 0–25; only with a third-party seller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub developer_fee_percentage: Option<Percentage>,
    /// Quick mode only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fulfillment_policy: Option<FulfillmentPolicy>,
}

impl CreateEscrow {
    /// A standard-mode request with the required fields; set the rest as needed.
    pub fn new(title: impl Into<String>, amount: Money, buyer_email: impl Into<String>) -> Self {
        CreateEscrow {
            title: title.into(),
            amount,
            currency: None,
            buyer_email: buyer_email.into(),
            seller_email: None,
            mode: None,
            estimated_delivery_days: None,
            contract_terms: None,
            auto_sign: None,
            developer_fee_percentage: None,
            fulfillment_policy: None,
        }
    }

    /// The effective mode (`standard` when omitted).
    pub fn effective_mode(&self) -> EscrowMode {
        self.mode.clone().unwrap_or(EscrowMode::Standard)
    }

    /// Checks every documented rule; lists every problem.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mode = self.effective_mode();
        check_title(&mut errors, &self.title);
        self.check_amount(&mut errors, &mode);
        check_email(&mut errors, "buyerEmail", &self.buyer_email);
        if let Some(seller) = &self.seller_email {
            if mode == EscrowMode::Instant {
                errors.add(
                    "sellerEmail",
                    "is not allowed for instant mode (you are the seller)",
                );
            } else {
                check_email(&mut errors, "sellerEmail", seller);
            }
        }
        self.check_terms(&mut errors, &mode);
        match (&mode, self.estimated_delivery_days) {
            (EscrowMode::Standard | EscrowMode::Quick, None) => {
                errors.add(
                    "estimatedDeliveryDays",
                    format!("is required for {mode} mode"),
                );
            }
            (_, Some(0)) => errors.add("estimatedDeliveryDays", "must be at least 1"),
            _ => {}
        }
        if self.auto_sign == Some(true) {
            if !matches!(mode, EscrowMode::Standard | EscrowMode::Unknown(_)) {
                errors.add("autoSign", format!("is not applicable to {mode} mode"));
            } else if self.seller_email.is_some() {
                errors.add(
                    "autoSign",
                    "is only available when you are the seller (omit sellerEmail)",
                );
            }
        }
        self.check_developer_fee(&mut errors);
        self.check_policy(&mut errors, &mode);
        errors.into_result()
    }

    fn check_amount(&self, errors: &mut ValidationErrors, mode: &EscrowMode) {
        if !self.amount.is_positive() {
            errors.add("amount", "must be a positive number");
            return;
        }
        // Minimums apply to amountTnd; for USD/EUR the server checks after FX, so only > 0 here.
        if !matches!(self.currency, None | Some(Currency::Tnd)) {
            return;
        }
        match mode {
            EscrowMode::Standard | EscrowMode::Quick if self.amount < MIN_AMOUNT_STANDARD => {
                errors.add("amount", format!("must be at least 5 TND for {mode} mode"));
            }
            EscrowMode::Instant if self.amount < MIN_AMOUNT_INSTANT => {
                errors.add("amount", "must be at least 0.01 TND for instant mode");
            }
            _ => {}
        }
    }

    fn check_terms(&self, errors: &mut ValidationErrors, mode: &EscrowMode) {
        match (mode, &self.contract_terms) {
            (EscrowMode::Standard, None) => {
                errors.add("contractTerms", "is required for standard mode")
            }
            (EscrowMode::Quick | EscrowMode::Instant, Some(_)) => errors.add(
                "contractTerms",
                format!("is not applicable for {mode} mode (no contract is created)"),
            ),
            (_, Some(terms)) if terms.trim().is_empty() => {
                errors.add("contractTerms", "must not be empty");
            }
            (_, Some(terms)) if char_len(terms) > MAX_TERMS_CHARS => {
                errors.add("contractTerms", "must be at most 10,000 characters");
            }
            _ => {}
        }
    }

    fn check_developer_fee(&self, errors: &mut ValidationErrors) {
        let Some(Percentage(pct)) = self.developer_fee_percentage else {
            return;
        };
        if pct < Decimal::ZERO || pct > Decimal::from(MAX_DEVELOPER_FEE_PERCENT) {
            errors.add("developerFeePercentage", "must be between 0 and 25");
        } else if pct > Decimal::ZERO && self.seller_email.is_none() {
            errors.add(
                "developerFeePercentage",
                "is only allowed when the seller is a third party (set sellerEmail)",
            );
        }
    }

    fn check_policy(&self, errors: &mut ValidationErrors, mode: &EscrowMode) {
        let Some(policy) = &self.fulfillment_policy else {
            return;
        };
        if !matches!(mode, EscrowMode::Quick | EscrowMode::Unknown(_)) {
            errors.add("fulfillmentPolicy", "is only allowed with quick mode");
        }
        if policy.policy_type != FulfillmentPolicyType::PurchaseProofRequired {
            errors.add("fulfillmentPolicy.type", "must be purchase_proof_required");
        }
        let hours = [
            (
                "fulfillmentPolicy.proofUploadDeadlineHours",
                policy.proof_upload_deadline_hours,
            ),
            (
                "fulfillmentPolicy.buyerReviewDeadlineHours",
                policy.buyer_review_deadline_hours,
            ),
        ];
        for (field, value) in hours {
            if value.is_some_and(|h| !PROOF_HOURS.contains(&h)) {
                errors.add(field, "must be between 6 and 72 hours");
            }
        }
    }
}

fn check_title(errors: &mut ValidationErrors, title: &str) {
    if title.trim().is_empty() {
        errors.add("title", "is required");
    } else if char_len(title) > MAX_TITLE_CHARS {
        errors.add("title", "must be at most 200 characters");
    }
}

/// `PUT /escrows/:id` body: at least one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateEscrow {
    /// New title (1–200 characters, as on create — the update page states no limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New amount in TND, > 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Description, ≤ 2000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// ≥ 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_delivery_days: Option<u32>,
}

impl UpdateEscrow {
    /// Checks every documented rule; lists every problem.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.title.is_none()
            && self.amount.is_none()
            && self.description.is_none()
            && self.estimated_delivery_days.is_none()
        {
            errors.add(
                "body",
                "set at least one of title, amount, description, estimatedDeliveryDays",
            );
        }
        if let Some(title) = &self.title {
            check_title(&mut errors, title);
        }
        if self.amount.is_some_and(|a| !a.is_positive()) {
            errors.add("amount", "must be a positive number");
        }
        if self
            .description
            .as_deref()
            .is_some_and(|d| char_len(d) > MAX_DESCRIPTION_CHARS)
        {
            errors.add("description", "must be at most 2000 characters");
        }
        if self.estimated_delivery_days == Some(0) {
            errors.add("estimatedDeliveryDays", "must be at least 1");
        }
        errors.into_result()
    }
}

/// `GET /escrows` query.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ListEscrows {
    /// Only this status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<EscrowStatus>,
    /// Only where your user is seller / buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// 1-based page (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size (default 20, max 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl ListEscrows {
    /// Checks page ≥ 1 and limit 1–100.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.page == Some(0) {
            errors.add("page", "must be at least 1");
        }
        if self.limit.is_some_and(|l| l == 0 || l > MAX_PAGE_LIMIT) {
            errors.add("limit", "must be between 1 and 100");
        }
        errors.into_result()
    }

    pub(crate) fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(s) = &self.status {
            q.push(("status", s.to_string()));
        }
        if let Some(r) = &self.role {
            q.push(("role", r.to_string()));
        }
        if let Some(p) = self.page {
            q.push(("page", p.to_string()));
        }
        if let Some(l) = self.limit {
            q.push(("limit", l.to_string()));
        }
        q
    }
}
