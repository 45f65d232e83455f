//! Local time: DHMAD's merchants live in Africa/Tunis; reports, dashboards and CSV use it.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{MerchantError, Result};

/// The merchants' time zone.
pub const TUNIS: Tz = chrono_tz::Africa::Tunis;

/// The UTC instant of local midnight starting `day` in `tz`. If midnight does not exist (a DST
/// jump at midnight) the first instant of the day is used.
pub fn day_start(tz: Tz, day: NaiveDate) -> Result<DateTime<Utc>> {
    let midnight = day.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => {
            // Skipped hour(s): take the first existing local minute of the day.
            (1..=180)
                .filter_map(|m| {
                    let t = midnight + chrono::Duration::minutes(m);
                    tz.from_local_datetime(&t).earliest()
                })
                .next()
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| MerchantError::InvalidInput(format!("no local midnight on {day}")))
        }
    }
}

/// The local calendar day of an instant.
pub fn local_day(tz: Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}
