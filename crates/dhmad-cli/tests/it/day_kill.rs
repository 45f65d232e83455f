//! Receipt numbers across `kill -9`: `dhmad record` processes killed at every point of their
//! run leave the numbers exactly 1..N, each with its sale.

use std::path::Path;
use std::time::Duration;

use merchant_core::Book;

use crate::day::{Counter, closed_port};

/// Starts `dhmad record` and kills it with SIGKILL after `after` (or lets it finish).
async fn record_maybe_killed(shop: &Counter, i: u64, after: Option<Duration>) {
    let amount = format!("{}.500", i + 1);
    let mut child = shop
        .command(&[
            "record",
            "--method",
            "cash",
            "--amount",
            &amount,
            "--title",
            "kill test",
        ])
        .spawn()
        .unwrap();
    if let Some(after) = after {
        tokio::time::sleep(after).await;
        // start_kill sends SIGKILL on Unix: no handler runs, like `kill -9`.
        let _ = child.start_kill();
    }
    let _ = child.wait().await;
}

fn numbers_and_entries(path: &Path) -> (Vec<i64>, Vec<i64>) {
    let book = Book::open(path).unwrap();
    let numbers = book.receipt_numbers("1").unwrap();
    let mut entries: Vec<i64> = book
        .day_entries("1")
        .unwrap()
        .iter()
        .map(|e| e.receipt_no.unwrap())
        .collect();
    entries.sort_unstable();
    assert!(book.integrity_check().unwrap().is_empty());
    (numbers, entries)
}

#[tokio::test]
async fn receipt_numbers_stay_gap_free_when_record_processes_are_killed() {
    let shop = Counter::new(&closed_port());
    shop.ok(&[
        "record", "--method", "card", "--amount", "1", "--title", "first",
    ])
    .await;
    let mut runs = Vec::new();
    for i in 0..48_u64 {
        // Every third run finishes; the others die 1–48 ms in, spread over a whole run (a debug
        // `dhmad record` takes 20–40 ms, four at a time).
        let after = (i % 3 != 0).then(|| Duration::from_millis(1 + (i * 7) % 48));
        runs.push(record_maybe_killed(&shop, i, after));
        if runs.len() == 4 {
            futures::future::join_all(runs.drain(..)).await;
        }
    }
    futures::future::join_all(runs).await;
    shop.ok(&[
        "record", "--method", "card", "--amount", "1", "--title", "last",
    ])
    .await;
    let (numbers, entries) = numbers_and_entries(&shop.book_path());
    let n = numbers.len() as i64;
    assert_eq!(
        numbers,
        (1..=n).collect::<Vec<_>>(),
        "receipt numbers have a gap"
    );
    assert_eq!(
        entries, numbers,
        "every number has its sale and every sale its number"
    );
    assert!(n >= 2 + 16, "the runs left to finish are all there: {n}");
    assert!(
        n < 50,
        "some runs were killed before their sale was stored: {n}"
    );
}
