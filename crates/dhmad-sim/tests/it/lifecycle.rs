//! Full lifecycle per mode, with balances and the money invariant after every transition.

use crate::common::*;
use chrono::DateTime;
use serde_json::json;

#[tokio::test]
async fn standard_with_signatures_pays_delivers_completes() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 100.0).await;
    let id = t.escrow(standard("buyer@x.tn", 500.0)).await;
    t.assert_invariant().await;
    let e = t.escrow_json(&id).await;
    assert_eq!(e["status"], json!("pending"));
    assert_eq!(e["escrowFee"], json!(25));
    assert_eq!(
        e["signatures"],
        json!({"sellerSigned": false, "buyerSigned": false, "isFullySigned": false})
    );
    let created = DateTime::parse_from_rfc3339(e["createdAt"].as_str().unwrap()).unwrap();
    let expires = DateTime::parse_from_rfc3339(e["expiresAt"].as_str().unwrap()).unwrap();
    assert_eq!((expires - created).num_days(), 31);

    // Payment needs both signatures.
    let (s, v) = t.post(&format!("/escrows/{id}/sessions"), json!({"action": "accept_pay", "targetUserEmail": "buyer@x.tn", "redirectUrl": RETURN_URL})).await;
    assert_eq!(s, 400, "{v}");
    assert_eq!(
        (v["error"].get("code"), v["error"]["user_message"].clone()),
        (
            None,
            json!("The contract must be signed by both parties before payment.")
        ),
        "seed 003 names no code for this: none is invented"
    );

    t.act(&id, "sign_contract", MERCHANT, json!({})).await;
    let out = t.act(&id, "sign_contract", "buyer@x.tn", json!({})).await;
    assert_eq!(out["escrow"]["signatures"]["isFullySigned"], json!(true));
    assert!(
        out["redirectUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://merchant.example/return?session_id=")
    );
    assert!(
        out["redirectUrl"]
            .as_str()
            .unwrap()
            .ends_with("&status=completed")
    );
    let (s, v) = t.get(&format!("/escrows/{id}/contract")).await;
    assert_eq!(s, 200);
    assert_eq!(v["contract"]["isFullySigned"], json!(true));
    assert_eq!(v["contract"]["escrow"], json!(id));

    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    // 400 TND topped up inline, 500 held.
    assert_eq!(t.wallet("buyer@x.tn").await, json!([0, 0, 500]));
    assert_eq!(t.escrow_json(&id).await["status"], json!("paid"));

    let (s, v) = t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["message"], json!("Escrow marked as delivered"));
    assert_eq!(v["escrow"]["status"], json!("delivered"));
    let d = DateTime::parse_from_rfc3339(v["escrow"]["deliveredAt"].as_str().unwrap()).unwrap();
    let cd =
        DateTime::parse_from_rfc3339(v["escrow"]["completionDeadline"].as_str().unwrap()).unwrap();
    assert_eq!((cd - d).num_days(), 7);
    t.assert_invariant().await;

    t.act(&id, "complete", "buyer@x.tn", json!({})).await;
    assert_eq!(t.escrow_json(&id).await["status"], json!("completed"));
    assert_eq!(t.wallet("buyer@x.tn").await, json!([0, 0, 0]));
    assert_eq!(t.wallet(MERCHANT).await, json!([475, 0, 0]));
    let (_, b) = t.get("/balance").await;
    assert_eq!(
        b,
        json!({"balance": {"available": 475, "pending": 0, "escrow": 0}})
    );
    let (_, all) = t.sim(reqwest::Method::GET, "/balances", None).await;
    assert_eq!(all["platformFees"], json!(25));
    assert_eq!(all["toppedUp"], json!(400));
}

