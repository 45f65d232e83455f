//! `dhmad doctor` against the real simulator: every line ✓ and exit 0; an unassociated developer
//! (✗ with the steps, exit 1); a server clock ten minutes off; and the key in no output.

use reqwest::Method;
use serde_json::{Value, json};

use crate::sim::{Shop, stderr, stdout};
use crate::stdout_json;

const REDIRECT: &str = "https://merchant.example/return";

fn status_of<'a>(report: &'a Value, id: &str) -> &'a str {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no {id} line in {report}"))["status"]
        .as_str()
        .unwrap()
}

/// The key, and its 64-character secret alone, are in none of the outputs.
fn assert_key_absent(output: &std::process::Output, key: &str) {
    let secret = key.rsplit('_').next().unwrap();
    for (name, text) in [("stdout", stdout(output)), ("stderr", stderr(output))] {
        assert!(!text.contains(secret), "the key is in {name}:\n{text}");
    }
}

#[tokio::test]
async fn a_healthy_shop_gets_every_line_checked_and_exit_0() {
    let shop = Shop::start(5).await;
    let out = shop.run(&["doctor", "--redirect-url", REDIRECT]).await;
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "stdout:\n{text}\nstderr: {}",
        stderr(&out)
    );
    for label in [
        "✓ key",
        "✓ account (GET /me)",
        "✓ association",
        "✓ balance",
        "✓ escrows",
        "✓ rate limit",
        "✓ clock",
        "✓ redirect URL",
    ] {
        assert!(text.contains(label), "no `{label}` line in:\n{text}");
    }
    assert!(text.contains("dev@demo.dhmad.test"), "{text}");
    assert!(!text.contains('✗'), "{text}");
    assert_key_absent(&out, &shop.sim.demo().api_key);

    let json_out = shop
        .run(&["doctor", "--json", "--redirect-url", REDIRECT])
        .await;
    assert!(json_out.status.success(), "stderr: {}", stderr(&json_out));
    let report = stdout_json(&json_out);
    for id in [
        "key",
        "account",
        "association",
        "balance",
        "escrows",
        "rateLimit",
        "clock",
    ] {
        assert_eq!(status_of(&report, id), "ok", "{id} in {report}");
    }
    assert!(report["clockSkewSeconds"].as_i64().unwrap().abs() <= 2);
    assert_key_absent(&json_out, &shop.sim.demo().api_key);
}

#[tokio::test]
async fn an_unassociated_developer_gets_a_cross_the_steps_and_exit_1() {
    let shop = Shop::start(0).await;
    let dev = shop
        .control(
            Method::POST,
            "developers",
            json!({"email": "solo@example.tn", "companyName": "Solo"}),
        )
        .await;
    let key = dev["apiKey"].as_str().unwrap().to_owned();
    let out = shop
        .bare()
        .env("DHMAD_API_KEY", &key)
        .env("DHMAD_BASE_URL", shop.sim.base_url())
        .args(["doctor", "--redirect-url", REDIRECT])
        .output()
        .await
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "stdout:\n{text}");
    assert!(text.contains("✗ association"), "{text}");
    assert!(
        text.contains("1. Open your developer dashboard at https://developer.dhmad.tn/dashboard."),
        "{text}"
    );
    assert!(
        text.contains("2. Click \"Associate User Account\""),
        "{text}"
    );
    assert!(text.contains("24 hours"), "{text}");
    assert!(text.contains("– balance"), "{text}");
    let error: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("a check failed")
    );
    assert_key_absent(&out, &key);
}

#[tokio::test]
async fn a_server_clock_ten_minutes_ahead_is_reported_as_skew_with_advice() {
    let shop = Shop::start(0).await;
    shop.control(Method::POST, "clock/advance", json!({"seconds": 600}))
        .await;
    let out = shop
        .run(&["doctor", "--json", "--redirect-url", REDIRECT])
        .await;
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let report = stdout_json(&out);
    let skew = report["clockSkewSeconds"].as_i64().unwrap();
    assert!((598..=601).contains(&skew), "skew {skew}");
    assert_eq!(status_of(&report, "clock"), "fail");
    let clock = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "clock")
        .unwrap();
    assert!(
        clock["summary"]
            .as_str()
            .unwrap()
            .contains("ahead of this computer")
    );
    assert!(
        clock["advice"]
            .as_str()
            .unwrap()
            .contains("update automatically")
    );
    assert_key_absent(&out, &shop.sim.demo().api_key);
}

#[tokio::test]
async fn a_malformed_key_is_a_cross_on_the_key_line_not_a_crash() {
    let shop = Shop::start(0).await;
    let key = format!("sk_sandbox_{}ZZ", "ab".repeat(31));
    let out = shop
        .bare()
        .env("DHMAD_API_KEY", &key)
        .env("DHMAD_BASE_URL", shop.sim.base_url())
        .args(["doctor"])
        .output()
        .await
        .unwrap();
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout:\n{text}\nstderr: {}",
        stderr(&out)
    );
    assert!(text.contains("✗ key"), "{text}");
    assert!(text.contains("– account (GET /me)"), "{text}");
    assert_key_absent(&out, &key);
}
