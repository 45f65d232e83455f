//! `POST /escrows` validations (§2.3): exact bodies.

use crate::common::*;
use serde_json::{Value, json};

fn bad(msg: &str) -> Value {
    json!({"error": "Bad Request", "message": msg})
}

fn details(field: &str, text: &str) -> Value {
    json!({"error": "Bad Request", "message": "Invalid request parameters", "details": {field: text}})
}

#[tokio::test]
async fn create_success_shape() {
    let t = Ctx::new().await;
    let mut body = standard("Buyer@X.tn", 500.0);
    body["autoSign"] = json!(true);
    let (s, v) = t.post("/escrows", body).await;
    assert_eq!(s, 201);
    assert_eq!(v["message"], json!("Escrow created successfully"));
    let e = &v["escrow"];
    assert_eq!(e["amount"], json!(500));
    assert_eq!(e["currency"], json!("TND"));
    assert_eq!(e["amountTnd"], json!(500));
    assert_eq!(e["escrowFee"], json!(25));
    assert_eq!(e["developerFee"], json!(0));
    assert_eq!(e["developerFeePercentage"], json!(0));
    assert_eq!(e["status"], json!("pending"));
    assert_eq!(e["mode"], json!("standard"));
    assert_eq!(e["seller"]["email"], json!(MERCHANT));
    assert_eq!(e["sellerEmail"], json!(null));
    assert_eq!(e["buyer"], json!(null));
    assert_eq!(e["buyerEmail"], json!("buyer@x.tn"));
    assert_eq!(e["estimatedDeliveryDays"], json!(7));
    assert_eq!(e["createdByApplicationName"], json!("Demo Merchant"));
    assert!(e["createdAt"].as_str().unwrap().ends_with('Z'));
    let c = &v["contract"];
    assert_eq!(
        (
            c["sellerSigned"].clone(),
            c["buyerSigned"].clone(),
            c["isFullySigned"].clone(),
            c["pdfUrl"].clone()
        ),
        (json!(true), json!(false), json!(false), json!(null))
    );
    assert_eq!(v["trackingId"], e["id"]);
}

#[tokio::test]
async fn fx_locks_amount_tnd() {
    let t = Ctx::new().await;
    let mut b = quick("b@x.tn", 10.0);
    b["currency"] = json!("USD");
    let (_, v) = t.post("/escrows", b).await;
    assert_eq!(
        (
            v["escrow"]["amount"].clone(),
            v["escrow"]["amountTnd"].clone(),
            v["escrow"]["escrowFee"].clone()
        ),
        (json!(10), json!(31), json!(1.55))
    );
    let mut b = quick("b@x.tn", 2.0);
    b["currency"] = json!("EUR");
    let (_, v) = t.post("/escrows", b).await;
    assert_eq!(v["escrow"]["amountTnd"], json!(6.7));
    let mut b = quick("b@x.tn", 1.0);
    b["currency"] = json!("USD");
    assert_eq!(
        t.post("/escrows", b).await,
        (
            400,
            details(
                "amount",
                "Amount must be at least 5 TND for standard and quick modes (after currency conversion)"
            )
        )
    );
}

#[tokio::test]
async fn documented_mode_errors() {
    let t = Ctx::new().await;
    let mut b = json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "mode": "instant", "sellerEmail": "s@x.tn"});
    assert_eq!(
        t.post("/escrows", b.clone()).await,
        (
            400,
            bad(
                "Instant mode is only available when you are the seller (omit sellerEmail). For escrows between two other parties, use mode: standard (with a contract) or mode: quick (no contract)."
            )
        )
    );
    let terms = bad(
        "Contract terms are not applicable for quick mode (no contract is created). Use mode: standard to include a contract.",
    );
    b.as_object_mut().unwrap().remove("sellerEmail");
    b["contractTerms"] = json!("terms");
    assert_eq!(t.post("/escrows", b).await, (400, terms.clone()));
    let mut q = quick("b@x.tn", 10.0);
    q["contractTerms"] = json!("terms");
    assert_eq!(t.post("/escrows", q).await, (400, terms));
    let mut f = quick("b@x.tn", 10.0);
    f["developerFeePercentage"] = json!(5);
    assert_eq!(
        t.post("/escrows", f).await,
        (
            400,
            bad(
                "Developer fee is not allowed when the seller is your associated user account. Use developerFeePercentage only when the seller is a third party (different from your associated account)."
            )
        )
    );
    let mut a = standard("b@x.tn", 10.0);
    a["sellerEmail"] = json!("s@x.tn");
    a["autoSign"] = json!(true);
    assert_eq!(
        t.post("/escrows", a).await,
        (
            400,
            bad(
                "Auto-sign is only available when you are the seller (omit sellerEmail). When specifying a sellerEmail, the seller must sign the contract themselves."
            )
        )
    );
}

