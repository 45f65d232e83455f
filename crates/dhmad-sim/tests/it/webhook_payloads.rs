//! Webhook `data` shapes (contract §6.5), read from the event log where deliveries take them.

use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

/// The `data` of the last logged event of `kind`.
async fn last_data(t: &Ctx, kind: &str) -> Value {
    let (_, v) = t.sim(Method::GET, "/events", None).await;
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["webhookType"] == json!(kind))
        .unwrap_or_else(|| panic!("no {kind} event in {v}"))["data"]
        .clone()
}

#[tokio::test]
async fn escrow_event_payloads() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let buyer_key = t.developer("buyerdev@x.tn", Some("buyer@x.tn")).await;

    let id = t.escrow(standard("buyer@x.tn", 1000.0)).await;
    t.act(&id, "sign_contract", "buyer@x.tn", json!({})).await;
    let d = last_data(&t, "contract.signed").await;
    let c = &d["contract"];
    assert_eq!(
        (
            c["escrowId"].clone(),
            c["signedBy"].clone(),
            c["sellerSignature"].clone(),
            c["isFullySigned"].clone()
        ),
        (json!(id), json!("buyer"), Value::Null, json!(false))
    );
    assert_eq!(c["buyerSignature"]["signedAt"], c["signedAt"]);
    assert!(c["id"].is_string());
    assert_eq!(
        (d["escrow"]["id"].clone(), d["escrow"]["escrowFee"].clone()),
        (json!(id), json!(50))
    );

    let (s, v) = t
        .put(
            &format!("/escrows/{id}"),
            json!({"title": "New title", "amount": 1200}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let d = last_data(&t, "escrow.updated").await;
    assert_eq!(d["updatedFields"], json!(["title", "amount"]));
    assert_eq!(
        (
            d["escrow"]["title"].clone(),
            d["escrow"]["amount"].clone(),
            d["escrow"]["escrowFee"].clone()
        ),
        (json!("New title"), json!(1200), json!(60))
    );
    assert!(d["escrow"].get("oldStatus").is_none());

    let q = t.escrow(quick("buyer@x.tn", 50.0)).await;
    t.act(&q, "accept_pay", "buyer@x.tn", json!({})).await;
    t.post(&format!("/escrows/{q}/deliver"), json!({})).await;
    let (s, v) = t
        .call_as(
            Some(&buyer_key),
            Method::POST,
            &format!("/escrows/{q}/reject-delivery"),
            Some(json!({"reason": "One item was missing."})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let d = last_data(&t, "escrow.delivery.rejected").await;
    assert_eq!(
        (
            d["escrow"]["status"].clone(),
            d["escrow"]["oldStatus"].clone()
        ),
        (json!("paid"), json!("delivered"))
    );
    let r = &d["deliveryRejection"];
    assert_eq!(r["reason"], json!("One item was missing."));
    assert!(r["rejectedAt"].is_string() && r["previousDeliveredAt"].is_string());
    assert_eq!(r["rejectedBy"], d["escrow"]["buyer"]["_id"]);
    let d = last_data(&t, "escrow.status.updated").await;
    assert_eq!(
        (
            d["escrow"]["status"].clone(),
            d["escrow"]["oldStatus"].clone()
        ),
        (json!("paid"), json!("delivered"))
    );

    t.act(
        &q,
        "request_cancellation",
        "buyer@x.tn",
        json!({"reason": "Changed my mind"}),
    )
    .await;
    let d = last_data(&t, "escrow.cancellation.requested").await;
    let cr = &d["cancellationRequest"];
    assert_eq!(
        (
            cr["reason"].clone(),
            cr["status"].clone(),
            cr["requestedBy"]["firstName"].clone()
        ),
        (json!("Changed my mind"), json!("pending"), json!("Test"))
    );
    assert_eq!(d["escrow"]["status"], json!("paid"));
    t.act(&q, "accept_cancellation", MERCHANT, json!({})).await;
    let d = last_data(&t, "escrow.cancellation.accepted").await;
    assert_eq!(
        (
            d["cancellationRequest"]["status"].clone(),
            d["escrow"]["status"].clone()
        ),
        (json!("accepted"), json!("cancelled"))
    );
    assert!(d["cancellationRequest"]["acceptedBy"]["_id"].is_string());
}

#[tokio::test]
async fn identity_payload_is_flat() {
    let t = Ctx::new().await;
    let (s, v) = t
        .post(
            "/identity-verifications",
            json!({"email": "kyc@x.tn", "external_user_id": "seller_42"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let d = last_data(&t, "identity.verification.updated").await;
    let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "claim_status",
            "email",
            "external_user_id",
            "id",
            "kyc_status",
            "linked_user_id",
            "needs_admin_review",
            "previous_kyc_status",
            "status_source",
            "updated_at"
        ]
    );
    assert_eq!(
        (
            d["kyc_status"].clone(),
            d["previous_kyc_status"].clone(),
            d["status_source"].clone(),
            d["external_user_id"].clone()
        ),
        (
            json!("approved"),
            json!("pending"),
            json!("sandbox"),
            json!("seller_42")
        )
    );
    t.user("kyc@x.tn", 0.0).await;
    let d = last_data(&t, "identity.verification.linked").await;
    assert_eq!(d["email"], json!("kyc@x.tn"));
    assert!(
        d["linked_user_id"].is_string() && d["linked_at"].is_string(),
        "{d}"
    );
}
