//! Benchmarks of the local book over 100,000 synthetic escrows (deterministic).
//!
//! `cargo bench -p merchant-core --bench book`
//!
//! Besides criterion's mean/median, it prints p50/p95 from its own loop of 200 runs per query,
//! the batch-upsert time, and the export's peak-RSS growth (VmHWM, reset through
//! /proc/self/clear_refs before the export).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use merchant_core::book::{EscrowFilter, EscrowQuery, EscrowStatus, SortDir, SortKey};
use merchant_core::day::BooksRequest;
use merchant_core::export::ExportRequest;
use merchant_core::report::ReportRequest;
use merchant_core::tz::TUNIS;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::{ROWS, build_book, year_start};
#[path = "support/day_data.rs"]
mod day_data;
use day_data::{RECORDED_SALES, UNREADABLE, add_day_data};

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |p: usize| samples[(samples.len() * p / 100).min(samples.len() - 1)];
    (at(50), at(95))
}

fn own_loop(name: &str, runs: usize, mut f: impl FnMut()) {
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    let (p50, p95) = percentiles(samples);
    println!("{name}: p50 {p50:?}  p95 {p95:?}  ({runs} runs)");
}

fn queries() -> Vec<(&'static str, EscrowQuery)> {
    let q3 = |from: &str, to: &str| {
        (
            Some(
                DateTime::parse_from_rfc3339(from)
                    .unwrap()
                    .with_timezone(&Utc),
            ),
            Some(
                DateTime::parse_from_rfc3339(to)
                    .unwrap()
                    .with_timezone(&Utc),
            ),
        )
    };
    let (from, to) = q3("2025-03-01T00:00:00Z", "2025-09-01T00:00:00Z");
    vec![
        (
            "query status+dates+text, created desc, page 1",
            EscrowQuery {
                filter: EscrowFilter {
                    statuses: vec![EscrowStatus::Completed, EscrowStatus::Paid],
                    created_from: from,
                    created_to: to,
                    text: Some("phone".into()),
                    ..EscrowFilter::default()
                },
                ..EscrowQuery::default()
            },
        ),
        (
            "query status+dates+email text, amount asc, page 3",
            EscrowQuery {
                filter: EscrowFilter {
                    statuses: vec![EscrowStatus::Completed],
                    created_from: from,
                    created_to: to,
                    text: Some("buyer12".into()),
                    ..EscrowFilter::default()
                },
                sort: SortKey::Amount,
                dir: SortDir::Asc,
                offset: 200,
                limit: 100,
            },
        ),
        (
            "query common text 'example' (matches all), title asc",
            EscrowQuery {
                filter: EscrowFilter {
                    text: Some("example".into()),
                    ..EscrowFilter::default()
                },
                sort: SortKey::Title,
                dir: SortDir::Asc,
                ..EscrowQuery::default()
            },
        ),
        (
            "query unfiltered, created desc, page 1",
            EscrowQuery::default(),
        ),
        (
            "query status only, page 500",
            EscrowQuery {
                filter: EscrowFilter {
                    statuses: vec![EscrowStatus::Completed],
                    ..EscrowFilter::default()
                },
                offset: 50_000,
                ..EscrowQuery::default()
            },
        ),
    ]
}

fn vm_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let book = build_book(dir.path());
    println!("built a {ROWS}-escrow book in {:?}", t.elapsed());
    let t = Instant::now();
    add_day_data(&book, year_start());
    println!(
        "added {RECORDED_SALES} recorded sales and {UNREADABLE} unreadable records in {:?}",
        t.elapsed()
    );

    for (name, q) in queries() {
        let page = book.query_escrows(&q).unwrap();
        println!("{name}: {} rows of {}", page.rows.len(), page.total);
        own_loop(name, 200, || {
            book.query_escrows(&q).unwrap();
        });
        c.bench_function(name, |b| b.iter(|| book.query_escrows(&q).unwrap()));
    }

    let year = ReportRequest {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        role: None,
    };
    let r = book.report(&year, TUNIS).unwrap();
    println!(
        "report 2025: {} escrows, {} days",
        r.total.count,
        r.by_day.len()
    );
    own_loop("report over a year", 50, || {
        book.report(&year, TUNIS).unwrap();
    });
    c.bench_function("report over a year (100k escrows)", |b| {
        b.iter(|| book.report(&year, TUNIS).unwrap())
    });
    own_loop("needs_action (40k unfinished)", 20, || {
        book.needs_action().unwrap();
    });
    method_totals(&book);
    own_loop("unreadable records, all 1,000", 200, || {
        book.unreadable_records().unwrap();
    });
    own_loop("unreadable count", 200, || {
        book.unreadable_count().unwrap();
    });

    let out = dir.path().join("export.csv");
    let req = ExportRequest::default();
    // Reset the peak-RSS mark (Linux), so the delta is the export's own.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (rss_before, hwm_before) = (vm_kib("VmRSS:"), vm_kib("VmHWM:"));
    let t = Instant::now();
    let rows = book
        .export_csv(&req, &out, TUNIS, &mut |_| ControlFlow::Continue(()))
        .unwrap();
    let took = t.elapsed();
    let hwm_after = vm_kib("VmHWM:");
    println!(
        "export_csv: {} rows, {} bytes in {took:?}; VmRSS before {rss_before} KiB, VmHWM before \
         {hwm_before} KiB, after {hwm_after} KiB (peak growth {} KiB)",
        rows.rows,
        std::fs::metadata(&out).unwrap().len(),
        hwm_after.saturating_sub(hwm_before)
    );
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("export_csv 100k rows", |b| {
        b.iter(|| {
            book.export_csv(&req, &out, TUNIS, &mut |_| ControlFlow::Continue(()))
                .unwrap()
        })
    });
    group.finish();
}

/// Totals by payment method, DHMAD's escrows beside the recorded sales: the dashboard's "till
/// today", and the books over a month and over the year.
fn method_totals(book: &merchant_core::Book) {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let periods = [
        ("a day", day(2025, 6, 14), day(2025, 6, 15)),
        ("a month", day(2025, 6, 1), day(2025, 7, 1)),
        ("the year", day(2025, 1, 1), day(2026, 1, 1)),
    ];
    for (name, from, to) in periods {
        let req = BooksRequest {
            from,
            to,
            methods: Vec::new(),
        };
        let lines = book.totals_by_method(&req, TUNIS).unwrap();
        let sales: u64 = lines.iter().map(|l| l.sales_count).sum();
        println!(
            "totals by method over {name}: {} methods, {sales} sales",
            lines.len()
        );
        own_loop(&format!("totals by method over {name}"), 200, || {
            book.totals_by_method(&req, TUNIS).unwrap();
        });
    }
}

criterion_group! {
    name = book;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(book);
