//! Ctrl-C (SIGINT): sync stops at a safe point and the next run converges; a waiting sale stops
//! with the sale saved in the book.

use std::process::Stdio;
use std::time::Duration;

use merchant_core::{Book, ProfileId, Profiles};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;

use crate::sim::{Shop, stderr, stdout};
use crate::stdout_json;

/// Sends SIGINT, as a terminal's Ctrl-C does.
async fn ctrl_c(child: &Child) {
    let pid = child.id().expect("still running").to_string();
    let status = tokio::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .await
        .unwrap();
    assert!(status.success());
}

/// Reads `lines` until one starts with `prefix`.
async fn wait_for<R: tokio::io::AsyncBufRead + Unpin>(
    lines: &mut tokio::io::Lines<R>,
    prefix: &str,
) -> Vec<String> {
    let mut seen = Vec::new();
    let found = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            let done = line.starts_with(prefix);
            seen.push(line);
            if done {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(
        found,
        Ok(true),
        "no line starting with {prefix:?}: {seen:#?}"
    );
    seen
}

#[tokio::test]
async fn ctrl_c_stops_a_sync_cleanly_and_the_next_run_completes_the_book() {
    let shop = Shop::start(450).await;
    // Slow answers so the sync is still running when Ctrl-C arrives.
    shop.control(Method::POST, "faults", json!({"latencyMs": 300}))
        .await;
    let mut child = shop
        .with_env_key()
        .args(["sync"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut progress = BufReader::new(child.stderr.take().unwrap()).lines();
    wait_for(&mut progress, "sync: new escrows, page 1/").await;

    ctrl_c(&child).await;

    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("sync stops")
        .unwrap();
    let mut rest = Vec::new();
    while let Some(line) = progress.next_line().await.unwrap() {
        rest.push(line);
    }
    assert_eq!(status.code(), Some(130), "stderr: {rest:#?}");
    let error: Value = serde_json::from_str(rest.last().unwrap()).unwrap();
    assert!(
        error["message"].as_str().unwrap().contains("cancelled"),
        "{error}"
    );

    shop.control(Method::DELETE, "faults", Value::Null).await;
    let again = shop.run(&["sync", "--json"]).await;
    assert!(again.status.success(), "stderr: {}", stderr(&again));
    let out = shop
        .run(&[
            "report",
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--json",
        ])
        .await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let expected = shop.all_escrows().await.len();
    assert_eq!(stdout_json(&out)["total"]["count"], expected as u64);
}

#[tokio::test]
async fn ctrl_c_while_waiting_for_payment_leaves_the_sale_saved() {
    let shop = Shop::start(0).await;
    shop.buyer("amine@example.tn").await;
    let mut child = shop
        .with_env_key()
        .args([
            "sale",
            "--amount",
            "7",
            "--title",
            "Cable",
            "--buyer-email",
            "amine@example.tn",
            "--mode",
            "quick",
            "--redirect-url",
            "https://merchant.example/return",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let seen = wait_for(&mut lines, "waiting for payment").await;
    let sale_id = seen
        .iter()
        .find_map(|l| l.strip_prefix("sale: "))
        .unwrap()
        .to_owned();

    ctrl_c(&child).await;

    let out = tokio::time::timeout(Duration::from_secs(10), child.wait_with_output())
        .await
        .expect("sale stops waiting")
        .unwrap();
    assert_eq!(out.status.code(), Some(130), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains(&sale_id), "{}", stderr(&out));
    assert!(!stdout(&out).contains("paid"));

    let profiles = Profiles::load(shop.data.path()).unwrap();
    let book = Book::open(profiles.book_path(&ProfileId::new("env").unwrap())).unwrap();
    let unfinished = book.unfinished_sales().unwrap();
    assert_eq!(unfinished.len(), 1);
    assert_eq!(unfinished[0].id.to_string(), sale_id);
    assert!(unfinished[0].escrow_id.is_some());
}
