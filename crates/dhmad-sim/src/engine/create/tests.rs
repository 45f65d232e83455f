//! The create rules no HTTP conformance test reaches: auto-sign's mode and signature, the
//! seller's verified email, and the field types the documents only imply.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::validate;
use crate::config::SimConfig;
use crate::store::Store;
use serde_json::{Value, json};

/// The seeded store: developer 0 is the demo developer, associated with the demo merchant.
fn store() -> Store {
    crate::fresh_store(&SimConfig::default(), 1_700_000_000_000).0
}

fn standard() -> Value {
    json!({
        "title": "Tapis Kairouan",
        "amount": 120,
        "buyerEmail": "buyer@example.tn",
        "estimatedDeliveryDays": 3,
        "contractTerms": "Delivered as described.",
    })
}

fn refusal(store: &Store, body: &Value) -> (u16, Value) {
    let e = validate(store, 0, body).expect_err("the body is refused");
    (e.status, e.body)
}

fn bad_request(message: &str) -> (u16, Value) {
    (400, json!({"error": "Bad Request", "message": message}))
}

fn details(field: &str, text: &str) -> (u16, Value) {
    (
        400,
        json!({"error": "Bad Request", "message": "Invalid request parameters", "details": {field: text}}),
    )
}

#[test]
fn auto_sign_needs_a_configured_signature() {
    let mut store = store();
    let mut body = standard();
    body["autoSign"] = json!(true);
    assert!(validate(&store, 0, &body).unwrap().auto_sign);
    store.developers[0].has_signature = false;
    assert_eq!(
        refusal(&store, &body),
        bad_request(
            "Auto-sign requires a signature configured in the developer dashboard. Configure it under Settings → Signature."
        )
    );
}

#[test]
fn auto_sign_is_for_standard_escrows_only() {
    let body = json!({
        "title": "Tapis Kairouan",
        "amount": 120,
        "buyerEmail": "buyer@example.tn",
        "estimatedDeliveryDays": 3,
        "mode": "quick",
        "autoSign": true,
    });
    assert_eq!(
        refusal(&store(), &body),
        bad_request(
            "Auto-sign is only available for standard mode escrows (quick and instant escrows have no contract)."
        )
    );
}

#[test]
fn auto_sign_must_be_a_boolean() {
    let mut body = standard();
    body["autoSign"] = json!("yes");
    assert_eq!(
        refusal(&store(), &body),
        details("autoSign", "autoSign must be a boolean")
    );
}

#[test]
fn the_associated_seller_needs_a_verified_email() {
    let mut store = store();
    let merchant = store.developers[0].user.unwrap();
    store.users[merchant].email_verified = false;
    assert_eq!(
        refusal(&store, &standard()),
        (
            403,
            json!({"error": "Forbidden", "message": "Your associated user account must have a verified email to create escrows."})
        )
    );
    // A third-party seller is not held to the associated user's verification.
    let mut third_party = standard();
    third_party["sellerEmail"] = json!("seller@example.tn");
    assert!(validate(&store, 0, &third_party).is_ok());
}

#[test]
fn allowed_proof_types_come_from_the_documented_list() {
    let body = |types: Value| {
        json!({
            "title": "Huile d'olive 5L",
            "amount": 80,
            "buyerEmail": "buyer@example.tn",
            "estimatedDeliveryDays": 2,
            "mode": "quick",
            "fulfillmentPolicy": {"type": "purchase_proof_required", "allowedProofTypes": types},
        })
    };
    let ok = validate(&store(), 0, &body(json!(["receipt", "tracking_proof"]))).unwrap();
    assert_eq!(
        ok.policy.and_then(|p| p.allowed_proof_types),
        Some(vec!["receipt".to_owned(), "tracking_proof".to_owned()])
    );
    assert_eq!(
        refusal(&store(), &body(json!(["receipt", "selfie"]))),
        details(
            "fulfillmentPolicy.allowedProofTypes",
            "allowedProofTypes may only contain receipt, order_confirmation, product_photo, tracking_proof, other"
        )
    );
    assert_eq!(
        refusal(&store(), &body(json!("receipt"))),
        details(
            "fulfillmentPolicy.allowedProofTypes",
            "allowedProofTypes must be an array"
        )
    );
}
