//! The checks that need no request: the key's shape, the clock verdict, the redirect URL and the
//! book's unreadable records.

use chrono::TimeDelta;

use super::{Check, CheckId};
use crate::profile::{Environment, Profile};
use crate::secrets::ApiKeySecret;

/// A skew up to this many seconds is fine: `Date` has whole seconds and a request takes time.
pub const CLOCK_WARN_SECS: i64 = 5;
/// Beyond this the clock check fails: deadlines and link expiries shown in the app are then
/// visibly wrong, and anything that compares DHMAD's timestamps with ours becomes unreliable.
pub const CLOCK_FAIL_SECS: i64 = 60;

const NEW_KEY: &str = "Copy the secret key again from https://developer.dhmad.tn/dashboard \
                       (API keys) and save it in this profile.";

/// The key's shape and whether its prefix names the profile's environment.
pub(super) fn key_check(profile: &Profile, key: &ApiKeySecret) -> Check {
    let parsed = match dhmad_api::ApiKey::parse(key.expose()) {
        Ok(parsed) => parsed,
        // The parse error describes the shape ("must start with sk_live_…") and never echoes it.
        Err(e) => return Check::fail(CheckId::Key, e.to_string(), NEW_KEY),
    };
    let key_env = parsed.environment();
    let agrees = matches!(
        (profile.environment, key_env),
        (Environment::Live, dhmad_api::Environment::Live)
            | (
                Environment::Sandbox | Environment::Demo,
                dhmad_api::Environment::Sandbox
            )
    );
    if !agrees {
        return Check::fail(
            CheckId::Key,
            format!(
                "a {key_env} key is saved in a {} profile",
                profile.environment.as_str()
            ),
            format!(
                "Save a {} key (sk_{}_…) in this profile, or add a {key_env} profile for this key.",
                profile.environment.as_str(),
                profile.environment.as_str()
            ),
        );
    }
    Check::ok(
        CheckId::Key,
        format!("a well-formed {key_env} key (sk_{key_env}_ and 64 hexadecimal characters)"),
    )
}

/// The verdict on the server's clock against ours. `answered` says whether any answer came.
pub(super) fn clock_check(skew: Option<TimeDelta>, answered: bool) -> Check {
    let Some(skew) = skew else {
        return if answered {
            Check::warn(
                CheckId::Clock,
                "the server's answers carried no Date header, so the clocks were not compared",
                "Nothing to do unless times in the app look wrong.",
            )
        } else {
            Check::skipped(CheckId::Clock, "not compared: the server did not answer")
        };
    };
    let secs = skew.num_seconds();
    let how = if secs >= 0 { "ahead of" } else { "behind" };
    let summary = format!(
        "the server's clock is {secs:+} s ({} s {how} this computer)",
        secs.abs()
    );
    let advice = "Set this computer's date and time to update automatically (Settings → Date & \
                  time), then check again: deadlines, link expiries and the counter's search for \
                  a lost answer compare DHMAD's times with this clock.";
    match secs.abs() {
        s if s <= CLOCK_WARN_SECS => Check::ok(CheckId::Clock, summary),
        s if s <= CLOCK_FAIL_SECS => Check::warn(CheckId::Clock, summary, advice),
        _ => Check::fail(CheckId::Clock, summary, advice),
    }
}

/// The profile's redirect URL against the API's rules (contract §4.5).
pub(super) fn redirect_url_check(url: Option<&str>) -> Check {
    let Some(url) = url.filter(|u| !u.trim().is_empty()) else {
        return Check::warn(
            CheckId::RedirectUrl,
            "no redirect URL is set, so no checkout link (counter sale, share) can be made",
            "Set it in Settings to one of the allowed redirect URLs of your developer dashboard \
             (https://developer.dhmad.tn/dashboard/settings).",
        );
    };
    match dhmad_api::redirect_url_problem(url) {
        None => Check::ok(
            CheckId::RedirectUrl,
            format!(
                "{url} follows the API's rules (whether it is in your allow-list shows when a \
                 checkout link is made)"
            ),
        ),
        Some(problem) => Check::fail(
            CheckId::RedirectUrl,
            format!("{url} {problem}"),
            "Use an https:// address (http:// only for localhost) that is in the allowed \
             redirect URLs of your developer dashboard, and save it in Settings.",
        ),
    }
}

