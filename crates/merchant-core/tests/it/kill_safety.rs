//! Crash safety: a child process writes batches; it is killed with SIGKILL mid-write; the book
//! must pass `integrity_check` and hold each batch whole or not at all.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use merchant_core::Book;
use merchant_core::book::{ChangeSource, EscrowStatus};
use rusqlite::{Connection, OpenFlags};

use crate::common::{rec, t};

const BATCH: usize = 2000;
const BOOK_ENV: &str = "DHMAD_KILL_SAFETY_BOOK";

/// Not a test: the writer process of `killed_writer_leaves_whole_batches_or_none`.
#[test]
#[ignore = "helper process, started by kill_safety::killed_writer_leaves_whole_batches_or_none"]
fn child_writer() {
    let Ok(path) = std::env::var(BOOK_ENV) else {
        return;
    };
    let book = Book::open(&path).unwrap();
    let first = usize::try_from(book.freshness().unwrap().escrow_count).unwrap() / BATCH;
    for b in first..first + 10_000 {
        let batch: Vec<_> = (0..BATCH)
            .map(|i| {
                let id = format!("b{b:05}-{i:04}");
                rec(
                    &id,
                    "Batch row",
                    EscrowStatus::Paid,
                    "2026-03-01T10:00:00Z",
                    5_000,
                )
            })
            .collect();
        book.upsert_escrows(&batch, t("2026-03-02T00:00:00Z"), ChangeSource::Sync)
            .unwrap();
    }
}

fn committed_rows(path: &std::path::Path) -> i64 {
    let Ok(c) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    c.query_row("SELECT count(*) FROM escrows", [], |r| r.get(0))
        .unwrap_or(0)
}

fn kill_mid_batch(path: &std::path::Path, at_least: i64, extra_delay: Duration) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "kill_safety::child_writer",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(BOOK_ENV, path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while committed_rows(path) < at_least {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the writer made no progress"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the writer exited early"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // Land inside the next batch's transaction, then SIGKILL.
    std::thread::sleep(extra_delay);
    child.kill().unwrap();
    child.wait().unwrap();
}

fn assert_whole_batches(path: &std::path::Path) -> i64 {
    let book = Book::open(path).unwrap();
    assert_eq!(book.integrity_check().unwrap(), Vec::<String>::new());
    let c = Connection::open(path).unwrap();
    let partial: Vec<(String, i64)> = c
        .prepare("SELECT substr(id, 1, 6), count(*) FROM escrows GROUP BY 1 HAVING count(*) != ?1")
        .unwrap()
        .query_map([BATCH as i64], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(partial, vec![], "a batch is either whole or absent");
    let (escrows, history): (i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM escrows), (SELECT count(*) FROM status_history)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        escrows, history,
        "each escrow's first observation is recorded with it"
    );
    escrows
}

#[test]
fn killed_writer_leaves_whole_batches_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    kill_mid_batch(&path, 2 * BATCH as i64, Duration::from_millis(23));
    let after_first = assert_whole_batches(&path);
    assert!(after_first >= 2 * BATCH as i64);
    // Again on the reopened book, killed at another point of a batch.
    kill_mid_batch(&path, after_first + BATCH as i64, Duration::from_millis(61));
    let after_second = assert_whole_batches(&path);
    assert!(after_second > after_first);
}
