//! Rate limits, retries, timeouts and the rule that a write that may have reached the server is
//! never re-sent.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{SecondsFormat, Utc};
use dhmad_api::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use dhmad_api::*;
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{api_root, client_for, fast_retry, fixture, sandbox_key};

fn quick_escrow() -> CreateEscrow {
    let mut req = CreateEscrow::new(
        "Counter sale",
        Money::from_tnd(20).unwrap(),
        "buyer@example.com",
    );
    req.mode = Some(EscrowMode::Quick);
    req.estimated_delivery_days = Some(1);
    req
}

#[tokio::test]
async fn a_429_waits_for_the_reset_then_succeeds() {
    let server = MockServer::start().await;
    let t0 = Utc::now();
    let reset = t0 + chrono::Duration::milliseconds(1200);
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-RateLimit-Limit", "100")
                .insert_header("X-RateLimit-Remaining", "0")
                .insert_header(
                    "X-RateLimit-Reset",
                    reset.to_rfc3339_opts(SecondsFormat::Millis, true).as_str(),
                )
                .set_body_string(fixture("error_429_rate_limit")),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string(fixture("escrow_create")))
        .mount(&server)
        .await;
    let started = Instant::now();
    let created = client_for(&server)
        .escrows()
        .create(&quick_escrow())
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(created.escrow.id.as_str(), "507f1f77bcf86cd799439011");
    let expected = (reset - t0).to_std().unwrap() - Duration::from_millis(20);
    assert!(
        waited >= expected,
        "waited {waited:?}, reset was {expected:?} away"
    );
    assert!(
        waited < Duration::from_secs(10),
        "waited {waited:?}: only until the reset, not a window"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "the refused POST was re-sent once"
    );
}

#[tokio::test]
async fn a_429_with_a_reset_beyond_the_bound_is_returned_with_the_reset_time() {
    let server = MockServer::start().await;
    let reset = Utc::now() + chrono::Duration::hours(1);
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header(
                    "X-RateLimit-Reset",
                    reset.to_rfc3339_opts(SecondsFormat::Secs, true).as_str(),
                )
                .set_body_string(fixture("error_429_retry_after")),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    let err = client.me().await.unwrap_err();
    let ErrorKind::RateLimited { reset: Some(at) } = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!(at.timestamp(), reset.timestamp());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_spent_budget_is_not_sent_and_is_shared_by_clones() {
    let server = MockServer::start().await;
    let reset = Utc::now() + chrono::Duration::hours(1);
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-RateLimit-Limit", "100")
                .insert_header("X-RateLimit-Remaining", "0")
                .insert_header("X-RateLimit-Reset", reset.to_rfc3339().as_str())
                .set_body_string(fixture("me")),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    client.me().await.unwrap();
    let state = client.rate_limit_state();
    assert_eq!((state.limit, state.remaining), (100, 0));
    let err = client.clone().me().await.unwrap_err();
    assert!(
        matches!(err, ApiError::RateLimited { reset: Some(_) }),
        "{err:?}"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "nothing sent past the budget"
    );
}

#[tokio::test]
async fn a_get_is_retried_after_a_502() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/balance"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/balance"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("balance")))
        .mount(&server)
        .await;
    let balance = client_for(&server).balance().await.unwrap();
    assert_eq!(balance.escrow.millimes(), 500_250);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_get_gives_up_after_its_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = client_for(&server).balance().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1 + fast_retry().max_retries as usize
    );
}