#[tokio::test]
async fn field_validations_use_details() {
    let t = Ctx::new().await;
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"amount": 10, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "title",
            "Title is required",
        ),
        (
            json!({"title": "", "amount": 10, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "title",
            "Title must be between 1 and 200 characters",
        ),
        (
            json!({"title": "x".repeat(201), "amount": 10, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "title",
            "Title must be between 1 and 200 characters",
        ),
        (
            json!({"title": "x", "amount": -5, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "amount",
            "Amount must be a positive number",
        ),
        (
            json!({"title": "x", "amount": "10", "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "amount",
            "Amount must be a positive number",
        ),
        (
            json!({"title": "x", "amount": 10.1234, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "amount",
            "Amount must have at most 3 decimal places",
        ),
        (
            json!({"title": "x", "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "amount",
            "Amount is required",
        ),
        (
            json!({"title": "x", "amount": 10, "currency": "GBP", "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "currency",
            "Currency must be one of TND, USD, EUR",
        ),
        (
            json!({"title": "x", "amount": 10, "mode": "quick", "estimatedDeliveryDays": 1}),
            "buyerEmail",
            "Buyer email is required",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "nope", "mode": "quick", "estimatedDeliveryDays": 1}),
            "buyerEmail",
            "Buyer email must be a valid email address",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "mode": "fast", "estimatedDeliveryDays": 1}),
            "mode",
            "Mode must be one of standard, quick, instant",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "mode": "quick"}),
            "estimatedDeliveryDays",
            "Estimated delivery days is required for standard and quick modes",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 0}),
            "estimatedDeliveryDays",
            "Estimated delivery days must be a whole number of at least 1",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "estimatedDeliveryDays": 3}),
            "contractTerms",
            "Contract terms are required for standard mode",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "estimatedDeliveryDays": 3, "contractTerms": "t".repeat(10_001)}),
            "contractTerms",
            "Contract terms must be at most 10000 characters",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "sellerEmail": "s@x.tn", "mode": "quick", "estimatedDeliveryDays": 1, "developerFeePercentage": 26}),
            "developerFeePercentage",
            "Developer fee percentage must be a number between 0 and 25",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1, "fulfillmentPolicy": {"type": "photo"}}),
            "fulfillmentPolicy.type",
            "fulfillmentPolicy.type must be purchase_proof_required",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1, "fulfillmentPolicy": {"type": "purchase_proof_required", "proofUploadDeadlineHours": 5}}),
            "fulfillmentPolicy.proofUploadDeadlineHours",
            "proofUploadDeadlineHours must be a whole number of hours between 6 and 72",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1, "fulfillmentPolicy": {"type": "purchase_proof_required", "buyerReviewDeadlineHours": 73}}),
            "fulfillmentPolicy.buyerReviewDeadlineHours",
            "buyerReviewDeadlineHours must be a whole number of hours between 6 and 72",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": "b@x.tn", "estimatedDeliveryDays": 1, "contractTerms": "t", "fulfillmentPolicy": {"type": "purchase_proof_required"}}),
            "fulfillmentPolicy",
            "fulfillmentPolicy is only allowed with mode: quick",
        ),
        (
            json!({"title": "x", "amount": 4.999, "buyerEmail": "b@x.tn", "mode": "quick", "estimatedDeliveryDays": 1}),
            "amount",
            "Amount must be at least 5 TND for standard and quick modes (after currency conversion)",
        ),
        (
            json!({"title": "x", "amount": 0.009, "buyerEmail": "b@x.tn", "mode": "instant"}),
            "amount",
            "Amount must be at least 0.01 TND for instant mode (after currency conversion)",
        ),
        (
            json!({"title": "x", "amount": 10, "buyerEmail": MERCHANT, "mode": "quick", "estimatedDeliveryDays": 1}),
            "buyerEmail",
            "Buyer and seller must be different users",
        ),
    ];
    for (body, field, text) in cases {
        assert_eq!(
            t.post("/escrows", body.clone()).await,
            (400, details(field, text)),
            "{body}"
        );
    }
    // Minimums are inclusive.
    assert_eq!(
        t.post(
            "/escrows",
            json!({"title": "x", "amount": 0.01, "buyerEmail": "b@x.tn", "mode": "instant"})
        )
        .await
        .0,
        201
    );
    assert_eq!(t.post("/escrows", quick("b@x.tn", 5.0)).await.0, 201);
}
