//! `kill -9`: the CLI killed at random points of a sync and of a counter
//! sale, 20 times each. The SQLite book must pass `PRAGMA integrity_check` every time, the next
//! run must resume and converge, and no sale may end with a lost or a second escrow.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use futures::future::BoxFuture;
use merchant_core::book::SaleState;
use merchant_core::{Book, Patience, ProfileId, Profiles, reconcile_sale};
use reqwest::Method;
use serde_json::{Value, json};

use crate::sim::{Shop, stderr};
use crate::stdout_json;

const KILLS: u64 = 20;
const RETURN: &str = "https://merchant.example/return";

fn no_pause(_: Duration) -> BoxFuture<'static, ()> {
    Box::pin(async {})
}

/// The app's reconcile window without its real pauses: no commit lands late here.
fn instant() -> Patience {
    Patience {
        sleep: no_pause,
        ..Patience::default()
    }
}

fn book_path(shop: &Shop) -> PathBuf {
    let profiles = Profiles::load(shop.data.path()).unwrap();
    profiles.book_path(&ProfileId::new("env").unwrap())
}

fn assert_intact(shop: &Shop) {
    let path = book_path(shop);
    if !path.exists() {
        return; // killed before the book was created
    }
    let problems = Book::open(&path).unwrap().integrity_check().unwrap();
    assert!(problems.is_empty(), "integrity_check: {problems:?}");
}

/// Starts `dhmad ARGS`, kills it with SIGKILL after `after`, waits for it to be gone.
async fn run_and_kill(shop: &Shop, args: &[&str], after: Duration) {
    let mut child = shop.with_env_key().args(args).spawn().unwrap();
    tokio::time::sleep(after).await;
    // Child::start_kill sends SIGKILL on Unix: no handler runs, like `kill -9`.
    let _ = child.start_kill();
    let _ = child.wait().await;
}

/// 20–400 ms, spread over the kills (deterministic, so a failure replays).
fn delay(i: u64) -> Duration {
    Duration::from_millis(20 + (i * 137) % 380)
}

#[tokio::test]
async fn a_sync_killed_twenty_times_leaves_an_intact_book_that_the_next_run_completes() {
    // Twenty runs in a few seconds exceed the 100 requests/minute budget, which each process
    // counts on its own: the simulator's limit is off for this test.
    let shop = Shop::start_with(dhmad_sim::SimConfig {
        history: 1_500,
        rate_limit: None,
        ..dhmad_sim::SimConfig::default()
    })
    .await;
    shop.control(Method::POST, "faults", json!({"latencyMs": 15}))
        .await;
    for i in 0..KILLS {
        run_and_kill(&shop, &["sync"], delay(i)).await;
        assert_intact(&shop);
    }
    shop.control(Method::DELETE, "faults", Value::Null).await;
    let done = shop.run(&["sync", "--json"]).await;
    assert!(done.status.success(), "stderr: {}", stderr(&done));
    let report = shop
        .run(&[
            "report",
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--json",
        ])
        .await;
    let expected = shop.all_escrows().await.len() as u64;
    assert_eq!(stdout_json(&report)["total"]["count"], expected);
    assert_intact(&shop);
}

#[tokio::test]
async fn a_sale_killed_twenty_times_never_loses_or_doubles_an_escrow() {
    let shop = Shop::start(0).await;
    shop.buyer("amine@example.tn").await;
    shop.control(Method::POST, "faults", json!({"latencyMs": 40}))
        .await;
    for i in 0..KILLS {
        let title = format!("Killed sale {i:02}");
        let args = [
            "sale",
            "--amount",
            "3.5",
            "--title",
            &title,
            "--buyer-email",
            "amine@example.tn",
            "--redirect-url",
            RETURN,
        ];
        // 0–190 ms: before, during and after the create and the session requests.
        run_and_kill(&shop, &args, Duration::from_millis((i * 53) % 200)).await;
        assert_intact(&shop);
    }
    shop.control(Method::DELETE, "faults", Value::Null).await;

    // The next start: sales whose create may have been sent are reconciled, never re-sent.
    let book = Book::open(book_path(&shop)).unwrap();
    let client = dhmad_api::Client::builder(shop.sim.demo().api_key)
        .base_url(shop.sim.base_url().parse().unwrap())
        .build()
        .unwrap();
    for sale in book.recent_sales(100).unwrap() {
        if matches!(sale.state, SaleState::Creating | SaleState::CreateUnknown) {
            let _ = reconcile_sale(&book, &client, sale.id, RETURN, Utc::now(), &instant()).await;
        }
    }

    // By the merchant's title: a second escrow for one sale would carry another reference.
    let mut escrows_by_title: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for e in shop.all_escrows().await {
        let tagged = e["title"].as_str().unwrap_or_default().to_owned();
        let title = tagged.split(" · #").next().unwrap_or_default().to_owned();
        escrows_by_title
            .entry(title)
            .or_default()
            .push((e["id"].as_str().unwrap().to_owned(), tagged));
    }
    let sales = book.recent_sales(100).unwrap();
    assert!(
        !sales.is_empty() && !escrows_by_title.is_empty(),
        "the kills left nothing to check"
    );
    for (title, ids) in &escrows_by_title {
        assert_eq!(ids.len(), 1, "{title}: {ids:?}");
    }
    for sale in sales {
        let made = escrows_by_title.get(&sale.title);
        match (&sale.escrow_id, made) {
            (Some(id), Some(ids)) => {
                assert_eq!(&ids[0].0, id, "{sale:?}");
                let tag = format!("#{}", sale.reference.as_deref().unwrap());
                assert!(ids[0].1.ends_with(&tag), "{sale:?} {ids:?}");
            }
            (None, None) => assert!(
                matches!(sale.state, SaleState::NotCreated),
                "a sale with no escrow is not created (charge again): {sale:?}"
            ),
            (bound, made) => panic!("sale {sale:?} bound to {bound:?}, simulator has {made:?}"),
        }
    }
}
