//! The builder wires every command of `COMMANDS`, each answers through IPC with the shape the UI's
//! generated types describe, and the capability file grants each one by name.

use dhmad_merchant_lib::commands::COMMANDS;
use serde_json::{Value, json};
use tauri::Manager;

use crate::support::app::{invoke, start};

#[test]
fn every_listed_command_is_wired_and_answers() {
    let t = start();
    for &cmd in COMMANDS
        .iter()
        .filter(|c| !NO_ARG_COMMANDS.contains(c) && !OUTSIDE_COMMANDS.contains(c))
    {
        // Wired: Tauri found the command and it answered (here: the missing profile or
        // arguments), rather than "command not found".
        let error = invoke(&t.window, cmd, json!({})).unwrap_err();
        let answered = error["code"].is_string()
            || error
                .as_str()
                .is_some_and(|e| e.contains("missing required key"));
        assert!(answered, "{cmd} is not wired: {error}");
    }
    for &cmd in NO_ARG_COMMANDS {
        let response = invoke(&t.window, cmd, json!({}));
        let value = response.unwrap_or_else(|e| panic!("{cmd} failed: {e}"));
        match cmd {
            "app_info" => {
                assert_eq!(value["name"], "DHMAD Merchant");
                assert_eq!(value["version"], env!("CARGO_PKG_VERSION"));
                assert_eq!(value["build"], "development");
                let data = t.dirs.path().join("data");
                assert_eq!(value["dataDir"], data.display().to_string());
                assert!(data.is_dir(), "the data folder is created at start");
            }
            "profiles_list" => {
                assert_eq!(value, json!({ "profiles": [], "activeId": null }));
            }
            "start_demo" => assert_eq!(value["environment"], "demo"),
            "open_customer_display" => {
                assert_eq!(value, Value::Null);
                assert!(
                    t.window
                        .app_handle()
                        .get_webview_window("customer")
                        .is_some()
                );
            }
            other => panic!("add the expected answer of `{other}` to this test"),
        }
    }
}

/// Commands that answer with no arguments on a fresh app (no profile yet); the others are
/// exercised by the flow tests below.
const NO_ARG_COMMANDS: &[&str] = &[
    "app_info",
    "profiles_list",
    "start_demo",
    "open_customer_display",
];

#[test]
fn ui_ready_takes_the_page_marks_and_keeps_the_first_figure() {
    let t = start();
    let marks = json!({
        "marks": {
            "script": 36.5, "prepared": 43.0, "committed": 59.2,
            "effects": 78.0, "painted": 83.1, "signalled": 90.4,
        }
    });
    let value = invoke(&t.window, "ui_ready", marks.clone()).unwrap();
    let ms = value["sinceStartMs"]
        .as_u64()
        .expect("sinceStartMs is a number");
    assert!(ms >= 5, "measured from process start: {ms}");
    // A second call (a reload) reports the first figure, not a new one.
    assert_eq!(invoke(&t.window, "ui_ready", marks).unwrap(), value);
}

/// Commands not called here: they reach outside the app (the desktop's file manager).
const OUTSIDE_COMMANDS: &[&str] = &["open_log_folder"];

#[test]
fn an_unknown_command_is_refused() {
    let t = start();
    let error = invoke(&t.window, "read_api_key", json!({})).unwrap_err();
    assert!(error.to_string().contains("read_api_key"), "{error}");
}

#[test]
fn the_capability_grants_each_command_by_name_and_nothing_broad() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src-tauri/capabilities/default.json"
    ))
    .unwrap();
    let capability: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(capability["windows"], json!(["main"]));
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| match p {
            Value::String(s) => s.clone(),
            other => other["identifier"].as_str().unwrap().to_owned(),
        })
        .collect();
    // The commands come through the one set build.rs writes from the command list; apart from
    // it, only single `allow-…` entries: no plugin's default set, no wildcard.
    assert!(granted.contains(&"app-commands".to_owned()), "{granted:?}");
    for permission in granted.iter().filter(|p| *p != "app-commands") {
        let name = permission.rsplit(':').next().unwrap();
        assert!(name.starts_with("allow-"), "too broad: {permission}");
    }
    // Links open only through `open_link`, which checks the parsed URL: the webview gets no
    // opener permission (a URL glob would also match `https://evil.example/.dhmad.tn/`).
    assert!(
        !granted.iter().any(|p| p.starts_with("opener:")),
        "raw opener permission granted: {granted:?}"
    );
}

#[test]
fn the_command_set_grants_exactly_the_listed_commands() {
    let set = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/permissions/generated/app-commands.toml"
    ))
    .unwrap();
    let granted: Vec<&str> = set
        .lines()
        .filter_map(|line| line.trim().strip_prefix("\"allow-"))
        .map(|rest| rest.trim_end_matches("\","))
        .collect();
    let listed: Vec<String> = COMMANDS.iter().map(|c| c.replace('_', "-")).collect();
    assert_eq!(granted, listed, "permissions/generated/app-commands.toml");
}

#[test]
fn the_typescript_command_map_is_the_command_list() {
    let ts = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/ui/src/bindings/commands.ts"
    ))
    .unwrap();
    let names = ts.split("COMMAND_NAMES = [").nth(1).unwrap();
    let names: Vec<&str> = names
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix("\","))
        .collect();
    assert_eq!(
        names, COMMANDS,
        "regenerate ui/src/bindings (DHMAD_UPDATE_BINDINGS=1)"
    );
    for command in COMMANDS {
        assert!(
            ts.contains(&format!("  {command}: {{ args: ")),
            "{command} has no signature"
        );
    }
}

#[test]
fn open_link_refuses_crafted_and_foreign_urls_before_opening_anything() {
    let t = start();
    for url in [
        "https://evil.example/.dhmad.tn/",
        "https://evil.example/?.dhmad.tn/",
        "http://127.0.0.1:1@evil.example/",
        "file:///etc/passwd",
        "http://127.0.0.1:8080/checkout/1",
    ] {
        let error =
            invoke(&t.window, "open_link", json!({ "request": { "url": url } })).expect_err(url);
        assert_eq!(error["code"], "linkRefused", "{url}: {error}");
    }
    // The webview cannot reach the opener plugin directly.
    invoke(
        &t.window,
        "plugin:opener|open_url",
        json!({ "url": "https://evil.example/" }),
    )
    .unwrap_err();
}

#[test]
fn a_window_the_capability_does_not_name_cannot_call_commands() {
    let t = start();
    let other =
        tauri::WebviewWindowBuilder::new(t.window.app_handle(), "other", Default::default())
            .build()
            .unwrap();
    let error = invoke(&other, "app_info", json!({})).unwrap_err();
    assert!(error.to_string().contains("not allowed"), "{error}");
}
