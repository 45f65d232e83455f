//! Files only the merchant can read, after a first start of the app (Linux and macOS): the data
//! and log folders 0700; the profiles, the demo's book (with `-wal`/`-shm`), the log files, an
//! export and everything else under the data folder (the demo simulator's saved state once
//! written) 0600.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::json;
use tauri::Manager;

use crate::support::app::invoke;
use crate::support::app::{start_with_memory_keychain, wait_for_sync};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn after_a_first_start_every_folder_and_file_of_the_app_is_owner_only() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);
    let data = t._dirs.path().join("data");
    let logs = t._dirs.path().join("logs");
    let export = t._dirs.path().join("books.csv");
    t.window
        .state::<dhmad_merchant_lib::app::App>()
        .chosen_paths()
        .remember(export.clone());
    let request = json!({ "request": {
        "fromDay": "2000-01-01", "toDay": "2100-12-31", "path": export.display().to_string(),
        "delimiter": ","
    }});
    invoke(&t.window, "export_csv", request).unwrap();
    let book = data.join("profiles").join("demo").join("book.sqlite3");

    for dir in [
        &data,
        &logs,
        &data.join("profiles"),
        &data.join("profiles").join("demo"),
    ] {
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
    }
    let mut expected = vec![data.join("profiles.json"), book.clone(), export];
    for side in ["-wal", "-shm"] {
        expected.push(book.with_file_name(format!("book.sqlite3{side}")));
    }
    let log_files = files_under(&logs);
    assert!(!log_files.is_empty(), "the app writes a log file");
    for file in expected.iter().chain(&log_files).chain(&files_under(&data)) {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
}
