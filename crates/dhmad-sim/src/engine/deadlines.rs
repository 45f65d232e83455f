//! What falls due: checkout sessions expire after 30 minutes (§4.1), proof deadlines time out
//! (§3.5, §3.8). The store keeps the due-time index; this applies it.

use super::{DomainEvent, proof};
use crate::clock::Millis;
use crate::store::{Due, SessionStatus, Store};

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
