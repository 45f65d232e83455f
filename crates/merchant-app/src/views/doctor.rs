//! Settings → "Check connection" (merchant-core's doctor) and the UI's own error reports.

use merchant_core::{Check, DoctorReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The whole check of the active profile. Never carries the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheckView {
    /// No line failed.
    pub passed: bool,
    /// The lines, in order (merchant-core's own, in English as the CLI prints them, so a
    /// merchant and support read the same words; the UI labels each id in the merchant's
    /// language).
    pub checks: Vec<Check>,
    /// Server clock minus ours, in seconds, when known.
    pub clock_skew_seconds: Option<i32>,
    /// The same report as `dhmad doctor --json` prints it, for "Copy for support".
    pub support_text: String,
}

impl From<&DoctorReport> for ConnectionCheckView {
    fn from(r: &DoctorReport) -> Self {
        Self {
            passed: r.passed(),
            checks: r.checks.clone(),
            clock_skew_seconds: r
                .clock_skew_seconds
                .map(|s| i32::try_from(s).unwrap_or(if s < 0 { i32::MIN } else { i32::MAX })),
            support_text: serde_json::to_string_pretty(r).unwrap_or_default(),
        }
    }
}

/// A screen of the UI failed to draw: what the error boundary caught, for the log.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UiErrorReport {
    /// Which screen or list (e.g. `escrows`).
    pub area: String,
    /// The error's message.
    pub message: String,
    /// The JavaScript stack, if any.
    #[serde(default)]
    #[ts(optional)]
    pub stack: Option<String>,
    /// React's component stack, if any.
    #[serde(default)]
    #[ts(optional)]
    pub component_stack: Option<String>,
}
