//! Auth headers, base URLs, key refusal and every endpoint's method, path and body.

use dhmad_api::*;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{api_root, client_for, fixture, live_key, sandbox_key};

fn ok(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(fixture(name))
}

#[tokio::test]
async fn bearer_header_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/me"))
        .and(header(
            "authorization",
            format!("Bearer {}", sandbox_key()).as_str(),
        ))
        .respond_with(ok("me"))
        .expect(1)
        .mount(&server)
        .await;
    let me = client_for(&server).me().await.unwrap();
    assert_eq!(me.developer.email.as_deref(), Some("dev@example.com"));
    let req = &server.received_requests().await.unwrap()[0];
    assert!(req.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn x_api_key_header_when_chosen() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/balance"))
        .and(header("x-api-key", sandbox_key().as_str()))
        .respond_with(ok("balance"))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(sandbox_key())
        .base_url(api_root(&server.uri()))
        .auth_scheme(AuthScheme::XApiKey)
        .build()
        .unwrap();
    assert_eq!(
        client.balance().await.unwrap().available.millimes(),
        1_500_500
    );
    let req = &server.received_requests().await.unwrap()[0];
    assert!(req.headers.get("authorization").is_none());
}

#[test]
fn base_url_follows_the_key_prefix_unless_overridden() {
    let live = Client::builder(live_key()).build().unwrap();
    assert_eq!(live.environment(), Environment::Live);
    assert_eq!(live.base_url().as_str(), "https://dhmad.tn/api/v1");
    let sandbox = Client::builder(sandbox_key()).build().unwrap();
    assert_eq!(sandbox.environment(), Environment::Sandbox);
    assert_eq!(
        sandbox.base_url().as_str(),
        "https://sandbox.dhmad.tn/api/v1"
    );
    let sim = Url::parse("http://127.0.0.1:8080/api/v1").unwrap();
    let local = Client::builder(live_key())
        .base_url(sim.clone())
        .confirm_proxy(true)
        .build()
        .unwrap();
    assert_eq!(local.base_url(), &sim);
    assert_eq!(local.environment(), Environment::Live);
    assert!(
        !format!("{local:?}").contains(crate::HEX),
        "Debug must not show the key"
    );
}

