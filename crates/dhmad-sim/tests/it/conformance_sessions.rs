//! Checkout session creation rules (§4.2–4.5) and `GET /sessions/:id`.

use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

async fn code(t: &Ctx, id: &str, action: &str, target: &str, redirect: &str) -> Value {
    let (s, v) = t
        .post(
            &format!("/escrows/{id}/sessions"),
            json!({"action": action, "targetUserEmail": target, "redirectUrl": redirect}),
        )
        .await;
    assert_eq!(s, 400, "{v}");
    assert_eq!(v["error"]["type"], json!("business_rule_violation"));
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Cannot create checkout session")
    );
    assert!(!v["error"]["user_message"].as_str().unwrap().is_empty());
    v["error"]["code"].clone()
}

#[tokio::test]
async fn documented_texts_and_redirect_rules() {
    let t = Ctx::new().await;
    let std_id = t.escrow(standard("b@x.tn", 10.0)).await;
    t.act(&std_id, "sign_contract", MERCHANT, json!({})).await;
    let (_, v) = t.post(&format!("/escrows/{std_id}/sessions"), json!({"action": "sign_contract", "targetUserEmail": MERCHANT, "redirectUrl": RETURN_URL})).await;
    assert_eq!(
        v,
        json!({"error": {"code": "CONTRACT_ALREADY_SIGNED", "type": "business_rule_violation", "message": "Cannot create checkout session: this signer has already signed the contract.", "user_message": "This contract has already been signed."}})
    );
    let q = t.escrow(quick("b@x.tn", 10.0)).await;
    t.act(&q, "accept_pay", "b@x.tn", json!({})).await;
    let (_, v) = t
        .post(
            &format!("/escrows/{q}/sessions"),
            json!({"action": "accept_pay", "targetUserEmail": "b@x.tn", "redirectUrl": RETURN_URL}),
        )
        .await;
    assert_eq!(
        v,
        json!({"error": {"code": "PAYMENT_ALREADY_DONE", "type": "business_rule_violation", "message": "Cannot create checkout session: payment has already been made for this escrow.", "user_message": "Payment has already been completed for this transaction."}})
    );
    assert_eq!(
        code(&t, &q, "complete", "b@x.tn", "https://evil.example/return").await,
        json!("REDIRECT_URL_NOT_ALLOWED")
    );
    assert_eq!(
        code(
            &t,
            &q,
            "complete",
            "b@x.tn",
            "http://merchant.example/return"
        )
        .await,
        json!("REDIRECT_URL_MUST_BE_HTTPS")
    );
    // http://localhost in the allow-list matches any port and path.
    let (s, v) = t.post(&format!("/escrows/{q}/sessions"), json!({"action": "dispute", "targetUserEmail": "b@x.tn", "redirectUrl": "http://localhost:5173/done?x=1", "metadata": {"order_id": "ord_123"}})).await;
    assert_eq!(s, 201, "{v}");
    let sid = v["sessionId"].as_str().unwrap();
    assert_eq!(sid.len(), 36);
    assert_eq!(v["url"], json!(format!("{}/checkout/{sid}", t.origin)));
    let (s, g) = t.get(&format!("/sessions/{sid}")).await;
    assert_eq!(s, 200);
    let sess = &g["session"];
    assert_eq!(
        (
            sess["escrowId"].clone(),
            sess["action"].clone(),
            sess["status"].clone(),
            sess["metadata"].clone(),
            sess["expiresAt"].clone()
        ),
        (
            json!(q),
            json!("dispute"),
            json!("pending"),
            json!({"order_id": "ord_123"}),
            v["expiresAt"].clone()
        )
    );
    let (_, out) = t
        .sim_post(
            &format!("/sessions/{sid}/complete"),
            json!({"reason": "Broken"}),
        )
        .await;
    assert_eq!(
        out["redirectUrl"],
        json!(format!(
            "http://localhost:5173/done?x=1&session_id={sid}&status=completed"
        ))
    );
    let sess = t.get(&format!("/sessions/{sid}")).await.1["session"].clone();
    assert_eq!(sess["status"], json!("completed"));
    assert!(sess["completedAt"].is_string());
    // Other developers cannot read it; unknown ids are 404.
    t.user("o@x.tn", 0.0).await;
    let other = t.developer("od@x.tn", Some("o@x.tn")).await;
    assert_eq!(
        t.call_as(Some(&other), Method::GET, &format!("/sessions/{sid}"), None)
            .await,
        (
            403,
            json!({"error": "Forbidden", "message": "You do not have access to this checkout session."})
        )
    );
    assert_eq!(
        t.get("/sessions/550e8400-e29b-41d4-a716-446655440000")
            .await,
        (404, json!({"error": "Checkout session not found"}))
    );
    // A developer without redirect URLs.
    let (_, d) = t.sim_post("/developers", json!({"email": "nr@x.tn", "companyName": "NR", "associatedUserEmail": "nr-user@x.tn", "redirectUrls": []})).await;
    let nr = d["apiKey"].as_str().unwrap();
    let (_, c) = t
        .call_as(
            Some(nr),
            Method::POST,
            "/escrows",
            Some(quick("b@x.tn", 10.0)),
        )
        .await;
    let nid = c["escrow"]["id"].as_str().unwrap();
    let (s, v) = t.call_as(Some(nr), Method::POST, &format!("/escrows/{nid}/sessions"), Some(json!({"action": "accept_pay", "targetUserEmail": "b@x.tn", "redirectUrl": RETURN_URL}))).await;
    assert_eq!(
        (s, v["error"]["code"].clone()),
        (400, json!("NO_REDIRECT_URLS_CONFIGURED"))
    );
}

