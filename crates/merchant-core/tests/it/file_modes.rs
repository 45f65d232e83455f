//! Files only the merchant can read (Unix): after a first start the data folder, the profile's
//! folder, the profiles file and its lock, the book with its `-wal`/`-shm`, and an export are
//! owner-only whatever the umask.
#![cfg(unix)]

use std::ops::ControlFlow;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

use merchant_core::export::ExportRequest;
use merchant_core::tz::TUNIS;
use merchant_core::{CsvDelimiter, Environment, MemoryStore, Profile, ProfileId, Workspace};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_first_start_leaves_nothing_readable_by_other_users() {
    let home = tempfile::tempdir().unwrap();
    // A shared computer: the folder above the app's is open to everyone.
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = home.path().join("share").join("tn.dhmad.merchant");
    let ws = Workspace::open(&data, Arc::new(MemoryStore::new())).unwrap();
    let id = ProfileId::new("shop").unwrap();
    ws.profiles()
        .add(Profile::new(id.clone(), "Shop", Environment::Sandbox))
        .unwrap();
    let book_path = ws.profiles().book_path(&id);
    let book = merchant_core::Book::open(&book_path).unwrap();
    book.write(|tx| tx.set_sync_value("probe", Some("1")))
        .unwrap();
    let export = data.join("export.csv");
    let request = ExportRequest {
        filter: Default::default(),
        delimiter: CsvDelimiter::Comma,
    };
    book.export_csv(&request, &export, TUNIS, &mut |_| ControlFlow::Continue(()))
        .unwrap();

    let profile_dir = book_path.parent().unwrap();
    for dir in [&data, &data.join("profiles"), &profile_dir.to_path_buf()] {
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
    }
    let mut files = vec![
        data.join("profiles.json"),
        data.join("profiles.json.lock"),
        book_path.clone(),
        export,
    ];
    for side in ["-wal", "-shm"] {
        files.push(book_path.with_file_name(format!("book.sqlite3{side}")));
    }
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
}

#[test]
fn an_existing_book_left_open_to_others_is_narrowed_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    drop(merchant_core::Book::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(merchant_core::Book::open(&path).unwrap());
    assert_eq!(mode(&path), 0o600);
}
