//! Failures: one JSON object on stderr, exit 1 for API errors, 2 for usage, 3 for outcome unknown.

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{dhmad, stderr_json};

fn base(server: &MockServer) -> String {
    format!("{}/api/v1", server.uri())
}

#[tokio::test]
async fn not_associated_exits_1_with_the_server_message() {
    let server = MockServer::start().await;
    let message = "Developer account must be associated with a user account. Please associate your account in the developer dashboard.";
    Mock::given(method("GET"))
        .and(path("/api/v1/balance"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"error": "Forbidden", "message": message})),
        )
        .mount(&server)
        .await;

    let out = dhmad(&base(&server), &["balance"]).await;

    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr_json(&out),
        json!({"status": 403, "code": null, "message": message, "userMessage": null})
    );
}

#[tokio::test]
async fn business_rule_exits_1_with_code_and_user_message() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/escrows/507f1f77bcf86cd799439011/sessions"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "code": "PAYMENT_ALREADY_DONE", "type": "business_rule_violation",
            "message": "Cannot create checkout session: payment has already been made for this escrow.",
            "user_message": "Payment has already been completed for this transaction."
        }})))
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
            "https://merchant.example/return",
        ],
    )
    .await;

    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr_json(&out),
        json!({
            "status": 400, "code": "PAYMENT_ALREADY_DONE",
            "message": "Cannot create checkout session: payment has already been made for this escrow.",
            "userMessage": "Payment has already been completed for this transaction."
        })
    );
}

#[tokio::test]
async fn not_found_exits_1() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/escrows/507f1f77bcf86cd799439099"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"error": "Escrow not found"})),
        )
        .mount(&server)
        .await;

    let out = dhmad(
        &base(&server),
        &["escrows", "get", "507f1f77bcf86cd799439099"],
    )
    .await;

    assert_eq!(out.status.code(), Some(1));
    let err = stderr_json(&out);
    assert_eq!(err["status"], 404);
    assert_eq!(err["message"], "Escrow not found");
}

#[tokio::test]
async fn usage_errors_exit_2_and_send_nothing() {
    let server = MockServer::start().await;
    let base = base(&server);

    // Unknown subcommand (clap).
    assert_eq!(
        dhmad(&base, &["escrows", "explode"]).await.status.code(),
        Some(2)
    );

    // An amount that is not a number.
    let out = dhmad(
        &base,
        &[
            "escrows",
            "create",
            "--title",
            "T",
            "--amount",
            "12,5x",
            "--buyer-email",
            "b@example.com",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_json(&out)["message"]
            .as_str()
            .unwrap()
            .contains("--amount")
    );

    // A request the API's rules refuse: below the 5 TND minimum of quick mode.
    let out = dhmad(
        &base,
        &[
            "escrows",
            "create",
            "--title",
            "T",
            "--amount",
            "4.999",
            "--buyer-email",
            "b@example.com",
            "--mode",
            "quick",
            "--delivery-days",
            "2",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_json(&out);
    assert_eq!(err["status"], json!(null));
    assert!(err["details"]["amount"].is_string(), "{err}");

    // An unknown checkout action.
    let out = dhmad(
        &base,
        &[
            "sessions",
            "create",
            "507f1f77bcf86cd799439011",
            "--action",
            "pay_twice",
            "--target",
            "b@example.com",
            "--redirect-url",
            "https://merchant.example/return",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_json(&out)["message"]
            .as_str()
            .unwrap()
            .contains("accept_pay")
    );

    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing may be sent"
    );
}

#[tokio::test]
async fn a_live_key_and_a_foreign_base_url_exit_2_before_any_request() {
    let server = MockServer::start().await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_dhmad"))
        .env("DHMAD_API_KEY", format!("sk_live_{}", "ab".repeat(32)))
        .args(["--base-url", &base(&server), "me"])
        .output()
        .await
        .unwrap();

    assert_eq!(out.status.code(), Some(2));
    let message = stderr_json(&out)["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("only sent to https://dhmad.tn"),
        "{message}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_key_of_the_wrong_shape_exits_2_before_any_request() {
    let server = MockServer::start().await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_dhmad"))
        .env("DHMAD_API_KEY", "pk_test_123")
        .args(["--base-url", &base(&server), "me"])
        .output()
        .await
        .unwrap();

    assert_eq!(out.status.code(), Some(2));
    let message = stderr_json(&out)["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("sk_live_") || message.contains("sk_sandbox_"),
        "{message}"
    );
    assert!(
        !message.contains("pk_test_123"),
        "the key is never echoed: {message}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn missing_key_exits_2() {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_dhmad"))
        .env_remove("DHMAD_API_KEY")
        .args(["--base-url", "http://127.0.0.1:9/api/v1", "me"])
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_json(&out)["message"]
            .as_str()
            .unwrap()
            .contains("DHMAD_API_KEY")
    );
}

/// A server that reads the whole request and hangs up without answering: the escrow may exist.
#[tokio::test]
async fn dropped_create_exits_3_and_is_not_resent() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = tokio::spawn(async move {
        let mut count = 0;
        while let Ok(Ok((mut socket, _))) =
            tokio::time::timeout(std::time::Duration::from_secs(3), listener.accept()).await
        {
            count += 1;
            let mut buf = vec![0u8; 64 * 1024];
            let _ = socket.read(&mut buf).await;
            let _ = socket.shutdown().await;
        }
        count
    });

    let out = dhmad(
        &format!("http://{addr}/api/v1"),
        &[
            "escrows",
            "create",
            "--title",
            "Counter sale",
            "--amount",
            "12.345",
            "--buyer-email",
            "b@example.com",
            "--mode",
            "instant",
        ],
    )
    .await;

    assert_eq!(
        out.status.code(),
        Some(3),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = stderr_json(&out);
    assert!(
        err["check"]
            .as_str()
            .unwrap()
            .contains("dhmad escrows list"),
        "{err}"
    );
    assert_eq!(
        accepted.await.unwrap(),
        1,
        "a write whose answer was lost is never re-sent"
    );
}

#[tokio::test]
async fn server_error_on_a_write_is_outcome_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/escrows/507f1f77bcf86cd799439011/deliver"))
        .respond_with(ResponseTemplate::new(502))
        .expect(1)
        .mount(&server)
        .await;

    let out = dhmad(
        &base(&server),
        &["escrows", "deliver", "507f1f77bcf86cd799439011"],
    )
    .await;

    assert_eq!(out.status.code(), Some(3));
}
