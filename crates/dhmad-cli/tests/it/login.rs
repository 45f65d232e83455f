//! `dhmad login --key-stdin`: a key that does not work is refused with exit 1 and nothing saved;
//! with no keychain nothing reaches the disk. The keychain store itself is tested only against
//! a real Secret Service (`DHMAD_TEST_KEYRING=1`, as scripts/test runs merchant-core's).

use std::process::{Output, Stdio};

use reqwest::Method;
use serde_json::json;
use tokio::io::AsyncWriteExt;

use crate::sim::{Shop, stderr, stdout};
use crate::stderr_json;

/// Runs `dhmad login --key-stdin ARGS` with `key` on stdin.
async fn login(shop: &Shop, key: &str, args: &[&str], bus: Option<&str>) -> Output {
    let mut cmd = shop.bare();
    cmd.args(["login", "--key-stdin", "--base-url", &shop.sim.base_url()])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(bus) = bus {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{key}\n").as_bytes())
        .await
        .unwrap();
    drop(stdin);
    child.wait_with_output().await.unwrap()
}

fn nothing_saved(shop: &Shop) {
    assert!(
        !shop.data.path().join("profiles.json").exists(),
        "no profile may be written"
    );
}

#[tokio::test]
async fn an_unknown_key_is_refused_with_exit_1_and_nothing_saved() {
    let shop = Shop::start(0).await;
    let key = format!("sk_sandbox_{}", "ab".repeat(32));

    let out = login(&shop, &key, &[], None).await;

    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr_json(&out);
    assert_eq!(err["status"], 401);
    assert!(!stderr(&out).contains(&key), "the key is never echoed");
    nothing_saved(&shop);
}

#[tokio::test]
async fn a_live_key_to_an_address_not_confirmed_as_a_proxy_exits_2_and_saves_nothing() {
    let shop = Shop::start(0).await;
    let key = format!("sk_live_{}", "cd".repeat(32));

    let out = login(&shop, &key, &["--profile", "shop"], None).await;

    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    let err = stderr_json(&out);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("only sent to https://dhmad.tn"),
        "{err}"
    );
    assert!(!stderr(&out).contains(&key), "the key is never echoed");
    nothing_saved(&shop);
}

#[tokio::test]
async fn a_live_key_against_the_sandbox_is_refused_with_exit_1() {
    let shop = Shop::start(0).await;
    let key = format!("sk_live_{}", "cd".repeat(32));

    let out = login(&shop, &key, &["--profile", "shop", "--confirm-proxy"], None).await;

    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr_json(&out);
    assert_eq!(err["status"], 401);
    assert!(
        err["message"].as_str().unwrap().contains("sandbox API key"),
        "{err}"
    );
    nothing_saved(&shop);
}

#[tokio::test]
async fn a_malformed_key_is_a_usage_error() {
    let shop = Shop::start(0).await;
    let out = login(&shop, "pk_test_123", &[], None).await;
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("sk_live_ or sk_sandbox_"));
    nothing_saved(&shop);
}

#[tokio::test]
async fn a_key_of_a_developer_not_associated_gets_the_steps_and_exit_1() {
    let shop = Shop::start(0).await;
    let created = shop
        .control(
            Method::POST,
            "developers",
            json!({"email": "solo@example.tn", "companyName": "Solo SARL"}),
        )
        .await;
    let key = created["apiKey"].as_str().unwrap();

    let out = login(&shop, key, &["--profile", "solo"], None).await;

    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("Associate User Account"), "{text}");
    assert!(text.contains("24 hours"), "{text}");
    let err = stderr_json(&out);
    assert_eq!(err["code"], "NOT_ASSOCIATED");
    assert_eq!(err["steps"].as_array().unwrap().len(), 3);
    assert_eq!(err["developerEmail"], "solo@example.tn");
    nothing_saved(&shop);
}

#[tokio::test]
async fn without_a_keychain_login_fails_with_exit_2_and_writes_nothing() {
    let shop = Shop::start(0).await;
    let key = shop.sim.demo().api_key;
    // A session bus that does not exist: the Secret Service cannot be reached.
    let out = login(
        &shop,
        &key,
        &[],
        Some("unix:path=/nonexistent/dhmad-test-bus"),
    )
    .await;

    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("keychain"), "{}", stderr(&out));
    assert!(stderr(&out).contains("DHMAD_API_KEY"), "{}", stderr(&out));
    nothing_saved(&shop);
    let left: Vec<_> = std::fs::read_dir(shop.data.path()).unwrap().collect();
    assert!(left.is_empty(), "data folder left empty: {left:?}");
}

/// Stores the key in a real Secret Service, then syncs with no key in the environment.
#[tokio::test]
async fn keyring_login_stores_the_key_and_sync_uses_it() {
    if std::env::var_os("DHMAD_TEST_KEYRING").is_none() {
        eprintln!("skipped: set DHMAD_TEST_KEYRING=1 inside a Secret Service session");
        return;
    }
    let shop = Shop::start(5).await;
    let key = shop.sim.demo().api_key;
    let profile = format!("clitest-{}", std::process::id());

    let out = login(
        &shop,
        &key,
        &["--profile", &profile, "--name", "Counter"],
        None,
    )
    .await;

    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("developer: dev@demo.dhmad.test"), "{text}");
    assert!(text.contains("environment: sandbox"), "{text}");
    assert!(text.contains("rate limit: 100 requests/minute"), "{text}");
    let profiles = std::fs::read_to_string(shop.data.path().join("profiles.json")).unwrap();
    assert!(!profiles.contains(&key), "the key is never written to disk");
    assert!(profiles.contains(&profile));

    // Without --profile, a sandbox key replaces the active sandbox profile's key (no new one).
    let again = login(&shop, &key, &[], None).await;
    assert!(again.status.success(), "stderr: {}", stderr(&again));
    assert!(
        stdout(&again).starts_with(&format!("logged in: profile {profile} (Counter)")),
        "{}",
        stdout(&again)
    );
    let profiles = std::fs::read_to_string(shop.data.path().join("profiles.json")).unwrap();
    assert_eq!(profiles.matches("\"environment\"").count(), 1, "{profiles}");

    // The active profile's key comes from the keychain: no DHMAD_API_KEY here.
    let out = shop.bare().args(["sync"]).output().await.unwrap();
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(stdout(&out).contains("new escrows: 5"), "{}", stdout(&out));
}
