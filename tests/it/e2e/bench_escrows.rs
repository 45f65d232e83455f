//! The Escrows screen over a 100,000-escrow book in the real window: how long a filter change
//! takes to show its rows, and how smoothly the table scrolls. A benchmark, not a test: it prints
//! figures (`scripts/bench` reads them) and asserts only that the screen showed rows.
//!
//! The book is the app's own: a simulator in this process holds 100,000 escrows for the sandbox
//! key the onboarding form connects, and the app syncs them all before the screen is opened. Needs
//! a Secret Service like the secrets test (the key goes to the keychain). The app draws with its
//! own renderer, as its users see it (see `Renderer::AsShipped`).
//!
//! Measured in the page, so WebDriver's round trips are not counted:
//! - a filter change: from the click on a status box to the first animation frame after the
//!   screen's `data-rows-for` names the new filters (the rows for them are committed);
//! - a scroll: the table's scroller moved a little every animation frame for a few seconds, as a
//!   fast flick does; the frames' timestamps give the frame rate and the frames longer than 25 ms
//!   (a missed 60 Hz frame), and each frame notes whether rows were still loading.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use dhmad_sim::{SimConfig, Simulator};
use fantoccini::Client;
use merchant_core::{Book, Profiles};
use serde_json::{Value, json};

use crate::support::driver::{Driver, ENGLISH, Renderer, session};
use crate::support::page::{click, submit_sandbox_key, wait_for};

const ESCROWS: usize = 100_000;
/// Filter changes timed: each of the first three status boxes on, then off again.
const STATUS_BOXES: usize = 3;
/// The scripted scroll: pixels per millisecond (a row is 44 px: about 230 rows a second) and how
/// long.
const SCROLL_PX_PER_MS: f64 = 10.0;
const SCROLL_MS: u64 = 4_000;

/// Clicks status box `index` and resolves with the milliseconds until the first frame after the
/// rows for the new filters were committed, and the rows then in the page.
const FILTER_CHANGE_JS: &str = r#"
const [index, done] = arguments;
const section = document.querySelector(".screen--escrows");
const box = section.querySelectorAll(".filters__group")[0].querySelectorAll("input[type=checkbox]")[index];
const before = section.getAttribute("data-rows-for");
const started = performance.now();
const observer = new MutationObserver(() => {
  const now = section.getAttribute("data-rows-for");
  if (now === null || now === before) return;
  observer.disconnect();
  requestAnimationFrame(() => done({
    ms: performance.now() - started,
    rows: section.querySelectorAll("[data-testid=escrow-row]").length,
  }));
});
observer.observe(section, { attributes: true, attributeFilter: ["data-rows-for"] });
box.click();
"#;

/// Scrolls the table at `pxPerMs` for `ms`, one step per animation frame; resolves with every
/// frame's timestamp and whether placeholder ("Loading") rows were in the page at that frame.
const SCROLL_JS: &str = r#"
const [pxPerMs, ms, done] = arguments;
const scroller = document.querySelector(".escrow-table__scroller");
scroller.scrollTop = 0;
const frames = [];
const loading = [];
let first = null;
const step = (ts) => {
  if (first === null) first = ts;
  frames.push(ts);
  loading.push(document.querySelectorAll(".escrow-table__row--loading").length > 0);
  if (ts - first >= ms) {
    done({ frames, loading, rowsAt: scroller.scrollTop / 44 });
    return;
  }
  scroller.scrollTop = (ts - first) * pxPerMs;
  requestAnimationFrame(step);
};
requestAnimationFrame(step);
"#;

/// The connected profile's book, once the app has made it.
fn book(home: &Path) -> Option<Book> {
    let profiles = Profiles::load(home.join("data/tn.dhmad.merchant")).ok()?;
    let path = profiles.book_path(&profiles.active()?.id);
    path.exists().then(|| Book::open(&path).unwrap())
}

