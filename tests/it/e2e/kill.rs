//! `kill -9` of the desktop app in the real window against a simulator:
//! killed 20 times during its sync and 20 times during a counter sale. After every kill the book
//! passes `PRAGMA integrity_check`; the next start resumes the sync to the simulator's count, and
//! reconciles the sales on its own: no sale lost, none with a second escrow.
//!
//! Needs a Secret Service like the secrets test (the sandbox key lives in the keychain across the
//! restarts): `scripts/test-e2e`.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dhmad_sim::{SimConfig, Simulator};
use merchant_core::book::SaleState;
use merchant_core::{Book, Profiles};
use serde_json::Value;

use crate::support::driver::{Driver, session};
use crate::support::page::submit_sandbox_key;
use crate::support::page::{click, fill, wait_for};

const KILLS: u64 = 20;

/// The connected profile's book, once the app has made it.
fn book(home: &Path) -> Option<Book> {
    let profiles = Profiles::load(home.join("data/tn.dhmad.merchant")).ok()?;
    let path = profiles.book_path(&profiles.active()?.id);
    path.exists().then(|| Book::open(&path).unwrap())
}

fn assert_intact(home: &Path, after: &str) {
    let book = book(home).unwrap_or_else(|| panic!("{after}: no book to check"));
    let problems = book.integrity_check().unwrap();
    assert!(
        problems.is_empty(),
        "{after}: integrity_check: {problems:?}"
    );
}

