//! The shell's own managed state: what the app is and where its folders are. The shop's state
//! (profiles, book, sync, watchers) is the hub's.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

/// Which kind of build is running: a debug build for developers and tests, or a release build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BuildKind {
    /// A debug build (developers, tests).
    Development,
    /// A release build (what merchants install).
    Production,
}

impl BuildKind {
    /// The kind of the running binary.
    pub const fn current() -> Self {
        if cfg!(debug_assertions) {
            Self::Development
        } else {
            Self::Production
        }
    }
}

/// What the app is and where it keeps its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The product name ("DHMAD Merchant").
    pub name: String,
    /// The app's version (semver).
    pub version: String,
    /// Debug or release build.
    pub build: BuildKind,
    /// The folder holding the local book and settings.
    pub data_dir: String,
    /// The folder holding the log files (offered by "open the log folder").
    pub log_dir: String,
}

/// The answer to `ui_ready`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UiReady {
    /// Milliseconds from process start to the UI's first interactive render (the first call wins;
    /// later calls, e.g. after a reload, return the same figure).
    #[ts(type = "number")]
    pub since_start_ms: u64,
}

/// Facts about the running app, fixed at start.
#[derive(Debug, Clone)]
pub struct AppState {
    name: String,
    version: String,
    data_dir: PathBuf,
    log_dir: PathBuf,
    started: Instant,
    ui_ready: Arc<OnceLock<Duration>>,
}

impl AppState {
    /// State for an app named `name` at `version`, started at `started`.
    pub fn new(
        name: impl Into<String>,
        version: impl Into<String>,
        data_dir: PathBuf,
        log_dir: PathBuf,
        started: Instant,
    ) -> Self {
        Self {
            name: name.into(),
            version: version.into(),
            data_dir,
            log_dir,
            started,
            ui_ready: Arc::new(OnceLock::new()),
        }
    }

    /// Name, version, build kind and folders.
    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            name: self.name.clone(),
            version: self.version.clone(),
            build: BuildKind::current(),
            data_dir: self.data_dir.display().to_string(),
            log_dir: self.log_dir.display().to_string(),
        }
    }

    /// Records the first time the UI said it is interactive and returns that delay; the boolean
    /// is true only for the call that recorded it.
    pub fn mark_ui_ready(&self) -> (UiReady, bool) {
        let mut first = false;
        let elapsed = *self.ui_ready.get_or_init(|| {
            first = true;
            self.started.elapsed()
        });
        let since_start_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        (UiReady { since_start_ms }, first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_ready_keeps_the_first_figure() {
        let started = Instant::now() - Duration::from_millis(250);
        let state = AppState::new("X", "1.0.0", "/d".into(), "/l".into(), started);
        let (first, recorded) = state.mark_ui_ready();
        assert!(recorded);
        assert!(first.since_start_ms >= 250, "{first:?}");
        std::thread::sleep(Duration::from_millis(20));
        let (again, recorded_again) = state.clone().mark_ui_ready();
        assert!(!recorded_again);
        assert_eq!(again, first);
    }
}
