//! The fields of a `POST /escrows` body (contract §2.3), each read on its own. A bad field adds
//! one line to the 400's `details` and reading goes on, so one answer names every bad field.

use crate::error::ApiError;
use crate::money::{self, AmountError};
use crate::store::{Currency, FulfillmentPolicy, Mode};
use serde_json::{Map, Value};

/// A create body.
pub(super) type Body = Map<String, Value>;

/// Proof deadline bounds in hours (platform defaults).
const PROOF_HOURS: (u32, u32) = (6, 72);
const PROOF_TYPES: [&str; 5] = [
    "receipt",
    "order_confirmation",
    "product_photo",
    "tracking_proof",
    "other",
];

/// The `details` of a 400 validation answer: the first message for each field.
#[derive(Debug, Default)]
pub(super) struct Details(Map<String, Value>);

impl Details {
    fn add(&mut self, field: &str, message: &str) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| Value::String(message.to_owned()));
    }

    /// The 400 naming every refused field, when there is one.
    pub(super) fn into_result(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid(self.0))
        }
    }
}

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

/// A field that is sent: `null` counts as omitted, as the platform treats it.
pub(super) fn present<'a>(body: &'a Body, key: &str) -> Option<&'a Value> {
    body.get(key).filter(|v| !v.is_null())
}

/// `mode`, default standard; every other rule depends on it, so a bad one is reported alone.
pub(super) fn mode(body: &Body) -> Result<Mode, ApiError> {
    match present(body, "mode") {
        None => Ok(Mode::Standard),
        Some(v) => v.as_str().and_then(Mode::parse).ok_or_else(|| {
            ApiError::invalid_field("mode", "Mode must be one of standard, quick, instant")
        }),
    }
}

/// `title`: required, 1–200 characters once trimmed.
pub(super) fn title(body: &Body, d: &mut Details) -> String {
    let Some(v) = present(body, "title") else {
        d.add("title", "Title is required");
        return String::new();
    };
    let t = v.as_str().map(str::trim).unwrap_or_default();
    if !(1..=200).contains(&t.chars().count()) {
        d.add("title", "Title must be between 1 and 200 characters");
    }
    t.to_owned()
}

/// `amount`: required, positive, in thousandths (at most 3 decimals, as money is held).
pub(super) fn amount(body: &Body, d: &mut Details) -> i64 {
    let message = match present(body, "amount").map(money::parse_thousandths) {
        Some(Ok(a)) if a > 0 => return a,
        None => "Amount is required",
        Some(Err(AmountError::TooPrecise)) => "Amount must have at most 3 decimal places",
        Some(Err(AmountError::TooLarge)) => "Amount is too large",
        Some(_) => "Amount must be a positive number",
    };
    d.add("amount", message);
    0
}

/// `currency`: TND unless USD or EUR is given.
pub(super) fn currency(body: &Body, d: &mut Details) -> Currency {
    match present(body, "currency") {
        None => Currency::Tnd,
        Some(v) => v.as_str().and_then(Currency::parse).unwrap_or_else(|| {
            d.add("currency", "Currency must be one of TND, USD, EUR");
            Currency::Tnd
        }),
    }
}

/// An address as users are matched: trimmed and lowercased.
fn email_value(v: &Value) -> String {
    v.as_str().unwrap_or_default().trim().to_ascii_lowercase()
}

/// `buyerEmail`: required and a valid address (the buyer is invited by it).
pub(super) fn buyer_email(body: &Body, d: &mut Details) -> String {
    let Some(v) = present(body, "buyerEmail") else {
        d.add("buyerEmail", "Buyer email is required");
        return String::new();
    };
    let e = email_value(v);
    if !valid_email(&e) {
        d.add("buyerEmail", "Buyer email must be a valid email address");
    }
    e
}

/// `sellerEmail`: optional (omitted, the associated user sells), a valid address when given.
pub(super) fn seller_email(body: &Body, d: &mut Details) -> Option<String> {
    let e = email_value(present(body, "sellerEmail")?);
    if !valid_email(&e) {
        d.add("sellerEmail", "Seller email must be a valid email address");
    }
    Some(e)
}

