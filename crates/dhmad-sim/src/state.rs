//! Shared application state handed to every handler.

use crate::clock::{Millis, SimClock};
use crate::config::{Demo, SimConfig};
use crate::engine::DomainEvent;
use crate::events_log::EventLog;
use crate::faults::Faults;
use crate::rate_limit::RateLimiter;
use crate::requests::RequestLog;
use crate::store::Store;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Cheap-to-clone handle on the simulator's state.
#[derive(Debug, Clone)]
pub struct AppState(pub Arc<Inner>);

/// Everything behind the handle.
#[derive(Debug)]
pub struct Inner {
    /// The data; reads take the read lock only.
    pub store: RwLock<Store>,
    /// Simulated clock.
    pub clock: SimClock,
    /// Start configuration.
    pub config: SimConfig,
    /// `http://HOST:PORT` actually bound.
    pub origin: String,
    /// Origin used in checkout URLs.
    pub public_origin: String,
    /// Domain events.
    pub events: EventLog,
    /// Per-key sliding window.
    pub limiter: RateLimiter,
    /// Injected faults.
    pub faults: Faults,
    /// Recent API requests.
    pub requests: RequestLog,
    /// Earliest deadline (ms), so requests skip the write lock when nothing is due.
    pub next_due: AtomicI64,
    /// Bumped on every change (persistence watches it).
    pub version: AtomicU64,
    /// Demo credentials.
    pub demo: RwLock<Demo>,
    /// Webhook delivery attempts (`GET /__sim/webhooks`).
    pub deliveries: crate::delivery_log::DeliveryLog,
}

impl AppState {
    /// Read access.
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.0
            .store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Write access.
    pub fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.0
            .store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Simulated now.
    pub fn now(&self) -> Millis {
        self.0.clock.now()
    }

    /// Runs a transition under the write lock; on success logs its events and marks a change.
    pub fn mutate<R, E>(
        &self,
        f: impl FnOnce(&mut Store, Millis) -> Result<(R, Vec<DomainEvent>), E>,
    ) -> Result<R, E> {
        let now = self.now();
        let mut store = self.write();
        let (r, events) = f(&mut store, now)?;
        self.after_change(&store, events, now);
        Ok(r)
    }

    /// Logs events, refreshes the next deadline and bumps the version.
    pub fn after_change(&self, store: &Store, events: Vec<DomainEvent>, now: Millis) {
        self.0
            .events
            .push(store, events, now, &self.0.public_origin);
        self.0.next_due.store(
            store.deadlines.next().unwrap_or(Millis::MAX),
            Ordering::Relaxed,
        );
        self.0.version.fetch_add(1, Ordering::Relaxed);
    }

    /// Applies due deadlines (cheap when none is due).
    pub fn sweep(&self) {
        let now = self.now();
        if now < self.0.next_due.load(Ordering::Relaxed) {
            return;
        }
        let mut store = self.write();
        let events = crate::engine::deadlines::sweep(&mut store, now);
        self.after_change(&store, events, now);
    }
}
