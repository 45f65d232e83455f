//! JSON shapes of the API's resources (built from the contract, not from the client crate).

pub mod escrow;
pub mod view;

pub use escrow::{contract_json, contract_summary, proof_json};
pub use view::escrow_json;

use crate::clock::{iso, iso_opt};
use crate::store::{Session, Store, Verification};
use serde_json::{Value, json};

/// Session object of `GET /sessions/:id`.
pub fn session_json(store: &Store, s: &Session) -> Value {
    let mut o = json!({
        "sessionId": s.id,
        "escrowId": store.escrows[s.escrow].id,
        "action": s.action.as_str(),
        "targetUserEmail": s.target_email,
        "status": s.status.as_str(),
        "expiresAt": iso(s.expires_at),
        "completedAt": iso_opt(s.completed_at),
        "createdAt": iso(s.created_at),
    });
    if let (Some(meta), Some(obj)) = (&s.metadata, o.as_object_mut()) {
        obj.insert("metadata".into(), json!(meta));
    }
    o
}

/// Flat identity verification object (snake_case, as documented).
pub fn verification_json(store: &Store, v: &Verification) -> Value {
    json!({
        "id": v.id,
        "email": v.email,
        "external_user_id": v.external_user_id,
        "kyc_status": v.kyc_status.as_str(),
        "didit_session_status": v.didit_session_status,
        "needs_admin_review": v.needs_admin_review,
        "claim_status": if v.linked_user.is_some() { "linked" } else { "pending" },
        "linked_user_id": v.linked_user.map(|u| store.users[u].id.clone()),
        "linked_at": iso_opt(v.linked_at),
        "created_at": iso(v.created_at),
        "updated_at": iso(v.updated_at),
        "expires_at": iso(v.expires_at),
        "verification_email_sent": v.email_sent_at.is_some(),
        "verification_email_sent_at": iso_opt(v.email_sent_at),
    })
}
