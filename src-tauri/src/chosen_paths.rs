//! Files the merchant chose in the system's save dialog since the app started. A command that
//! writes a file takes its path from the webview, and the webview must not be able to name any
//! file on the disk (a compromised page could overwrite `~/.bashrc`): it may only hand back a path
//! this shell itself received from the dialog.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The remembered dialog answers; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct ChosenPaths(Arc<Mutex<HashSet<PathBuf>>>);

impl ChosenPaths {
    /// Remembers a path the save dialog returned.
    pub fn remember(&self, path: PathBuf) {
        self.lock().insert(path);
    }

    /// Whether the save dialog returned `path` since the app started.
    pub fn was_chosen(&self, path: &Path) -> bool {
        self.lock().contains(path)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        // A set of paths cannot be left half-changed by a panic: recover it.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
