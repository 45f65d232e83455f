//! Files the merchant chose in the system's save dialog since the app started. A command that
//! writes a file takes its path from the webview, and the webview must not be able to name any
//! file on the disk (a compromised page could overwrite `~/.bashrc`): it may only hand back a path
//! the shell itself received from the dialog.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::{CommandError, CommandResult, ErrorCode};

/// The remembered dialog answers; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct ChosenPaths(Arc<Mutex<HashSet<PathBuf>>>);

impl ChosenPaths {
    /// Remembers a path the save dialog returned.
    pub fn remember(&self, path: PathBuf) {
        self.lock().insert(path);
    }

    /// Remembers a path the save dialog returned, and gives it as the UI shows it.
    pub fn remember_shown(&self, path: PathBuf) -> String {
        let shown = path.display().to_string();
        self.remember(path);
        shown
    }

    /// Whether the save dialog returned `path` since the app started.
    pub fn was_chosen(&self, path: &Path) -> bool {
        self.lock().contains(path)
    }

    /// The file `text` names, if the save dialog returned it: the app writes nowhere else,
    /// whatever the page asks.
    pub fn file(&self, text: &str) -> CommandResult<PathBuf> {
        let path = PathBuf::from(text.trim());
        if path.as_os_str().is_empty() {
            return Err(CommandError::new(ErrorCode::Validation, "no file chosen"));
        }
        if !self.was_chosen(&path) {
            let text = "Choose where to save the file with the Save button: the app only writes \
                        exports to a file chosen in the save dialog.";
            return Err(CommandError::new(
                ErrorCode::Validation,
                format!("{} was not chosen in the save dialog", path.display()),
            )
            .with_user_message(text));
        }
        Ok(path)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        // A set of paths cannot be left half-changed by a panic: recover it.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
