//! Webhook signatures (contract §6.3), computed independently here.

use dhmad_api::webhook::{parse_verified, verify_signature};
use dhmad_api::{WebhookData, WebhookEventType};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::fixture;

const SECRET: &str = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";

fn sign(body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

#[test]
fn a_correct_signature_verifies_and_the_event_parses() {
    // Compact JSON, as DHMAD sends it.
    let value: serde_json::Value =
        serde_json::from_str(&fixture("webhook_escrow_status_updated")).unwrap();
    let body = serde_json::to_vec(&value).unwrap();
    let signature = sign(&body);
    assert!(verify_signature(SECRET, &body, &signature));
    assert!(
        verify_signature(SECRET, &body, &signature.to_uppercase()),
        "hex case does not matter"
    );
    let event = parse_verified(SECRET, &body, &signature).unwrap().unwrap();
    assert_eq!(event.event_type, WebhookEventType::EscrowStatusUpdated);
    assert!(matches!(
        event.data,
        WebhookData::EscrowStatusUpdated { .. }
    ));
}

#[test]
fn a_tampered_body_or_wrong_secret_fails() {
    let body = br#"{"id":"1","type":"escrow.status.updated","timestamp":"2024-01-15T10:30:00Z","data":{"escrow":{"id":"e","amount":1000.0}}}"#;
    let signature = sign(body);
    let tampered = String::from_utf8_lossy(body).replace("1000.0", "9000.0");
    assert!(!verify_signature(SECRET, tampered.as_bytes(), &signature));
    assert!(!verify_signature("another-secret", body, &signature));
    assert!(
        !verify_signature(SECRET, body, &signature[..62]),
        "truncated signature"
    );
    assert!(!verify_signature(SECRET, body, "zz"), "not hex");
    assert!(parse_verified(SECRET, tampered.as_bytes(), &signature).is_none());
}