/// `estimatedDeliveryDays`: a whole number ≥ 1, required except for instant (default 1).
pub(super) fn estimated_delivery_days(body: &Body, mode: Mode, d: &mut Details) -> u32 {
    let message = match present(body, "estimatedDeliveryDays") {
        None if mode == Mode::Instant => return 1,
        None => "Estimated delivery days is required for standard and quick modes",
        Some(v) => match v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n >= 1)
        {
            Some(n) => return n,
            None => "Estimated delivery days must be a whole number of at least 1",
        },
    };
    d.add("estimatedDeliveryDays", message);
    1
}

/// `contractTerms`: required for standard (the contract both parties sign), ≤ 10,000 characters.
pub(super) fn contract_terms(body: &Body, mode: Mode, d: &mut Details) -> Option<String> {
    const REQUIRED: &str = "Contract terms are required for standard mode";
    let Some(v) = present(body, "contractTerms") else {
        if mode == Mode::Standard {
            d.add("contractTerms", REQUIRED);
        }
        return None;
    };
    let t = v.as_str().unwrap_or_default();
    if t.trim().is_empty() {
        d.add("contractTerms", REQUIRED);
    } else if t.chars().count() > 10_000 {
        d.add(
            "contractTerms",
            "Contract terms must be at most 10000 characters",
        );
    }
    Some(t.to_owned())
}

/// `autoSign`: a boolean, default false.
pub(super) fn auto_sign(body: &Body, d: &mut Details) -> bool {
    match present(body, "autoSign") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            d.add("autoSign", "autoSign must be a boolean");
            false
        }
    }
}

/// `developerFeePercentage`: 0–25 %, held × 1000; default 0.
pub(super) fn developer_fee_pct(body: &Body, d: &mut Details) -> i64 {
    match present(body, "developerFeePercentage").map(money::parse_thousandths) {
        None => 0,
        Some(Ok(p)) if (0..=25_000).contains(&p) => p,
        Some(_) => {
            d.add(
                "developerFeePercentage",
                "Developer fee percentage must be a number between 0 and 25",
            );
            0
        }
    }
}

/// `fulfillmentPolicy`: only quick escrows carry a purchase proof (Quick Escrow with Proof).
pub(super) fn policy(body: &Body, mode: Mode, d: &mut Details) -> Option<FulfillmentPolicy> {
    let v = present(body, "fulfillmentPolicy")?;
    if mode != Mode::Quick {
        d.add(
            "fulfillmentPolicy",
            "fulfillmentPolicy is only allowed with mode: quick",
        );
        return None;
    }
    let Some(o) = v.as_object() else {
        d.add("fulfillmentPolicy", "fulfillmentPolicy must be an object");
        return None;
    };
    if o.get("type").and_then(Value::as_str) != Some("purchase_proof_required") {
        d.add(
            "fulfillmentPolicy.type",
            "fulfillmentPolicy.type must be purchase_proof_required",
        );
    }
    let upload_hours = proof_hours(o, "proofUploadDeadlineHours", d);
    let review_hours = proof_hours(o, "buyerReviewDeadlineHours", d);
    let allowed_proof_types = proof_types(o, d);
    Some(FulfillmentPolicy {
        upload_hours,
        review_hours,
        allowed_proof_types,
    })
}

/// A proof deadline: whole hours inside the platform bounds, 24 when omitted.
fn proof_hours(o: &Body, key: &str, d: &mut Details) -> u32 {
    let Some(h) = present(o, key) else {
        return 24;
    };
    match h.as_u64().and_then(|n| u32::try_from(n).ok()) {
        Some(n) if (PROOF_HOURS.0..=PROOF_HOURS.1).contains(&n) => n,
        _ => {
            d.add(
                &format!("fulfillmentPolicy.{key}"),
                &format!("{key} must be a whole number of hours between 6 and 72"),
            );
            24
        }
    }
}

/// `allowedProofTypes`: UI hints, but only from the documented list.
fn proof_types(o: &Body, d: &mut Details) -> Option<Vec<String>> {
    match present(o, "allowedProofTypes")? {
        Value::Array(a) => {
            let types: Vec<String> = a
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            if types.len() != a.len() || types.iter().any(|t| !PROOF_TYPES.contains(&t.as_str())) {
                d.add(
                    "fulfillmentPolicy.allowedProofTypes",
                    "allowedProofTypes may only contain receipt, order_confirmation, product_photo, tracking_proof, other",
                );
            }
            Some(types)
        }
        _ => {
            d.add(
                "fulfillmentPolicy.allowedProofTypes",
                "allowedProofTypes must be an array",
            );
            None
        }
    }
}