#[tokio::test]
async fn quick_mode_with_developer_fee_for_third_party_seller() {
    let t = Ctx::new().await;
    t.user("seller@x.tn", 0.0).await;
    t.user("buyer@x.tn", 1000.0).await;
    let seller_key = t.developer("sellerdev@x.tn", Some("seller@x.tn")).await;
    let mut body = quick("buyer@x.tn", 12.345);
    body["sellerEmail"] = json!("seller@x.tn");
    body["developerFeePercentage"] = json!(2.5);
    let (s, v) = t.post("/escrows", body).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["contract"], json!(null));
    assert_eq!(v["escrow"]["amount"], json!(12.345));
    assert_eq!(v["escrow"]["escrowFee"], json!(0.617));
    assert_eq!(v["escrow"]["developerFee"], json!(0.309));
    let id = v["escrow"]["id"].as_str().unwrap().to_owned();
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    assert_eq!(t.wallet("buyer@x.tn").await, json!([987.655, 0, 12.345]));
    // Only the seller's developer may deliver.
    let (s, v) = t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    assert_eq!(
        (s, v),
        (
            403,
            json!({"error": "Forbidden", "message": "Only the seller can mark an escrow as delivered"})
        )
    );
    let (s, _) = t
        .call_as(
            Some(&seller_key),
            reqwest::Method::POST,
            &format!("/escrows/{id}/deliver"),
            None,
        )
        .await;
    assert_eq!(s, 200);
    t.act(&id, "complete", "buyer@x.tn", json!({})).await;
    // 12.345 − 0.617 − 0.309
    assert_eq!(t.wallet("seller@x.tn").await, json!([11.419, 0, 0]));
    assert_eq!(t.wallet(MERCHANT).await, json!([0.309, 0, 0]));
}

#[tokio::test]
async fn instant_mode_deliver_completes() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 10.0).await;
    let id = t.escrow(json!({"title": "Coffee", "amount": 4.5, "buyerEmail": "buyer@x.tn", "mode": "instant"})).await;
    let e = t.escrow_json(&id).await;
    assert_eq!(
        (e["estimatedDeliveryDays"].clone(), e["signatures"].clone()),
        (json!(1), json!(null))
    );
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    let (s, v) = t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(
        v["message"],
        json!("Escrow delivered and completed (instant mode). Funds released.")
    );
    assert_eq!(v["escrow"]["status"], json!("completed"));
    assert!(v["escrow"]["completedAt"].is_string());
    t.assert_invariant().await;
    assert_eq!(t.wallet(MERCHANT).await, json!([4.275, 0, 0]));
}

#[tokio::test]
async fn cancellation_request_accepted_refunds_and_rejected_keeps() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 100.0).await;
    let a = t.escrow(quick("buyer@x.tn", 40.0)).await;
    let b = t.escrow(quick("buyer@x.tn", 30.0)).await;
    t.act(&a, "accept_pay", "buyer@x.tn", json!({})).await;
    t.act(&b, "accept_pay", "buyer@x.tn", json!({})).await;
    assert_eq!(t.wallet("buyer@x.tn").await, json!([30, 0, 70]));

    t.act(
        &a,
        "request_cancellation",
        "buyer@x.tn",
        json!({"reason": "Changed my mind"}),
    )
    .await;
    let e = t.escrow_json(&a).await;
    assert_eq!(e["status"], json!("paid"));
    assert_eq!(e["cancellationRequest"]["status"], json!("pending"));
    assert_eq!(e["cancellationRequest"]["reason"], json!("Changed my mind"));
    t.act(&a, "accept_cancellation", MERCHANT, json!({})).await;
    let e = t.escrow_json(&a).await;
    assert_eq!(
        (
            e["status"].clone(),
            e["cancellationRequest"]["status"].clone()
        ),
        (json!("cancelled"), json!("accepted"))
    );
    assert_eq!(t.wallet("buyer@x.tn").await, json!([70, 0, 30]));

    t.act(&b, "request_cancellation", "buyer@x.tn", json!({}))
        .await;
    t.act(&b, "reject_cancellation", MERCHANT, json!({})).await;
    let e = t.escrow_json(&b).await;
    assert_eq!(
        (
            e["status"].clone(),
            e["cancellationRequest"]["status"].clone()
        ),
        (json!("paid"), json!("rejected"))
    );
    // One request only, even after a rejection.
    let (s, v) = t.post(&format!("/escrows/{b}/sessions"), json!({"action": "request_cancellation", "targetUserEmail": "buyer@x.tn", "redirectUrl": RETURN_URL})).await;
    assert_eq!(
        (s, v["error"]["code"].clone()),
        (400, json!("CANCELLATION_ALREADY_REQUESTED"))
    );
    // The seller cancels directly instead: immediate refund.
    t.act(&b, "cancel_escrow", MERCHANT, json!({})).await;
    assert_eq!(t.escrow_json(&b).await["status"], json!("cancelled"));
    assert_eq!(t.wallet("buyer@x.tn").await, json!([100, 0, 0]));
    assert_eq!(t.wallet(MERCHANT).await, json!([0, 0, 0]));
}

