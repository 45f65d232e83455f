//! Due-time index: expiries are found in O(due), never by scanning every session or escrow.

use crate::clock::Millis;
use crate::engine::DomainEvent;
use crate::engine::proof;
use crate::store::{Phase, SessionStatus, Store};
use std::collections::BTreeMap;

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// A checkout session's 30 minutes end.
    Session(usize),
    /// A QEwP upload deadline.
    ProofUpload(usize),
    /// A QEwP review deadline.
    ProofReview(usize),
}

/// Due times, earliest first. Entries may be stale; the sweep re-checks each one.
#[derive(Debug, Default)]
pub struct Deadlines {
    by_time: BTreeMap<Millis, Vec<Due>>,
}

impl Deadlines {
    /// Schedules `due` at `at`.
    pub fn add(&mut self, at: Millis, due: Due) {
        self.by_time.entry(at).or_default().push(due);
    }
    /// The earliest scheduled time.
    pub fn next(&self) -> Option<Millis> {
        self.by_time.keys().next().copied()
    }
    fn pop_due(&mut self, now: Millis) -> Vec<Due> {
        let later = self.by_time.split_off(&(now + 1));
        let due = std::mem::replace(&mut self.by_time, later);
        due.into_values().flatten().collect()
    }
}

/// Schedules the pending proof deadline of escrow `i` (used when rebuilding after a load).
pub fn schedule_proof(store: &mut Store, i: usize) {
    let Some(p) = store.escrows[i].proof.as_ref() else {
        return;
    };
    match (p.phase, p.upload_deadline, p.review_deadline) {
        (Phase::WaitingSellerProof, Some(at), _) => store.deadlines.add(at, Due::ProofUpload(i)),
        (Phase::SubmittedWaitingBuyerReview, _, Some(at)) => {
            store.deadlines.add(at, Due::ProofReview(i))
        }
        _ => {}
    }
}

/// Applies everything due at `now`: sessions expire, proofs time out. Returns the events.
pub fn sweep(store: &mut Store, now: Millis) -> Vec<DomainEvent> {
    let mut events = Vec::new();
    for due in store.deadlines.pop_due(now) {
        match due {
            Due::Session(i) => {
                let s = &mut store.sessions[i];
                if s.status == SessionStatus::Pending && s.expires_at <= now {
                    s.status = SessionStatus::Expired;
                }
            }
            Due::ProofUpload(i) => events.extend(proof::expire_upload(store, i, now)),
            Due::ProofReview(i) => events.extend(proof::review_timeout(store, i, now)),
        }
    }
    events
}
