//! Quick Escrow with Proof and clock-driven expiries.

use crate::common::*;
use serde_json::{Value, json};

fn qewp(buyer: &str) -> Value {
    let mut b = quick(buyer, 100.0);
    b["fulfillmentPolicy"] = json!({"type": "purchase_proof_required", "proofUploadDeadlineHours": 12, "buyerReviewDeadlineHours": 24});
    b
}

async fn proof(t: &Ctx, id: &str) -> Value {
    let (s, v) = t.get(&format!("/escrows/{id}/proof")).await;
    assert_eq!(s, 200, "{v}");
    v["proof"].clone()
}

#[tokio::test]
async fn correction_then_accept_unlocks_delivery() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(qewp("buyer@x.tn")).await;
    let (s, v) = t.post(&format!("/escrows/{id}/sessions"), json!({"action": "submit_proof", "targetUserEmail": MERCHANT, "redirectUrl": RETURN_URL})).await;
    assert_eq!(s, 400, "{v}");
    assert_eq!(
        (v["error"].get("code"), v["error"]["user_message"].clone()),
        (None, json!("This proof step is not available right now.")),
        "seed 003 names no code for this: none is invented"
    );
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    let p = proof(&t, &id).await;
    assert_eq!(p["phase"], json!("waiting_seller_proof"));
    assert_eq!(p["checkoutActions"][0]["action"], json!("submit_proof"));
    assert_eq!(p["checkoutActions"][0]["targetUserEmail"], json!(MERCHANT));
    let (s, v) = t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    assert_eq!((s, v["code"].clone()), (409, json!("PROOF_NOT_ACCEPTED")));

    t.act(
        &id,
        "submit_proof",
        MERCHANT,
        json!({"note": "Receipt", "fileName": "r.jpg", "mimeType": "image/jpeg", "fileSize": 1234}),
    )
    .await;
    let p = proof(&t, &id).await;
    assert_eq!(p["phase"], json!("submitted_waiting_buyer_review"));
    assert_eq!(p["submissionCount"], json!(1));
    assert_eq!(p["latestSubmission"]["note"], json!("Receipt"));
    assert_eq!(
        p["latestSubmission"]["attachments"][0]["mimeType"],
        json!("image/jpeg")
    );
    assert_eq!(
        p["checkoutActions"][0],
        json!({"action": "review_proof", "targetUserEmail": "buyer@x.tn", "description": "Create a checkout session with this action and redirect the buyer to DHMAD to accept the proof or request corrections."})
    );

    t.act(&id, "review_proof", "buyer@x.tn", json!({"accept": false}))
        .await;
    let p = proof(&t, &id).await;
    assert_eq!(
        (p["phase"].clone(), p["correctionRounds"].clone()),
        (json!("correction_requested"), json!(1))
    );
    t.act(
        &id,
        "submit_proof",
        MERCHANT,
        json!({"note": "Better photo"}),
    )
    .await;
    t.act(&id, "review_proof", "buyer@x.tn", json!({"accept": true}))
        .await;
    let p = proof(&t, &id).await;
    assert_eq!(
        (p["phase"].clone(), p["submissionCount"].clone()),
        (json!("accepted"), json!(2))
    );
    assert_eq!(
        t.escrow_json(&id).await["proofInfo"]["phase"],
        json!("accepted")
    );
    let (s, _) = t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    assert_eq!(s, 200);
    t.act(&id, "complete", "buyer@x.tn", json!({})).await;
    assert_eq!(t.wallet(MERCHANT).await, json!([95, 0, 0]));
}

#[tokio::test]
async fn fourth_correction_goes_to_dhmad_review() {
    let t = Ctx::new().await;
    let id = t.escrow(qewp("buyer@x.tn")).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    for _ in 0..3 {
        t.act(&id, "submit_proof", MERCHANT, json!({})).await;
        t.act(&id, "review_proof", "buyer@x.tn", json!({"accept": false}))
            .await;
    }
    t.act(&id, "submit_proof", MERCHANT, json!({})).await;
    t.act(&id, "review_proof", "buyer@x.tn", json!({"accept": false}))
        .await;
    let p = proof(&t, &id).await;
    assert_eq!(
        (p["phase"].clone(), p["correctionRounds"].clone()),
        (json!("needs_dhmad_review"), json!(3))
    );
    assert_eq!(p["checkoutActions"], json!([]));
}

#[tokio::test]
async fn review_timeout_accepts_through_the_clock() {
    let t = Ctx::new().await;
    let id = t.escrow(qewp("buyer@x.tn")).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    t.act(&id, "submit_proof", MERCHANT, json!({})).await;
    t.advance(23 * 3600).await;
    assert_eq!(
        proof(&t, &id).await["phase"],
        json!("submitted_waiting_buyer_review")
    );
    t.advance(3600).await;
    assert_eq!(proof(&t, &id).await["phase"], json!("accepted_by_timeout"));
    let (s, _) = t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn upload_deadline_expires_cancels_and_refunds() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 100.0).await;
    let id = t.escrow(qewp("buyer@x.tn")).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    assert_eq!(t.wallet("buyer@x.tn").await, json!([0, 0, 100]));
    t.advance(12 * 3600).await;
    let e = t.escrow_json(&id).await;
    assert_eq!(
        (e["status"].clone(), e["proofInfo"]["phase"].clone()),
        (json!("cancelled"), json!("expired_no_proof"))
    );
    assert_eq!(t.wallet("buyer@x.tn").await, json!([100, 0, 0]));
    t.assert_invariant().await;
    let (_, ev) = t.sim(reqwest::Method::GET, "/events", None).await;
    let types: Vec<&str> = ev["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["webhookType"].as_str())
        .collect();
    assert!(
        types.ends_with(&["escrow.proof.expired", "escrow.status.updated"]),
        "{types:?}"
    );
}

#[tokio::test]
async fn session_expires_after_30_minutes() {
    let t = Ctx::new().await;
    let id = t.escrow(quick("buyer@x.tn", 10.0)).await;
    let sid = t.session(&id, "accept_pay", "buyer@x.tn").await;
    let (_, v) = t.get(&format!("/sessions/{sid}")).await;
    assert_eq!(v["session"]["status"], json!("pending"));
    t.advance(29 * 60).await;
    assert_eq!(
        t.get(&format!("/sessions/{sid}")).await.1["session"]["status"],
        json!("pending")
    );
    t.advance(60).await;
    let (_, v) = t.get(&format!("/sessions/{sid}")).await;
    assert_eq!(v["session"]["status"], json!("expired"));
    assert_eq!(v["session"]["completedAt"], json!(null));
    let (s, v) = t
        .sim_post(&format!("/sessions/{sid}/complete"), json!({}))
        .await;
    assert_eq!(
        (s, v),
        (
            409,
            json!({"error": "Conflict", "message": "Checkout session is expired"})
        )
    );
    assert_eq!(t.escrow_json(&id).await["status"], json!("pending"));
}
