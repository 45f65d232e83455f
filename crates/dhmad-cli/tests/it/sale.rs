//! `dhmad sale`: the checkout link and QR are printed, the buyer pays through the simulator, and
//! the CLI notices and exits 0 saying "paid".

use std::process::Stdio;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};

use crate::sim::Shop;

const BUYER: &str = "amine@example.tn";

#[tokio::test]
async fn a_counter_sale_waits_for_the_payment_and_exits_when_paid() {
    let shop = Shop::start(0).await;
    shop.buyer(BUYER).await;
    let mut child = shop
        .with_env_key()
        .args([
            "sale",
            "--amount",
            "12.500",
            "--title",
            "Phone case",
            "--buyer-email",
            BUYER,
            "--redirect-url",
            "https://merchant.example/return",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();

    // Read up to the "waiting" line: the link, the escrow and the QR code come first.
    let mut seen = Vec::new();
    let waited = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = stdout.next_line().await.unwrap() {
            let done = line.starts_with("waiting for payment");
            seen.push(line);
            if done {
                break;
            }
        }
    })
    .await;
    if waited.is_err() || !seen.iter().any(|l| l.starts_with("waiting")) {
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .await
            .unwrap();
        panic!("no waiting line; stdout: {seen:?}; stderr: {err}");
    }
    let url = seen
        .iter()
        .find_map(|l| l.strip_prefix("checkout: "))
        .expect("checkout line")
        .to_owned();
    assert!(
        url.starts_with(&format!("{}/checkout/", shop.sim.origin())),
        "{url}"
    );
    let escrow_id = seen
        .iter()
        .find_map(|l| l.strip_prefix("escrow: "))
        .expect("escrow line")
        .to_owned();
    assert!(
        seen.iter().any(|l| l == "receipt: 1 (till 1)"),
        "the counter sale's receipt number: {seen:?}"
    );
    let qr_rows = seen
        .iter()
        .filter(|l| l.contains('▀') || l.contains('▄'))
        .count();
    assert!(qr_rows >= 12, "a QR code in half blocks: {seen:#?}");

    // The escrow exists and waits for the buyer.
    let escrow = shop.escrow(&escrow_id).await;
    assert_eq!(escrow["status"], "pending");
    assert_eq!(escrow["amountTnd"].to_string(), "12.5");
    assert_eq!(escrow["mode"], "instant");

    let session = url.rsplit('/').next().unwrap();
    shop.control(
        Method::POST,
        &format!("sessions/{session}/complete"),
        json!({}),
    )
    .await;

    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .expect("dhmad exits after the payment")
        .unwrap();
    let mut rest = Vec::new();
    while let Some(line) = stdout.next_line().await.unwrap() {
        rest.push(line);
    }
    assert!(
        status.success(),
        "exit {status:?}, stdout after waiting: {rest:?}"
    );
    assert_eq!(rest.first().map(String::as_str), Some("paid"), "{rest:?}");
    assert_eq!(shop.escrow(&escrow_id).await["status"], "paid");
}

#[tokio::test]
async fn a_sale_without_a_redirect_url_or_with_a_bad_amount_is_a_usage_error() {
    let shop = Shop::start(0).await;
    let base = ["sale", "--title", "Case", "--buyer-email", BUYER];

    let out = shop
        .run(
            &[
                &base[..],
                &["--amount", "12.5001", "--redirect-url", "http://localhost"],
            ]
            .concat(),
        )
        .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--amount"));

    let out = shop
        .run(&[&base[..], &["--amount", "12.500"]].concat())
        .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--redirect-url"));
    // Refused before any request: the simulator holds no escrow.
    assert_eq!(shop.all_escrows().await, Vec::<Value>::new());
}

#[tokio::test]
async fn a_sale_whose_answer_is_lost_says_not_sure_yet_then_shows_the_escrow_dhmad_made_late() {
    let shop = Shop::start(0).await;
    shop.buyer(BUYER).await;
    // DHMAD drops the create's answer and commits the escrow 3 s later.
    let late = json!({"lateCommitRate": 1.0, "lateCommitMs": 3000,
        "paths": ["/api/v1/escrows"], "methods": ["POST"]});
    shop.control(Method::POST, "faults", late).await;
    let mut child = shop
        .with_env_key()
        .args([
            "sale",
            "--amount",
            "8",
            "--title",
            "Late scarf",
            "--buyer-email",
            BUYER,
            "--redirect-url",
            "https://merchant.example/return",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    let checked = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = stdout.next_line().await.unwrap() {
            let unsure = line.starts_with("Not sure yet");
            let done = line.starts_with("waiting for payment");
            seen.push(line);
            if unsure {
                // The late commit is scheduled: the checkout session must go through.
                shop.control(Method::DELETE, "faults", Value::Null).await;
            }
            if done {
                break;
            }
        }
    })
    .await;
    let _ = child.kill().await;
    assert!(checked.is_ok(), "no checkout link within 60 s: {seen:#?}");
    let unsure = seen
        .iter()
        .position(|l| l.starts_with("Not sure yet — checking with DHMAD…"));
    let link = seen.iter().position(|l| l.starts_with("checkout: "));
    assert!(
        matches!((unsure, link), (Some(u), Some(l)) if u < l),
        "'not sure yet' first, then the link: {seen:#?}"
    );
    let escrows: Vec<Value> = shop
        .all_escrows()
        .await
        .into_iter()
        .filter(|e| {
            e["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Late scarf · #"))
        })
        .collect();
    assert_eq!(escrows.len(), 1, "exactly one escrow: {escrows:#?}");
    let escrow_id = seen
        .iter()
        .find_map(|l| l.strip_prefix("escrow: "))
        .expect("escrow line");
    assert_eq!(escrows[0]["id"], escrow_id);
}
