use merchant_core::{ConnectError, connect};
use serde_json::json;

use crate::sim::Sim;

#[tokio::test]
async fn associated_demo_key_connects() {
    let sim = Sim::start(0).await;
    let c = connect(&sim.client()).await.unwrap();
    assert!(c.associated);
    assert_eq!(c.developer_email.as_deref(), Some("dev@demo.dhmad.test"));
    assert_eq!(c.company.as_deref(), Some("Demo Merchant"));
    assert_eq!(c.environment, dhmad_api::Environment::Sandbox);
    assert_eq!(c.rate_limit, Some(100));
}

#[tokio::test]
async fn not_associated_developer_gets_the_steps() {
    let sim = Sim::start(0).await;
    let dev = sim
        .post(
            "/developers",
            json!({"email": "solo@example.tn", "companyName": "Solo"}),
        )
        .await;
    let client = sim.client_for(dev["apiKey"].as_str().unwrap());
    match connect(&client).await {
        Err(ConnectError::NotAssociated { steps, connection }) => {
            assert_eq!(steps.len(), 3);
            assert!(steps[0].contains("https://developer.dhmad.tn/dashboard"));
            assert!(steps[1].contains("Associate User Account"));
            assert!(steps[2].contains("24 hours"));
            assert_eq!(
                connection.developer_email.as_deref(),
                Some("solo@example.tn")
            );
            assert!(!connection.associated);
        }
        other => panic!("expected NotAssociated, got {other:?}"),
    }
}

#[tokio::test]
async fn live_key_against_the_sandbox_is_refused() {
    let sim = Sim::start(0).await;
    let key = format!("sk_live_{}", "ab".repeat(32));
    let err = connect(&sim.client_for(&key)).await.unwrap_err();
    match err {
        ConnectError::Api(e) => assert_eq!(e.kind(), dhmad_api::ErrorKind::InvalidKey),
        other => panic!("expected an invalid key, got {other:?}"),
    }
}

#[tokio::test]
async fn key_prefix_and_server_environment_must_agree() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "apiKey": {"id": "k1", "environment": "live", "rateLimit": 100},
            "developer": {"id": "d1", "email": "dev@example.tn", "companyName": "Shop"}
        })))
        .mount(&server)
        .await;
    let key = format!("sk_sandbox_{}", "cd".repeat(32));
    let client = dhmad_api::Client::builder(key)
        .base_url(format!("{}/api/v1", server.uri()).parse().unwrap())
        .build()
        .unwrap();
    match connect(&client).await {
        Err(ConnectError::WrongEnvironment { key, server: s }) => {
            assert_eq!(key, dhmad_api::Environment::Sandbox);
            assert_eq!(s, "live");
        }
        other => panic!("expected WrongEnvironment, got {other:?}"),
    }
    // Refused before the association probe: only /me was asked.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// Connecting a profile, as the app's "Connect" and `dhmad login` both do: the facts and the
/// name recorded; a key of another environment refused before any request; a key of another
/// developer account refused for a profile already connected.
#[tokio::test]
async fn a_profile_connects_once_per_account_and_environment() {
    use merchant_core::{Environment, Profile, ProfileId, connect_profile};
    let sim = Sim::start(0).await;
    let now = chrono::Utc::now();
    let mut shop = Profile::new(ProfileId::generate(), "", Environment::Sandbox);
    let facts = connect_profile(&mut shop, &sim.client(), None, now)
        .await
        .unwrap();
    assert!(facts.associated);
    assert_eq!(
        shop.display_name, "Demo Merchant",
        "a blank name: the company's"
    );
    assert_eq!(
        shop.connect.developer_email.as_deref(),
        Some("dev@demo.dhmad.test")
    );
    assert_eq!(shop.connect.checked_at_ms, Some(now.timestamp_millis()));
    connect_profile(&mut shop, &sim.client(), Some("  Épicerie  "), now)
        .await
        .unwrap();
    assert_eq!(shop.display_name, "Épicerie", "a name given wins");

    sim.reset_requests().await;
    let mut live = Profile::new(ProfileId::generate(), "Boutique", Environment::Live);
    let wrong = connect_profile(&mut live, &sim.client(), None, now)
        .await
        .unwrap_err();
    assert_eq!(wrong.to_string(), "This is a sandbox key, not a live key.");
    assert!(
        sim.requests().await.is_empty(),
        "refused before sending the key anywhere"
    );

    let other = sim
        .post(
            "/developers",
            json!({"email": "dev@shop2.tn", "companyName": "Shop 2",
                   "associatedUserEmail": "owner@shop2.tn"}),
        )
        .await;
    let client = sim.client_for(other["apiKey"].as_str().unwrap());
    match connect_profile(&mut shop, &client, None, now).await {
        Err(ConnectError::OtherAccount { before, now }) => {
            assert_eq!(
                (before.as_str(), now.as_str()),
                ("dev@demo.dhmad.test", "dev@shop2.tn")
            );
        }
        other => panic!("expected another account to be refused, got {other:?}"),
    }
    assert_eq!(
        shop.connect.developer_email.as_deref(),
        Some("dev@demo.dhmad.test"),
        "unchanged"
    );
}