/// Escrows the book kept but could not read. `None`: the caller has no count to give.
pub(super) fn unreadable_records_check(count: Option<u64>) -> Check {
    match count {
        None => Check::skipped(
            CheckId::UnreadableRecords,
            "not counted: no local book was opened",
        ),
        Some(0) => Check::ok(
            CheckId::UnreadableRecords,
            "every escrow DHMAD sent could be read",
        ),
        Some(n) => Check::warn(
            CheckId::UnreadableRecords,
            format!(
                "{n} escrow{} could not be read and {} kept aside",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" }
            ),
            "Send this report and the output of `dhmad sync --json` (or the dashboard's \
             \"Copy for support\") to DHMAD support.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::CheckStatus;
    use crate::profile::ProfileId;

    fn profile(env: Environment) -> Profile {
        Profile::new(ProfileId::new("p").unwrap(), "P", env)
    }

    #[test]
    fn key_shape_and_environment() {
        let sandbox = ApiKeySecret::new(format!("sk_sandbox_{}", "ab".repeat(32)));
        let live = ApiKeySecret::new(format!("sk_live_{}", "ab".repeat(32)));
        let short = ApiKeySecret::new("sk_live_abc");
        assert_eq!(
            key_check(&profile(Environment::Sandbox), &sandbox).status,
            CheckStatus::Ok
        );
        assert_eq!(
            key_check(&profile(Environment::Demo), &sandbox).status,
            CheckStatus::Ok
        );
        let wrong = key_check(&profile(Environment::Sandbox), &live);
        assert_eq!(wrong.status, CheckStatus::Fail);
        assert_eq!(wrong.summary, "a live key is saved in a sandbox profile");
        let bad = key_check(&profile(Environment::Live), &short);
        assert_eq!(bad.status, CheckStatus::Fail);
        assert!(bad.summary.contains("64 hexadecimal"), "{}", bad.summary);
        assert!(!bad.summary.contains("abc"), "{}", bad.summary);
    }

    #[test]
    fn clock_thresholds() {
        let at = |s| clock_check(Some(TimeDelta::seconds(s)), true).status;
        assert_eq!(at(0), CheckStatus::Ok);
        assert_eq!(at(-5), CheckStatus::Ok);
        assert_eq!(at(30), CheckStatus::Warn);
        assert_eq!(at(-61), CheckStatus::Fail);
        assert_eq!(clock_check(None, true).status, CheckStatus::Warn);
        assert_eq!(clock_check(None, false).status, CheckStatus::Skipped);
        assert_eq!(
            clock_check(Some(TimeDelta::seconds(-600)), true).summary,
            "the server's clock is -600 s (600 s behind this computer)"
        );
    }

    #[test]
    fn redirect_url_rules() {
        let status = |u: Option<&str>| redirect_url_check(u).status;
        assert_eq!(status(Some("https://shop.tn/back")), CheckStatus::Ok);
        assert_eq!(status(Some("http://localhost:3000/cb")), CheckStatus::Ok);
        assert_eq!(status(Some("http://shop.tn/back")), CheckStatus::Fail);
        assert_eq!(status(Some("shop.tn")), CheckStatus::Fail);
        assert_eq!(status(None), CheckStatus::Warn);
        assert_eq!(status(Some("  ")), CheckStatus::Warn);
    }

    #[test]
    fn unreadable_records_line() {
        assert_eq!(unreadable_records_check(None).status, CheckStatus::Skipped);
        assert_eq!(unreadable_records_check(Some(0)).status, CheckStatus::Ok);
        let one = unreadable_records_check(Some(1));
        assert_eq!(one.status, CheckStatus::Warn);
        assert_eq!(one.summary, "1 escrow could not be read and is kept aside");
    }
}
