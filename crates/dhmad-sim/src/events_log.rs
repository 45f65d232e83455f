//! The event log: every domain event, in order, with a snapshot of the escrow at that moment
//! and the developers in whose webhook scope it falls (contract §6.1). Webhook delivery reads
//! it (`subscribe` for live events, `since` to catch up).
//!
//! Memory: the JSON parts are kept as compact serialised text, not as `serde_json::Value` trees
//! (a tree costs several times its text), and each event is shared behind an `Arc`, so the live
//! feed and a catch-up copy cost a reference count, not a deep copy. A `--history 100000` start
//! sweeps thousands of seeded deadlines at once, which fills this log (see BENCHMARKS.md).

use crate::clock::Millis;
use crate::engine::DomainEvent;
use crate::store::Store;
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// Events kept in memory.
pub const LOG_CAPACITY: usize = 10_000;

/// One logged event.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedEvent {
    /// 1, 2, 3… in order of occurrence.
    pub seq: u64,
    /// Simulated time of the event (ms since epoch).
    pub at: Millis,
    /// What happened.
    pub event: DomainEvent,
    /// Webhook type (`None`: no webhook exists for it).
    pub webhook_type: Option<&'static str>,
    /// Escrow object (`escrow_json`) right after the transition, for escrow events (compact JSON).
    pub escrow: Option<Box<RawValue>>,
    /// Developer ids whose webhooks cover this event (creator, and the developers associated
    /// with the seller or buyer; the verification's developer for identity events).
    pub developers: Vec<String>,
    /// The webhook payload's `data` (contract §6.5), when the event has a webhook type (compact
    /// JSON, exactly the bytes a delivery sends).
    pub data: Option<Box<RawValue>>,
}

/// Ring buffer plus a broadcast channel.
#[derive(Debug)]
pub struct EventLog {
    inner: Mutex<(u64, VecDeque<Arc<LoggedEvent>>)>,
    tx: broadcast::Sender<Arc<LoggedEvent>>,
}

impl Default for EventLog {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(1024);
        Self {
            inner: Mutex::new((0, VecDeque::new())),
            tx,
        }
    }
}

impl EventLog {
    /// Records events (called under the store's write lock so snapshots are consistent).
    pub fn push(&self, store: &Store, events: Vec<DomainEvent>, at: Millis, origin: &str) {
        if events.is_empty() {
            return;
        }
        let mut g = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for event in events {
            g.0 += 1;
            let (escrow, developers) = scope(store, &event, origin);
            let data = crate::webhooks::payload::data(store, &event, escrow.as_ref(), origin);
            let logged = Arc::new(LoggedEvent {
                seq: g.0,
                at,
                webhook_type: event.webhook_type(),
                event,
                escrow: escrow.as_ref().and_then(compact),
                developers,
                data: data.as_ref().and_then(compact),
            });
            if g.1.len() >= LOG_CAPACITY {
                g.1.pop_front();
            }
            g.1.push_back(logged.clone());
            // No receiver is fine: nobody listens yet.
            let _ = self.tx.send(logged);
        }
    }

    /// Live feed of new events.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LoggedEvent>> {
        self.tx.subscribe()
    }

    /// Events with `seq > after`, oldest first.
    pub fn since(&self, after: u64) -> Vec<Arc<LoggedEvent>> {
        let g = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        g.1.iter().filter(|e| e.seq > after).cloned().collect()
    }

    /// Forgets everything (reset).
    pub fn clear(&self) {
        let mut g = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        g.1.clear();
    }
}

/// Compact JSON text of a value (serialising a `Value` cannot fail: its keys are strings).
fn compact(v: &Value) -> Option<Box<RawValue>> {
    serde_json::value::to_raw_value(v).ok()
}

fn scope(store: &Store, event: &DomainEvent, origin: &str) -> (Option<Value>, Vec<String>) {
    if let Some(id) = event.escrow_id() {
        let Some(i) = store.escrow_idx(id) else {
            return (None, Vec::new());
        };
        let e = &store.escrows[i];
        let mut devs = vec![e.developer];
        for u in [e.seller, e.buyer].into_iter().flatten() {
            if let Some(d) = store.idx.dev_by_user.get(&u) {
                devs.push(*d);
            }
        }
        devs.sort_unstable();
        devs.dedup();
        let ids = devs
            .into_iter()
            .map(|d| store.developers[d].id.clone())
            .collect();
        return (Some(crate::model::escrow_json(store, i, origin)), ids);
    }
    let vid = match event {
        DomainEvent::IdentityUpdated { verification, .. }
        | DomainEvent::IdentityLinked { verification } => verification,
        _ => return (None, Vec::new()),
    };
    let devs = store
        .idx
        .verif_by_id
        .get(vid)
        .map(|v| {
            vec![
                store.developers[store.verifications[*v].developer]
                    .id
                    .clone(),
            ]
        })
        .unwrap_or_default();
    (None, devs)
}
