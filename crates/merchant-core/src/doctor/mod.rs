//! The connection check behind `dhmad doctor` and the app's Settings → "Check connection": with a
//! profile's key, one line per check, each with ✓/⚠/✗ and what to do. Its output is meant to be
//! sent to support, so the key never appears in it (every line passes through
//! `DoctorReport::redact`).

mod local;
mod network;

use serde::Serialize;

use crate::profile::Profile;
use crate::secrets::ApiKeySecret;
use crate::workspace::client_for;

pub use local::{CLOCK_FAIL_SECS, CLOCK_WARN_SECS};

/// Which check a line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum CheckId {
    /// The key's shape (`sk_live_`/`sk_sandbox_` + 64 hex) and its environment against the profile.
    Key,
    /// `GET /me`: whose key it is.
    Account,
    /// Whether the developer account is associated with a DHMAD user (`GET /balance` answers).
    Association,
    /// `GET /balance` decoded.
    Balance,
    /// One page of `GET /escrows` decoded.
    Escrows,
    /// The `X-RateLimit-*` headers seen and the budget left.
    RateLimit,
    /// The server's `Date` against this computer's clock.
    Clock,
    /// The profile's redirect URL against the API's rules (https, or http://localhost).
    RedirectUrl,
    /// Escrows the local book kept but could not read.
    UnreadableRecords,
}

/// How a check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum CheckStatus {
    /// ✓ Fine.
    Ok,
    /// ⚠ Works, but something deserves attention.
    Warn,
    /// ✗ Broken: the advice says what to do.
    Fail,
    /// Not run, because an earlier check failed or nothing applies.
    Skipped,
}

impl CheckStatus {
    /// The mark printed before the line.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Ok => "✓",
            Self::Warn => "⚠",
            Self::Fail => "✗",
            Self::Skipped => "–",
        }
    }
}

/// One line of the report (also a line of the app's "Check connection", as it is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// Which check.
    pub id: CheckId,
    /// How it went.
    pub status: CheckStatus,
    /// What was found, in one sentence.
    pub summary: String,
    /// What to do about it, when something is wrong.
    pub advice: Option<String>,
    /// Steps to follow, in order (the association steps when the account is not associated).
    pub steps: Vec<String>,
}

impl Check {
    fn new(id: CheckId, status: CheckStatus, summary: impl Into<String>) -> Self {
        Self {
            id,
            status,
            summary: summary.into(),
            advice: None,
            steps: Vec::new(),
        }
    }

    fn ok(id: CheckId, summary: impl Into<String>) -> Self {
        Self::new(id, CheckStatus::Ok, summary)
    }

    fn warn(id: CheckId, summary: impl Into<String>, advice: impl Into<String>) -> Self {
        Self::new(id, CheckStatus::Warn, summary).advise(advice)
    }

    fn fail(id: CheckId, summary: impl Into<String>, advice: impl Into<String>) -> Self {
        Self::new(id, CheckStatus::Fail, summary).advise(advice)
    }

    fn skipped(id: CheckId, why: impl Into<String>) -> Self {
        Self::new(id, CheckStatus::Skipped, why)
    }

    fn advise(mut self, advice: impl Into<String>) -> Self {
        self.advice = Some(advice.into());
        self
    }
}

/// Shorter fragments are not scrubbed: they would blank ordinary words of a report about a
/// key too mangled to be a secret (a real key's secret part has 64 characters).
const MIN_REDACTED_LEN: usize = 16;

/// Every line, in a fixed order, plus the measured clock skew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoctorReport {
    /// The profile checked.
    pub profile: String,
    /// `live`, `sandbox` or `demo`.
    pub environment: String,
    /// The API root the checks went to.
    pub base_url: Option<String>,
    /// The lines.
    pub checks: Vec<Check>,
    /// Server clock minus ours, in seconds, when an answer carried a `Date`.
    pub clock_skew_seconds: Option<i64>,
}

impl DoctorReport {
    /// True when no check failed (warnings and skipped lines do not count).
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.status != CheckStatus::Fail)
    }

    /// The line of `id`.
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// Replaces every occurrence of `secret` in the report's text with `<redacted>`. The checks
    /// never put the key in their text on purpose; this makes sure no server message echoing it
    /// can carry it into a support ticket either.
    fn redact(mut self, key: &str) -> Self {
        // The whole key, and its secret part alone (a server may quote it without the prefix).
        let secret = key.rsplit('_').next().unwrap_or(key);
        let pieces: Vec<&str> = [key, secret]
            .into_iter()
            .filter(|p| p.len() >= MIN_REDACTED_LEN)
            .collect();
        let scrub = |s: &mut String| {
            for piece in &pieces {
                if s.contains(piece) {
                    *s = s.replace(piece, "<redacted>");
                }
            }
        };
        for check in &mut self.checks {
            scrub(&mut check.summary);
            check.advice.iter_mut().for_each(scrub);
            check.steps.iter_mut().for_each(scrub);
        }
        self.base_url.iter_mut().for_each(scrub);
        self
    }
}

/// Runs every check for `profile` with `key`. Never fails: a problem is a ✗ line with advice.
///
/// `unreadable_records` is how many escrows the profile's local book holds but could not read
/// (`None` when the caller has no count): it only feeds its own line.
pub async fn doctor(
    profile: &Profile,
    key: &ApiKeySecret,
    unreadable_records: Option<u64>,
) -> DoctorReport {
    let key_check = local::key_check(profile, key);
    let key_usable = key_check.status != CheckStatus::Fail;
    let mut checks = vec![key_check];
    let mut skew = None;
    let mut base_url = profile.base_url.clone();
    match key_usable.then(|| client_for(profile, key)) {
        Some(Ok(client)) => {
            base_url = Some(client.base_url().to_string());
            let found = network::run(&client).await;
            skew = found.skew.map(|s| s.num_seconds());
            checks.extend(found.checks);
            checks.push(local::clock_check(found.skew, found.answered));
        }
        Some(Err(e)) => checks.extend(network::skipped_after(Check::fail(
            CheckId::Account,
            format!("the profile's API address is not usable: {e}"),
            "Remove the address override from the profile, or correct it.",
        ))),
        None => checks.extend(network::skipped_after(Check::skipped(
            CheckId::Account,
            "not asked: the key is not usable",
        ))),
    }
    checks.push(local::redirect_url_check(
        profile.settings.redirect_url.as_deref(),
    ));
    checks.push(local::unreadable_records_check(unreadable_records));
    DoctorReport {
        profile: profile.id.as_str().to_owned(),
        environment: profile.environment.as_str().to_owned(),
        base_url,
        checks,
        clock_skew_seconds: skew,
    }
    .redact(key.expose())
}
