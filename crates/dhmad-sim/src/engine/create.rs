//! `POST /escrows`: validation (contract §2.3, in a fixed order) and creation.

use super::events::DomainEvent;
use crate::clock::{DAY, Millis};
use crate::error::{ApiError, text};
use crate::money::{self, AmountError};
use crate::store::{Contract, Currency, Escrow, FulfillmentPolicy, Mode, Status, Store};
use serde_json::{Map, Value};

/// A validated create request.
#[derive(Debug, Clone)]
pub struct NewEscrow {
    /// Title.
    pub title: String,
    /// Face amount, thousandths.
    pub amount: i64,
    /// Face currency.
    pub currency: Currency,
    /// Buyer (lowercased).
    pub buyer_email: String,
    /// Third-party seller (lowercased).
    pub seller_email: Option<String>,
    /// Mode.
    pub mode: Mode,
    /// Estimated delivery days.
    pub estimated_delivery_days: u32,
    /// Contract terms (standard).
    pub contract_terms: Option<String>,
    /// Apply the dashboard signature for the seller.
    pub auto_sign: bool,
    /// Developer fee percentage × 1000.
    pub developer_fee_pct: i64,
    /// QEwP policy.
    pub policy: Option<FulfillmentPolicy>,
}

const MSG_INSTANT_SELLER: &str = "Instant mode is only available when you are the seller (omit sellerEmail). For escrows between two other parties, use mode: standard (with a contract) or mode: quick (no contract).";
const MSG_TERMS_NOT_APPLICABLE: &str = "Contract terms are not applicable for quick mode (no contract is created). Use mode: standard to include a contract.";
const MSG_FEE_OWN_SELLER: &str = "Developer fee is not allowed when the seller is your associated user account. Use developerFeePercentage only when the seller is a third party (different from your associated account).";
const MSG_AUTOSIGN_SELLER: &str = "Auto-sign is only available when you are the seller (omit sellerEmail). When specifying a sellerEmail, the seller must sign the contract themselves.";
/// Proof deadline bounds in hours (platform defaults).
pub const PROOF_HOURS: (u32, u32) = (6, 72);
const PROOF_TYPES: [&str; 5] = [
    "receipt",
    "order_confirmation",
    "product_photo",
    "tracking_proof",
    "other",
];

/// A plausible email address (one `@`, a dotted domain, no spaces).
pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && s.len() <= 254
        && !s.chars().any(char::is_whitespace)
}

fn present<'a>(body: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    body.get(key).filter(|v| !v.is_null())
}

