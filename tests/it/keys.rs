//! Connecting real keys (against an in-process simulator): who the key belongs to, the
//! association steps, and the key never leaving the keychain — not in files, logs or answers.

use std::path::Path;

use dhmad_sim::{SimConfig, Simulator};
use serde_json::{Value, json};

use crate::flows::{start_with_memory_keychain, wait_for_sync};
use crate::ipc::invoke;

fn start_sim() -> Simulator {
    tauri::async_runtime::block_on(Simulator::start(SimConfig {
        history: 40,
        ..SimConfig::default()
    }))
    .unwrap()
}

fn new_developer(sim: &Simulator, body: Value) -> String {
    let url = format!("{}/__sim/developers", sim.origin());
    tauri::async_runtime::block_on(async move {
        let r = reqwest::Client::new()
            .post(&url)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{}", r.status());
        let v: Value = r.json().await.unwrap();
        v["apiKey"].as_str().unwrap().to_owned()
    })
}

/// Every file under `dir`, recursively, as bytes.
fn all_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_files(&path));
        } else {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_sandbox_key_connects_syncs_and_is_never_written_or_returned() {
    let sim = start_sim();
    let t = start_with_memory_keychain();
    let key = sim.demo().api_key;
    let request = json!({ "request": {
        "environment": "sandbox", "apiKey": key, "baseUrl": sim.base_url(),
        "redirectUrl": "https://merchant.example/return"
    }});
    let profile = invoke(&t.window, "connect_key", request).unwrap();
    assert_eq!(profile["environment"], "sandbox");
    assert_eq!(profile["developerEmail"], sim.demo().developer_email);
    let status = wait_for_sync(&t.window);
    assert_eq!(status["escrowCount"], 40, "{status}");

    // The key appears in no answer…
    let answers = [
        invoke(&t.window, "profiles_list", json!({})).unwrap(),
        invoke(&t.window, "dashboard", json!({})).unwrap(),
        invoke(&t.window, "app_info", json!({})).unwrap(),
        profile,
    ];
    for answer in &answers {
        assert!(
            !answer.to_string().contains(&key),
            "an IPC answer holds the key: {answer}"
        );
    }
    // …and in no file of the data and log folders (profiles, book, WAL, logs).
    let files = all_files(t._dirs.path());
    assert!(
        files.iter().any(|(p, _)| p.ends_with("profiles.json")),
        "{files:?}",
        files = files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (path, bytes) in &files {
        assert!(!contains(bytes, &key), "{path} holds the key");
    }
}

#[test]
fn a_key_of_the_wrong_kind_or_without_association_is_not_saved() {
    let sim = start_sim();
    let t = start_with_memory_keychain();
    let key = sim.demo().api_key;
    let live = json!({ "request": {
        "environment": "live", "apiKey": key, "baseUrl": sim.base_url()
    }});
    let refused = invoke(&t.window, "connect_key", live).unwrap_err();
    assert_eq!(refused["code"], "invalidKey", "{refused}");

    let lonely = new_developer(
        &sim,
        json!({ "email": "solo@example.tn", "companyName": "Solo" }),
    );
    let request = json!({ "request": {
        "environment": "sandbox", "apiKey": lonely, "baseUrl": sim.base_url()
    }});
    let refused = invoke(&t.window, "connect_key", request).unwrap_err();
    assert_eq!(refused["code"], "notAssociated", "{refused}");
    let steps = refused["details"]["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert!(
        steps[1]
            .as_str()
            .unwrap()
            .contains("Associate User Account")
    );
    assert!(
        refused["details"]["dashboardUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );

    let profiles = invoke(&t.window, "profiles_list", json!({})).unwrap();
    assert_eq!(
        profiles["profiles"],
        json!([]),
        "no profile for refused keys"
    );
}
