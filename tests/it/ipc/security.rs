//! Security review of the built app, as a test: the config the build generated and the
//! capabilities it compiled — strict CSP, no remote content, no global Tauri object, every
//! permission named and used by the UI, and no opener permission for the webview: links open only
//! through the app's `open_link` command, which checks the parsed URL.

use std::collections::BTreeSet;

use dhmad_merchant_lib::commands::COMMANDS;
use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_window_has_a_strict_csp_and_no_global_tauri_object() {
    let conf = read_json("tauri.conf.json");
    let app = &conf["app"];
    assert_eq!(app["withGlobalTauri"], false);
    assert_eq!(app["security"]["freezePrototype"], true);
    let csp = app["security"]["csp"].as_object().expect("a CSP is set");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'", "no inline or remote scripts");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-src"], "'none'");
    for (directive, value) in csp {
        let value = value.as_str().unwrap();
        assert!(!value.contains("unsafe"), "{directive}: {value}");
        for source in value.split_whitespace() {
            let remote = source.starts_with("http") && source != "http://ipc.localhost";
            assert!(
                !remote && source != "*" && source != "https:",
                "{directive} allows {source}"
            );
        }
    }
    assert_eq!(
        conf["build"]["frontendDist"], "ui/dist",
        "the UI is bundled, not remote"
    );
}

#[test]
fn the_generated_capabilities_grant_only_named_commands_and_no_opener() {
    let caps = read_json("gen/schemas/capabilities.json");
    let caps = caps
        .as_object()
        .expect("tauri-build generated the capabilities");
    // No dialog permission: the shell opens the save dialog itself (`choose_export_file`), so the
    // page cannot pick a file to write on its own.
    let extra: BTreeSet<&str> = ["core:event:allow-listen", "core:event:allow-unlisten"].into();
    for (name, cap) in caps {
        let windows: Vec<&str> = cap["windows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        assert!(
            windows.iter().all(|w| ["main", "customer"].contains(w)),
            "{name}: {windows:?}"
        );
        assert!(cap["remote"].is_null(), "{name} grants remote pages");
        for permission in cap["permissions"].as_array().unwrap() {
            match permission {
                Value::String(p) if p == "app-commands" => {}
                Value::String(p) => {
                    let command = p.strip_prefix("allow-").map(|c| c.replace('-', "_"));
                    let known = command.as_deref().is_some_and(|c| COMMANDS.contains(&c));
                    assert!(known || extra.contains(p.as_str()), "{name} grants {p}");
                }
                scoped => {
                    panic!("{name} grants a scoped permission {scoped}: links go through open_link")
                }
            }
        }
    }
    // The app's one set, as the build compiled it, grants each command by name and nothing more.
    let acl = read_json("gen/schemas/acl-manifests.json");
    let set: Vec<&str> = acl["__app-acl__"]["permission_sets"]["app-commands"]["permissions"]
        .as_array()
        .expect("the app-commands set is compiled in")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let named: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(set, named);
    // The customer display reads; it cannot act.
    let customer: Vec<&str> = caps["customer-display"]["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for p in &customer {
        assert!(
            p.starts_with("core:event")
                || ["allow-counter-sales", "allow-profiles-list"].contains(p),
            "the customer display may {p}"
        );
    }
}

#[test]
fn every_granted_command_is_used_by_the_ui() {
    let ui = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src");
    let mut sources = String::new();
    let mut pending = vec![std::path::PathBuf::from(ui)];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "bindings" {
                    pending.push(path);
                }
            } else if (name.ends_with(".ts") || name.ends_with(".tsx"))
                && !name.contains(".test.")
                && name != "ipc.ts"
            {
                sources.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let unused: Vec<&&str> = COMMANDS
        .iter()
        .filter(|c| !sources.contains(&format!("\"{c}\"")))
        .collect();
    assert!(
        unused.is_empty(),
        "granted but never invoked by the UI: {unused:?}"
    );
}
