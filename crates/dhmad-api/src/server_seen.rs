//! What the last answer told about the server itself rather than about the resource: its clock
//! (the `Date` header) and whether it sends rate-limit headers. A support check (`dhmad doctor`)
//! reads it to compare the server's clock with ours; nothing in the request loop depends on it.

use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::header::{DATE, HeaderMap};

/// The server's clock as seen in one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerDate {
    /// The server's `Date` header (whole seconds, as HTTP sends it).
    pub server: DateTime<Utc>,
    /// Our clock when that answer arrived.
    pub received: DateTime<Utc>,
}

impl ServerDate {
    /// How far the server's clock is ahead of ours (negative: behind). `Date` has whole
    /// seconds, so this is exact to about one second.
    pub fn skew(&self) -> TimeDelta {
        self.server - self.received
    }
}

/// What the last answer showed (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServerSeen {
    /// The last answer's `Date` header, if it had a readable one.
    pub date: Option<ServerDate>,
    /// The last answer carried `X-RateLimit-Limit` or `X-RateLimit-Remaining`.
    pub rate_limit_headers: bool,
    /// How many answers have been received so far.
    pub answers: u64,
}

/// Shared by a client's clones; updated on every answer.
#[derive(Debug, Default)]
pub(crate) struct LastSeen(Mutex<ServerSeen>);

impl LastSeen {
    pub(crate) fn observe(&self, headers: &HeaderMap, received: DateTime<Utc>) {
        let date = http_date(headers).map(|server| ServerDate { server, received });
        let rate_limit_headers = headers.contains_key("x-ratelimit-limit")
            || headers.contains_key("x-ratelimit-remaining");
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        seen.date = date;
        seen.rate_limit_headers = rate_limit_headers;
        seen.answers = seen.answers.saturating_add(1);
    }

    pub(crate) fn get(&self) -> ServerSeen {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `Date: Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 IMF-fixdate, an RFC 2822 date with "GMT").
fn http_date(headers: &HeaderMap) -> Option<DateTime<Utc>> {
    let text = headers.get(DATE)?.to_str().ok()?;
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(date: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(DATE, HeaderValue::from_str(date).unwrap());
        h
    }

    #[test]
    fn reads_the_http_date_and_the_skew() {
        let seen = LastSeen::default();
        let received = DateTime::parse_from_rfc3339("1994-11-06T08:39:37Z")
            .unwrap()
            .with_timezone(&Utc);
        seen.observe(&headers("Sun, 06 Nov 1994 08:49:37 GMT"), received);
        let got = seen.get();
        assert_eq!(got.date.unwrap().skew(), TimeDelta::minutes(10));
        assert!(!got.rate_limit_headers);
        assert_eq!(got.answers, 1);
    }

    #[test]
    fn an_unreadable_date_is_forgotten_not_kept_from_an_earlier_answer() {
        let seen = LastSeen::default();
        seen.observe(&headers("Sun, 06 Nov 1994 08:49:37 GMT"), Utc::now());
        seen.observe(&headers("yesterday"), Utc::now());
        assert_eq!(seen.get().date, None);
        assert_eq!(seen.get().answers, 2);
    }
}
