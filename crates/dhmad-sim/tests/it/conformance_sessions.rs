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

/// A refusal seed 003 names no code for: the documented business-rule object without `code`
/// (never an invented one); returns its end-user text.
async fn uncoded(t: &Ctx, id: &str, action: &str, target: &str) -> String {
    let (s, v) = t
        .post(
            &format!("/escrows/{id}/sessions"),
            json!({"action": action, "targetUserEmail": target, "redirectUrl": RETURN_URL}),
        )
        .await;
    assert_eq!(s, 400, "{v}");
    let e = v["error"].as_object().unwrap();
    assert!(!e.contains_key("code"), "no invented code: {v}");
    assert_eq!(e["type"], json!("business_rule_violation"));
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("Cannot create checkout session")
    );
    e["user_message"].as_str().unwrap().to_owned()
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
        uncoded(&t, &std_id, "accept_pay", b).await,
        "The contract must be signed by both parties before payment."
    );
    assert_eq!(
        code(&t, &quick_id, "accept_pay", MERCHANT, r).await,
        json!("CHECKOUT_TARGET_NOT_BUYER")
    );
    assert_eq!(
        code(&t, &quick_id, "accept_pay", "stranger@x.tn", r).await,
        json!("CHECKOUT_TARGET_NOT_BUYER")
    );
    assert_eq!(
        uncoded(&t, &quick_id, "complete", b).await,
        "The seller has not marked this order as delivered yet."
    );
    assert_eq!(
        uncoded(&t, &quick_id, "dispute", b).await,
        "A dispute cannot be opened for this transaction now."
    );
    assert_eq!(
        uncoded(&t, &quick_id, "dispute", "stranger@x.tn").await,
        "You are not a party to this transaction."
    );
    assert_eq!(
        code(&t, &quick_id, "request_cancellation", b, r).await,
        json!("CANCELLATION_REQUEST_INVALID_STATUS")
    );
    assert_eq!(
        code(&t, &quick_id, "cancel_escrow", MERCHANT, r).await,
        json!("CANCEL_ESCROW_INVALID_STATUS")
    );
    for (action, target) in [("submit_proof", MERCHANT), ("review_proof", b)] {
        assert_eq!(
            uncoded(&t, &quick_id, action, target).await,
            "This transaction does not use purchase proofs."
        );
    }
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
        code(&t, &quick_id, "cancel_escrow", "stranger@x.tn", r).await,
        json!("CHECKOUT_TARGET_NOT_SELLER")
    );
    assert_eq!(
        code(&t, &quick_id, "request_cancellation", "stranger@x.tn", r).await,
        json!("CHECKOUT_TARGET_NOT_BUYER")
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
        uncoded(&t, &std_id, "accept_pay", b).await,
        "This transaction has been cancelled."
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

/// Seed 003's table, copied from the seed (not from the simulator's constants): the whole list
/// of codes `POST /escrows/:id/sessions` returns.
const SEED_003_CODES: [&str; 18] = [
    "NO_REDIRECT_URLS_CONFIGURED",
    "REDIRECT_URL_NOT_ALLOWED",
    "REDIRECT_URL_MUST_BE_HTTPS",
    "INSTANT_ESCROW_NO_CONTRACT",
    "INSTANT_ESCROW_NO_COMPLETE_STEP",
    "QUICK_ESCROW_NO_CONTRACT",
    "CONTRACT_ALREADY_SIGNED",
    "PAYMENT_ALREADY_DONE",
    "ESCROW_ALREADY_COMPLETED",
    "DISPUTE_ALREADY_OPENED",
    "CANCELLATION_REQUEST_INVALID_STATUS",
    "CANCELLATION_REQUEST_BUYER_ONLY",
    "CANCEL_ESCROW_INVALID_STATUS",
    "CANCEL_ESCROW_SELLER_ONLY",
    "CHECKOUT_TARGET_NOT_BUYER",
    "CHECKOUT_TARGET_NOT_SELLER",
    "CANCELLATION_ALREADY_REQUESTED",
    "NO_PENDING_CANCELLATION",
];

const ACTIONS: [&str; 10] = [
    "sign_contract",
    "accept_pay",
    "complete",
    "dispute",
    "request_cancellation",
    "reject_cancellation",
    "accept_cancellation",
    "cancel_escrow",
    "submit_proof",
    "review_proof",
];

#[tokio::test]
async fn every_refusal_in_every_state_uses_only_seed_003_codes() {
    let t = Ctx::new().await;
    let b = "walk-buyer@x.tn";
    t.user(b, 10_000.0).await;
    let mut states: Vec<(&str, String)> = Vec::new();
    states.push(("standard unsigned", t.escrow(standard(b, 10.0)).await));
    let instant = json!({"title": "i", "amount": 1, "buyerEmail": b, "mode": "instant"});
    states.push(("instant pending", t.escrow(instant.clone()).await));
    let paid_instant = t.escrow(instant).await;
    t.act(&paid_instant, "accept_pay", b, json!({})).await;
    states.push(("instant paid", paid_instant));
    states.push(("quick pending", t.escrow(quick(b, 10.0)).await));
    let paid = t.escrow(quick(b, 10.0)).await;
    t.act(&paid, "accept_pay", b, json!({})).await;
    states.push(("quick paid", paid.clone()));
    let asked = t.escrow(quick(b, 10.0)).await;
    t.act(&asked, "accept_pay", b, json!({})).await;
    t.act(&asked, "request_cancellation", b, json!({"reason": "late"}))
        .await;
    t.act(&asked, "dispute", b, json!({"reason": "late"})).await;
    states.push(("quick paid, request pending, dispute open", asked));
    let done = t.escrow(quick(b, 10.0)).await;
    t.act(&done, "accept_pay", b, json!({})).await;
    t.post(&format!("/escrows/{done}/deliver"), json!({})).await;
    states.push(("quick delivered", done.clone()));
    let finished = t.escrow(quick(b, 10.0)).await;
    t.act(&finished, "accept_pay", b, json!({})).await;
    t.post(&format!("/escrows/{finished}/deliver"), json!({}))
        .await;
    t.act(&finished, "complete", b, json!({})).await;
    states.push(("quick completed", finished));
    let cancelled = t.escrow(quick(b, 10.0)).await;
    t.post(&format!("/escrows/{cancelled}/cancel"), json!({}))
        .await;
    states.push(("quick cancelled", cancelled));

    let mut refusals = 0;
    for (label, id) in &states {
        for action in ACTIONS {
            for target in [b, MERCHANT, "stranger@x.tn"] {
                let (s, v) = t
                    .post(
                        &format!("/escrows/{id}/sessions"),
                        json!({"action": action, "targetUserEmail": target, "redirectUrl": RETURN_URL}),
                    )
                    .await;
                if s == 201 {
                    continue;
                }
                assert_eq!(s, 400, "{label} {action} {target}: {v}");
                refusals += 1;
                let err = &v["error"];
                assert_eq!(err["type"], json!("business_rule_violation"), "{v}");
                assert!(!err["user_message"].as_str().unwrap().is_empty(), "{v}");
                if let Some(code) = err.get("code") {
                    let code = code.as_str().unwrap();
                    assert!(
                        SEED_003_CODES.contains(&code),
                        "{label} {action} {target}: {code} is not in seed 003's table"
                    );
                }
            }
        }
    }
    assert!(refusals > 150, "the walk meets most refusals: {refusals}");
}
