//! The simulator's clock: real time plus an offset that tests and demos move forward.
//!
//! All instants are milliseconds since the Unix epoch (`i64`), so the store stays plain data.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// One second, one minute, one hour, one day in milliseconds.
pub const SECOND: Millis = 1000;
/// One minute in milliseconds.
pub const MINUTE: Millis = 60 * SECOND;
/// One hour in milliseconds.
pub const HOUR: Millis = 60 * MINUTE;
/// One day in milliseconds.
pub const DAY: Millis = 24 * HOUR;

/// Real time plus a controllable offset (never moves backwards through `advance`).
#[derive(Debug, Default)]
pub struct SimClock {
    offset_ms: AtomicI64,
}

impl SimClock {
    /// A clock whose `now()` starts at `start` (or real time when `None`).
    pub fn new(start: Option<DateTime<Utc>>) -> Self {
        let offset = start.map_or(0, |s| s.timestamp_millis() - Utc::now().timestamp_millis());
        Self {
            offset_ms: AtomicI64::new(offset),
        }
    }

    /// Simulated now, in milliseconds.
    pub fn now(&self) -> Millis {
        Utc::now().timestamp_millis() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Moves the clock forward by `secs` seconds (negative values are ignored).
    pub fn advance(&self, secs: i64) {
        self.offset_ms
            .fetch_add(secs.max(0).saturating_mul(SECOND), Ordering::Relaxed);
    }

    /// Current offset from real time, in milliseconds.
    pub fn offset_ms(&self) -> Millis {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Sets the offset (used when restoring persisted state).
    pub fn set_offset_ms(&self, offset: Millis) {
        self.offset_ms.store(offset, Ordering::Relaxed);
    }
}

/// ISO 8601 UTC with milliseconds, e.g. `2024-01-15T10:00:00.000Z`.
pub fn iso(ms: Millis) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// ISO 8601 UTC with whole seconds, e.g. `2024-01-15T12:00:00Z` (rate-limit reset header).
pub fn iso_secs(ms: Millis) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Optional timestamp as a JSON value (`null` when absent).
pub fn iso_opt(ms: Option<Millis>) -> serde_json::Value {
    ms.map_or(serde_json::Value::Null, |m| {
        serde_json::Value::String(iso(m))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_advances() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_secs(1_500), "1970-01-01T00:00:01Z");
        let c = SimClock::new(None);
        let a = c.now();
        c.advance(3600);
        assert!(c.now() - a >= HOUR);
    }
}
