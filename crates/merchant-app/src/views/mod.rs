//! What crosses IPC: the request and response types of the commands, mirrored from merchant-core's
//! records so the UI's TypeScript types can be generated (ts-rs) without merchant-core knowing
//! about the UI. Money is integer millimes; times are RFC 3339 strings in UTC.

pub mod actions;
pub mod books;
pub mod counter;
pub mod create;
pub mod dashboard;
pub mod day;
pub mod doctor;
pub mod escrows;
pub mod kyc;
pub mod links;
pub mod money;
pub mod profiles;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::error::{CommandError, ErrorCode};

/// RFC 3339 with milliseconds, `Z` suffix — what the UI parses with `new Date(…)`.
pub fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// [`time`] of an optional instant.
pub(crate) fn opt_time(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(time)
}

/// A `YYYY-MM-DD` day of the form field `field`.
pub fn parse_day(field: &str, text: &str) -> Result<NaiveDate, CommandError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CommandError::new(
            ErrorCode::Validation,
            format!("{field}: not a date: {text}"),
        )
    })
}
