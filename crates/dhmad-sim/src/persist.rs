//! `--state FILE`: load at start, save atomically (temp file in the same directory, fsync,
//! rename), debounced after changes and on shutdown.

use crate::config::Demo;
use crate::state::AppState;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// What is written to disk.
#[derive(Debug, Serialize, Deserialize)]
pub struct Saved {
    /// Format version.
    pub version: u32,
    /// Simulated clock offset.
    pub clock_offset_ms: i64,
    /// Demo credentials.
    pub demo: Demo,
    /// All entities.
    pub store: Store,
}

/// Loads a saved state; `Ok(None)` when the file does not exist.
pub fn load(path: &Path) -> std::io::Result<Option<Saved>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut saved: Saved = serde_json::from_slice(&bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{}: {e}", path.display()),
        )
    })?;
    saved.store.rebuild_indexes();
    Ok(Some(saved))
}

/// Writes the state atomically.
pub fn save(st: &AppState, path: &Path) -> std::io::Result<()> {
    let bytes = {
        let store = st.read();
        let demo =
            st.0.demo
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone();
        let saved = SavedRef {
            version: 1,
            clock_offset_ms: st.0.clock.offset_ms(),
            demo: &demo,
            store: &store,
        };
        serde_json::to_vec(&saved).map_err(std::io::Error::other)?
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    {
        let mut f = create_private(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Creates (or truncates) `path` readable by its owner only: the state holds the demo key.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[derive(Serialize)]
struct SavedRef<'a> {
    version: u32,
    clock_offset_ms: i64,
    demo: &'a Demo,
    store: &'a Store,
}

/// Saves within about half a second of any change.
pub fn spawn_saver(st: AppState, path: PathBuf) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut saved_version = st.0.version.load(Ordering::Relaxed);
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let v = st.0.version.load(Ordering::Relaxed);
            if v != saved_version {
                let (st2, p2) = (st.clone(), path.clone());
                match tokio::task::spawn_blocking(move || save(&st2, &p2)).await {
                    Ok(Ok(())) => saved_version = v,
                    Ok(Err(e)) => tracing::warn!("could not save state: {e}"),
                    Err(e) => tracing::warn!("saver task failed: {e}"),
                }
            }
        }
    })
}
