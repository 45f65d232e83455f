//! Binary start-up line, deterministic demo key, persistence across restarts.

use crate::common::*;
use dhmad_sim::{SimConfig, Simulator};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_prints_address_then_working_key() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dhmad-sim"))
        .args(["--port", "0", "--seed", "7"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let origin = first
        .strip_prefix("dhmad-sim listening on ")
        .expect(&first)
        .to_owned();
    assert!(origin.starts_with("http://127.0.0.1:"), "{first}");
    let mut key = None;
    for _ in 0..8 {
        let l = lines.next().unwrap().unwrap();
        if let Some(k) = l.strip_prefix("api key: ") {
            key = Some(k.to_owned());
        }
        if l.starts_with("checkout: ") {
            break;
        }
    }
    let key = key.expect("api key line");
    assert!(key.starts_with("sk_sandbox_") && key.len() == 75);
    let r = reqwest::Client::new()
        .get(format!("{origin}/api/v1/me"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 200);
}

#[tokio::test]
async fn seed_makes_the_key_deterministic() {
    let a = Simulator::start(SimConfig {
        seed: 9,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let b = Simulator::start(SimConfig {
        seed: 9,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let c = Simulator::start(SimConfig {
        seed: 10,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    assert_eq!(a.demo().api_key, b.demo().api_key);
    assert_ne!(a.demo().api_key, c.demo().api_key);
}

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sim.json");
    let config = SimConfig {
        rate_limit: None,
        state_file: Some(file.clone()),
        ..SimConfig::default()
    };
    let t = Ctx::with(config.clone()).await;
    t.user("b@x.tn", 50.0).await;
    let id = t.escrow(quick("b@x.tn", 20.0)).await;
    t.act(&id, "accept_pay", "b@x.tn", json!({})).await;
    let sid = t.session(&id, "dispute", "b@x.tn").await;
    t.advance(3600).await;
    let before = t.escrow_json(&id).await;
    t.sim.shutdown().await;
    assert!(file.exists());

    let t2 = Ctx::with(config).await;
    assert_eq!(t2.key, t.key);
    assert_eq!(t2.escrow_json(&id).await, before);
    assert_eq!(t2.wallet("b@x.tn").await, json!([30, 0, 20]));
    assert_eq!(
        t2.get(&format!("/sessions/{sid}")).await.1["session"]["status"],
        json!("expired")
    );
    assert_eq!(t2.get("/escrows").await.1["pagination"]["total"], json!(1));
    t2.assert_invariant().await;
}

#[tokio::test]
async fn changes_are_saved_within_a_second_without_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    let t = Ctx::with(SimConfig {
        rate_limit: None,
        state_file: Some(file.clone()),
        ..SimConfig::default()
    })
    .await;
    let id = t.escrow(quick("b@x.tn", 20.0)).await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(&id));
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// The saved state holds the demo key: only its owner may read it.
#[cfg(unix)]
#[tokio::test]
async fn the_saved_state_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sim.json");
    let sim = Simulator::start(SimConfig {
        state_file: Some(file.clone()),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    sim.shutdown().await;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn printer_port_starts_a_virtual_printer_that_saves_pngs() {
    let folder = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dhmad-sim"))
        .args(["--port", "0", "--printer-port", "0", "--printer-folder"])
        .arg(folder.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines
        .map(|l| l.unwrap())
        .find(|l| l.starts_with("virtual printer: "));
    let line = line.expect("a virtual printer line");
    let uri = line
        .strip_prefix("virtual printer: ")
        .and_then(|rest| rest.split(' ').next())
        .unwrap();
    let uri = receipt::PrinterUri::parse(uri).unwrap();
    let bitmap = receipt::Bitmap::new(384, 24);
    let stream = receipt::escpos::encode(&bitmap, receipt::JobOptions::default());
    receipt::send(&uri, &stream, &receipt::SendSettings::default()).unwrap();
    let png = folder.path().join("print-0001.png");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !png.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    let saved = receipt::Bitmap::from_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!(saved, bitmap);
}
