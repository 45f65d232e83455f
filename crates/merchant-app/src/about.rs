//! What the running app is and where it keeps its data: fixed at start, shown in Settings →
//! About, and the figure of how long the first screen took.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::doctor::UiErrorReport;

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

/// When the page reached each step of its start, in milliseconds after its navigation began (the
/// page's `performance.now()`): where a slow start goes. Only logged.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PageMarks {
    /// The app's code began to run: the page, its script and the modules it imports were loaded,
    /// compiled and run.
    pub script: f64,
    /// The first screen's data (the profiles, the language's texts) was in.
    pub prepared: f64,
    /// The first screen was committed to the page.
    pub committed: f64,
    /// The first screen's effects (what its components start once drawn) had run, when that was
    /// before the signal; else the commit's time (Preact runs effects after the first paint).
    pub effects: f64,
    /// The page's first contentful paint.
    pub painted: f64,
    /// The page called `ui_ready`.
    pub signalled: f64,
}

impl PageMarks {
    /// The start split into its steps, each as the milliseconds it took: from the process's start
    /// to the page's navigation (`since_start_ms`, when the page signalled, less the page's own
    /// time), then each mark after the one before.
    fn steps(&self, since_start_ms: u64) -> [(&'static str, f64); 7] {
        [
            ("navigation", since_start_ms as f64 - self.signalled),
            ("script", self.script),
            ("data", self.prepared - self.script),
            ("commit", self.committed - self.prepared),
            ("effects", self.effects - self.committed),
            ("paint", self.painted - self.effects),
            ("signal", self.signalled - self.painted),
        ]
    }
}

/// "ui ready after N ms: navigation +180, script +40, …": the figure `scripts/bench` reads, then
/// its split (the bare window prints its own the same way).
fn ready_line(since_start_ms: u64, marks: &PageMarks) -> String {
    let steps = marks
        .steps(since_start_ms)
        .map(|(step, ms)| format!("{step} {ms:+.0}"));
    format!(
        "ui ready after {since_start_ms} ms: {} ms",
        steps.join(", ")
    )
}

/// The facts the shell knows at start: the product's name and version, its folders, and when the
/// process started.
#[derive(Debug, Clone)]
pub struct Install {
    /// The product name.
    pub name: String,
    /// The app's version.
    pub version: String,
    /// The folder of the local books and settings.
    pub data_dir: PathBuf,
    /// The folder of the log files.
    pub log_dir: PathBuf,
    /// When the process started (taken first thing in `main`).
    pub started: Instant,
}

/// [`Install`] and the first time the UI said it is interactive.
#[derive(Debug)]
pub(crate) struct About {
    install: Install,
    ui_ready: OnceLock<Duration>,
}

impl About {
    pub(crate) fn new(install: Install) -> Self {
        Self {
            install,
            ui_ready: OnceLock::new(),
        }
    }

    pub(crate) fn install(&self) -> &Install {
        &self.install
    }

    /// Name, version, build kind and folders.
    pub(crate) fn info(&self) -> AppInfo {
        let install = &self.install;
        AppInfo {
            name: install.name.clone(),
            version: install.version.clone(),
            build: BuildKind::current(),
            data_dir: install.data_dir.display().to_string(),
            log_dir: install.log_dir.display().to_string(),
        }
    }

    /// Records the first time the UI said it is interactive and returns that delay; the boolean
    /// is true only for the call that recorded it.
    pub(crate) fn mark_ui_ready(&self) -> (UiReady, bool) {
        let mut first = false;
        let elapsed = *self.ui_ready.get_or_init(|| {
            first = true;
            self.install.started.elapsed()
        });
        let since_start_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        (UiReady { since_start_ms }, first)
    }
}

impl App {
    /// Name, version, build kind and folders.
    pub async fn app_info(&self) -> CommandResult<AppInfo> {
        Ok(self.about().info())
    }

    /// The UI says its first screen is interactive: the delay since the process started, logged
    /// the first time with the page's own marks (the startup benchmark reads that line).
    pub async fn ui_ready(&self, marks: PageMarks) -> CommandResult<UiReady> {
        let (ready, first) = self.about().mark_ui_ready();
        if first {
            tracing::info!(
                since_start_ms = ready.since_start_ms,
                "{}",
                ready_line(ready.since_start_ms, &marks)
            );
        }
        Ok(ready)
    }

    /// Writes a screen's rendering failure to the app's log (redacted like every other line).
    pub async fn report_ui_error(&self, report: UiErrorReport) -> CommandResult<()> {
        tracing::error!(
            area = %report.area,
            message = %report.message,
            stack = report.stack.as_deref().unwrap_or(""),
            component_stack = report.component_stack.as_deref().unwrap_or(""),
            "a screen failed to draw"
        );
        Ok(())
    }

    /// The folder of the log files.
    pub fn log_dir(&self) -> &Path {
        &self.about().install().log_dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_ready_keeps_the_first_figure() {
        let started = Instant::now() - Duration::from_millis(250);
        let about = About::new(Install {
            name: "X".into(),
            version: "1.0.0".into(),
            data_dir: "/d".into(),
            log_dir: "/l".into(),
            started,
        });
        let (first, recorded) = about.mark_ui_ready();
        assert!(recorded);
        assert!(first.since_start_ms >= 250, "{first:?}");
        std::thread::sleep(Duration::from_millis(20));
        let (again, recorded_again) = about.mark_ui_ready();
        assert!(!recorded_again);
        assert_eq!(again, first);
    }

    #[test]
    fn the_ready_line_splits_the_start_into_its_steps() {
        let marks = PageMarks {
            script: 41.2,
            prepared: 47.0,
            committed: 58.6,
            effects: 71.0,
            painted: 131.0,
            signalled: 133.4,
        };
        assert_eq!(
            ready_line(366, &marks),
            "ui ready after 366 ms: navigation +233, script +41, data +6, commit +12, \
             effects +12, paint +60, signal +2 ms"
        );
    }
}
