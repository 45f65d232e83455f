//! What crosses IPC beside merchant-core's own types: the commands' requests, and the answers that
//! compose records or shape them for a screen (a row with its net and display e-mails, a detail
//! with the actions allowed now). A merchant-core type that serializes as the UI reads it crosses
//! as it is (settings, totals, the doctor's lines, every enum), with its TypeScript from ts-rs.
//! Money is integer millimes; times are RFC 3339 strings in UTC.

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
