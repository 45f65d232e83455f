//! sync, report and export with DHMAD_API_KEY (no keychain) against the real simulator: what the
//! CLI prints must match what the simulator holds and how many requests it really received.

use chrono::{Days, Utc};
use merchant_core::tz::{TUNIS, local_day};
use reqwest::Method;
use serde_json::Value;

use crate::sim::{Shop, millimes, stderr, stdout};
use crate::stdout_json;

const HISTORY: usize = 130;

/// The number after `label` on its own line of `text`.
fn figure(text: &str, label: &str) -> u64 {
    text.lines()
        .find_map(|line| line.strip_prefix(label))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{text}"))
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("`{label}` is not a number ({e}) in:\n{text}"))
}

/// A period that holds the whole seeded history (90 days back) in Tunis days.
fn period() -> (String, String) {
    let today = local_day(TUNIS, Utc::now());
    let from = today.checked_sub_days(Days::new(100)).unwrap();
    let to = today.checked_add_days(Days::new(1)).unwrap();
    (from.to_string(), to.to_string())
}

#[tokio::test]
async fn sync_prints_the_requests_it_made_and_the_book_matches_the_simulator() {
    let shop = Shop::start(HISTORY).await;
    shop.control(Method::DELETE, "requests", Value::Null).await;

    let first = shop.run(&["sync"]).await;
    assert!(first.status.success(), "stderr: {}", stderr(&first));
    let text = stdout(&first);
    let made = shop.api_requests().await;
    assert_eq!(figure(&text, "requests:"), made as u64, "{text}");
    let escrows = shop.all_escrows().await;
    assert_eq!(
        figure(&text, "new escrows:"),
        escrows.len() as u64,
        "{text}"
    );
    assert!(
        stderr(&first).contains("sync: new escrows, page 1/"),
        "progress on stderr"
    );

    // Nothing changed: the second sync reads only the first page of new escrows and the
    // active lists, and says so in JSON.
    shop.control(Method::DELETE, "requests", Value::Null).await;
    let second = shop.run(&["sync", "--json"]).await;
    assert!(second.status.success(), "stderr: {}", stderr(&second));
    let report = stdout_json(&second);
    assert_eq!(report["requests"], shop.api_requests().await as u64);
    assert_eq!(report["new"], 0);
    assert_eq!(report["statusChanges"], 0);
    assert!(report["requests"].as_u64().unwrap() < made as u64);
    // The balance is read and kept in the book as the app's sync keeps it.
    let balance = shop.balance().await;
    for figure in ["available", "pending", "escrow"] {
        assert_eq!(
            report["balance"][figure], balance[figure],
            "{figure}: {report}"
        );
    }

    // The book's totals are the simulator's, computed here from its own list.
    let (from, to) = period();
    let out = shop
        .run(&["report", "--from", &from, "--to", &to, "--json"])
        .await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let report = stdout_json(&out);
    let live: Vec<&Value> = escrows
        .iter()
        .filter(|e| e["status"] != "cancelled")
        .collect();
    let sum = |field: &str| live.iter().map(|e| millimes(&e[field])).sum::<i64>();
    let total = &report["total"];
    assert_eq!(total["count"], escrows.len() as u64);
    assert_eq!(total["cancelledCount"], (escrows.len() - live.len()) as u64);
    assert_eq!(total["gross"], sum("amountTnd"));
    assert_eq!(total["escrowFee"], sum("escrowFee"));
    assert_eq!(total["developerFee"], sum("developerFee"));
    assert_eq!(
        total["net"],
        sum("amountTnd") - sum("escrowFee") - sum("developerFee")
    );
    assert_eq!(report["to"], to.as_str());
    assert!(report.get("byDay").is_some() && report.get("byMonth").is_none());

    // The table shows the same total in TND with 3 decimals.
    let out = shop
        .run(&["report", "--from", &from, "--to", &to, "--by", "month"])
        .await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let table = stdout(&out);
    let gross = sum("amountTnd");
    let gross_tnd = format!("{}.{:03}", gross / 1000, gross % 1000);
    let total_line = table
        .lines()
        .find(|l| l.starts_with("Total"))
        .unwrap_or_else(|| panic!("no Total line:\n{table}"));
    let cells: Vec<&str> = total_line.split_whitespace().collect();
    assert_eq!(cells[1], escrows.len().to_string(), "{table}");
    assert_eq!(cells[4], gross_tnd, "{table}");
}

#[tokio::test]
async fn export_writes_the_header_and_one_row_per_escrow_of_the_period() {
    let shop = Shop::start(40).await;
    let sync = shop.run(&["sync"]).await;
    assert!(sync.status.success(), "stderr: {}", stderr(&sync));
    let expected = shop.all_escrows().await.len();
    let (from, to) = period();
    let file = shop.data.path().join("escrows.csv");
    let file_arg = file.to_str().unwrap();

    let out = shop
        .run(&[
            "export",
            "--from",
            &from,
            "--to",
            &to,
            "--out",
            file_arg,
            "--delimiter",
            ";",
        ])
        .await;

    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!("{expected} rows written to {file_arg}")
    );
    let csv = std::fs::read_to_string(&file).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}id;created;status;mode;title;buyer;seller;amount;currency;amountTnd;\
         escrowFee;developerFee;net;paidAt;deliveredAt;completedAt;cancelledAt"
    );
    assert_eq!(lines.count(), expected);

    // A period before the history: a header and no rows.
    let out = shop
        .run(&[
            "export",
            "--from",
            "2020-01-01",
            "--to",
            "2020-01-31",
            "--out",
            file_arg,
        ])
        .await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(stdout(&out).starts_with("0 rows written"));
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1);
}

#[tokio::test]
async fn report_refuses_an_inverted_period_and_a_missing_book() {
    let shop = Shop::start(0).await;
    let out = shop
        .run(&["report", "--from", "2026-02-01", "--to", "2026-01-01"])
        .await;
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("before --from"));

    let out = shop
        .run(&["report", "--from", "2026-01-01", "--to", "2026-01-31"])
        .await;
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("dhmad sync"), "{}", stderr(&out));
}

#[tokio::test]
async fn a_sandbox_key_in_the_environment_is_refused_for_a_live_profile() {
    let shop = Shop::start(3).await;
    let profiles = merchant_core::Profiles::load(shop.data.path()).unwrap();
    let id = merchant_core::ProfileId::new("boutique").unwrap();
    profiles
        .add(merchant_core::Profile::new(
            id.clone(),
            "Boutique",
            merchant_core::Environment::Live,
        ))
        .unwrap();

    let out = shop.run(&["sync", "--profile", "boutique"]).await;

    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(
        stderr(&out).contains("profile boutique is a live profile"),
        "{}",
        stderr(&out)
    );
    assert!(
        !profiles.book_path(&id).exists(),
        "no sandbox escrow reaches the live book"
    );
    assert_eq!(shop.api_requests().await, 0, "nothing was sent");
}
