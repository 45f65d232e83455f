//! Escrow read/update/deliver/cancel endpoints and listing (§1.8, §2.4–2.11).

use crate::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn get_errors() {
    let t = Ctx::new().await;
    assert_eq!(
        t.get("/escrows/nothex").await,
        (400, json!({"error": "Invalid escrow ID"}))
    );
    assert_eq!(
        t.get("/escrows/507f1f77bcf86cd799439011").await,
        (404, json!({"error": "Escrow not found"}))
    );
    let id = t.escrow(quick("b@x.tn", 10.0)).await;
    t.user("other@x.tn", 0.0).await;
    let other = t.developer("otherdev@x.tn", Some("other@x.tn")).await;
    let forbidden = json!({"error": "Forbidden", "message": "You do not have access to this escrow. You can only view escrows where you are the seller or buyer."});
    assert_eq!(
        t.call_as(Some(&other), Method::GET, &format!("/escrows/{id}"), None)
            .await,
        (403, forbidden.clone())
    );
    assert_eq!(
        t.call_as(
            Some(&other),
            Method::GET,
            &format!("/escrows/{id}/contract"),
            None
        )
        .await,
        (403, forbidden)
    );
    let (s, v) = t.call_as(Some(&other), Method::POST, &format!("/escrows/{id}/sessions"), Some(json!({"action": "accept_pay", "targetUserEmail": "b@x.tn", "redirectUrl": RETURN_URL}))).await;
    assert_eq!(
        (s, v),
        (
            403,
            json!({"error": "Forbidden", "message": "You do not have access to this escrow."})
        )
    );
    assert_eq!(
        t.get(&format!("/escrows/{id}/contract")).await,
        (404, json!({"error": "Contract not found for this escrow"}))
    );
    let (s, v) = t.get(&format!("/escrows/{id}/proof")).await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Bad Request", "message": "This escrow does not require a purchase proof"})
        )
    );
}

#[tokio::test]
async fn update_rules() {
    let t = Ctx::new().await;
    let id = t.escrow(quick("b@x.tn", 10.0)).await;
    let p = format!("/escrows/{id}");
    assert_eq!(
        t.put(&p, json!({"foo": 1})).await,
        (
            400,
            json!({"error": "Bad Request", "message": "No valid fields to update"})
        )
    );
    let (s, v) = t.put(&p, json!({"title": "Updated", "amount": 1500, "description": "Full-stack", "estimatedDeliveryDays": 14})).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["message"], json!("Escrow updated successfully"));
    let e = &v["escrow"];
    assert_eq!(
        (
            e["title"].clone(),
            e["amount"].clone(),
            e["escrowFee"].clone(),
            e["description"].clone(),
            e["estimatedDeliveryDays"].clone()
        ),
        (
            json!("Updated"),
            json!(1500),
            json!(75),
            json!("Full-stack"),
            json!(14)
        )
    );
    let (s, v) = t.put(&p, json!({"amount": 0})).await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Bad Request", "message": "Invalid request parameters", "details": {"amount": "Amount must be a positive number"}})
        )
    );
    let (s, v) = t.put(&p, json!({"description": "d".repeat(2001)})).await;
    assert_eq!(
        (s, v["details"]["description"].clone()),
        (
            400,
            json!("Description must be a string of at most 2000 characters")
        )
    );
    let (_, ev) = t.sim(Method::GET, "/events", None).await;
    let last = ev["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["webhookType"], json!("escrow.updated"));
    assert_eq!(
        last["event"]["fields"],
        json!(["title", "amount", "description", "estimatedDeliveryDays"])
    );
    t.act(&id, "accept_pay", "b@x.tn", json!({})).await;
    assert_eq!(
        t.put(&p, json!({"title": "x"})).await,
        (
            400,
            json!({"error": "Bad Request", "message": "Can only update escrows in pending status"})
        )
    );
}

#[tokio::test]
async fn cancel_and_deliver_rules() {
    let t = Ctx::new().await;
    let id = t.escrow(quick("b@x.tn", 10.0)).await;
    assert_eq!(
        t.post(&format!("/escrows/{id}/deliver"), json!({})).await,
        (
            400,
            json!({"error": "Bad Request", "message": "Escrow must be in paid status before delivery"})
        )
    );
    let (s, v) = t.post(&format!("/escrows/{id}/cancel"), json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(v["message"], json!("Escrow cancelled successfully"));
    assert_eq!(v["escrow"]["status"], json!("cancelled"));
    assert!(v["escrow"]["cancelledAt"].is_string());
    let paid = t.escrow(quick("b@x.tn", 10.0)).await;
    t.act(&paid, "accept_pay", "b@x.tn", json!({})).await;
    assert_eq!(
        t.post(&format!("/escrows/{paid}/cancel"), json!({})).await,
        (
            400,
            json!({"error": "Bad Request", "message": "Only pending escrows can be cancelled via API. For paid or delivered escrows, buyers use a request_cancellation checkout session; sellers use a cancel_escrow checkout session."})
        )
    );
}

#[tokio::test]
async fn listing_paginates_newest_first_with_filters() {
    let t = Ctx::new().await;
    let mut ids = Vec::new();
    for n in 0..25 {
        ids.push(t.escrow(quick("b@x.tn", 10.0 + f64::from(n))).await);
    }
    t.act(&ids[3], "accept_pay", "b@x.tn", json!({})).await;
    let (s, v) = t.get("/escrows").await;
    assert_eq!(s, 200);
    assert_eq!(
        v["pagination"],
        json!({"page": 1, "limit": 20, "total": 25, "pages": 2})
    );
    assert_eq!(v["escrows"][0]["id"], json!(ids[24]));
    assert_eq!(v["escrows"].as_array().unwrap().len(), 20);
    let (_, v) = t.get("/escrows?page=2&limit=20").await;
    assert_eq!(v["escrows"].as_array().unwrap().len(), 5);
    assert_eq!(v["escrows"][4]["id"], json!(ids[0]));
    let (_, v) = t.get("/escrows?status=paid").await;
    assert_eq!(v["pagination"]["total"], json!(1));
    assert_eq!(v["escrows"][0]["id"], json!(ids[3]));
    let (_, v) = t
        .get("/escrows?status=pending&role=seller&limit=500&page=0")
        .await;
    assert_eq!(
        v["pagination"],
        json!({"page": 1, "limit": 100, "total": 24, "pages": 1})
    );
    let (_, v) = t.get("/escrows?role=buyer").await;
    assert_eq!(v["pagination"]["total"], json!(0));
    assert_eq!(
        t.get("/escrows?status=disputed").await,
        (
            400,
            json!({"error": "Bad Request", "message": "Invalid request parameters", "details": {"status": "Status must be one of pending, paid, delivered, completed, cancelled"}})
        )
    );
    assert_eq!(t.get("/escrows?role=admin").await.0, 400);
}
