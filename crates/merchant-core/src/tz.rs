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

/// The UTC instant a period whose last day is `last_day` (included) ends, exclusive: the start
/// of the next local day. Forms and the command line name periods by their first and last day;
/// the book's filters take `[start, end)`.
pub fn day_end(tz: Tz, last_day: NaiveDate) -> Result<DateTime<Utc>> {
    let next = last_day
        .succ_opt()
        .ok_or_else(|| MerchantError::InvalidInput(format!("no day after {last_day}")))?;
    day_start(tz, next)
}

/// The local calendar day of an instant.
pub fn local_day(tz: Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_named_by_its_days_covers_the_last_day_whole() {
        // Tunis is UTC+1 with no summer time now: 5 December local starts at 23:00 UTC the day before.
        assert_eq!(
            day_start(TUNIS, day("2026-12-05")).unwrap().to_rfc3339(),
            "2026-12-04T23:00:00+00:00"
        );
        assert_eq!(
            day_end(TUNIS, day("2026-12-05")).unwrap().to_rfc3339(),
            "2026-12-05T23:00:00+00:00"
        );
        // In 2008 Tunisia kept summer time (UTC+2): the end follows the zone's rules of that day.
        assert_eq!(
            day_end(TUNIS, day("2008-07-01")).unwrap().to_rfc3339(),
            "2008-07-01T22:00:00+00:00"
        );
        assert!(day_end(TUNIS, NaiveDate::MAX).is_err());
    }
}
