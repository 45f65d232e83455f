//! Connecting real keys (against an in-process simulator): who the key belongs to, the
//! association steps, and the key never leaving the keychain — not in files, logs or answers.

use std::path::Path;
use std::sync::Arc;

use dhmad_sim::{SimConfig, Simulator};
use serde_json::{Value, json};

use crate::support::app::{invoke, sim_post, start_with_memory_keychain, wait_for_sync};

fn start_sim() -> Simulator {
    tauri::async_runtime::block_on(Simulator::start(SimConfig {
        history: 40,
        ..SimConfig::default()
    }))
    .unwrap()
}

fn new_developer(sim: &Simulator, body: Value) -> String {
    let developer = sim_post(&sim.origin(), "/developers", body);
    developer["apiKey"].as_str().unwrap().to_owned()
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

/// An app started on `dirs` with `keychain`, as a restart would find them.
fn start_on(
    dirs: &Path,
    keychain: Arc<dyn merchant_core::SecretStore>,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    use tauri::Manager;
    let app_dirs = dhmad_merchant_lib::AppDirs {
        data: dirs.join("data"),
        logs: dirs.join("logs"),
    };
    let mut app = dhmad_merchant_lib::builder_with(
        tauri::test::mock_builder(),
        std::time::Instant::now(),
        Some(app_dirs),
        keychain,
    )
    .build(dhmad_merchant_lib::context())
    .unwrap();
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app.get_webview_window("main").unwrap();
    (app, window)
}

#[test]
fn a_session_only_key_is_asked_for_again_after_a_restart_and_the_shop_keeps_its_book() {
    let sim = start_sim();
    let dirs = tempfile::tempdir().unwrap();
    // The keychain outlives the app, as the OS's does; a session-only key is never put in it.
    let keychain: Arc<dyn merchant_core::SecretStore> = Arc::new(merchant_core::MemoryStore::new());
    let key = sim.demo().api_key;
    let connect = |profile_id: Option<&str>| {
        let mut request = json!({
            "environment": "sandbox", "apiKey": key, "baseUrl": sim.base_url(), "sessionOnly": true
        });
        if let Some(id) = profile_id {
            request["profileId"] = json!(id);
        }
        json!({ "request": request })
    };

    let (app, window) = start_on(dirs.path(), keychain.clone());
    let profile = invoke(&window, "connect_key", connect(None)).unwrap();
    let id = profile["id"].as_str().unwrap().to_owned();
    assert_eq!(wait_for_sync(&window)["escrowCount"], 40);
    drop(window);
    drop(app);

    // After the restart the shop asks for its key, by profile…
    let (_app, window) = start_on(dirs.path(), keychain.clone());
    let asked = invoke(&window, "dashboard", json!({})).unwrap_err();
    assert_eq!(asked["code"], "keyNeeded", "{asked}");
    assert_eq!(asked["details"]["profileId"], id.as_str(), "{asked}");
    assert_eq!(asked["details"]["environment"], "sandbox", "{asked}");
    assert!(
        asked["userMessage"]
            .as_str()
            .unwrap()
            .contains("Enter it again"),
        "{asked}"
    );
    let listed = invoke(&window, "profiles_list", json!({})).unwrap();
    assert_eq!(listed["activeId"], id.as_str());

    // …and the key given again opens the same profile, with the book it had.
    let again = invoke(&window, "connect_key", connect(Some(&id))).unwrap();
    assert_eq!(again["id"], id.as_str());
    let listed = invoke(&window, "profiles_list", json!({})).unwrap();
    assert_eq!(listed["profiles"].as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(wait_for_sync(&window)["escrowCount"], 40);
    let book = dirs
        .path()
        .join("data")
        .join("profiles")
        .join(&id)
        .join("book.sqlite3");
    assert!(book.exists());
    // Still session-only: nothing reached the keychain.
    let account = merchant_core::secrets::account_for(
        &merchant_core::ProfileId::new(id).unwrap(),
        merchant_core::Environment::Sandbox,
    );
    assert!(keychain.get(&account).unwrap().is_none());
}

#[test]
fn a_key_of_another_account_is_refused_for_a_profile_asking_for_its_key() {
    let sim = start_sim();
    let dirs = tempfile::tempdir().unwrap();
    let keychain: Arc<dyn merchant_core::SecretStore> = Arc::new(merchant_core::MemoryStore::new());
    let (app, window) = start_on(dirs.path(), keychain.clone());
    let request = json!({ "request": {
        "environment": "sandbox", "apiKey": sim.demo().api_key, "baseUrl": sim.base_url(),
        "sessionOnly": true
    }});
    let id = invoke(&window, "connect_key", request).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    wait_for_sync(&window);
    drop(window);
    drop(app);

    let other = new_developer(
        &sim,
        json!({ "email": "other@dev.tn", "companyName": "Other", "associatedUserEmail": "other@shop.tn" }),
    );
    let (_app, window) = start_on(dirs.path(), keychain);
    let refused = invoke(
        &window,
        "connect_key",
        json!({ "request": {
            "environment": "sandbox", "apiKey": other, "baseUrl": sim.base_url(),
            "sessionOnly": true, "profileId": id
        }}),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "invalidKey", "{refused}");
    let still = invoke(&window, "dashboard", json!({})).unwrap_err();
    assert_eq!(still["code"], "keyNeeded", "{still}");
}
