//! Per-key sliding one-minute window (contract §1.7), on the simulated clock.

use crate::clock::{MINUTE, Millis};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Request may proceed.
    pub allowed: bool,
    /// Limit per minute.
    pub limit: u32,
    /// Requests left in the window after this one.
    pub remaining: u32,
    /// When the oldest counted request leaves the window.
    pub reset_at: Millis,
}

/// Accepted request times per key.
#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, VecDeque<Millis>>>,
}

impl RateLimiter {
    /// Counts a request for `key` at `now` unless the window is full.
    pub fn check(&self, key: &str, limit: u32, now: Millis) -> Verdict {
        let mut map = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let w = map.entry(key.to_owned()).or_default();
        while w.front().is_some_and(|t| *t <= now - MINUTE) {
            w.pop_front();
        }
        let used = u32::try_from(w.len()).unwrap_or(u32::MAX);
        let allowed = used < limit;
        if allowed {
            w.push_back(now);
        }
        let used = u32::try_from(w.len()).unwrap_or(u32::MAX);
        let reset_at = w.front().map_or(now + MINUTE, |t| t + MINUTE);
        Verdict {
            allowed,
            limit,
            remaining: limit.saturating_sub(used),
            reset_at,
        }
    }

    /// Forgets every window.
    pub fn clear(&self) {
        self.windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_slides() {
        let r = RateLimiter::default();
        for n in 0..3 {
            let v = r.check("k", 3, 1000 + n);
            assert!(v.allowed);
            assert_eq!(v.remaining, 2 - n as u32);
        }
        let v = r.check("k", 3, 2000);
        assert!(!v.allowed);
        assert_eq!(v.reset_at, 1000 + MINUTE);
        assert!(r.check("k", 3, 1000 + MINUTE).allowed);
        assert!(r.check("other", 3, 2000).allowed);
    }
}
