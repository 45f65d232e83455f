//! Due-time index: expiries are found in O(due), never by scanning every session or escrow.
//! What happens when a time falls due is the engine's (`engine::deadlines`).

use super::{Escrow, Phase};
use crate::clock::Millis;
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
    /// Takes out everything due at or before `now`.
    pub(crate) fn pop_due(&mut self, now: Millis) -> Vec<Due> {
        let later = self.by_time.split_off(&(now + 1));
        let due = std::mem::replace(&mut self.by_time, later);
        due.into_values().flatten().collect()
    }

    /// Schedules the pending proof deadline of escrow `i`, `e` (when rebuilding after a load).
    pub fn schedule_proof(&mut self, i: usize, e: &Escrow) {
        let Some(p) = e.proof.as_ref() else {
            return;
        };
        match (p.phase, p.upload_deadline, p.review_deadline) {
            (Phase::WaitingSellerProof, Some(at), _) => self.add(at, Due::ProofUpload(i)),
            (Phase::SubmittedWaitingBuyerReview, _, Some(at)) => self.add(at, Due::ProofReview(i)),
            _ => {}
        }
    }
}
