//! One request budget per client (shared by its clones): a sliding one-minute window, corrected
//! by the server's `X-RateLimit-*` headers, so the app stays under DHMAD's 100 requests/minute.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;
use tokio::time::Instant;

use crate::error::ApiError;

/// Rate-limit behaviour of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitConfig {
    /// Requests allowed per window before the server says otherwise (default 100).
    pub requests_per_window: u32,
    /// Window length (default 60 s).
    pub window: Duration,
    /// Longest wait for a reset, before sending or after a 429 (default 65 s). A longer wait
    /// returns a rate-limited error instead.
    pub max_wait: Duration,
    /// How many times one call is re-sent after 429 (default 3).
    pub max_429_retries: u32,
    /// Slots of each window a [`Priority::Background`] request never takes (default 10), so
    /// the merchant's own requests — a sale's create and checkout link — go out at once while
    /// a long sync has spent the rest. Background work always keeps at least one slot.
    pub foreground_reserve: u32,
}

/// Whether someone is waiting on a request right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Priority {
    /// The merchant waits for it (a sale being charged, a screen being filled): it may use
    /// every slot of the budget.
    #[default]
    Foreground,
    /// Work that can wait (a sync): it leaves [`RateLimitConfig::foreground_reserve`] slots
    /// free for foreground requests.
    Background,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            requests_per_window: 100,
            window: Duration::from_secs(60),
            max_wait: Duration::from_secs(65),
            max_429_retries: 3,
            foreground_reserve: 10,
        }
    }
}

/// The largest per-window limit believed from `X-RateLimit-Limit`. DHMAD allows 100 a minute;
/// a far larger number is a broken or hostile header, and believing it would make the budget
/// track (and allocate for) billions of requests.
pub const MAX_TRUSTED_LIMIT: u32 = 10_000;

/// The furthest reset believed from a server header (or the client's `max_wait`, if longer).
/// A reset beyond it (the year 9999) blocks sending only this long; a wait longer than
/// `max_wait` is reported at once as rate-limited, never slept through.
pub const MAX_BELIEVED_RESET: Duration = Duration::from_secs(10 * 60);

/// The budget as last known, for showing in a UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitState {
    /// Requests per window.
    pub limit: u32,
    /// Requests left now.
    pub remaining: u32,
    /// When the next request slot frees up (or the server's reset), if the budget is in use.
    pub reset: Option<DateTime<Utc>>,
}

#[derive(Debug)]
struct Inner {
    limit: u32,
    /// Send times inside the current window, oldest first.
    sent: VecDeque<Instant>,
    /// No request before this instant (server said 0 remaining, or 429).
    blocked_until: Option<Instant>,
}

/// The shared budget. Cloning shares it.
#[derive(Debug, Clone)]
pub(crate) struct RateBudget {
    inner: Arc<Mutex<Inner>>,
    window: Duration,
    /// The longest block a server header can impose ([`MAX_BELIEVED_RESET`] or `max_wait`).
    max_block: Duration,
    /// See [`RateLimitConfig::foreground_reserve`].
    foreground_reserve: u32,
}

