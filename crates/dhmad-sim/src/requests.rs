//! Log of recent API requests (for tests asserting request counts).

use crate::clock::Millis;
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::Mutex;

/// Requests kept.
pub const CAPACITY: usize = 10_000;

/// One API request.
#[derive(Debug, Clone, Serialize)]
pub struct RequestRecord {
    /// HTTP method.
    pub method: String,
    /// Path.
    pub path: String,
    /// Query string (without `?`), if any.
    pub query: Option<String>,
    /// Status answered (0 when the response was dropped).
    pub status: u16,
    /// Simulated time.
    pub at: Millis,
}

/// Ring buffer of the last [`CAPACITY`] requests plus a total counter.
#[derive(Debug, Default)]
pub struct RequestLog {
    inner: Mutex<(u64, VecDeque<RequestRecord>)>,
}

impl RequestLog {
    /// Records one request.
    pub fn push(&self, r: RequestRecord) {
        let mut g = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        g.0 += 1;
        if g.1.len() >= CAPACITY {
            g.1.pop_front();
        }
        g.1.push_back(r);
    }

    /// Total count since the last reset, and the kept records (oldest first).
    pub fn snapshot(&self) -> (u64, Vec<RequestRecord>) {
        let g = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (g.0, g.1.iter().cloned().collect())
    }

    /// Resets the counter and the buffer.
    pub fn clear(&self) {
        let mut g = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *g = (0, VecDeque::new());
    }
}
