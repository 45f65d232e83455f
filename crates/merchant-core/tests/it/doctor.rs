//! The connection check against the simulator: all ✓, an unassociated developer, a server clock
//! ten minutes off, and a key that never shows in the report.

use merchant_core::{
    ApiKeySecret, CheckId, CheckStatus, DoctorReport, Environment, Profile, ProfileId, doctor,
};
use serde_json::json;

use crate::sim::Sim;

fn sandbox_profile(sim: &Sim) -> Profile {
    let mut p = Profile::new(
        ProfileId::new("shop").unwrap(),
        "Shop",
        Environment::Sandbox,
    );
    p.base_url = Some(sim.sim.base_url());
    p.settings.redirect_url = Some("https://merchant.example/return".into());
    p
}

fn status(report: &DoctorReport, id: CheckId) -> CheckStatus {
    report.check(id).unwrap().status
}

fn assert_no_key(report: &DoctorReport, key: &str) {
    let text = serde_json::to_string(report).unwrap();
    assert!(!text.contains(key), "the key is in the report: {text}");
    // Not even its secret part without the prefix.
    let secret = key.rsplit('_').next().unwrap();
    assert!(!text.contains(secret), "the key's secret is in the report");
}

#[tokio::test]
async fn a_healthy_profile_passes_every_check() {
    let sim = Sim::start_with(0, Some(100)).await;
    let key = sim.sim.demo().api_key;
    let report = doctor(&sandbox_profile(&sim), &ApiKeySecret::new(&key), Some(0)).await;
    for check in &report.checks {
        assert_eq!(check.status, CheckStatus::Ok, "{check:?}");
    }
    assert!(report.passed());
    let ids: Vec<CheckId> = report.checks.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            CheckId::Key,
            CheckId::Account,
            CheckId::Association,
            CheckId::Balance,
            CheckId::Escrows,
            CheckId::RateLimit,
            CheckId::Clock,
            CheckId::RedirectUrl,
            CheckId::UnreadableRecords,
        ]
    );
    let account = &report.check(CheckId::Account).unwrap().summary;
    assert!(account.contains("dev@demo.dhmad.test"), "{account}");
    assert!(account.contains("Demo Merchant"), "{account}");
    let rate = &report.check(CheckId::RateLimit).unwrap().summary;
    assert!(rate.contains("of 100 requests left"), "{rate}");
    assert!(report.clock_skew_seconds.unwrap().abs() <= 2);
    // Exactly the three documented reads, once each.
    let paths: Vec<String> = sim
        .requests()
        .await
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["/api/v1/me", "/api/v1/balance", "/api/v1/escrows"]);
    assert_no_key(&report, &key);
}

#[tokio::test]
async fn an_unassociated_developer_gets_a_cross_and_the_steps() {
    let sim = Sim::start(0).await;
    let dev = sim
        .post(
            "/developers",
            json!({"email": "solo@example.tn", "companyName": "Solo"}),
        )
        .await;
    let key = dev["apiKey"].as_str().unwrap().to_owned();
    let report = doctor(&sandbox_profile(&sim), &ApiKeySecret::new(&key), None).await;
    assert!(!report.passed());
    assert_eq!(status(&report, CheckId::Account), CheckStatus::Ok);
    let association = report.check(CheckId::Association).unwrap();
    assert_eq!(association.status, CheckStatus::Fail);
    assert_eq!(association.steps.len(), 3);
    assert!(association.steps[0].contains("https://developer.dhmad.tn/dashboard"));
    assert!(association.steps[1].contains("Associate User Account"));
    assert!(association.steps[2].contains("24 hours"));
    assert_eq!(status(&report, CheckId::Balance), CheckStatus::Skipped);
    assert_eq!(status(&report, CheckId::Escrows), CheckStatus::Skipped);
    assert_no_key(&report, &key);
}

#[tokio::test]
async fn a_server_clock_ten_minutes_ahead_is_reported_with_advice() {
    let sim = Sim::start_with(0, Some(100)).await;
    sim.post("/clock/advance", json!({"seconds": 600})).await;
    let key = sim.sim.demo().api_key;
    let report = doctor(&sandbox_profile(&sim), &ApiKeySecret::new(&key), Some(0)).await;
    let skew = report.clock_skew_seconds.unwrap();
    assert!((598..=601).contains(&skew), "skew {skew}");
    let clock = report.check(CheckId::Clock).unwrap();
    assert_eq!(clock.status, CheckStatus::Fail);
    assert!(
        clock.summary.contains("ahead of this computer"),
        "{}",
        clock.summary
    );
    assert!(
        clock
            .advice
            .as_deref()
            .unwrap()
            .contains("update automatically")
    );
    assert!(!report.passed());
    // The rest still works: only the clock is wrong.
    assert_eq!(status(&report, CheckId::Balance), CheckStatus::Ok);
}

#[tokio::test]
async fn a_malformed_key_is_refused_before_any_request() {
    let sim = Sim::start(0).await;
    let key = format!("sk_sandbox_{}zz", "ab".repeat(31));
    let report = doctor(&sandbox_profile(&sim), &ApiKeySecret::new(&key), None).await;
    let line = report.check(CheckId::Key).unwrap();
    assert_eq!(line.status, CheckStatus::Fail);
    assert!(
        line.advice
            .as_deref()
            .unwrap()
            .contains("developer.dhmad.tn")
    );
    assert_eq!(status(&report, CheckId::Account), CheckStatus::Skipped);
    assert_eq!(status(&report, CheckId::Clock), CheckStatus::Skipped);
    assert!(sim.requests().await.is_empty());
    assert_no_key(&report, &key);
}

#[tokio::test]
async fn a_server_echoing_the_key_does_not_put_it_in_the_report() {
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let key = format!("sk_sandbox_{}", "5e".repeat(32));
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "Unauthorized",
            "message": format!("Invalid API key {key}"),
        })))
        .mount(&server)
        .await;
    let mut profile = Profile::new(ProfileId::new("s").unwrap(), "S", Environment::Sandbox);
    profile.base_url = Some(format!("{}/api/v1", server.uri()));
    let report = doctor(&profile, &ApiKeySecret::new(&key), None).await;
    let account = report.check(CheckId::Account).unwrap();
    assert_eq!(account.status, CheckStatus::Fail);
    assert!(
        account.summary.contains("<redacted>"),
        "{}",
        account.summary
    );
    assert!(
        account
            .advice
            .as_deref()
            .unwrap()
            .contains("does not accept this key")
    );
    assert_no_key(&report, &key);
}