impl RateBudget {
    pub(crate) fn new(config: &RateLimitConfig) -> Self {
        RateBudget {
            inner: Arc::new(Mutex::new(Inner {
                limit: config.requests_per_window.clamp(1, MAX_TRUSTED_LIMIT),
                sent: VecDeque::new(),
                blocked_until: None,
            })),
            window: config.window,
            max_block: config.max_wait.max(MAX_BELIEVED_RESET),
            foreground_reserve: config.foreground_reserve,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The state stays consistent even if a holder panicked: every update is one step.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn prune(&self, inner: &mut Inner, now: Instant) {
        while inner
            .sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            inner.sent.pop_front();
        }
        if inner.blocked_until.is_some_and(|b| b <= now) {
            inner.blocked_until = None;
        }
    }

    /// The slots of a window `priority` may fill: all of them, or all but the foreground
    /// reserve (never less than one, whatever limit the server announces).
    fn slots_for(&self, limit: u32, priority: Priority) -> usize {
        let slots = match priority {
            Priority::Foreground => limit,
            Priority::Background => limit.saturating_sub(self.foreground_reserve).max(1),
        };
        slots as usize
    }

    /// Takes one request slot, waiting (at most `max_wait`) while the slots `priority` may use
    /// are spent.
    pub(crate) async fn acquire(
        &self,
        max_wait: Duration,
        priority: Priority,
    ) -> Result<(), ApiError> {
        loop {
            let wait = {
                let mut inner = self.lock();
                let now = Instant::now();
                self.prune(&mut inner, now);
                let slots = self.slots_for(inner.limit, priority);
                if let Some(until) = inner.blocked_until {
                    until - now
                } else if inner.sent.len() >= slots {
                    // The send that must leave the window before one more fits under `slots`.
                    match inner.sent.get(inner.sent.len() - slots) {
                        Some(oldest) => (*oldest + self.window).saturating_duration_since(now),
                        None => Duration::ZERO,
                    }
                } else {
                    inner.sent.push_back(now);
                    return Ok(());
                }
            };
            if wait > max_wait {
                return Err(ApiError::RateLimited {
                    reset: Some(utc_after(wait)),
                });
            }
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                ?priority,
                "request budget spent; waiting"
            );
            tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
        }
    }

    /// Blocks every request for `wait` (after a 429), at most `max_block`.
    pub(crate) fn block_for(&self, wait: Duration) {
        let mut inner = self.lock();
        let until = Instant::now() + wait.min(self.max_block);
        inner.blocked_until = Some(inner.blocked_until.map_or(until, |b| b.max(until)));
    }

    /// Time until the server's `reset`, never more than `max_block`: a reset in the year 9999
    /// must not freeze the client (nor overflow an `Instant`).
    fn bounded_until(&self, reset: DateTime<Utc>) -> Duration {
        until_utc(reset).min(self.max_block)
    }

    /// Corrects the budget from a response's `X-RateLimit-*` headers, each believed only within
    /// bounds: the limit up to [`MAX_TRUSTED_LIMIT`], the remaining count up to the limit, the
    /// reset up to [`MAX_BELIEVED_RESET`] from now.
    pub(crate) fn observe(&self, headers: &HeaderMap) {
        let limit = header_u32(headers, "x-ratelimit-limit");
        let remaining = header_u32(headers, "x-ratelimit-remaining");
        let reset = reset_header(headers).map(|r| self.bounded_until(r));
        let mut inner = self.lock();
        let now = Instant::now();
        self.prune(&mut inner, now);
        if let Some(limit) = limit.filter(|l| *l > 0) {
            inner.limit = limit.min(MAX_TRUSTED_LIMIT);
        }
        let Some(remaining) = remaining.map(|r| r.min(inner.limit)) else {
            return;
        };
        // Others (another app on the same IP) may be spending the budget: count their requests
        // as ours so the local view never allows more than the server does. They leave the
        // window when the server's window resets (or after a full window if no reset is sent).
        let local_remaining = (inner.limit as usize).saturating_sub(inner.sent.len());
        let expires = reset.map_or(now, |wait| {
            (now + wait)
                .checked_sub(self.window)
                .unwrap_or(now)
                .min(now)
        });
        let others = local_remaining.saturating_sub(remaining as usize);
        count_others(&mut inner.sent, expires, others);
        if remaining == 0
            && let Some(wait) = reset
        {
            let until = now + wait;
            inner.blocked_until = Some(inner.blocked_until.map_or(until, |b| b.max(until)));
        }
    }

    /// Current state for display.
    pub(crate) fn state(&self) -> RateLimitState {
        let mut inner = self.lock();
        let now = Instant::now();
        self.prune(&mut inner, now);
        let remaining = if inner.blocked_until.is_some() {
            0
        } else {
            (inner.limit as usize).saturating_sub(inner.sent.len()) as u32
        };
        let next_free = inner
            .blocked_until
            .or_else(|| inner.sent.front().map(|t| *t + self.window));
        RateLimitState {
            limit: inner.limit,
            remaining,
            reset: next_free.map(|t| utc_after(t.saturating_duration_since(now))),
        }
    }
}

