//! Successful calls print the resource as JSON with the API's field names and exact amounts.

use serde_json::json;
use wiremock::matchers::{body_partial_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{KEY, dhmad, stdout_json};

fn base(server: &MockServer) -> String {
    format!("{}/api/v1", server.uri())
}

#[tokio::test]
async fn me_prints_the_key_and_developer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/me"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "apiKey": {"id": "507f1f77bcf86cd799439011", "name": "Shop", "keyPrefix": "sk_sandbox_01",
                       "environment": "sandbox", "isActive": true, "rateLimit": 100,
                       "createdAt": "2024-01-01T00:00:00Z"},
            "developer": {"id": "507f1f77bcf86cd799439012", "email": "dev@example.com", "companyName": "Shop SARL"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let out = dhmad(&base(&server), &["me"]).await;

    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let me = stdout_json(&out);
    assert_eq!(me["developer"]["email"], "dev@example.com");
    assert_eq!(me["developer"]["companyName"], "Shop SARL");
    assert_eq!(me["apiKey"]["environment"], "sandbox");
    assert_eq!(me["apiKey"]["rateLimit"], 100);
}

#[tokio::test]
async fn x_api_key_flag_sends_the_other_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/balance"))
        .and(header("x-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"balance": {"available": 1500.5, "pending": 0, "escrow": 12.345}}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let out = dhmad(&base(&server), &["--x-api-key", "balance"]).await;

    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // Exact decimals, as the API wrote them.
    assert!(text.contains("12.345"), "{text}");
    assert!(text.contains("1500.5"), "{text}");
}

#[tokio::test]
async fn create_sends_the_api_fields_and_prints_the_created_escrow() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/escrows"))
        .and(body_partial_json(json!({
            "title": "Rug", "amount": 120.5, "buyerEmail": "b@example.com", "mode": "quick",
            "estimatedDeliveryDays": 3,
            "fulfillmentPolicy": {"type": "purchase_proof_required", "proofUploadDeadlineHours": 12}
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "message": "Escrow created successfully",
            "escrow": {"id": "507f1f77bcf86cd799439011", "title": "Rug", "amount": 120.5,
                       "amountTnd": 120.5, "escrowFee": 6.025, "status": "pending", "mode": "quick"},
            "contract": null
        })))
        .expect(1)
        .mount(&server)
        .await;

    let out = dhmad(
        &base(&server),
        &[
            "escrows",
            "create",
            "--title",
            "Rug",
            "--amount",
            "120.500",
            "--buyer-email",
            "b@example.com",
            "--mode",
            "quick",
            "--delivery-days",
            "3",
            "--proof-required",
            "--proof-upload-hours",
            "12",
        ],
    )
    .await;

    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created = stdout_json(&out);
    assert_eq!(created["escrow"]["id"], "507f1f77bcf86cd799439011");
    assert_eq!(created["escrow"]["escrowFee"], json!(6.025));
    assert_eq!(created["message"], "Escrow created successfully");
}

#[tokio::test]
async fn list_all_prints_one_array_of_every_page() {
    let server = MockServer::start().await;
    for page in 1..=2u32 {
        let ids: Vec<_> = (0..if page == 1 { 100 } else { 3 })
            .map(|i| json!({"id": format!("{page:02}{i:022}"), "status": "completed"}))
            .collect();
        Mock::given(method("GET"))
            .and(path("/api/v1/escrows"))
            .and(query_param("page", page.to_string()))
            .and(query_param("status", "completed"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "escrows": ids,
                "pagination": {"page": page, "limit": 100, "total": 103, "pages": 2}
            })))
            .expect(1)
            .mount(&server)
            .await;
    }

    let out = dhmad(
        &base(&server),
        &["escrows", "list", "--all", "--status", "completed"],
    )
    .await;

    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = stdout_json(&out);
    let all = all.as_array().expect("one JSON array");
    assert_eq!(all.len(), 103);
    assert_eq!(all[100]["id"], "020000000000000000000000");
}

#[tokio::test]
async fn session_create_passes_action_target_and_metadata() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/escrows/507f1f77bcf86cd799439011/sessions"))
        .and(body_partial_json(json!({
            "action": "accept_pay", "targetUserEmail": "b@example.com",
            "redirectUrl": "http://localhost:3000/back", "metadata": {"order": "42"}
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "sessionId": "550e8400-e29b-41d4-a716-446655440000",
            "url": "https://sandbox.dhmad.tn/checkout/550e8400-e29b-41d4-a716-446655440000",
            "expiresAt": "2024-01-15T10:30:00.000Z"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let out = dhmad(
        &base(&server),
        &[
            "sessions",
            "create",
            "507f1f77bcf86cd799439011",
            "--action",
            "accept_pay",
            "--target",
            "b@example.com",
            "--redirect-url",
            "http://localhost:3000/back",
            "--metadata",
            "order=42",
        ],
    )
    .await;

    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let session = stdout_json(&out);
    assert_eq!(session["sessionId"], "550e8400-e29b-41d4-a716-446655440000");
    assert!(
        session["url"]
            .as_str()
            .unwrap()
            .ends_with("/checkout/550e8400-e29b-41d4-a716-446655440000")
    );
}
