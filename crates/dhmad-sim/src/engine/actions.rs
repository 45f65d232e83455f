//! Checkout actions applied as the target user (contract §4.2). Preconditions are checked by
//! [`super::rules::check_action`] before these run.

use super::events::DomainEvent;
use super::funds::{cancel_with_refund, pay, release, set_status};
use super::proof;
use crate::clock::Millis;
use crate::store::{
    Action, Attachment, CancellationRequest, Dispute, RequestStatus, Role, Status, Store,
};

/// What the user entered on the hosted page.
#[derive(Debug, Clone, Default)]
pub struct SessionInput {
    /// Dispute or cancellation reason.
    pub reason: Option<String>,
    /// `review_proof`: accept (`true`, the default) or ask for a correction (`false`).
    pub accept: Option<bool>,
    /// `submit_proof`: seller's note.
    pub proof_note: Option<String>,
    /// `submit_proof`: the uploaded file's metadata.
    pub proof_file_meta: Option<Attachment>,
}

/// Applies `action` on escrow `i` as the party `role` (who must be registered).
pub fn apply_action(
    store: &mut Store,
    i: usize,
    action: Action,
    role: Role,
    input: SessionInput,
    now: Millis,
) -> Vec<DomainEvent> {
    match action {
        Action::SignContract => vec![sign_contract(store, i, role, now)],
        Action::AcceptPay => {
            pay(store, i);
            store.escrows[i].paid_at = Some(now);
            let mut ev = vec![set_status(store, i, Status::Paid, now)];
            ev.extend(proof::on_funded(store, i, now));
            ev
        }
        Action::Complete => {
            release(store, i);
            store.escrows[i].completed_at = Some(now);
            vec![set_status(store, i, Status::Completed, now)]
        }
        Action::Dispute => vec![open_dispute(store, i, role, input.reason, now)],
        Action::RequestCancellation => {
            vec![request_cancellation(store, i, role, input.reason, now)]
        }
        Action::RejectCancellation => answer_cancellation(store, i, role, false, now),
        Action::AcceptCancellation => answer_cancellation(store, i, role, true, now),
        Action::CancelEscrow => vec![cancel_with_refund(store, i, now)],
        Action::SubmitProof => {
            proof::submit(store, i, input.proof_note, input.proof_file_meta, now)
        }
        Action::ReviewProof => proof::review(store, i, input.accept.unwrap_or(true), now),
    }
}

/// `sign_contract` (§3.4): the party's signature time on the contract.
fn sign_contract(store: &mut Store, i: usize, role: Role, now: Millis) -> DomainEvent {
    let e = &mut store.escrows[i];
    e.updated_at = now;
    if let Some(c) = e.contract.as_mut() {
        match role {
            Role::Seller => c.seller_signed_at = Some(now),
            Role::Buyer => c.buyer_signed_at = Some(now),
        }
        c.updated_at = now;
    }
    DomainEvent::ContractSigned {
        escrow: e.id.clone(),
        by: role,
    }
}

/// `dispute` (§3.7): a support ticket with its own number, opened by the party.
fn open_dispute(
    store: &mut Store,
    i: usize,
    role: Role,
    reason: Option<String>,
    now: Millis,
) -> DomainEvent {
    store.ticket_counter += 1;
    let ticket_id = store.new_id(now);
    let n = store.ticket_counter;
    let e = &mut store.escrows[i];
    e.dispute = Some(Dispute {
        ticket_id,
        ticket_number: format!("DHM-{n:05}"),
        subject: format!("Dispute: {}", e.title),
        reason: reason.unwrap_or_default(),
        opened_by: role,
        created_at: now,
    });
    e.updated_at = now;
    DomainEvent::DisputeOpened {
        escrow: e.id.clone(),
    }
}

/// `request_cancellation` (§3.6): the buyer's request, pending the seller's answer.
fn request_cancellation(
    store: &mut Store,
    i: usize,
    role: Role,
    reason: Option<String>,
    now: Millis,
) -> DomainEvent {
    let e = &mut store.escrows[i];
    e.cancellation = e.party(role).map(|requested_by| CancellationRequest {
        requested_by,
        reason,
        status: RequestStatus::Pending,
        requested_at: now,
        decided_by: None,
        decided_at: None,
    });
    e.updated_at = now;
    DomainEvent::CancellationRequested {
        escrow: e.id.clone(),
    }
}

/// `accept_cancellation` / `reject_cancellation` (§3.6): the seller's answer; accepting
/// refunds the buyer and cancels the escrow.
fn answer_cancellation(
    store: &mut Store,
    i: usize,
    role: Role,
    accepted: bool,
    now: Millis,
) -> Vec<DomainEvent> {
    let e = &mut store.escrows[i];
    let actor = e.party(role);
    if let Some(c) = e.cancellation.as_mut() {
        c.status = if accepted {
            RequestStatus::Accepted
        } else {
            RequestStatus::Rejected
        };
        c.decided_by = actor;
        c.decided_at = Some(now);
    }
    e.updated_at = now;
    let escrow = e.id.clone();
    if accepted {
        let status = cancel_with_refund(store, i, now);
        vec![DomainEvent::CancellationAccepted { escrow }, status]
    } else {
        vec![DomainEvent::CancellationRejected { escrow }]
    }
}
