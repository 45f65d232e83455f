//! The `data` of each webhook event (contract §6.5), built when the event is logged, under the
//! same write lock as the transition, so it shows the state right after it.

use crate::clock::{iso, iso_opt};
use crate::engine::DomainEvent;
use crate::model::escrow::cancellation_json;
use crate::model::proof_json;
use crate::store::{Escrow, Role, Store};
use serde_json::{Value, json};

fn with_old_status(escrow: &Value, old: &str) -> Value {
    let mut e = escrow.clone();
    if let Some(o) = e.as_object_mut() {
        o.insert("oldStatus".into(), json!(old));
    }
    e
}

/// `data` for an event that has a webhook type; `None` when there is none.
pub fn data(
    store: &Store,
    event: &DomainEvent,
    escrow: Option<&Value>,
    origin: &str,
) -> Option<Value> {
    event.webhook_type()?;
    let Some(id) = event.escrow_id() else {
        return identity(store, event);
    };
    let i = store.escrow_idx(id)?;
    let e = &store.escrows[i];
    let snapshot = escrow?;
    Some(match event {
        DomainEvent::StatusChanged { old, .. } => {
            json!({ "escrow": with_old_status(snapshot, old.as_str()) })
        }
        DomainEvent::ContractSigned { by, .. } => contract_signed(e, *by, snapshot)?,
        DomainEvent::CancellationRequested { .. }
        | DomainEvent::CancellationRejected { .. }
        | DomainEvent::CancellationAccepted { .. } => json!({
            "escrow": snapshot,
            "cancellationRequest": cancellation_json(store, e),
        }),
        DomainEvent::EscrowUpdated { fields, .. } => {
            json!({ "updatedFields": fields, "escrow": snapshot })
        }
        DomainEvent::DeliveryRejected { .. } => delivery_rejected(store, e, snapshot)?,
        DomainEvent::Proof { .. } => {
            json!({ "escrow": snapshot, "proof": proof_json(store, i, origin, true) })
        }
        _ => return None,
    })
}

/// `contract.signed` (§6.5): who signed, both signatures so far, and the escrow.
fn contract_signed(e: &Escrow, by: Role, snapshot: &Value) -> Option<Value> {
    let c = e.contract.as_ref()?;
    let sig = |t: Option<i64>| t.map_or(Value::Null, |t| json!({ "signedAt": iso(t) }));
    let at = match by {
        Role::Seller => c.seller_signed_at,
        Role::Buyer => c.buyer_signed_at,
    };
    Some(json!({
        "contract": {
            "id": c.id,
            "escrowId": e.id,
            "signedBy": by.as_str(),
            "sellerSignature": sig(c.seller_signed_at),
            "buyerSignature": sig(c.buyer_signed_at),
            "isFullySigned": c.fully_signed(),
            "signedAt": iso_opt(at),
        },
        "escrow": snapshot,
    }))
}

/// `escrow.delivery.rejected` (§6.5): the latest rejection, and the escrow as it was delivered.
fn delivery_rejected(store: &Store, e: &Escrow, snapshot: &Value) -> Option<Value> {
    let r = e.delivery_rejections.last()?;
    let mut rejection = json!({
        "rejectedAt": iso(r.rejected_at),
        "previousDeliveredAt": iso_opt(r.previous_delivered_at),
        "rejectedBy": store.users[r.rejected_by].id,
    });
    if let (Some(reason), Some(o)) = (&r.reason, rejection.as_object_mut()) {
        o.insert("reason".into(), json!(reason));
    }
    Some(json!({
        "escrow": with_old_status(snapshot, "delivered"),
        "deliveryRejection": rejection,
    }))
}

fn identity(store: &Store, event: &DomainEvent) -> Option<Value> {
    let (id, linked) = match event {
        DomainEvent::IdentityUpdated { verification, .. } => (verification, false),
        DomainEvent::IdentityLinked { verification } => (verification, true),
        _ => return None,
    };
    let v = &store.verifications[*store.idx.verif_by_id.get(id)?];
    let linked_user_id = v.linked_user.map(|u| store.users[u].id.clone());
    if linked {
        return Some(json!({
            "id": v.id,
            "external_user_id": v.external_user_id,
            "email": v.email,
            "kyc_status": v.kyc_status.as_str(),
            "linked_user_id": linked_user_id,
            "linked_at": iso_opt(v.linked_at),
        }));
    }
    let DomainEvent::IdentityUpdated {
        previous, source, ..
    } = event
    else {
        return None;
    };
    Some(json!({
        "id": v.id,
        "external_user_id": v.external_user_id,
        "email": v.email,
        "kyc_status": v.kyc_status.as_str(),
        "previous_kyc_status": previous.as_str(),
        "needs_admin_review": v.needs_admin_review,
        "linked_user_id": linked_user_id,
        "status_source": source,
        "claim_status": if v.linked_user.is_some() { "linked" } else { "pending" },
        "updated_at": iso(v.updated_at),
    }))
}
