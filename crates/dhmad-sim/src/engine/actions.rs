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
    let id = store.escrows[i].id.clone();
    let actor = store.escrows[i].party(role);
    match action {
        Action::SignContract => {
            let e = &mut store.escrows[i];
            e.updated_at = now;
            if let Some(c) = e.contract.as_mut() {
                match role {
                    Role::Seller => c.seller_signed_at = Some(now),
                    Role::Buyer => c.buyer_signed_at = Some(now),
                }
                c.updated_at = now;
            }
            vec![DomainEvent::ContractSigned {
                escrow: id,
                by: role,
            }]
        }
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
        Action::Dispute => {
            store.ticket_counter += 1;
            let ticket_id = store.new_id(now);
            let n = store.ticket_counter;
            let e = &mut store.escrows[i];
            e.dispute = Some(Dispute {
                ticket_id,
                ticket_number: format!("DHM-{n:05}"),
                subject: format!("Dispute: {}", e.title),
                reason: input.reason.unwrap_or_default(),
                opened_by: role,
                created_at: now,
            });
            e.updated_at = now;
            vec![DomainEvent::DisputeOpened { escrow: id }]
        }
        Action::RequestCancellation => {
            let e = &mut store.escrows[i];
            e.cancellation = actor.map(|requested_by| CancellationRequest {
                requested_by,
                reason: input.reason,
                status: RequestStatus::Pending,
                requested_at: now,
                decided_by: None,
                decided_at: None,
            });
            e.updated_at = now;
            vec![DomainEvent::CancellationRequested { escrow: id }]
        }
        Action::RejectCancellation | Action::AcceptCancellation => {
            let accepted = action == Action::AcceptCancellation;
            let e = &mut store.escrows[i];
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
            if accepted {
                let status = cancel_with_refund(store, i, now);
                vec![DomainEvent::CancellationAccepted { escrow: id }, status]
            } else {
                vec![DomainEvent::CancellationRejected { escrow: id }]
            }
        }
        Action::CancelEscrow => vec![cancel_with_refund(store, i, now)],
        Action::SubmitProof => {
            proof::submit(store, i, input.proof_note, input.proof_file_meta, now)
        }
        Action::ReviewProof => proof::review(store, i, input.accept.unwrap_or(true), now),
    }
}
