//! Sync of 10,000 escrows against dhmad-sim started in-process (`history: 10_000`, rate limit
//! off in the sim AND in the client's own budget), through real HTTP on loopback.
//!
//! `cargo bench -p merchant-core --bench sync`
//!
//! Prints, for the first sync (fresh book each run) and for an incremental sync after 10 new
//! escrows and 50 status changes of active escrows (a copy of the synced book each run): the
//! requests made, the minimum the sync design allows (⌈new/100⌉ + Σ⌈active/100⌉, every list
//! costing at least its first page, plus one GET per known escrow that left the active lists),
//! and the median / min / max wall time. Not run by `cargo test` / nextest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use chrono::Utc;
use dhmad_api::{
    Client, CreateEscrow, EscrowMode, EscrowStatus as S, ListEscrows, Money, RateLimitConfig,
};
use dhmad_sim::{SimConfig, Simulator};
use merchant_core::{Book, SyncReport, sync};

const HISTORY: usize = 10_000;
const RUNS: usize = 5;
const NEW: usize = 10;
const CHANGED: usize = 50;

fn client(sim: &Simulator) -> Client {
    Client::builder(&sim.demo().api_key)
        .base_url(sim.base_url().parse().unwrap())
        .rate_limit(RateLimitConfig {
            requests_per_window: 1_000_000,
            ..RateLimitConfig::default()
        })
        .build()
        .unwrap()
}

async fn total(api: &Client, status: Option<S>) -> u64 {
    let q = ListEscrows {
        status,
        limit: Some(1),
        ..ListEscrows::default()
    };
    api.escrows()
        .list(&q)
        .await
        .unwrap()
        .pagination
        .total
        .unwrap()
}

/// Requests of the three active lists: each at least one page.
async fn active_pages(api: &Client) -> (u64, Vec<u64>) {
    let mut pages = 0;
    let mut counts = Vec::new();
    for s in [S::Pending, S::Paid, S::Delivered] {
        let n = total(api, Some(s)).await;
        counts.push(n);
        pages += n.div_ceil(100).max(1);
    }
    (pages, counts)
}

fn median(mut d: Vec<Duration>) -> (Duration, Duration, Duration) {
    d.sort();
    (d[d.len() / 2], d[0], d[d.len() - 1])
}

async fn timed_sync(book: &Book, api: &Client) -> (SyncReport, Duration) {
    let stop = AtomicBool::new(false);
    let t = Instant::now();
    let report = sync(book, api, |_| {}, &stop, Utc::now()).await.unwrap();
    (report, t.elapsed())
}

fn copy_book(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let src = from.with_file_name(format!(
            "{}{suffix}",
            from.file_name().unwrap().to_string_lossy()
        ));
        if src.exists() {
            let dst = to.with_file_name(format!(
                "{}{suffix}",
                to.file_name().unwrap().to_string_lossy()
            ));
            std::fs::copy(&src, dst).unwrap();
        }
    }
}

/// 10 new pending escrows and 50 paid quick/standard escrows (no purchase proof) delivered:
/// they stay in the active lists, so the incremental sync needs no single GETs.
async fn change_the_sim(api: &Client) -> usize {
    for i in 0..NEW {
        let mut c = CreateEscrow::new(
            format!("Bench sale {i}"),
            Money::from_millimes(12_000),
            "bench.buyer@clients.demo.tn",
        );
        c.mode = Some(EscrowMode::Instant);
        api.escrows().create(&c).await.unwrap();
    }
    let mut delivered = 0;
    let mut page = 1;
    while delivered < CHANGED {
        let q = ListEscrows {
            status: Some(S::Paid),
            page: Some(page),
            limit: Some(100),
            ..ListEscrows::default()
        };
        let p = api.escrows().list(&q).await.unwrap();
        for e in &p.escrows {
            let plain = matches!(e.mode, Some(EscrowMode::Quick | EscrowMode::Standard))
                && e.fulfillment_policy.is_none();
            if plain && delivered < CHANGED && api.escrows().deliver(&e.id).await.is_ok() {
                delivered += 1;
            }
        }
        if page >= p.pagination.pages.unwrap() {
            break;
        }
        page += 1;
    }
    delivered
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let t = Instant::now();
    let sim = Simulator::start(SimConfig {
        history: HISTORY,
        rate_limit: None,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    println!("sim seeded with {HISTORY} escrows in {:?}", t.elapsed());
    let api = client(&sim);
    let dir = tempfile::tempdir().unwrap();

    let all = total(&api, None).await;
    let (active, counts) = active_pages(&api).await;
    let first_min = all.div_ceil(100) + active;
    let mut times = Vec::new();
    let mut requests = Vec::new();
    let base = dir.path().join("base.sqlite3");
    for run in 0..RUNS {
        let path = dir.path().join(format!("first-{run}.sqlite3"));
        let book = Book::open(&path).unwrap();
        let (report, took) = timed_sync(&book, &api).await;
        times.push(took);
        requests.push(report.requests);
        if run == 0 {
            drop(book);
            copy_book(&path, &base);
        }
    }
    let (med, min, max) = median(times);
    println!(
        "first sync: {all} escrows (pending/paid/delivered {counts:?}); requests {requests:?}, \
         minimum {first_min}; median {med:?} (min {min:?}, max {max:?}, {RUNS} runs)"
    );

    let delivered = change_the_sim(&api).await;
    let (active, counts) = active_pages(&api).await;
    let inc_min = (NEW as u64).div_ceil(100) + active;
    let mut times = Vec::new();
    let mut requests = Vec::new();
    let mut changes = Vec::new();
    for run in 0..RUNS {
        let path = dir.path().join(format!("inc-{run}.sqlite3"));
        copy_book(&base, &path);
        let book = Book::open(&path).unwrap();
        let (report, took) = timed_sync(&book, &api).await;
        times.push(took);
        requests.push(report.requests);
        changes.push((report.new, report.status_changes));
    }
    let (med, min, max) = median(times);
    println!(
        "incremental sync: {NEW} new + {delivered} delivered (pending/paid/delivered {counts:?}); \
         (new, status changes) {changes:?}; requests {requests:?}, minimum {inc_min}; \
         median {med:?} (min {min:?}, max {max:?}, {RUNS} runs)"
    );
}