#[tokio::test]
async fn every_business_code() {
    let t = Ctx::new().await;
    let r = RETURN_URL;
    let b = "b@x.tn";
    let std_id = t.escrow(standard(b, 10.0)).await;
    let quick_id = t.escrow(quick(b, 10.0)).await;
    let instant = t
        .escrow(json!({"title": "i", "amount": 1, "buyerEmail": b, "mode": "instant"}))
        .await;
    assert_eq!(
        code(&t, &quick_id, "sign_contract", b, r).await,
        json!("QUICK_ESCROW_NO_CONTRACT")
    );
    assert_eq!(
        code(&t, &instant, "sign_contract", b, r).await,
        json!("INSTANT_ESCROW_NO_CONTRACT")
    );
    assert_eq!(
        code(&t, &instant, "complete", b, r).await,
        json!("INSTANT_ESCROW_NO_COMPLETE_STEP")
    );
    assert_eq!(
        code(&t, &std_id, "accept_pay", b, r).await,
        json!("CONTRACT_NOT_FULLY_SIGNED")
    );
    assert_eq!(
        code(&t, &quick_id, "accept_pay", MERCHANT, r).await,
        json!("CHECKOUT_TARGET_NOT_BUYER")
    );
    assert_eq!(
        code(&t, &quick_id, "accept_pay", "stranger@x.tn", r).await,
        json!("CHECKOUT_TARGET_NOT_PARTY")
    );
    assert_eq!(
        code(&t, &quick_id, "complete", b, r).await,
        json!("ESCROW_NOT_DELIVERED")
    );
    assert_eq!(
        code(&t, &quick_id, "dispute", b, r).await,
        json!("DISPUTE_INVALID_STATUS")
    );
    assert_eq!(
        code(&t, &quick_id, "request_cancellation", b, r).await,
        json!("CANCELLATION_REQUEST_INVALID_STATUS")
    );
    assert_eq!(
        code(&t, &quick_id, "cancel_escrow", MERCHANT, r).await,
        json!("CANCEL_ESCROW_INVALID_STATUS")
    );
    assert_eq!(
        code(&t, &quick_id, "submit_proof", MERCHANT, r).await,
        json!("PROOF_NOT_REQUIRED")
    );
    assert_eq!(
        code(&t, &quick_id, "review_proof", b, r).await,
        json!("PROOF_NOT_REQUIRED")
    );
    t.act(&quick_id, "accept_pay", b, json!({})).await;
    assert_eq!(
        code(&t, &quick_id, "request_cancellation", MERCHANT, r).await,
        json!("CANCELLATION_REQUEST_BUYER_ONLY")
    );
    assert_eq!(
        code(&t, &quick_id, "cancel_escrow", b, r).await,
        json!("CANCEL_ESCROW_SELLER_ONLY")
    );
    assert_eq!(
        code(&t, &quick_id, "accept_cancellation", MERCHANT, r).await,
        json!("NO_PENDING_CANCELLATION")
    );
    assert_eq!(
        code(&t, &quick_id, "reject_cancellation", b, r).await,
        json!("CHECKOUT_TARGET_NOT_SELLER")
    );
    t.post(&format!("/escrows/{quick_id}/deliver"), json!({}))
        .await;
    t.act(&quick_id, "complete", b, json!({})).await;
    assert_eq!(
        code(&t, &quick_id, "complete", b, r).await,
        json!("ESCROW_ALREADY_COMPLETED")
    );
    t.post(&format!("/escrows/{std_id}/cancel"), json!({}))
        .await;
    assert_eq!(
        code(&t, &std_id, "accept_pay", b, r).await,
        json!("ESCROW_CANCELLED")
    );
    // Missing or unknown fields: generic validation body.
    let (s, v) = t
        .post(
            &format!("/escrows/{std_id}/sessions"),
            json!({"action": "fly", "targetUserEmail": "x", "metadata": {"n": 1}}),
        )
        .await;
    assert_eq!(s, 400);
    assert_eq!(v["message"], json!("Invalid request parameters"));
    let d = v["details"].as_object().unwrap();
    assert!(
        d.contains_key("action")
            && d.contains_key("targetUserEmail")
            && d.contains_key("redirectUrl")
            && d.contains_key("metadata"),
        "{v}"
    );
}

#[tokio::test]
async fn performing_rechecks_rules_and_abandon_cancels() {
    let t = Ctx::new().await;
    let id = t.escrow(quick("b@x.tn", 10.0)).await;
    let s1 = t.session(&id, "accept_pay", "b@x.tn").await;
    let s2 = t.session(&id, "accept_pay", "b@x.tn").await;
    assert_eq!(
        t.sim_post(&format!("/sessions/{s1}/complete"), json!({}))
            .await
            .0,
        200
    );
    let (s, v) = t
        .sim_post(&format!("/sessions/{s2}/complete"), json!({}))
        .await;
    assert_eq!(
        (s, v["error"]["code"].clone()),
        (400, json!("PAYMENT_ALREADY_DONE"))
    );
    let (s, v) = t
        .sim_post(&format!("/sessions/{s1}/complete"), json!({}))
        .await;
    assert_eq!(
        (s, v),
        (
            409,
            json!({"error": "Conflict", "message": "Checkout session is completed"})
        )
    );
    let s3 = t.session(&id, "dispute", "b@x.tn").await;
    let (s, v) = t
        .sim_post(&format!("/sessions/{s3}/abandon"), json!({}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        v["redirectUrl"],
        json!(format!("{RETURN_URL}?session_id={s3}&status=cancelled"))
    );
    assert_eq!(
        t.get(&format!("/sessions/{s3}")).await.1["session"]["status"],
        json!("cancelled")
    );
    assert_eq!(t.escrow_json(&id).await["disputeTicket"], json!(null));
}
