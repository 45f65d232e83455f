//! Settings → "Check connection" (merchant-core's doctor) and the UI's own error reports.

use merchant_core::{Check, CheckId, CheckStatus, DoctorReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which check a line reports (the UI labels it in the merchant's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CheckIdView {
    /// The key's shape and environment.
    Key,
    /// `GET /me`.
    Account,
    /// The developer account acts for a DHMAD user.
    Association,
    /// `GET /balance`.
    Balance,
    /// One page of escrows.
    Escrows,
    /// Rate-limit headers and the budget left.
    RateLimit,
    /// The server's clock against this computer's.
    Clock,
    /// The redirect URL's rules.
    RedirectUrl,
    /// Escrows the book could not read.
    UnreadableRecords,
}

impl From<CheckId> for CheckIdView {
    fn from(id: CheckId) -> Self {
        match id {
            CheckId::Key => Self::Key,
            CheckId::Account => Self::Account,
            CheckId::Association => Self::Association,
            CheckId::Balance => Self::Balance,
            CheckId::Escrows => Self::Escrows,
            CheckId::RateLimit => Self::RateLimit,
            CheckId::Clock => Self::Clock,
            CheckId::RedirectUrl => Self::RedirectUrl,
            CheckId::UnreadableRecords => Self::UnreadableRecords,
        }
    }
}

/// How a check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CheckStatusView {
    /// ✓
    Ok,
    /// ⚠
    Warn,
    /// ✗
    Fail,
    /// Not run.
    Skipped,
}

impl From<CheckStatus> for CheckStatusView {
    fn from(s: CheckStatus) -> Self {
        match s {
            CheckStatus::Ok => Self::Ok,
            CheckStatus::Warn => Self::Warn,
            CheckStatus::Fail => Self::Fail,
            CheckStatus::Skipped => Self::Skipped,
        }
    }
}

/// One line of the connection check. Its text comes from merchant-core (in English, as the CLI
/// prints it, so a merchant and support read the same words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckView {
    /// Which check.
    pub id: CheckIdView,
    /// How it went.
    pub status: CheckStatusView,
    /// What was found.
    pub summary: String,
    /// What to do, when something is wrong.
    pub advice: Option<String>,
    /// Steps to follow in order (association).
    pub steps: Vec<String>,
}

impl From<&Check> for CheckView {
    fn from(c: &Check) -> Self {
        Self {
            id: c.id.into(),
            status: c.status.into(),
            summary: c.summary.clone(),
            advice: c.advice.clone(),
            steps: c.steps.clone(),
        }
    }
}

/// The whole check of the active profile. Never carries the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheckView {
    /// No line failed.
    pub passed: bool,
    /// The lines, in order.
    pub checks: Vec<CheckView>,
    /// Server clock minus ours, in seconds, when known.
    pub clock_skew_seconds: Option<i32>,
    /// The same report as `dhmad doctor --json` prints it, for "Copy for support".
    pub support_text: String,
}

impl From<&DoctorReport> for ConnectionCheckView {
    fn from(r: &DoctorReport) -> Self {
        Self {
            passed: r.passed(),
            checks: r.checks.iter().map(CheckView::from).collect(),
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
