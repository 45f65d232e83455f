//! Quick Escrow with Proof phases (contract §3.5).

use super::events::{DomainEvent, ProofEvent};
use super::funds::cancel_with_refund;
use crate::clock::{HOUR, Millis};
use crate::store::Due;
use crate::store::{Attachment, Phase, Proof, Status, Store, Submission};

/// Corrections a buyer may ask for before DHMAD staff take over.
pub const MAX_CORRECTION_ROUNDS: u32 = 3;

fn ev(store: &Store, i: usize, event: ProofEvent) -> DomainEvent {
    DomainEvent::Proof {
        escrow: store.escrows[i].id.clone(),
        event,
    }
}

/// Funding starts the upload window.
pub fn on_funded(store: &mut Store, i: usize, now: Millis) -> Vec<DomainEvent> {
    let Some(policy) = store.escrows[i].policy.clone() else {
        return Vec::new();
    };
    let deadline = now + i64::from(policy.upload_hours) * HOUR;
    store.escrows[i].proof = Some(Proof {
        phase: Phase::WaitingSellerProof,
        correction_rounds: 0,
        upload_deadline: Some(deadline),
        review_deadline: None,
        submissions: Vec::new(),
    });
    store.deadlines.add(deadline, Due::ProofUpload(i));
    vec![ev(store, i, ProofEvent::Required)]
}

/// Seller uploads; the review deadline is anchored at this submission.
pub fn submit(
    store: &mut Store,
    i: usize,
    note: Option<String>,
    file: Option<Attachment>,
    now: Millis,
) -> Vec<DomainEvent> {
    let hours = store.escrows[i]
        .policy
        .as_ref()
        .map_or(24, |p| p.review_hours);
    let deadline = now + i64::from(hours) * HOUR;
    let e = &mut store.escrows[i];
    e.updated_at = now;
    let Some(p) = e.proof.as_mut() else {
        return Vec::new();
    };
    p.phase = Phase::SubmittedWaitingBuyerReview;
    p.review_deadline = Some(deadline);
    let attachment = file.unwrap_or_else(|| Attachment {
        mime_type: "image/jpeg".into(),
        name: "proof.jpg".into(),
        size: 0,
    });
    p.submissions.push(Submission {
        submitted_at: now,
        note,
        attachments: vec![attachment],
    });
    store.deadlines.add(deadline, Due::ProofReview(i));
    vec![ev(store, i, ProofEvent::Submitted)]
}

/// Buyer accepts, or asks for a correction (after three rounds DHMAD staff review it).
pub fn review(store: &mut Store, i: usize, accept: bool, now: Millis) -> Vec<DomainEvent> {
    let e = &mut store.escrows[i];
    e.updated_at = now;
    let Some(p) = e.proof.as_mut() else {
        return Vec::new();
    };
    let event = if accept {
        p.phase = Phase::Accepted;
        ProofEvent::Accepted
    } else if p.correction_rounds >= MAX_CORRECTION_ROUNDS {
        p.phase = Phase::NeedsDhmadReview;
        ProofEvent::NeedsReview
    } else {
        p.correction_rounds += 1;
        p.phase = Phase::CorrectionRequested;
        ProofEvent::CorrectionRequested
    };
    vec![ev(store, i, event)]
}

/// Upload deadline passed without a proof: cancel and refund.
pub fn expire_upload(store: &mut Store, i: usize, now: Millis) -> Vec<DomainEvent> {
    let e = &store.escrows[i];
    let due = e.proof.as_ref().is_some_and(|p| {
        p.phase == Phase::WaitingSellerProof && p.upload_deadline.is_some_and(|d| d <= now)
    });
    if !due || e.status != Status::Paid {
        return Vec::new();
    }
    if let Some(p) = store.escrows[i].proof.as_mut() {
        p.phase = Phase::ExpiredNoProof;
    }
    let proof = ev(store, i, ProofEvent::Expired);
    vec![proof, cancel_with_refund(store, i, now)]
}

/// Review deadline passed in silence: accepted by timeout.
pub fn review_timeout(store: &mut Store, i: usize, now: Millis) -> Vec<DomainEvent> {
    let e = &mut store.escrows[i];
    let open = e.status == Status::Paid;
    let Some(p) = e.proof.as_mut() else {
        return Vec::new();
    };
    if !open
        || p.phase != Phase::SubmittedWaitingBuyerReview
        || p.review_deadline.is_none_or(|d| d > now)
    {
        return Vec::new();
    }
    p.phase = Phase::AcceptedByTimeout;
    e.updated_at = now;
    vec![ev(store, i, ProofEvent::AcceptedByTimeout)]
}

/// DHMAD staff decide a proof in `needs_dhmad_review`: accept (phase `accepted`, delivery
/// unlocked) or reject (phase `rejected`, escrow cancelled and refunded). `None` when the proof
/// is not waiting for staff.
pub fn staff_review(
    store: &mut Store,
    i: usize,
    accept: bool,
    now: Millis,
) -> Option<Vec<DomainEvent>> {
    let e = &mut store.escrows[i];
    let p = e.proof.as_mut()?;
    if e.status != Status::Paid || p.phase != Phase::NeedsDhmadReview {
        return None;
    }
    e.updated_at = now;
    if accept {
        p.phase = Phase::Accepted;
        return Some(vec![ev(store, i, ProofEvent::Accepted)]);
    }
    // No `escrow.proof.rejected` webhook is documented: the cancellation's status update is
    // what integrators see.
    p.phase = Phase::Rejected;
    Some(vec![cancel_with_refund(store, i, now)])
}
