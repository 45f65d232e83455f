//! The TypeScript bindings of every type that crosses IPC (generated with ts-rs) and of every
//! command's signature, written into `ui/src/bindings/` and committed. The test below regenerates them into a temporary folder and
//! fails when the committed files differ (run with `DHMAD_UPDATE_BINDINGS=1` to rewrite them).

use std::path::Path;

use ts_rs::{Config, TS};

use crate::about::BuildKind;
use crate::commands;
use crate::error::{CommandError, ErrorCode};
use crate::views::actions::ShareStatusEvent;
use crate::views::books::ExportProgressView;
use crate::views::counter::SaleEventView;

/// Where the committed bindings live, relative to the repository root.
pub const BINDINGS_DIR: &str = "ui/src/bindings";

/// The typed command map, beside the types it names.
const COMMANDS_FILE: &str = "commands.ts";

/// Writes the bindings of every IPC type (and what they reference) into `dir`.
///
/// 64-bit integers become `number`: the only ones we send are millimes and milliseconds, far
/// below 2^53, and the UI must do integer arithmetic on them without `bigint`.
pub fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    commands::export_types(&cfg)?;
    // What crosses IPC outside a command's answer: errors and the events.
    CommandError::export_all(&cfg)?;
    ErrorCode::export_all(&cfg)?;
    BuildKind::export_all(&cfg)?;
    ShareStatusEvent::export_all(&cfg)?;
    SaleEventView::export_all(&cfg)?;
    ExportProgressView::export_all(&cfg)?;
    let signatures = commands::signatures(&cfg);
    std::fs::write(
        dir.join(COMMANDS_FILE),
        commands::typescript::render(&signatures),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;

    /// Every `.ts` file under `dir`, by path relative to `dir`, with its contents.
    fn read_ts_files(dir: &Path) -> BTreeMap<PathBuf, String> {
        let mut files = BTreeMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "ts") {
                    let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                    files.insert(relative, std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        files
    }

    #[test]
    fn committed_bindings_match_the_rust_types() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_DIR);
        if std::env::var("DHMAD_UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(&committed).unwrap();
            for old in read_ts_files(&committed).keys() {
                std::fs::remove_file(committed.join(old)).unwrap();
            }
            export_all(&committed).unwrap();
        }

        let fresh = tempfile::tempdir().unwrap();
        export_all(fresh.path()).unwrap();
        let expected = read_ts_files(fresh.path());
        let actual = if committed.is_dir() {
            read_ts_files(&committed)
        } else {
            BTreeMap::new()
        };
        assert!(
            expected == actual,
            "ui/src/bindings is out of date with the Rust types; regenerate with \
             `DHMAD_UPDATE_BINDINGS=1 cargo test -p dhmad-merchant --lib bindings` and commit.\n\
             expected files: {:?}\ncommitted files: {:?}",
            expected.keys().collect::<Vec<_>>(),
            actual.keys().collect::<Vec<_>>()
        );
    }
}
