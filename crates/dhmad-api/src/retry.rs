//! Retry timing for reads: bounded exponential backoff with jitter.
//!
//! What may be retried is decided in the client: a GET on 5xx / network errors; any method on a
//! connect error (nothing was sent); any method on 429 (the server refused it). A POST/PUT that
//! may have reached the server is never re-sent.

use std::time::Duration;

use rand::Rng;

/// Retry behaviour for reads and connect failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    /// Retries after the first attempt (default 3).
    pub max_retries: u32,
    /// First backoff (default 200 ms); doubles each retry.
    pub initial_backoff: Duration,
    /// Cap of one backoff (default 5 s).
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryConfig {
    /// No retries at all.
    pub fn none() -> Self {
        RetryConfig {
            max_retries: 0,
            ..RetryConfig::default()
        }
    }

    /// The pause before retry number `retry` (0-based): "equal jitter", between half and all of
    /// `initial × 2^retry`, capped, so clients that failed together do not retry together.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.min(16)))
            .min(self.max_backoff);
        let half = exp / 2;
        let jitter_ms = u64::try_from(half.as_millis()).unwrap_or(u64::MAX);
        half + Duration::from_millis(rand::rng().random_range(0..=jitter_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_bounded() {
        let cfg = RetryConfig::default();
        for retry in 0..20 {
            let d = cfg.backoff(retry);
            let exp = (cfg.initial_backoff * 2u32.pow(retry.min(16))).min(cfg.max_backoff);
            assert!(d >= exp / 2 && d <= exp, "retry {retry}: {d:?}");
        }
        assert!(cfg.backoff(10) <= Duration::from_secs(5));
    }
}
