//! What crosses IPC: the request and response types of the commands, mirrored from merchant-core's
//! records so the UI's TypeScript types can be generated (ts-rs) without merchant-core knowing
//! about the UI. Money is integer millimes; times are RFC 3339 strings in UTC.

pub mod actions;
pub mod create;
pub mod dashboard;
pub mod escrows;
pub mod profiles;

use chrono::{DateTime, SecondsFormat, Utc};

/// RFC 3339 with milliseconds, `Z` suffix — what the UI parses with `new Date(…)`.
pub(crate) fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// [`time`] of an optional instant.
pub(crate) fn opt_time(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(time)
}
