//! Where the key may go and what the client believes: the base-URL rules, redirects, checkout
//! links, and bounded rate-limit headers — against real HTTP on loopback.

use std::time::{Duration, Instant};

use dhmad_api::{
    ApiError, Client, CreateSession, ErrorKind, EscrowId, MAX_BELIEVED_RESET, SessionAction,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{api_root, client_for, fixture, live_key, sandbox_key};

fn me() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(fixture("me"))
}

#[tokio::test]
async fn a_live_key_is_refused_for_a_foreign_base_url_before_any_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(me())
        .mount(&server)
        .await;
    let err = Client::builder(live_key())
        .base_url(api_root(&server.uri()))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ProxyNotConfirmed);
    assert!(
        err.to_string().contains("only sent to https://dhmad.tn"),
        "{err}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 0);

    // Once the merchant confirms the proxy, the same address is used.
    let client = Client::builder(live_key())
        .base_url(api_root(&server.uri()))
        .confirm_proxy(true)
        .build()
        .unwrap();
    client.me().await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[test]
fn plain_http_is_refused_off_this_machine() {
    for bad in ["http://dhmad.tn/api/v1", "http://192.168.1.20:8080/api/v1"] {
        let err = Client::builder(sandbox_key())
            .base_url(bad.parse().unwrap())
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsafeBaseUrl, "{bad}");
        assert!(err.to_string().contains("https://"), "{err}");
    }
}

/// A server whose every answer is a redirect to `target`.
async fn redirecting_to(target: &str, status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).insert_header("location", target))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_cross_origin_redirect_is_not_followed_and_no_key_is_sent() {
    let elsewhere = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(me())
        .mount(&elsewhere)
        .await;
    let target = format!("{}/api/v1/me", elsewhere.uri());
    for status in [301, 302, 307, 308] {
        let server = redirecting_to(&target, status).await;
        for auth in [
            dhmad_api::AuthScheme::Bearer,
            dhmad_api::AuthScheme::XApiKey,
        ] {
            let client = Client::builder(sandbox_key())
                .base_url(api_root(&server.uri()))
                .auth_scheme(auth)
                .build()
                .unwrap();
            let err = client.me().await.unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Protocol, "{status}: {err}");
            assert!(err.to_string().contains("not followed"), "{err}");
        }
    }
    // The redirect target never saw a request, so it never saw the key.
    assert_eq!(elsewhere.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn a_redirected_write_is_an_unknown_outcome_not_a_resend() {
    let elsewhere = MockServer::start().await;
    let server = redirecting_to(&format!("{}/api/v1/escrows", elsewhere.uri()), 307).await;
    let err = client_for(&server)
        .sessions()
        .create(
            &EscrowId::new("507f1f77bcf86cd799439011"),
            &CreateSession::new(
                SessionAction::AcceptPay,
                "b@example.com",
                "https://shop.tn/done",
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(elsewhere.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_the_key() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/me"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/api/v1/me2"))
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/me2"))
        .respond_with(me())
        .mount(&server)
        .await;
    client_for(&server).me().await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    let auth = received[1].headers.get("authorization").unwrap();
    assert_eq!(auth.to_str().unwrap(), format!("Bearer {}", sandbox_key()));
}

async fn session_answering(url: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "sessionId": "550e8400-e29b-41d4-a716-446655440000",
            "url": url,
            "expiresAt": "2024-01-15T12:30:00.000Z"
        })))
        .mount(&server)
        .await;
    server
}

async fn create_session(server: &MockServer) -> Result<dhmad_api::CreatedSession, ApiError> {
    client_for(server)
        .sessions()
        .create(
            &EscrowId::new("507f1f77bcf86cd799439011"),
            &CreateSession::new(
                SessionAction::AcceptPay,
                "b@example.com",
                "https://shop.tn/done",
            ),
        )
        .await
}

#[tokio::test]
async fn a_checkout_link_on_a_foreign_host_is_never_returned() {
    for foreign in [
        "https://evil.example/checkout/550e8400",
        "https://evil.example/.dhmad.tn/checkout",
        "https://dhmad.tn.evil.example/checkout/550e8400",
        "http://dhmad.tn/checkout/550e8400",
        "file:///etc/passwd",
    ] {
        let server = session_answering(foreign).await;
        let err = create_session(&server).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::SuspiciousAnswer, "{foreign}");
        assert!(err.to_string().contains("suspicious"), "{err}");
    }
}

#[tokio::test]
async fn a_checkout_link_on_dhmad_or_the_base_origin_is_returned() {
    let server = MockServer::start().await;
    let local = format!("{}/checkout/550e8400", server.uri());
    for good in [
        "https://dhmad.tn/checkout/550e8400",
        "https://sandbox.dhmad.tn/checkout/1",
        &local,
    ] {
        server.reset().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "sessionId": "550e8400-e29b-41d4-a716-446655440000",
                "url": good,
            })))
            .mount(&server)
            .await;
        assert_eq!(create_session(&server).await.unwrap().url, good);
    }
}

fn hostile_limits(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_string(fixture("me"))
        .insert_header("x-ratelimit-limit", "4294967295")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", "9999-12-31T23:59:59Z")
        .insert_header("retry-after", "18446744073709551615")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_rate_limit_headers_finish_quickly_with_bounded_state() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(hostile_limits(200))
        .mount(&server)
        .await;
    let client = Client::builder(sandbox_key())
        .base_url(api_root(&server.uri()))
        .build()
        .unwrap();
    let started = Instant::now();
    let call = tokio::spawn({
        let client = client.clone();
        async move { client.me().await }
    });
    tokio::time::timeout(Duration::from_secs(5), call)
        .await
        .expect("the call must not hang")
        .unwrap()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
    let state = client.rate_limit_state();
    assert_eq!(state.limit, dhmad_api::MAX_TRUSTED_LIMIT);
    assert_eq!(state.remaining, 0);
    let bound = chrono::Utc::now()
        + chrono::Duration::from_std(MAX_BELIEVED_RESET).unwrap()
        + chrono::Duration::seconds(1);
    let reset = state.reset.expect("blocked until a reset");
    assert!(reset <= bound, "{reset}");

    // The year-9999 reset is believed only up to the bound, and a wait beyond the client's
    // maximum is reported at once instead of slept through.
    let started = Instant::now();
    let err = client.me().await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
    match err.kind() {
        ErrorKind::RateLimited { reset: Some(r) } => assert!(r <= bound, "{r}"),
        other => panic!("expected rate-limited, got {other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_429_with_a_huge_retry_after_is_reported_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_json(json!({"error": "Too many requests"}))
                .insert_header("retry-after", "18446744073709551615"),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = client_for(&server).me().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::RateLimited { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_short_retry_after_header_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_json(json!({"error": "Too many requests"}))
                .insert_header("retry-after", "1"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(me())
        .mount(&server)
        .await;
    let started = Instant::now();
    client_for(&server).me().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