/// Validates a create body for developer `dev`, in the documented order.
pub fn validate(store: &Store, dev: usize, body: &Value) -> Result<NewEscrow, ApiError> {
    let Some(body) = body.as_object() else {
        return Err(ApiError::invalid_field(
            "body",
            "Request body must be a JSON object",
        ));
    };
    let developer = &store.developers[dev];
    let own_user = developer.user;
    let seller_given = present(body, "sellerEmail");
    let fee_raw = present(body, "developerFeePercentage");
    if seller_given.is_none() && own_user.is_none() {
        return Err(ApiError::forbidden(text::NOT_ASSOCIATED_CREATE));
    }
    let fee_positive = fee_raw.and_then(Value::as_f64).is_some_and(|f| f > 0.0);
    if fee_positive && own_user.is_none() {
        return Err(ApiError::forbidden(text::NOT_ASSOCIATED_FEE));
    }

    let mut d = Map::new();
    let mut err = |k: &str, t: &str| {
        d.entry(k.to_owned())
            .or_insert_with(|| Value::String(t.to_owned()));
    };
    let mode = match present(body, "mode") {
        None => Mode::Standard,
        Some(v) => match v.as_str().and_then(Mode::parse) {
            Some(m) => m,
            // Every other rule depends on the mode: report it alone.
            None => {
                return Err(ApiError::invalid_field(
                    "mode",
                    "Mode must be one of standard, quick, instant",
                ));
            }
        },
    };
    if mode == Mode::Instant && seller_given.is_some() {
        return Err(ApiError::bad_request(MSG_INSTANT_SELLER));
    }
    if mode != Mode::Standard && present(body, "contractTerms").is_some() {
        return Err(ApiError::bad_request(MSG_TERMS_NOT_APPLICABLE));
    }

    let title = match present(body, "title") {
        None => {
            err("title", "Title is required");
            String::new()
        }
        Some(v) => {
            let t = v.as_str().map(str::trim).unwrap_or_default();
            let n = t.chars().count();
            if !(1..=200).contains(&n) {
                err("title", "Title must be between 1 and 200 characters");
            }
            t.to_owned()
        }
    };
    let amount = match present(body, "amount").map(money::parse_thousandths) {
        None => {
            err("amount", "Amount is required");
            0
        }
        Some(Ok(a)) if a > 0 => a,
        Some(Err(AmountError::TooPrecise)) => {
            err("amount", "Amount must have at most 3 decimal places");
            0
        }
        Some(Err(AmountError::TooLarge)) => {
            err("amount", "Amount is too large");
            0
        }
        Some(_) => {
            err("amount", "Amount must be a positive number");
            0
        }
    };
    let currency = match present(body, "currency") {
        None => Currency::Tnd,
        Some(v) => v.as_str().and_then(Currency::parse).unwrap_or_else(|| {
            err("currency", "Currency must be one of TND, USD, EUR");
            Currency::Tnd
        }),
    };
    let buyer_email = match present(body, "buyerEmail") {
        None => {
            err("buyerEmail", "Buyer email is required");
            String::new()
        }
        Some(v) => {
            let e = v.as_str().unwrap_or_default().trim().to_ascii_lowercase();
            if !valid_email(&e) {
                err("buyerEmail", "Buyer email must be a valid email address");
            }
            e
        }
    };
    let seller_email = seller_given.map(|v| {
        let e = v.as_str().unwrap_or_default().trim().to_ascii_lowercase();
        if !valid_email(&e) {
            err("sellerEmail", "Seller email must be a valid email address");
        }
        e
    });
    let estimated_delivery_days = match present(body, "estimatedDeliveryDays") {
        None if mode == Mode::Instant => 1,
        None => {
            err(
                "estimatedDeliveryDays",
                "Estimated delivery days is required for standard and quick modes",
            );
            1
        }
        Some(v) => match v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n >= 1)
        {
            Some(n) => n,
            None => {
                err(
                    "estimatedDeliveryDays",
                    "Estimated delivery days must be a whole number of at least 1",
                );
                1
            }
        },
    };
    let contract_terms = match present(body, "contractTerms") {
        None if mode == Mode::Standard => {
            err(
                "contractTerms",
                "Contract terms are required for standard mode",
            );
            None
        }
        None => None,
        Some(v) => {
            let t = v.as_str().unwrap_or_default();
            if t.trim().is_empty() {
                err(
                    "contractTerms",
                    "Contract terms are required for standard mode",
                );
            } else if t.chars().count() > 10_000 {
                err(
                    "contractTerms",
                    "Contract terms must be at most 10000 characters",
                );
            }
            Some(t.to_owned())
        }
    };
    let auto_sign = match present(body, "autoSign") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            err("autoSign", "autoSign must be a boolean");
            false
        }
    };
    let developer_fee_pct = match fee_raw.map(money::parse_thousandths) {
        None => 0,
        Some(Ok(p)) if (0..=25_000).contains(&p) => p,
        Some(_) => {
            err(
                "developerFeePercentage",
                "Developer fee percentage must be a number between 0 and 25",
            );
            0
        }
    };
    let policy = match present(body, "fulfillmentPolicy") {
        None => None,
        Some(_) if mode != Mode::Quick => {
            err(
                "fulfillmentPolicy",
                "fulfillmentPolicy is only allowed with mode: quick",
            );
            None
        }
        Some(v) => parse_policy(v, &mut err),
    };
    if !d.is_empty() {
        return Err(ApiError::invalid(d));
    }

    let own_email = own_user.map(|u| store.users[u].email.as_str());
    let seller_is_own = seller_email.is_none() || seller_email.as_deref() == own_email;
    if developer_fee_pct > 0 && seller_is_own {
        return Err(ApiError::bad_request(MSG_FEE_OWN_SELLER));
    }
    if auto_sign {
        if seller_email.is_some() {
            return Err(ApiError::bad_request(MSG_AUTOSIGN_SELLER));
        }
        if mode != Mode::Standard {
            return Err(ApiError::bad_request(
                "Auto-sign is only available for standard mode escrows (quick and instant escrows have no contract).",
            ));
        }
        if !developer.has_signature {
            return Err(ApiError::bad_request(
                "Auto-sign requires a signature configured in the developer dashboard. Configure it under Settings → Signature.",
            ));
        }
    }
    if let Some(u) = own_user.filter(|_| seller_is_own)
        && !store.users[u].email_verified
    {
        return Err(ApiError::forbidden(
            "Your associated user account must have a verified email to create escrows.",
        ));
    }
    let seller_addr = seller_email.as_deref().or(own_email);
    if seller_addr == Some(buyer_email.as_str()) {
        return Err(ApiError::invalid_field(
            "buyerEmail",
            "Buyer and seller must be different users",
        ));
    }
    let amount_tnd = money::mul_thousandths(amount, rate(store, currency));
    let min = if mode == Mode::Instant { 10 } else { 5_000 };
    if amount_tnd < min {
        let t = if mode == Mode::Instant {
            "Amount must be at least 0.01 TND for instant mode (after currency conversion)"
        } else {
            "Amount must be at least 5 TND for standard and quick modes (after currency conversion)"
        };
        return Err(ApiError::invalid_field("amount", t));
    }
    Ok(NewEscrow {
        title,
        amount,
        currency,
        buyer_email,
        seller_email,
        mode,
        estimated_delivery_days,
        contract_terms: if mode == Mode::Standard {
            contract_terms
        } else {
            None
        },
        auto_sign,
        developer_fee_pct,
        policy,
    })
}

