//! After a whole session with a real sandbox key — connected through the onboarding form, synced,
//! a counter sale charged — the key is in the OS keychain and nowhere else: not in the data,
//! config or cache folders (the book, settings, logs, WebKit's local storage and caches), not in
//! what the app printed, not in the environment of the app's or WebKit's processes. A restart
//! reads it back from the keychain and charges a second sale with it.
//!
//! Needs a Secret Service: `scripts/test-e2e` runs the suite with gnome-keyring unlocked in its
//! private D-Bus session.

use std::path::Path;
use std::process::Stdio;

use dhmad_sim::{SimConfig, Simulator};

use crate::support::driver::{Driver, screenshot, session};
use crate::support::page::{click, fill, submit_sandbox_key, wait_for, wait_for_balances};

/// `key` as the bytes it would take in a file: UTF-8, and UTF-16 (WebKit's local storage).
fn encodings(key: &str) -> Vec<Vec<u8>> {
    let utf16le = key.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16be = key.encode_utf16().flat_map(u16::to_be_bytes).collect();
    vec![key.as_bytes().to_vec(), utf16le, utf16be]
}

fn holds(haystack: &[u8], needles: &[Vec<u8>]) -> bool {
    needles
        .iter()
        .any(|n| haystack.windows(n.len()).any(|w| w == n.as_slice()))
}

/// Every file under `dir` holding the key, and how many files were read.
fn files_holding(dir: &Path, needles: &[Vec<u8>]) -> (Vec<String>, usize) {
    let (mut found, mut read) = (Vec::new(), 0);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (found, read);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (f, r) = files_holding(&path, needles);
            found.extend(f);
            read += r;
        } else if let Ok(bytes) = std::fs::read(&path) {
            read += 1;
            if holds(&bytes, needles) {
                found.push(path.display().to_string());
            }
        }
    }
    (found, read)
}

/// (name, environment) of each running app or WebKit process.
fn app_processes() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let dir = entry.path();
        let Ok(name) = std::fs::read_to_string(dir.join("comm")) else {
            continue;
        };
        let name = name.trim().to_owned();
        let ours = (name.starts_with("WebKit") && name != "WebKitWebDriver")
            || name.starts_with("dhmad-merch");
        if ours && let Ok(environ) = std::fs::read(dir.join("environ")) {
            out.push((name, environ));
        }
    }
    out
}

async fn connect_sandbox_key(client: &fantoccini::Client, key: &str, base_url: &str) {
    submit_sandbox_key(client, key, base_url).await;
    wait_for_balances(client).await;
}

async fn charge_a_sale(client: &fantoccini::Client) {
    click(client, "[data-testid=nav-counter]").await;
    for key in ["4", "2"] {
        click(client, &format!("[data-testid=keypad-key-{key}]")).await;
    }
    fill(client, "[data-testid=counter-title]", "Secret-free sale").await;
    fill(
        client,
        "[data-testid=counter-email]",
        "secret-buyer@example.tn",
    )
    .await;
    click(client, "[data-testid=counter-charge]").await;
    wait_for(client, "[data-testid=counter-qr]").await;
}

/// How many of the simulator's newest 100 escrows carry `title`, asked the way the app does.
async fn escrows_titled(sim: &Simulator, key: &str, title: &str) -> usize {
    let page: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/escrows?limit=100", sim.base_url()))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    page["escrows"]
        .as_array()
        .expect("an escrow page")
        .iter()
        .filter(|e| is_titled(&e["title"], title))
        .count()
}

/// The app ends each escrow's title with its sale's reference (`title · #K7F3QXM2`).
fn is_titled(found: &serde_json::Value, title: &str) -> bool {
    found
        .as_str()
        .and_then(|t| t.strip_prefix(title))
        .and_then(|rest| rest.strip_prefix(" · #"))
        .is_some_and(|reference| reference.len() == 8)
}

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display, tauri-driver and a Secret Service: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn a_connected_key_is_nowhere_but_the_keychain_after_a_session() {
    let home = tempfile::tempdir().unwrap();
    let printed = home.path().join("printed.txt");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let sim = runtime
        .block_on(Simulator::start(SimConfig {
            history: 60,
            ..SimConfig::default()
        }))
        .unwrap();
    let key = sim.demo().api_key;
    let needles = encodings(&key);
    let driver = Driver::start_with_stderr(
        home.path(),
        Stdio::from(std::fs::File::create(&printed).unwrap()),
    );
    let processes = runtime.block_on(async {
        let client = session(&driver).await;
        connect_sandbox_key(&client, &key, &sim.base_url()).await;
        charge_a_sale(&client).await;
        screenshot(&client, "secrets-sandbox-sale").await;
        let processes = app_processes();
        client.close().await.unwrap();
        processes
    });
    drop(driver);

    // A new start reads the key back from the keychain (the session copy died with the process):
    // the shop opens on its dashboard and DHMAD accepts the key for another sale.
    let printed_again = home.path().join("printed-again.txt");
    let driver = Driver::start_with_stderr(
        home.path(),
        Stdio::from(std::fs::File::create(&printed_again).unwrap()),
    );
    runtime.block_on(async {
        let client = session(&driver).await;
        wait_for_balances(&client).await;
        charge_a_sale(&client).await;
        screenshot(&client, "secrets-after-restart").await;
        client.close().await.unwrap();
    });
    drop(driver);
    let counter_sales = runtime.block_on(escrows_titled(&sim, &key, "Secret-free sale"));
    assert_eq!(
        counter_sales, 2,
        "one sale before and one after the restart"
    );
    runtime.block_on(sim.shutdown());

    assert!(
        processes
            .iter()
            .any(|(name, _)| name.starts_with("WebKitWeb")),
        "no WebKit web process was found to check: {:?}",
        processes.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for (name, environ) in &processes {
        assert!(
            !holds(environ, &needles),
            "the environment of {name} holds the key"
        );
    }

    let (found, read) = files_holding(home.path(), &needles);
    assert!(found.is_empty(), "the key is written in {found:?}");
    // The folders really were filled: the book, the logs and WebKit's own files.
    assert!(
        read >= 5,
        "only {read} files were written under the test home"
    );
    let book = home.path().join("data/tn.dhmad.merchant");
    assert!(book.is_dir(), "no data folder at {}", book.display());

    let printed = std::fs::read_to_string(&printed).unwrap_or_default();
    assert!(
        printed.contains("ui ready after"),
        "the app's output was not captured:\n{printed}"
    );
    assert!(!printed.contains(&key), "the app printed the key");
    let printed_again = std::fs::read_to_string(&printed_again).unwrap_or_default();
    assert!(
        !printed_again.contains(&key),
        "the app printed the key after the restart"
    );
}
