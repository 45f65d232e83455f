//! Signed webhook deliveries (contract §6.2–6.4).
//!
//! A worker task follows the event log. For each event with a webhook type it finds the active
//! webhooks of the developers in scope, serialises the payload ONCE as compact JSON and spawns
//! one delivery per webhook (so a slow or failing receiver never holds up the others, nor any
//! API request). Each delivery has its own `X-Webhook-Id`, kept across its retries; the body's
//! `id` identifies the event and is the same for every webhook it goes to.

use crate::clock::iso;
use crate::delivery_log::DeliveryRecord;
use crate::events_log::LoggedEvent;
use crate::state::AppState;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::{Receiver, error::RecvError};
use tokio::task::JoinHandle;

/// Attempts per delivery, the first included.
pub const MAX_ATTEMPTS: u32 = 3;
/// Wait before attempt 2, 3.
pub const BACKOFF: [Duration; 2] = [Duration::from_secs(1), Duration::from_secs(2)];
/// A receiver must answer within this.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Lowercase hex HMAC-SHA256 of `body` with `secret` as the key.
pub fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this never fails.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

#[derive(Serialize)]
struct Envelope<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    timestamp: String,
    data: &'a serde_json::value::RawValue,
}

/// Starts the worker. It subscribes before returning, so no event logged afterwards is missed.
pub fn spawn_worker(state: AppState) -> JoinHandle<()> {
    let rx = state.0.events.subscribe();
    tokio::spawn(run(state, rx))
}

async fn run(state: AppState, mut rx: Receiver<Arc<LoggedEvent>>) {
    let client = match reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("webhook deliveries disabled: cannot build HTTP client: {e}");
            return;
        }
    };
    let mut last = 0u64;
    loop {
        let batch = match rx.recv().await {
            Ok(ev) => vec![ev],
            // Fell behind the broadcast buffer: catch up from the log.
            Err(RecvError::Lagged(_)) => state.0.events.since(last),
            Err(RecvError::Closed) => return,
        };
        for ev in batch {
            if ev.seq <= last {
                continue;
            }
            last = ev.seq;
            dispatch(&state, &client, &ev);
        }
    }
}

struct Job {
    webhook_id: String,
    event_type: &'static str,
    event_id: String,
    delivery_id: String,
    body: Bytes,
}

fn dispatch(state: &AppState, client: &reqwest::Client, ev: &LoggedEvent) {
    let (Some(kind), Some(data)) = (ev.webhook_type, ev.data.as_ref()) else {
        return;
    };
    let targets: Vec<String> = {
        let store = state.read();
        ev.developers
            .iter()
            .filter_map(|d| store.idx.dev_by_id.get(d).copied())
            .flat_map(|d| {
                store
                    .webhooks
                    .iter()
                    .filter(move |w| w.developer == d && w.wants(kind))
                    .map(|w| w.id.clone())
            })
            .collect()
    };
    if targets.is_empty() {
        return;
    }
    let event_id = uuid::Uuid::new_v4().to_string();
    let envelope = Envelope {
        id: &event_id,
        kind,
        timestamp: iso(ev.at),
        data,
    };
    let Ok(body) = serde_json::to_vec(&envelope) else {
        return;
    };
    let body = Bytes::from(body);
    for webhook_id in targets {
        let job = Job {
            webhook_id,
            event_type: kind,
            event_id: event_id.clone(),
            delivery_id: uuid::Uuid::new_v4().to_string(),
            body: body.clone(),
        };
        tokio::spawn(deliver(state.clone(), client.clone(), job));
    }
}

/// The webhook's current url and secret, if it still exists and is active (a regenerated
/// secret applies to the next attempt at once).
fn current(state: &AppState, id: &str) -> Option<(String, String)> {
    let store = state.read();
    store
        .webhooks
        .iter()
        .find(|w| w.id == id && w.is_active)
        .map(|w| (w.url.clone(), w.secret.clone()))
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        format!("timeout: no response within {} s", TIMEOUT.as_secs())
    } else if e.is_connect() {
        "connection failed".to_owned()
    } else {
        e.to_string()
    }
}

async fn deliver(state: AppState, client: reqwest::Client, job: Job) {
    for attempt in 1..=MAX_ATTEMPTS {
        let Some((url, secret)) = current(&state, &job.webhook_id) else {
            return;
        };
        let timestamp = iso(state.now());
        let signature = sign(&secret, &job.body);
        let result = client
            .post(&url)
            .header("Content-Type", "application/json")
            .header("X-Webhook-Signature", &signature)
            .header("X-Webhook-Event", job.event_type)
            .header("X-Webhook-Id", &job.delivery_id)
            .header("X-Webhook-Timestamp", &timestamp)
            .body(job.body.clone())
            .send()
            .await;
        let (status, error) = match result {
            Ok(r) => (Some(r.status().as_u16()), None),
            Err(e) => (None, Some(describe(&e))),
        };
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        record_stats(&state, &job.webhook_id, status, ok);
        state.0.deliveries.push(DeliveryRecord {
            webhook_id: job.webhook_id.clone(),
            url,
            event_type: job.event_type.to_owned(),
            event_id: job.event_id.clone(),
            delivery_id: job.delivery_id.clone(),
            attempt,
            status,
            error,
            ok,
            at: iso(state.now()),
            timestamp,
            signature,
            body: String::from_utf8_lossy(&job.body).into_owned(),
        });
        // Success, or a 4xx the receiver meant: no retry.
        if ok || status.is_some_and(|s| (400..500).contains(&s)) {
            return;
        }
        if let Some(wait) = BACKOFF.get(usize::try_from(attempt - 1).unwrap_or(usize::MAX)) {
            tokio::time::sleep(*wait).await;
        }
    }
}

fn record_stats(state: &AppState, id: &str, status: Option<u16>, ok: bool) {
    let now = state.now();
    {
        let mut store = state.write();
        if let Some(w) = store.webhooks.iter_mut().find(|w| w.id == id) {
            w.last_triggered_at = Some(now);
            w.last_response_status = status;
            w.failure_count = if ok { 0 } else { w.failure_count + 1 };
        }
    }
    state
        .0
        .version
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_lowercase_hex_hmac_sha256() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