fn parse_policy(v: &Value, err: &mut impl FnMut(&str, &str)) -> Option<FulfillmentPolicy> {
    let Some(o) = v.as_object() else {
        err("fulfillmentPolicy", "fulfillmentPolicy must be an object");
        return None;
    };
    if o.get("type").and_then(Value::as_str) != Some("purchase_proof_required") {
        err(
            "fulfillmentPolicy.type",
            "fulfillmentPolicy.type must be purchase_proof_required",
        );
    }
    let mut hours = |key: &str| match o.get(key).filter(|v| !v.is_null()) {
        None => 24,
        Some(h) => match h.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if (PROOF_HOURS.0..=PROOF_HOURS.1).contains(&n) => n,
            _ => {
                err(
                    &format!("fulfillmentPolicy.{key}"),
                    &format!("{key} must be a whole number of hours between 6 and 72"),
                );
                24
            }
        },
    };
    let upload_hours = hours("proofUploadDeadlineHours");
    let review_hours = hours("buyerReviewDeadlineHours");
    let allowed_proof_types = match o.get("allowedProofTypes").filter(|v| !v.is_null()) {
        None => None,
        Some(Value::Array(a)) => {
            let types: Vec<String> = a
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            if types.len() != a.len() || types.iter().any(|t| !PROOF_TYPES.contains(&t.as_str())) {
                err(
                    "fulfillmentPolicy.allowedProofTypes",
                    "allowedProofTypes may only contain receipt, order_confirmation, product_photo, tracking_proof, other",
                );
            }
            Some(types)
        }
        Some(_) => {
            err(
                "fulfillmentPolicy.allowedProofTypes",
                "allowedProofTypes must be an array",
            );
            None
        }
    };
    Some(FulfillmentPolicy {
        upload_hours,
        review_hours,
        allowed_proof_types,
    })
}

/// FX rate to TND, thousandths.
pub fn rate(store: &Store, c: Currency) -> i64 {
    match c {
        Currency::Tnd => 1000,
        Currency::Usd => store.settings.usd_rate,
        Currency::Eur => store.settings.eur_rate,
    }
}

/// Recomputes `amountTnd` and both fees from the face amount.
pub fn apply_amount(store: &Store, e: &mut Escrow, amount: i64) {
    e.amount = amount;
    e.amount_tnd = money::mul_thousandths(amount, e.fx_rate);
    e.escrow_fee = money::percent_of(e.amount_tnd, store.settings.fee_pct);
    e.developer_fee = money::percent_of(e.amount_tnd, e.developer_fee_pct);
}

/// Creates the escrow (and contract) for developer `dev`; returns its index and events.
pub fn create(
    store: &mut Store,
    dev: usize,
    n: NewEscrow,
    now: Millis,
) -> (usize, Vec<DomainEvent>) {
    let id = store.new_id(now);
    let own = store.developers[dev].user;
    let seller = match &n.seller_email {
        Some(email) => store.user_by_email(email),
        None => own,
    };
    let contract = match (n.mode, n.contract_terms) {
        (crate::store::Mode::Standard, Some(terms)) => Some(Contract {
            id: store.new_id(now),
            terms,
            seller_signed_at: n.auto_sign.then_some(now),
            buyer_signed_at: None,
            created_at: now,
            updated_at: now,
        }),
        _ => None,
    };
    let mut e = Escrow {
        id: id.clone(),
        title: n.title,
        description: None,
        amount: 0,
        currency: n.currency,
        fx_rate: rate(store, n.currency),
        amount_tnd: 0,
        escrow_fee: 0,
        developer_fee: 0,
        developer_fee_pct: n.developer_fee_pct,
        status: Status::Pending,
        mode: n.mode,
        seller,
        seller_email: n.seller_email,
        buyer: store.user_by_email(&n.buyer_email),
        buyer_email: n.buyer_email,
        estimated_delivery_days: n.estimated_delivery_days,
        developer: dev,
        app_name: store.developers[dev].company_name.clone(),
        contract,
        policy: n.policy,
        proof: None,
        expires_at: now + 31 * DAY,
        paid_at: None,
        delivered_at: None,
        completion_deadline: None,
        completed_at: None,
        cancelled_at: None,
        created_at: now,
        updated_at: now,
        dispute: None,
        cancellation: None,
        delivery_rejections: Vec::new(),
    };
    apply_amount(store, &mut e, n.amount);
    let signed = n.auto_sign && e.contract.is_some();
    let i = store.insert_escrow(e);
    let events = if signed {
        vec![DomainEvent::ContractSigned {
            escrow: id,
            by: crate::store::Role::Seller,
        }]
    } else {
        Vec::new()
    };
    (i, events)
}
