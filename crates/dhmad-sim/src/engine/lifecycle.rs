//! REST-driven transitions: update, deliver, reject delivery, cancel (contract §2.8–2.11).

use super::create::{apply_amount, require_minimum_amount};
use super::events::DomainEvent;
use super::funds::{release, set_status};
use crate::clock::{DAY, Millis};
use crate::error::{ApiError, escrow_not_found, invalid_escrow_id, not_associated, text};
use crate::money::{self, AmountError};
use crate::store::{DeliveryRejection, Mode, Phase, Status, Store};
use serde_json::{Map, Value, json};

/// A 24-hex id.
pub fn is_object_id(id: &str) -> bool {
    id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Finds an escrow by id: 400 malformed, 404 unknown.
pub fn find(store: &Store, id: &str) -> Result<usize, ApiError> {
    if !is_object_id(id) {
        return Err(invalid_escrow_id());
    }
    store
        .escrow_idx(&id.to_ascii_lowercase())
        .ok_or_else(escrow_not_found)
}

/// The developer created the escrow or its associated user is a party.
pub fn can_view(store: &Store, dev: usize, i: usize) -> bool {
    let e = &store.escrows[i];
    let user = store.developers[dev].user;
    e.developer == dev || (user.is_some() && (e.seller == user || e.buyer == user))
}

/// The developer's associated user, or the endpoint-page 403.
pub fn associated(store: &Store, dev: usize) -> Result<usize, ApiError> {
    store.developers[dev].user.ok_or_else(not_associated)
}

/// The fields `PUT /escrows/:id` may change (§2.8).
const UPDATE_FIELDS: [&str; 4] = ["title", "amount", "description", "estimatedDeliveryDays"];

/// `PUT /escrows/:id`.
pub fn update(
    store: &mut Store,
    dev: usize,
    i: usize,
    body: &Value,
    now: Millis,
) -> Result<Vec<DomainEvent>, ApiError> {
    require_updatable(store, dev, i)?;
    let empty = Map::new();
    let obj = body.as_object().unwrap_or(&empty);
    let given: Vec<&str> = UPDATE_FIELDS
        .into_iter()
        .filter(|f| obj.get(*f).is_some_and(|v| !v.is_null()))
        .collect();
    if given.is_empty() {
        return Err(ApiError::bad_request("No valid fields to update"));
    }
    let changes = read_update(obj)?;
    let mut e = store.escrows[i].clone();
    if let Some(a) = changes.amount {
        apply_amount(store, &mut e, a);
        require_minimum_amount(e.mode, e.amount_tnd)?;
    }
    if let Some(t) = changes.title {
        e.title = t;
    }
    if let Some(t) = changes.description {
        e.description = Some(t);
    }
    if let Some(n) = changes.days {
        e.estimated_delivery_days = n;
    }
    e.updated_at = now;
    let id = e.id.clone();
    store.escrows[i] = e;
    Ok(vec![DomainEvent::EscrowUpdated {
        escrow: id,
        fields: given.into_iter().map(str::to_owned).collect(),
    }])
}

/// Only a developer who may see the escrow updates it, and only while pending (§2.8): once
/// paid, the buyer has paid for these terms.
fn require_updatable(store: &Store, dev: usize, i: usize) -> Result<(), ApiError> {
    associated(store, dev)?;
    if !can_view(store, dev, i) {
        return Err(ApiError::forbidden(text::NO_ACCESS_VIEW));
    }
    if store.escrows[i].status != Status::Pending {
        return Err(ApiError::bad_request(
            "Can only update escrows in pending status",
        ));
    }
    Ok(())
}

/// The changes an update body asks for, each field checked as at creation (§2.8).
#[derive(Debug, Default)]
struct Update {
    title: Option<String>,
    description: Option<String>,
    days: Option<u32>,
    amount: Option<i64>,
}

/// Reads every given field; all refused ones are named in one 400 (§1.5).
fn read_update(obj: &Map<String, Value>) -> Result<Update, ApiError> {
    let mut d = Map::new();
    let field = |k: &str| obj.get(k).filter(|v| !v.is_null());
    let update = Update {
        title: field("title").map(|v| update_title(v, &mut d)),
        description: field("description").map(|v| update_description(v, &mut d)),
        days: field("estimatedDeliveryDays").map(|v| update_days(v, &mut d)),
        amount: field("amount").map(|v| update_amount(v, &mut d)),
    };
    if !d.is_empty() {
        return Err(ApiError::invalid(d));
    }
    Ok(update)
}

/// `title`: 1–200 characters once trimmed, as at creation (§2.3).
fn update_title(v: &Value, d: &mut Map<String, Value>) -> String {
    let t = v.as_str().map(str::trim).unwrap_or_default().to_owned();
    if !(1..=200).contains(&t.chars().count()) {
        d.insert(
            "title".into(),
            json!("Title must be between 1 and 200 characters"),
        );
    }
    t
}

/// `description`: a string of at most 2000 characters (§2.8).
fn update_description(v: &Value, d: &mut Map<String, Value>) -> String {
    let t = v.as_str().unwrap_or_default().to_owned();
    if !v.is_string() || t.chars().count() > 2000 {
        d.insert(
            "description".into(),
            json!("Description must be a string of at most 2000 characters"),
        );
    }
    t
}

/// `estimatedDeliveryDays`: a whole number ≥ 1, as at creation (§2.3).
fn update_days(v: &Value, d: &mut Map<String, Value>) -> u32 {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n >= 1)
        .unwrap_or_else(|| {
            d.insert(
                "estimatedDeliveryDays".into(),
                json!("Estimated delivery days must be a whole number of at least 1"),
            );
            1
        })
}