#[tokio::test]
async fn dispute_blocks_reject_delivery_and_rejections_accumulate() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 100.0).await;
    let buyer_key = t.developer("buyerdev@x.tn", Some("buyer@x.tn")).await;
    let id = t.escrow(quick("buyer@x.tn", 50.0)).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    let reject_path = format!("/escrows/{id}/reject-delivery");
    let reject = |reason: Option<&str>| {
        let body = reason.map(|r| json!({"reason": r}));
        t.call_as(Some(&buyer_key), reqwest::Method::POST, &reject_path, body)
    };
    let (s, v) = reject(None).await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Bad Request", "message": "Escrow must be in delivered status to reject delivery"})
        )
    );
    t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    let (s, v) = reject(Some("One item was missing from the shipment.")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["message"],
        json!("Delivery rejected. Escrow returned to paid status.")
    );
    assert_eq!(
        (
            v["escrow"]["status"].clone(),
            v["escrow"]["deliveredAt"].clone(),
            v["escrow"]["completionDeadline"].clone()
        ),
        (json!("paid"), json!(null), json!(null))
    );
    let rej = &v["escrow"]["deliveryRejections"];
    assert_eq!(rej.as_array().unwrap().len(), 1);
    assert_eq!(
        rej[0]["reason"],
        json!("One item was missing from the shipment.")
    );
    assert!(rej[0]["previousDeliveredAt"].is_string());
    // Merchant (seller) may not reject.
    t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    let (s, v) = t
        .post(&format!("/escrows/{id}/reject-delivery"), json!({}))
        .await;
    assert_eq!(
        (s, v),
        (
            403,
            json!({"error": "Forbidden", "message": "Only the buyer can reject delivery for this escrow"})
        )
    );
    // Dispute: ticket, status unchanged, then reject-delivery refused.
    t.act(
        &id,
        "dispute",
        "buyer@x.tn",
        json!({"reason": "Not as described"}),
    )
    .await;
    let e = t.escrow_json(&id).await;
    assert_eq!(e["status"], json!("delivered"));
    assert_eq!(e["disputeTicket"]["ticketNumber"], json!("DHM-00001"));
    assert_eq!(e["disputeTicket"]["status"], json!("open"));
    assert_eq!(e["disputeTicket"]["subject"], json!("Dispute: Phone case"));
    assert_eq!(
        e["disputeTicket"]["previewReason"],
        json!("Not as described")
    );
    assert_eq!(e["disputeTicketId"].as_str().unwrap().len(), 24);
    let (s, v) = reject(None).await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Bad Request", "message": "Cannot reject delivery while a dispute is open"})
        )
    );
    let (s, v) = t
        .post(
            &format!("/escrows/{id}/sessions"),
            json!({"action": "dispute", "targetUserEmail": MERCHANT, "redirectUrl": RETURN_URL}),
        )
        .await;
    assert_eq!(
        (s, v["error"]["code"].clone()),
        (400, json!("DISPUTE_ALREADY_OPENED"))
    );
    let e = t.escrow_json(&id).await;
    assert_eq!(e["deliveryRejections"].as_array().unwrap().len(), 1);
    t.assert_invariant().await;
}

#[tokio::test]
async fn unregistered_buyer_is_linked_when_performing_checkout() {
    let t = Ctx::new().await;
    let id = t.escrow(quick("newcomer@x.tn", 20.0)).await;
    assert_eq!(t.escrow_json(&id).await["buyer"], json!(null));
    t.act(&id, "accept_pay", "newcomer@x.tn", json!({})).await;
    let e = t.escrow_json(&id).await;
    assert_eq!(e["buyer"]["email"], json!("newcomer@x.tn"));
    assert_eq!(e["buyer"]["firstName"], json!("Newcomer"));
    assert_eq!(t.wallet("newcomer@x.tn").await, json!([0, 0, 20]));
}
