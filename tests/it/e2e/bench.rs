//! The counter's Charge → QR latency in the real window, against the demo's simulator with 0, 100
//! and 300 ms of latency injected on every API call (`/__sim/faults`). A benchmark, not a test: it
//! prints figures and asserts only that every sale showed its QR. `scripts/bench` runs it on the
//! release binary (`DHMAD_APP_BINARY`); `DHMAD_BENCH_SALES` sets the sales per latency (default 5:
//! each sale costs about five requests with its watcher and cancel, and the demo's simulator keeps
//! DHMAD's 100 requests a minute, which the client paces itself to — a longer run measures that
//! wait, not the counter).
//!
//! Each latency gets a fresh app: the latency is injected as soon as the demo's simulator listens,
//! and the first sale is charged right away, while the start's first sync still runs (the path
//! that once waited more than a second); it is reported on its own line, apart from the others.
//! The app draws with its own renderer, as its users see it (see `Renderer::AsShipped`).
//!
//! `DHMAD_BENCH_TIMELINE=1` prints where the first sale's time went: when the bench clicked, the
//! page's `charge:*` marks, and the app's log (with
//! `RUST_LOG=merchant_app=debug,merchant_core=debug,dhmad_api=debug`: each request's budget wait
//! and network time, each new connection's set-up), all in unix ms or UTC.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::support::driver::{in_window_as_shipped, read_logs};
use crate::support::page::{click, fill, wait_for, wait_text};

const LATENCIES_MS: [u64; 3] = [0, 100, 300];

async fn set_latency(origin: &str, latency_ms: u64) {
    let http = reqwest::Client::new();
    let url = format!("{origin}/__sim/faults");
    let response = if latency_ms == 0 {
        http.delete(&url).send().await.unwrap()
    } else {
        let body = json!({ "latencyMs": latency_ms, "paths": ["/api/v1"] });
        http.post(&url).json(&body).send().await.unwrap()
    };
    assert!(response.status().is_success(), "{}", response.status());
}

/// One sale: amount on the keypad, Charge, the QR; returns the screen's own Charge → QR figure.
/// The sale is then cancelled so no watcher is left polling.
async fn one_sale(client: &Client) -> u64 {
    for key in ["7", "5", "0"] {
        click(client, &format!("[data-testid=keypad-key-{key}]")).await;
    }
    click(client, "[data-testid=counter-charge]").await;
    wait_for(client, "[data-testid=counter-qr]").await;
    wait_for(client, ".sale__link").await;
    let figure = loop {
        let screen = client
            .find(Locator::Css("[data-testid=counter-screen]"))
            .await
            .unwrap();
        if let Some(ms) = screen.attr("data-charge-to-qr-ms").await.unwrap() {
            break ms.parse::<u64>().unwrap();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    click(client, "[data-testid=counter-cancel]").await;
    wait_text(
        client,
        "[data-testid=counter-status]",
        Duration::from_secs(20),
        |t| !t.is_empty() && t != "Waiting for payment",
    )
    .await;
    click(client, "[data-testid=counter-new]").await;
    wait_for(client, "[data-testid=counter-charge]").await;
    figure
}

fn median(values: &mut [u64]) -> u64 {
    values.sort_unstable();
    values[values.len() / 2]
}

/// The demo simulator's origin, from the app's log line "demo simulator started addr=…".
async fn demo_origin(data_home: &std::path::Path) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let logs = read_logs_if_any(data_home);
        let addr = logs
            .lines()
            .filter(|l| l.contains("demo simulator started"))
            .find_map(|l| l.split("addr=").nth(1))
            .and_then(|rest| rest.split_whitespace().next());
        if let Some(addr) = addr {
            return format!("http://{}", addr.trim_matches('"'));
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the demo simulator's address never reached the log"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The app's logs, or nothing while their folder does not exist yet.
fn read_logs_if_any(data_home: &std::path::Path) -> String {
    if data_home.join("tn.dhmad.merchant/logs").is_dir() {
        read_logs(data_home)
    } else {
        String::new()
    }
}

/// One fresh app on the demo with `latency_ms` on every API call from its first sync on: the
/// first sale's figure, then the figures of `sales` more.
fn sales_after_a_start(latency_ms: u64, sales: usize) -> (u64, Vec<u64>) {
    let home = tempfile::tempdir().unwrap();
    let data_home = home.path().join("data");
    let mut out = (0, Vec::with_capacity(sales));
    let figures = &mut out;
    in_window_as_shipped(home.path(), |client| async move {
        click(
            &client,
            "[data-testid=door-demo] button, button[data-testid=door-demo]",
        )
        .await;
        note("door clicked");
        set_latency(&demo_origin(&data_home).await, latency_ms).await;
        note("latency set");
        click(&client, "[data-testid=nav-counter]").await;
        fill(&client, "[data-testid=counter-title]", "Coffee").await;
        fill(
            &client,
            "[data-testid=counter-email]",
            "bench-buyer@example.tn",
        )
        .await;
        figures.0 = one_sale(&client).await;
        if timeline_asked() {
            print_timeline(&client, &data_home).await;
        }
        for _ in 0..sales {
            figures.1.push(one_sale(&client).await);
        }
        client.close().await.unwrap();
    });
    out
}

fn timeline_asked() -> bool {
    std::env::var_os("DHMAD_BENCH_TIMELINE").is_some()
}

/// When the bench did `what` (unix ms), with `DHMAD_BENCH_TIMELINE` set.
fn note(what: &str) {
    if timeline_asked() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        println!("timeline: bench {what} {}", now.as_millis());
    }
}

/// The page's marks of the first sale (unix ms) and the app's log up to now.
async fn print_timeline(client: &Client, data_home: &std::path::Path) {
    let script = "return performance.getEntriesByType('mark')\
        .map(m => m.name + ' ' + (performance.timeOrigin + m.startTime).toFixed(1)).join('\\n');";
    let marks = client.execute(script, vec![]).await.unwrap();
    for line in marks.as_str().unwrap_or_default().lines() {
        println!("timeline: page {line}");
    }
    for line in read_logs(data_home).lines() {
        println!("timeline: log {line}");
    }
}

#[test]
#[ignore = "a benchmark: scripts/bench runs it in the real window (DHMAD_E2E=1)"]
fn counter_charge_to_qr_latency() {
    let sales: usize = std::env::var("DHMAD_BENCH_SALES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    for latency in LATENCIES_MS {
        let (first, mut figures) = sales_after_a_start(latency, sales);
        let target = 2 * latency + 50;
        println!(
            "bench: counter first sale after start charge->qr latency={latency}ms \
             time={first}ms target<={target}ms"
        );
        let (min, max) = (figures.iter().min().copied(), figures.iter().max().copied());
        let p50 = median(&mut figures);
        println!(
            "bench: counter charge->qr latency={latency}ms sales={sales} median={p50}ms \
             min={}ms max={}ms target<={target}ms",
            min.unwrap_or_default(),
            max.unwrap_or_default()
        );
    }
}