#[tokio::test]
async fn a_post_is_not_resent_after_a_502() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let err = client_for(&server)
        .escrows()
        .create(&quick_escrow())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    let ApiError::OutcomeUnknown { method, path, .. } = &err else {
        panic!()
    };
    assert_eq!((method.as_str(), path.as_str()), ("POST", "/escrows"));
    assert!(err.to_string().contains("not re-sent"));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_put_is_not_resent_after_a_500() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let update = UpdateEscrow {
        title: Some("New".into()),
        ..Default::default()
    };
    let err = client_for(&server)
        .escrows()
        .update(&"e1".into(), &update)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert_eq!(err.status(), Some(500));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_post_answered_2xx_with_an_unreadable_body_is_outcome_unknown_and_not_resent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("content-type", "text/html")
                .set_body_string("<html><body>Created</body></html>"),
        )
        .mount(&server)
        .await;
    let err = client_for(&server)
        .escrows()
        .create(&quick_escrow())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    let ApiError::OutcomeUnknown { method, reason, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(method, "POST");
    assert!(reason.contains("answered 201"), "{reason}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_put_answered_200_with_a_truncated_body_is_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"message":"Escrow upd"#))
        .mount(&server)
        .await;
    let update = UpdateEscrow {
        title: Some("New".into()),
        ..Default::default()
    };
    let err = client_for(&server)
        .escrows()
        .update(&"e1".into(), &update)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_post_answered_2xx_over_the_size_limit_is_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string("x".repeat(2048)))
        .mount(&server)
        .await;
    let client = Client::builder(sandbox_key())
        .base_url(api_root(&server.uri()))
        .retry(fast_retry())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.escrows().create(&quick_escrow()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_get_answered_200_with_an_unreadable_body_stays_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html></html>"))
        .mount(&server)
        .await;
    let err = client_for(&server).me().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
}

/// A server that reads each request completely and closes the socket without answering.
async fn hang_up_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                // Read until the headers and the announced body have arrived.
                loop {
                    let Ok(n) = socket.read(&mut chunk).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if request_complete(&buf) {
                        break;
                    }
                }
                seen.fetch_add(1, Ordering::SeqCst);
                drop(socket);
            });
        }
    });
    (format!("http://{addr}/api/v1"), count)
}

fn request_complete(buf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(buf);
    let Some(end) = text.find("\r\n\r\n") else {
        return false;
    };
    let length = text[..end]
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    buf.len() >= end + 4 + length
}

#[tokio::test]
async fn a_post_is_not_resent_after_the_connection_drops() {
    let (root, count) = hang_up_server().await;
    let client = Client::builder(sandbox_key())
        .base_url(Url::parse(&root).unwrap())
        .retry(fast_retry())
        .build()
        .unwrap();
    let err = client.escrows().create(&quick_escrow()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        count.load(Ordering::SeqCst),
        1,
        "the POST reached the server exactly once"
    );
}

#[tokio::test]
async fn a_get_is_retried_after_the_connection_drops() {
    let (root, count) = hang_up_server().await;
    let client = Client::builder(sandbox_key())
        .base_url(Url::parse(&root).unwrap())
        .retry(fast_retry())
        .build()
        .unwrap();
    let err = client.me().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        count.load(Ordering::SeqCst),
        1 + fast_retry().max_retries as usize
    );
}

#[tokio::test]
async fn a_post_that_times_out_is_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_string(fixture("escrow_create"))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = Client::builder(sandbox_key())
        .base_url(api_root(&server.uri()))
        .retry(fast_retry())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.escrows().create(&quick_escrow()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_get_that_times_out_is_retried_then_reported() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(fixture("me"))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = Client::builder(sandbox_key())
        .base_url(api_root(&server.uri()))
        .retry(RetryConfig {
            max_retries: 1,
            ..fast_retry()
        })
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = client.me().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// Refuses to connect a given number of times, then answers with a fixture.
#[derive(Debug)]
struct FlakyConnect {
    refusals: AtomicUsize,
    sent: AtomicUsize,
}

impl Transport for FlakyConnect {
    fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            if self.refusals.load(Ordering::SeqCst) > 0 {
                self.refusals.fetch_sub(1, Ordering::SeqCst);
                return Err(TransportError::Connect("connection refused".into()));
            }
            self.sent.fetch_add(1, Ordering::SeqCst);
            Ok(HttpResponse {
                status: reqwest::StatusCode::CREATED,
                headers: Default::default(),
                body: fixture("escrow_create").into(),
            })
        })
    }
}

#[tokio::test]
async fn a_post_is_retried_when_the_connection_was_never_made() {
    let transport = Arc::new(FlakyConnect {
        refusals: AtomicUsize::new(2),
        sent: AtomicUsize::new(0),
    });
    let client = Client::builder(sandbox_key())
        .transport(transport.clone())
        .retry(fast_retry())
        .build()
        .unwrap();
    let created = client.escrows().create(&quick_escrow()).await.unwrap();
    assert_eq!(created.escrow.status, Some(EscrowStatus::Pending));
    assert_eq!(transport.sent.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_refused_connection_on_a_read_ends_as_a_transport_error() {
    // Bind then drop a listener: the port refuses connections.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::builder(sandbox_key())
        .base_url(Url::parse(&format!("http://127.0.0.1:{port}/api/v1")).unwrap())
        .retry(fast_retry())
        .build()
        .unwrap();
    let err = client.me().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
}