/// SIGKILLs every running app process (the suite runs one window at a time) and waits until
/// they are gone.
fn kill_app() {
    let pids: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            std::fs::read_to_string(e.path().join("comm"))
                .is_ok_and(|c| c.trim() == "dhmad-merchant")
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for pid in &pids {
        let _ = Command::new("kill").args(["-KILL", pid]).status();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids
        .iter()
        .any(|p| Path::new("/proc").join(p).join("comm").exists())
    {
        assert!(Instant::now() < deadline, "the app survived SIGKILL");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every escrow the key sees, asked the way the app does.
async fn all_escrows(sim: &Simulator, key: &str) -> Vec<Value> {
    let http = reqwest::Client::new();
    let mut all = Vec::new();
    for page in 1.. {
        let body: Value = http
            .get(format!("{}/escrows?limit=100&page={page}", sim.base_url()))
            .bearer_auth(key)
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap();
        all.extend(body["escrows"].as_array().unwrap().iter().cloned());
        if page >= body["pagination"]["pages"].as_u64().unwrap() {
            return all;
        }
    }
    unreachable!()
}

async fn set_latency(sim: &Simulator, ms: u64) {
    reqwest::Client::new()
        .post(format!("{}/__sim/faults", sim.origin()))
        .json(&serde_json::json!({ "latencyMs": ms }))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
}

/// Starts the app on the connected profile, lets `during` run in its window, waits `after` and
/// kills it.
fn start_then_kill<F, Fut>(
    runtime: &tokio::runtime::Runtime,
    home: &Path,
    after: Duration,
    during: F,
) where
    F: FnOnce(fantoccini::Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let driver = Driver::start_with_stderr(home, Stdio::null());
    runtime.block_on(async {
        let client = session(&driver).await;
        during(client).await;
        tokio::time::sleep(after).await;
    });
    kill_app();
    drop(driver);
}

async fn until<T>(what: &str, within: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + within;
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display, tauri-driver and a Secret Service: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn the_app_killed_during_sync_and_sales_loses_nothing_and_doubles_nothing() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Forty starts in a few minutes exceed 100 requests a minute: the limit is off.
    let sim = runtime
        .block_on(Simulator::start(SimConfig {
            history: 3_000,
            rate_limit: None,
            ..SimConfig::default()
        }))
        .unwrap();
    let key = sim.demo().api_key;
    let base_url = sim.base_url();

    // Connected in the window; its first sync starts and is killed right away.
    start_then_kill(&runtime, home, Duration::from_millis(300), |client| {
        let (key, base_url) = (key.clone(), base_url.clone());
        async move {
            submit_sandbox_key(&client, &key, &base_url).await;
            wait_for(&client, "[data-testid=dashboard]").await;
        }
    });
    assert_intact(home, "kill during the first sync");
    for i in 0..KILLS {
        // The dashboard syncs on opening until one sync has finished; killed 50–950 ms later.
        let after = Duration::from_millis(50 + (i * 137) % 900);
        start_then_kill(&runtime, home, after, |client| async move {
            wait_for(&client, "[data-testid=dashboard]").await;
        });
        assert_intact(home, &format!("sync kill {i}"));
    }

    // The next start finishes the sync: the book holds every escrow DHMAD has.
    let expected = runtime.block_on(all_escrows(&sim, &key)).len() as u64;
    let printed = home.join("resumed-sync.txt");
    let driver =
        Driver::start_with_stderr(home, Stdio::from(std::fs::File::create(&printed).unwrap()));
    runtime.block_on(async {
        let _client = session(&driver).await;
        let mut last = None;
        // The timeout below ends the wait first, with the app's output in the message.
        let done = until("the resumed sync", Duration::from_secs(600), || {
            let fresh = book(home)?.freshness().ok()?;
            last = Some((fresh.last_sync_at, fresh.escrow_count));
            (fresh.last_sync_at.is_some() && fresh.escrow_count == expected).then_some(())
        });
        if tokio::time::timeout(Duration::from_secs(121), done)
            .await
            .is_err()
        {
            let log = std::fs::read_to_string(&printed).unwrap_or_default();
            panic!("no full sync: book at {last:?}, DHMAD has {expected}; the app printed:\n{log}");
        }
    });
    drop(driver);
    kill_app();

    // 150 ms on every request, kills 0–1.5 s after "Charge". So far every kill lands before the
    // create is handled (the sales end "failed" after reconciliation: not understood yet, see
    // the session note); a create whose answer was lost, bound on reconcile, is covered by the
    // CLI kill test.
    runtime.block_on(set_latency(&sim, 150));
    for i in 0..KILLS {
        let title = format!("Killed sale {i:02}");
        // 0–1.5 s after "Charge", spread.
        let after = Duration::from_millis((i * 149) % 1500);
        start_then_kill(&runtime, home, after, |client| async move {
            click(&client, "[data-testid=nav-counter]").await;
            for digit in ["4", "2"] {
                click(&client, &format!("[data-testid=keypad-key-{digit}]")).await;
            }
            fill(&client, "[data-testid=counter-title]", &title).await;
            fill(
                &client,
                "[data-testid=counter-email]",
                "killed-buyer@example.tn",
            )
            .await;
            click(&client, "[data-testid=counter-charge]").await;
        });
        assert_intact(home, &format!("sale kill {i}"));
    }

    runtime.block_on(set_latency(&sim, 0));

    // The next start reconciles the sales left being created, by itself: one whose create never
    // reached DHMAD is declared not created only after the app's two-minute window.
    let driver = Driver::start_with_stderr(home, Stdio::null());
    let sales = runtime.block_on(async {
        let _client = session(&driver).await;
        until(
            "the reconciliation of every sale",
            Duration::from_secs(180),
            || {
                let sales = book(home)?.recent_sales(100).ok()?;
                let pending = |s: &&merchant_core::book::CounterSale| {
                    matches!(s.state, SaleState::Creating | SaleState::CreateUnknown)
                };
                (!sales.iter().any(|s| pending(&s))).then_some(sales)
            },
        )
        .await
    });
    drop(driver);
    kill_app();
    assert_intact(home, "the last start");

    // By the merchant's title: a second escrow for one sale would carry another reference.
    let mut escrows_by_title: HashMap<String, Vec<String>> = HashMap::new();
    for e in runtime.block_on(all_escrows(&sim, &key)) {
        let tagged = e["title"].as_str().unwrap_or_default();
        let title = tagged.split(" · #").next().unwrap_or_default().to_owned();
        if title.starts_with("Killed sale") {
            escrows_by_title
                .entry(title)
                .or_default()
                .push(e["id"].as_str().unwrap().to_owned());
        }
    }
    let mut states: HashMap<&str, usize> = HashMap::new();
    for sale in &sales {
        *states.entry(sale.state.as_str()).or_default() += 1;
    }
    eprintln!("after {KILLS} kills during a sale: {states:?}");
    assert!(
        !sales.is_empty(),
        "no sale reached the book: the kills came too early"
    );
    for (title, ids) in &escrows_by_title {
        assert_eq!(ids.len(), 1, "{title} has more than one escrow: {ids:?}");
        assert!(
            sales
                .iter()
                .any(|s| &s.title == title && s.escrow_id.as_ref() == Some(&ids[0])),
            "{title}: DHMAD has escrow {} but no sale in the book holds it",
            ids[0]
        );
    }
    for sale in &sales {
        match (&sale.escrow_id, escrows_by_title.get(&sale.title)) {
            (Some(id), Some(ids)) => assert_eq!(&ids[0], id, "{sale:?}"),
            (None, None) => assert!(
                matches!(sale.state, SaleState::NotCreated),
                "a sale with no escrow is not created (to charge again): {sale:?}"
            ),
            (bound, made) => panic!("sale {sale:?} bound to {bound:?}, DHMAD has {made:?}"),
        }
    }
    runtime.block_on(sim.shutdown());
}