#[tokio::test]
async fn a_badly_shaped_key_is_refused_before_any_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok("me"))
        .expect(0)
        .mount(&server)
        .await;
    for bad in [
        "sk_test_abc",
        "sk_live_1234",
        "Bearer sk_live_x",
        "",
        &format!("sk_live_{}", "g".repeat(64)),
    ] {
        let err = Client::builder(bad)
            .base_url(api_root(&server.uri()))
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyFormat, "{bad:?}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn every_endpoint_uses_its_method_path_and_body() {
    let server = MockServer::start().await;
    let id = "507f1f77bcf86cd799439011";
    let routes = [
        ("GET", format!("/api/v1/escrows/{id}"), "escrow_get"),
        ("GET", format!("/api/v1/escrows/{id}/proof"), "escrow_proof"),
        (
            "GET",
            format!("/api/v1/escrows/{id}/contract"),
            "escrow_contract",
        ),
        ("PUT", format!("/api/v1/escrows/{id}"), "escrow_update"),
        (
            "POST",
            format!("/api/v1/escrows/{id}/deliver"),
            "escrow_deliver",
        ),
        (
            "POST",
            format!("/api/v1/escrows/{id}/reject-delivery"),
            "escrow_reject_delivery",
        ),
        (
            "POST",
            format!("/api/v1/escrows/{id}/cancel"),
            "escrow_cancel",
        ),
        (
            "POST",
            format!("/api/v1/escrows/{id}/sessions"),
            "session_create",
        ),
        (
            "GET",
            "/api/v1/sessions/550e8400-e29b-41d4-a716-446655440000".into(),
            "session_get",
        ),
        (
            "POST",
            "/api/v1/identity-verifications".into(),
            "identity_create",
        ),
        (
            "GET",
            "/api/v1/identity-verifications/6655abc1234567890abcdef12".into(),
            "identity_get",
        ),
    ];
    for (m, p, f) in &routes {
        Mock::given(method(*m))
            .and(path(p.as_str()))
            .respond_with(ok(f))
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/api/v1/escrows"))
        .and(body_json(json!({
            "title": "Rug", "amount": 12.345, "buyerEmail": "b@x.tn", "mode": "quick",
            "estimatedDeliveryDays": 2
        })))
        .respond_with(ResponseTemplate::new(201).set_body_string(fixture("escrow_create")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/escrows"))
        .and(query_param("status", "paid"))
        .and(query_param("role", "seller"))
        .and(query_param("page", "2"))
        .and(query_param("limit", "50"))
        .respond_with(ok("escrow_list"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/identity-verifications"))
        .and(query_param("email", "seller+kyc@example.com"))
        .respond_with(ok("identity_list"))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let escrows = client.escrows();
    let eid = EscrowId::new(id);
    let mut create = CreateEscrow::new("Rug", Money::from_tnd_str("12.345").unwrap(), "b@x.tn");
    create.mode = Some(EscrowMode::Quick);
    create.estimated_delivery_days = Some(2);
    assert_eq!(escrows.create(&create).await.unwrap().escrow.id, eid);
    let query = ListEscrows {
        status: Some(EscrowStatus::Paid),
        role: Some(Role::Seller),
        page: Some(2),
        limit: Some(50),
    };
    assert_eq!(
        escrows.list(&query).await.unwrap().pagination.total,
        Some(45)
    );
    assert_eq!(
        escrows.get(&eid).await.unwrap().status,
        Some(EscrowStatus::Paid)
    );
    assert!(escrows.proof(&eid).await.unwrap().phase.is_some());
    assert_eq!(
        escrows.contract(&eid).await.unwrap().is_fully_signed,
        Some(true)
    );
    let update = UpdateEscrow {
        amount: Some(Money::from_tnd(1500).unwrap()),
        ..Default::default()
    };
    assert_eq!(
        escrows.update(&eid, &update).await.unwrap().escrow.amount,
        Money::from_tnd(1500)
    );
    assert_eq!(
        escrows.deliver(&eid).await.unwrap().escrow.status,
        Some(EscrowStatus::Delivered)
    );
    let rejected = escrows
        .reject_delivery(&eid, Some("missing item"))
        .await
        .unwrap();
    assert_eq!(rejected.escrow.status, Some(EscrowStatus::Paid));
    assert_eq!(
        escrows.cancel(&eid).await.unwrap().escrow.status,
        Some(EscrowStatus::Cancelled)
    );
    let session_req = CreateSession::new(
        SessionAction::AcceptPay,
        "buyer@example.com",
        "http://localhost:3000/cb",
    );
    let session = client.sessions().create(&eid, &session_req).await.unwrap();
    assert_eq!(
        client
            .sessions()
            .get(&session.session_id)
            .await
            .unwrap()
            .status,
        Some(SessionStatus::Completed)
    );
    let v = client
        .identity()
        .create(&CreateVerification::new("seller@example.com"))
        .await
        .unwrap();
    assert_eq!(
        client.identity().get(&v.id).await.unwrap().kyc_status,
        Some(KycStatus::Approved)
    );
    assert_eq!(
        client
            .identity()
            .list_by_email("seller+kyc@example.com")
            .await
            .unwrap()
            .verifications
            .len(),
        1
    );

    // Bodies as the API names them.
    let requests = server.received_requests().await.unwrap();
    let body_of = |suffix: &str| -> serde_json::Value {
        let r = requests
            .iter()
            .find(|r| r.url.path().ends_with(suffix) && !r.body.is_empty())
            .unwrap();
        serde_json::from_slice(&r.body).unwrap()
    };
    assert_eq!(
        body_of("/reject-delivery"),
        json!({"reason": "missing item"})
    );
    assert_eq!(body_of(&format!("/escrows/{id}")), json!({"amount": 1500}));
    assert_eq!(
        body_of("/sessions"),
        json!({"action": "accept_pay", "targetUserEmail": "buyer@example.com", "redirectUrl": "http://localhost:3000/cb"})
    );
    assert_eq!(
        body_of("/identity-verifications"),
        json!({"email": "seller@example.com"})
    );
    let deliver = requests
        .iter()
        .find(|r| r.url.path().ends_with("/deliver"))
        .unwrap();
    assert!(deliver.body.is_empty(), "deliver has no body");
}