/// Adds `count` send times at `at`, keeping the queue in time order, in one pass (the count is
/// bounded by the trusted limit).
fn count_others(sent: &mut VecDeque<Instant>, at: Instant, count: usize) {
    if count == 0 {
        return;
    }
    let split = sent.partition_point(|t| *t <= at);
    let later = sent.split_off(split);
    sent.extend(std::iter::repeat_n(at, count));
    sent.extend(later);
}

fn header_u32(headers: &HeaderMap, name: &str) -> Option<u32> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// `X-RateLimit-Reset`: an ISO-8601 timestamp (contract §1.7).
pub(crate) fn reset_header(headers: &HeaderMap) -> Option<DateTime<Utc>> {
    let text = headers.get("x-ratelimit-reset")?.to_str().ok()?;
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `Retry-After`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). The caller bounds it.
pub(crate) fn retry_after_header(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    DateTime::parse_from_rfc2822(text)
        .ok()
        .map(|at| until_utc(at.with_timezone(&Utc)))
}

/// Time from now until `at` (zero if past).
pub(crate) fn until_utc(at: DateTime<Utc>) -> Duration {
    (at - Utc::now()).to_std().unwrap_or(Duration::ZERO)
}

/// Now plus `d`, saturating instead of panicking on a duration beyond the calendar.
fn utc_after(d: Duration) -> DateTime<Utc> {
    let now = Utc::now();
    chrono::Duration::from_std(d)
        .ok()
        .and_then(|d| now.checked_add_signed(d))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use reqwest::header::HeaderValue;

    fn config(n: u32) -> RateLimitConfig {
        RateLimitConfig {
            requests_per_window: n,
            ..RateLimitConfig::default()
        }
    }

    #[tokio::test(start_paused = true)]
    async fn waits_for_the_window_when_spent() {
        let budget = RateBudget::new(&config(2));
        let start = Instant::now();
        budget
            .acquire(Duration::from_secs(65), Priority::Foreground)
            .await
            .unwrap();
        budget
            .acquire(Duration::from_secs(65), Priority::Foreground)
            .await
            .unwrap();
        assert_eq!(budget.state().remaining, 0);
        budget
            .acquire(Duration::from_secs(65), Priority::Foreground)
            .await
            .unwrap();
        assert!(
            start.elapsed() >= Duration::from_secs(60),
            "third request waited a window"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn background_requests_leave_the_reserve_to_foreground_ones() {
        let config = RateLimitConfig {
            requests_per_window: 10,
            foreground_reserve: 3,
            ..RateLimitConfig::default()
        };
        let budget = RateBudget::new(&config);
        let bound = Duration::from_secs(65);
        for _ in 0..7 {
            budget.acquire(bound, Priority::Background).await.unwrap();
        }
        let start = Instant::now();
        for _ in 0..3 {
            budget.acquire(bound, Priority::Foreground).await.unwrap();
        }
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "the reserve is taken at once"
        );
        assert_eq!(budget.state().remaining, 0);
        // The eighth background request waits for the first send to leave the window.
        budget.acquire(bound, Priority::Background).await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_secs(60));
    }

    #[tokio::test(start_paused = true)]
    async fn background_waits_once_only_the_reserve_is_left() {
        let config = RateLimitConfig {
            requests_per_window: 4,
            foreground_reserve: 2,
            ..RateLimitConfig::default()
        };
        let budget = RateBudget::new(&config);
        let bound = Duration::from_secs(65);
        budget.acquire(bound, Priority::Background).await.unwrap();
        tokio::time::advance(Duration::from_secs(10)).await;
        budget.acquire(bound, Priority::Background).await.unwrap();
        let start = Instant::now();
        budget.acquire(bound, Priority::Background).await.unwrap();
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(50),
            "until the first send expired"
        );
        // A reserve as large as the limit still leaves background work one slot.
        let tiny = RateBudget::new(&RateLimitConfig {
            requests_per_window: 2,
            foreground_reserve: 10,
            ..RateLimitConfig::default()
        });
        tiny.acquire(bound, Priority::Background).await.unwrap();
        assert_eq!(tiny.state().remaining, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn refuses_a_wait_beyond_the_bound() {
        let budget = RateBudget::new(&config(1));
        budget
            .acquire(Duration::from_secs(5), Priority::Foreground)
            .await
            .unwrap();
        let err = budget
            .acquire(Duration::from_secs(5), Priority::Foreground)
            .await
            .unwrap_err();
        assert!(matches!(err, ApiError::RateLimited { reset: Some(_) }));
    }

    #[tokio::test(start_paused = true)]
    async fn server_headers_correct_the_budget() {
        let budget = RateBudget::new(&config(100));
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-limit", HeaderValue::from_static("50"));
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("7"));
        budget.observe(&h);
        let s = budget.state();
        assert_eq!((s.limit, s.remaining), (50, 7));
        assert!(s.reset.is_some());
    }

    #[tokio::test]
    async fn others_requests_expire_at_the_server_reset() {
        let budget = RateBudget::new(&config(100));
        let reset = Utc::now() + chrono::Duration::milliseconds(1500);
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        h.insert(
            "x-ratelimit-reset",
            HeaderValue::from_str(&reset.to_rfc3339()).unwrap(),
        );
        budget.observe(&h);
        assert_eq!(budget.state().remaining, 0);
        let start = Instant::now();
        budget
            .acquire(Duration::from_secs(65), Priority::Foreground)
            .await
            .unwrap();
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_millis(1400) && waited < Duration::from_secs(5),
            "{waited:?}"
        );
        assert_eq!(budget.state().remaining, 99);
    }

    fn hostile() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-limit", HeaderValue::from_static("4294967295"));
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        h.insert(
            "x-ratelimit-reset",
            HeaderValue::from_static("9999-12-31T23:59:59Z"),
        );
        h
    }

    #[tokio::test(start_paused = true)]
    async fn hostile_headers_are_believed_only_within_bounds() {
        let config = RateLimitConfig {
            max_wait: Duration::from_secs(2),
            ..RateLimitConfig::default()
        };
        let budget = RateBudget::new(&config);
        budget.observe(&hostile());
        budget.observe(&hostile());
        {
            let inner = budget.lock();
            assert_eq!(inner.limit, MAX_TRUSTED_LIMIT);
            assert!(inner.sent.len() <= MAX_TRUSTED_LIMIT as usize);
        }
        let state = budget.state();
        assert_eq!((state.limit, state.remaining), (MAX_TRUSTED_LIMIT, 0));
        let reset = state.reset.unwrap();
        let bound = Utc::now()
            + chrono::Duration::from_std(MAX_BELIEVED_RESET).unwrap()
            + chrono::Duration::seconds(1);
        assert!(reset <= bound, "{reset}");
        // Longer than the client will wait: reported at once, not slept through.
        let start = Instant::now();
        let err = budget
            .acquire(Duration::from_secs(2), Priority::Foreground)
            .await
            .unwrap_err();
        assert!(matches!(err, ApiError::RateLimited { reset: Some(r) } if r <= bound));
        assert_eq!(start.elapsed(), Duration::ZERO);
        // After the believed reset, requests flow again.
        tokio::time::advance(MAX_BELIEVED_RESET).await;
        budget
            .acquire(Duration::from_secs(2), Priority::Foreground)
            .await
            .unwrap();
    }

    #[test]
    fn remaining_above_the_limit_is_the_limit() {
        let budget = RateBudget::new(&config(100));
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-limit", HeaderValue::from_static("50"));
        h.insert(
            "x-ratelimit-remaining",
            HeaderValue::from_static("4000000000"),
        );
        budget.observe(&h);
        assert_eq!(budget.state().remaining, 50);
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(retry_after_header(&h), Some(Duration::from_secs(7)));
        h.insert(
            "retry-after",
            HeaderValue::from_static("Fri, 31 Dec 1999 23:59:59 GMT"),
        );
        assert_eq!(retry_after_header(&h), Some(Duration::ZERO));
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after_header(&h), None);
    }

    #[test]
    fn a_wait_beyond_the_calendar_saturates() {
        assert_eq!(utc_after(Duration::MAX), DateTime::<Utc>::MAX_UTC);
    }

    #[test]
    fn reset_header_is_iso8601() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-ratelimit-reset",
            HeaderValue::from_static("2024-01-15T12:00:00Z"),
        );
        assert_eq!(
            reset_header(&h).unwrap().to_rfc3339(),
            "2024-01-15T12:00:00+00:00"
        );
    }
}