/// `amount`: positive, at most 3 decimals (money is held in thousandths).
fn update_amount(v: &Value, d: &mut Map<String, Value>) -> i64 {
    let message = match money::parse_thousandths(v) {
        Ok(a) if a > 0 => return a,
        Err(AmountError::TooPrecise) => "Amount must have at most 3 decimal places",
        _ => "Amount must be a positive number",
    };
    d.insert("amount".into(), json!(message));
    0
}

/// `POST /escrows/:id/deliver`. Instant escrows complete at once.
pub fn deliver(
    store: &mut Store,
    dev: usize,
    i: usize,
    now: Millis,
) -> Result<Vec<DomainEvent>, ApiError> {
    let user = associated(store, dev)?;
    let e = &store.escrows[i];
    if e.seller != Some(user) {
        return Err(ApiError::forbidden(
            "Only the seller can mark an escrow as delivered",
        ));
    }
    if e.status != Status::Paid {
        return Err(ApiError::bad_request(
            "Escrow must be in paid status before delivery",
        ));
    }
    if e.needs_proof() {
        let phase = e.proof.as_ref().map(|p| p.phase);
        if !matches!(phase, Some(Phase::Accepted | Phase::AcceptedByTimeout)) {
            return Err(ApiError::new(
                409,
                json!({
                    "error": "Conflict",
                    "code": "PROOF_NOT_ACCEPTED",
                    "message": "The purchase proof must be accepted by the buyer (or by timeout) before the escrow can be marked as delivered.",
                }),
            ));
        }
    }
    Ok(mark_delivered(store, i, now))
}

/// The delivery transition itself (shared with the history seeder).
pub fn mark_delivered(store: &mut Store, i: usize, now: Millis) -> Vec<DomainEvent> {
    let e = &mut store.escrows[i];
    e.delivered_at = Some(now);
    if e.mode == Mode::Instant {
        e.completed_at = Some(now);
        release(store, i);
        return vec![set_status(store, i, Status::Completed, now)];
    }
    e.completion_deadline = Some(now + 7 * DAY);
    vec![set_status(store, i, Status::Delivered, now)]
}

/// `POST /escrows/:id/reject-delivery`.
pub fn reject_delivery(
    store: &mut Store,
    dev: usize,
    i: usize,
    body: &Value,
    now: Millis,
) -> Result<Vec<DomainEvent>, ApiError> {
    let user = associated(store, dev)?;
    let e = &store.escrows[i];
    if e.buyer != Some(user) {
        return Err(ApiError::forbidden(
            "Only the buyer can reject delivery for this escrow",
        ));
    }
    let reason = match body.get("reason").filter(|v| !v.is_null()) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
        Some(_) => return Err(ApiError::invalid_field("reason", "Reason must be a string")),
    };
    if e.status != Status::Delivered {
        return Err(ApiError::bad_request(
            "Escrow must be in delivered status to reject delivery",
        ));
    }
    if e.dispute.is_some() {
        return Err(ApiError::bad_request(
            "Cannot reject delivery while a dispute is open",
        ));
    }
    Ok(apply_reject_delivery(store, i, user, reason, now))
}

/// The rejection transition (shared with the history seeder).
pub fn apply_reject_delivery(
    store: &mut Store,
    i: usize,
    buyer: usize,
    reason: Option<String>,
    now: Millis,
) -> Vec<DomainEvent> {
    let e = &mut store.escrows[i];
    e.delivery_rejections.push(DeliveryRejection {
        rejected_at: now,
        reason,
        previous_delivered_at: e.delivered_at,
        rejected_by: buyer,
    });
    e.delivered_at = None;
    e.completion_deadline = None;
    let id = e.id.clone();
    let status = set_status(store, i, Status::Paid, now);
    vec![DomainEvent::DeliveryRejected { escrow: id }, status]
}

/// `POST /escrows/:id/cancel` (pending only; no money has moved).
pub fn cancel(
    store: &mut Store,
    dev: usize,
    i: usize,
    now: Millis,
) -> Result<Vec<DomainEvent>, ApiError> {
    let user = associated(store, dev)?;
    let e = &store.escrows[i];
    if e.seller != Some(user) && e.buyer != Some(user) && e.developer != dev {
        return Err(ApiError::forbidden(text::NO_ACCESS_VIEW));
    }
    if e.status != Status::Pending {
        return Err(ApiError::bad_request(
            "Only pending escrows can be cancelled via API. For paid or delivered escrows, buyers use a request_cancellation checkout session; sellers use a cancel_escrow checkout session.",
        ));
    }
    store.escrows[i].cancelled_at = Some(now);
    Ok(vec![set_status(store, i, Status::Cancelled, now)])
}