/// Waits until the app's first sync has stored all `expected` escrows.
async fn wait_for_synced_book(home: &Path, expected: u64) {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let fresh = book(home).and_then(|b| b.freshness().ok());
        if let Some(f) = &fresh
            && f.last_sync_at.is_some()
            && f.escrow_count == expected
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the app did not sync {expected} escrows: {fresh:?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

async fn filter_changes(client: &Client) -> Vec<f64> {
    let mut times = Vec::new();
    for index in 0..STATUS_BOXES {
        for _on_then_off in 0..2 {
            let answer: Value = client
                .execute_async(FILTER_CHANGE_JS, vec![json!(index)])
                .await
                .unwrap();
            let rows = answer["rows"].as_u64().unwrap_or_default();
            let ms = answer["ms"].as_f64().unwrap();
            println!("bench: escrows filter change box={index} ms={ms:.1} rows={rows}");
            times.push(ms);
        }
    }
    times
}

/// Frame rate, long frames, the 95th percentile frame interval and frames with loading rows.
fn scroll_figures(answer: &Value) -> (f64, usize, f64, usize, usize) {
    let frames: Vec<f64> = answer["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_f64().unwrap())
        .collect();
    let loading = answer["loading"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l.as_bool() == Some(true))
        .count();
    let mut gaps: Vec<f64> = frames.windows(2).map(|w| w[1] - w[0]).collect();
    let span = frames.last().unwrap() - frames.first().unwrap();
    let fps = gaps.len() as f64 * 1000.0 / span;
    let long = gaps.iter().filter(|g| **g > 25.0).count();
    gaps.sort_by(f64::total_cmp);
    let p95 = gaps[(gaps.len() * 95 / 100).min(gaps.len() - 1)];
    (fps, long, p95, frames.len(), loading)
}

#[test]
#[ignore = "a benchmark: scripts/bench runs it in the real window (DHMAD_E2E=1, a Secret Service)"]
fn escrows_screen_over_100k_escrows() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // A limit this high is announced and never reached: the app does not pace its 1,400 requests.
    let sim = runtime
        .block_on(Simulator::start(SimConfig {
            history: ESCROWS,
            rate_limit: Some(1_000_000),
            ..SimConfig::default()
        }))
        .unwrap();
    let key = sim.demo().api_key;
    let driver = Driver::start_with(home, Stdio::null(), ENGLISH, Renderer::AsShipped);
    runtime.block_on(async {
        let client = session(&driver).await;
        submit_sandbox_key(&client, &key, &sim.base_url()).await;
        let synced = Instant::now();
        wait_for_synced_book(home, ESCROWS as u64).await;
        println!(
            "bench: escrows 100k book synced by the app within {:.1}s of opening",
            synced.elapsed().as_secs_f64()
        );
        click(&client, "[data-testid=nav-escrows]").await;
        wait_for(&client, "[data-testid=escrow-row]").await;
        let mut times = filter_changes(&client).await;
        let (min, max) = (
            times.iter().copied().fold(f64::MAX, f64::min),
            times.iter().copied().fold(0.0, f64::max),
        );
        let p50 = median(&mut times);
        println!(
            "bench: escrows filter change over {ESCROWS} escrows changes={} median={p50:.0}ms \
             min={min:.0}ms max={max:.0}ms target<100ms",
            times.len()
        );
        let answer: Value = client
            .execute_async(SCROLL_JS, vec![json!(SCROLL_PX_PER_MS), json!(SCROLL_MS)])
            .await
            .unwrap();
        let (fps, long, p95, frames, loading) = scroll_figures(&answer);
        println!(
            "bench: escrows scroll over {ESCROWS} escrows fps={fps:.1} frames={frames} \
             long_frames={long} p95_frame={p95:.1}ms loading_frames={loading} rows_scrolled={:.0} \
             target>=57fps",
            answer["rowsAt"].as_f64().unwrap_or_default()
        );
        client.close().await.unwrap();
    });
}
