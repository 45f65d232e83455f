//! The webhook delivery attempts kept for `GET /__sim/webhooks`, so a developer can see what
//! was sent, signed how, and what the receiver answered (contract §6.2–6.4).

use serde::Serialize;
use std::collections::VecDeque;
use std::sync::Mutex;

/// Delivery attempts kept for `GET /__sim/webhooks`.
pub const LOG_CAPACITY: usize = 1000;

/// One delivery attempt, as listed by `GET /__sim/webhooks`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryRecord {
    /// Webhook id.
    pub webhook_id: String,
    /// URL posted to.
    pub url: String,
    /// `X-Webhook-Event`.
    pub event_type: String,
    /// The body's `id` (one per event).
    pub event_id: String,
    /// `X-Webhook-Id` (one per delivery, same across its retries).
    pub delivery_id: String,
    /// 1, 2 or 3.
    pub attempt: u32,
    /// HTTP status received (`null` on timeout or connection error).
    pub status: Option<u16>,
    /// Why no status was received.
    pub error: Option<String>,
    /// A 2xx status arrived in time.
    pub ok: bool,
    /// Simulated time of the attempt (ISO).
    pub at: String,
    /// `X-Webhook-Timestamp` sent.
    pub timestamp: String,
    /// `X-Webhook-Signature` sent.
    pub signature: String,
    /// The exact body sent (the signed bytes).
    pub body: String,
}

/// Recent delivery attempts, oldest first.
#[derive(Debug, Default)]
pub struct DeliveryLog {
    inner: Mutex<VecDeque<DeliveryRecord>>,
}

impl DeliveryLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<DeliveryRecord>> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
    /// Adds an attempt (drops the oldest past [`LOG_CAPACITY`]).
    pub fn push(&self, r: DeliveryRecord) {
        let mut g = self.lock();
        if g.len() >= LOG_CAPACITY {
            g.pop_front();
        }
        g.push_back(r);
    }
    /// All kept attempts, oldest first.
    pub fn list(&self) -> Vec<DeliveryRecord> {
        self.lock().iter().cloned().collect()
    }
    /// Forgets everything.
    pub fn clear(&self) {
        self.lock().clear();
    }
}
