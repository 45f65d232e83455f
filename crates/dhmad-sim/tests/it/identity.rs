//! Identity verifications (§2.14–2.16, §5), sandbox auto-approval.

use crate::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn create_duplicate_get_list() {
    let t = Ctx::new().await;
    let (s, v) = t.post("/identity-verifications", json!({"email": "Seller@Example.com", "external_user_id": "seller_42", "metadata": {"shop": "a"}})).await;
    assert_eq!(s, 201, "{v}");
    let id = v["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 24);
    assert_eq!(v["email"], json!("seller@example.com"));
    assert_eq!(v["external_user_id"], json!("seller_42"));
    assert_eq!(v["kyc_status"], json!("approved"));
    assert_eq!(v["claim_status"], json!("pending"));
    assert_eq!(v["linked_user_id"], json!(null));
    assert_eq!(v["verification_email_sent"], json!(false));
    assert_eq!(v["verification_email_sent_at"], json!(null));
    assert_eq!(v["needs_admin_review"], json!(false));
    assert_eq!(v["message"], json!("Sandbox: verification auto-approved."));
    let created = chrono::DateTime::parse_from_rfc3339(v["created_at"].as_str().unwrap()).unwrap();
    let expires = chrono::DateTime::parse_from_rfc3339(v["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!((expires - created).num_days(), 90);

    let (s, dup) = t
        .post(
            "/identity-verifications",
            json!({"email": "seller@example.com"}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(dup["id"], json!(id));

    let (s, g) = t.get(&format!("/identity-verifications/{id}")).await;
    assert_eq!(s, 200);
    assert_eq!(g.get("message"), None);
    assert_eq!(g["kyc_status"], json!("approved"));
    let (s, l) = t
        .get("/identity-verifications?email=SELLER@example.com")
        .await;
    assert_eq!(s, 200);
    assert_eq!(l["verifications"].as_array().unwrap().len(), 1);

    // Registration links it.
    t.user("seller@example.com", 0.0).await;
    let (_, g) = t.get(&format!("/identity-verifications/{id}")).await;
    assert_eq!(g["claim_status"], json!("linked"));
    assert_eq!(g["linked_user_id"].as_str().unwrap().len(), 24);
    // Now the user has approved KYC: 409.
    let (s, c) = t
        .post(
            "/identity-verifications",
            json!({"email": "seller@example.com"}),
        )
        .await;
    assert_eq!(
        (s, c),
        (
            409,
            json!({"error": "Conflict", "message": "User already has approved KYC on DHMAD.", "kyc_status": "approved", "user_exists": true})
        )
    );
}

#[tokio::test]
async fn identity_errors() {
    let t = Ctx::new().await;
    let (s, v) = t
        .post("/identity-verifications", json!({"email": "not-an-email"}))
        .await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Bad Request", "message": "A valid email address is required"})
        )
    );
    let (s, v) = t
        .post(
            "/identity-verifications",
            json!({"email": "a@x.tn", "external_user_id": 42}),
        )
        .await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Bad Request", "message": "Invalid request parameters", "details": {"external_user_id": "external_user_id must be a string"}})
        )
    );
    let (s, v) = t
        .post(
            "/identity-verifications",
            json!({"email": "a@x.tn", "redirect_url": "https://evil.example/"}),
        )
        .await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Bad Request", "message": "Redirect URL does not match any allowed redirect URLs configured in developer settings."})
        )
    );
    assert_eq!(
        t.post(
            "/identity-verifications",
            json!({"email": "a@x.tn", "redirect_url": "http://localhost:3000/kyc"})
        )
        .await
        .0,
        201
    );
    let (s, v) = t
        .post(
            "/identity-verifications",
            json!({"email": "a@blocked.dhmad.test"}),
        )
        .await;
    assert_eq!(
        (s, v),
        (
            403,
            json!({"error": "Forbidden", "message": "Verification is not allowed for this email domain."})
        )
    );
    assert_eq!(
        t.get("/identity-verifications/xyz").await,
        (
            400,
            json!({"error": "Bad Request", "message": "Invalid verification ID"})
        )
    );
    let nf = json!({"error": "Not Found", "message": "Verification not found"});
    assert_eq!(
        t.get("/identity-verifications/507f1f77bcf86cd799439011")
            .await,
        (404, nf.clone())
    );
    assert_eq!(
        t.get("/identity-verifications").await,
        (
            400,
            json!({"error": "Bad Request", "message": "email query parameter is required"})
        )
    );
    // Another developer's record is invisible.
    let (_, v) = t
        .post("/identity-verifications", json!({"email": "b@x.tn"}))
        .await;
    let other = t.developer("other@x.tn", None).await;
    let id = v["id"].as_str().unwrap();
    assert_eq!(
        t.call_as(
            Some(&other),
            Method::GET,
            &format!("/identity-verifications/{id}"),
            None
        )
        .await,
        (404, nf)
    );
    assert_eq!(
        t.call_as(
            Some(&other),
            Method::GET,
            "/identity-verifications?email=b@x.tn",
            None
        )
        .await,
        (200, json!({"verifications": []}))
    );
}
