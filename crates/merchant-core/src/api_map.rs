//! dhmad-api objects → the book's records.

use chrono::{DateTime, Duration, Utc};
use dhmad_api::{CheckoutSession, CreatedSession, Escrow, IdentityVerification};

use crate::book::{
    CheckoutSessionRecord, EscrowRecord, EscrowStatus, KycInviteRecord, KycStatus, Party,
    SessionAction, SessionStatus,
};

/// Maps an API escrow (any partial shape) to a book record. Missing money is 0, a missing
/// `createdAt` is `observed_at`, a missing `amountTnd` is the face amount.
pub fn escrow_record(e: &Escrow, observed_at: DateTime<Utc>) -> EscrowRecord {
    let amount = e.amount.map_or(0, |m| m.millimes());
    let json = |v: Option<serde_json::Value>| v.filter(|v| !v.is_null());
    EscrowRecord {
        id: e.id.as_str().to_owned(),
        title: e.title.clone().unwrap_or_default(),
        description: e.description.clone(),
        amount,
        currency: e
            .currency
            .as_ref()
            .map_or_else(|| "TND".to_owned(), |c| c.as_str().to_owned()),
        amount_tnd: e.amount_tnd.map_or(amount, |m| m.millimes()),
        escrow_fee: e.escrow_fee.map_or(0, |m| m.millimes()),
        developer_fee: e.developer_fee.map_or(0, |m| m.millimes()),
        developer_fee_bp: e.developer_fee_percentage.as_ref().and_then(|p| {
            use std::str::FromStr;
            i64::from_str(&(p.0 * dhmad_api::Decimal::from(100)).trunc().to_string()).ok()
        }),
        status: e.status.clone().unwrap_or(EscrowStatus::Pending),
        mode: e.mode.clone(),
        role: None,
        seller: e.seller.as_ref().map(party),
        buyer: e.buyer.as_ref().map(party),
        seller_email: e.seller_email.clone(),
        buyer_email: e.buyer_email.clone(),
        estimated_delivery_days: e.estimated_delivery_days.map(i64::from),
        expires_at: e.expires_at,
        paid_at: e.paid_at,
        delivered_at: e.delivered_at,
        completed_at: e.completed_at,
        cancelled_at: e.cancelled_at,
        created_at: e.created_at.unwrap_or(observed_at),
        updated_at: e.updated_at,
        completion_deadline: e.completion_deadline,
        created_via_third_party: e.created_via_third_party,
        created_by_application_name: e.created_by_application_name.clone(),
        dispute_ticket_id: e.dispute_ticket_id.as_ref().map(|d| d.as_str().to_owned()),
        dispute_ticket: None,
        signatures: json(
            e.signatures
                .as_ref()
                .and_then(|v| serde_json::to_value(v).ok()),
        ),
        proof_info: json(
            e.proof_info
                .as_ref()
                .and_then(|v| serde_json::to_value(v).ok()),
        ),
        fulfillment_policy: json(
            e.fulfillment_policy
                .as_ref()
                .and_then(|v| serde_json::to_value(v).ok()),
        ),
        delivery_rejections: json(
            e.delivery_rejections
                .as_ref()
                .and_then(|v| serde_json::to_value(v).ok()),
        ),
        cancellation: None,
        raw_json: serde_json::to_value(e).ok(),
    }
}

fn party(p: &dhmad_api::Party) -> Party {
    match p {
        dhmad_api::Party::Id(id) => Party {
            id: Some(id.as_str().to_owned()),
            ..Party::default()
        },
        dhmad_api::Party::User(u) => Party {
            id: u.id.as_ref().map(|i| i.as_str().to_owned()),
            email: u.email.clone(),
            first_name: u.first_name.clone(),
            last_name: u.last_name.clone(),
        },
    }
}

/// The book's status for a session status from the API.
pub fn session_status(s: Option<&SessionStatus>) -> SessionStatus {
    s.cloned().unwrap_or(SessionStatus::Pending)
}

/// Applies an observed session to a stored record (status, completion).
pub fn merge_session(rec: &mut CheckoutSessionRecord, s: &CheckoutSession) {
    rec.status = session_status(s.status.as_ref());
    rec.completed_at = s.completed_at.or(rec.completed_at);
    if let Some(exp) = s.expires_at {
        rec.expires_at = exp;
    }
}

/// An observed escrow merged over the stored one. Action responses may be partial (the
/// contract's deliver/cancel examples have no seller, buyer or mode): a partial object (no
/// title or amount) only moves the status and its timestamps; a whole one replaces the record
/// but keeps what only the book knows (the role, the cancellation request).
pub fn merge_escrow(
    old: Option<EscrowRecord>,
    e: &Escrow,
    observed_at: DateTime<Utc>,
) -> EscrowRecord {
    let fresh = escrow_record(e, observed_at);
    let Some(mut old) = old else {
        return fresh;
    };
    if e.title.is_some() && e.amount.is_some() {
        let mut rec = fresh;
        rec.role = rec.role.or(old.role);
        rec.mode = rec.mode.or(old.mode);
        rec.cancellation = rec.cancellation.or(old.cancellation);
        rec.dispute_ticket = rec.dispute_ticket.or(old.dispute_ticket);
        return rec;
    }
    // A rejected delivery (back to paid) clears deliveredAt and completionDeadline.
    let back_to_paid = fresh.status == EscrowStatus::Paid;
    old.status = fresh.status;
    old.updated_at = fresh.updated_at.or(old.updated_at);
    old.paid_at = fresh.paid_at.or(old.paid_at);
    old.delivered_at = if back_to_paid {
        fresh.delivered_at
    } else {
        fresh.delivered_at.or(old.delivered_at)
    };
    old.completion_deadline = if back_to_paid {
        fresh.completion_deadline
    } else {
        fresh.completion_deadline.or(old.completion_deadline)
    };
    old.completed_at = fresh.completed_at.or(old.completed_at);
    old.cancelled_at = fresh.cancelled_at.or(old.cancelled_at);
    old.description = fresh.description.or(old.description);
    old.estimated_delivery_days = fresh
        .estimated_delivery_days
        .or(old.estimated_delivery_days);
    old.delivery_rejections = fresh.delivery_rejections.or(old.delivery_rejections);
    old
}

/// The book's record of a session this app just created.
pub fn created_session_record(
    s: &CreatedSession,
    escrow_id: &str,
    action: SessionAction,
    target_email: &str,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> CheckoutSessionRecord {
    CheckoutSessionRecord {
        session_id: s.session_id.as_str().to_owned(),
        escrow_id: escrow_id.to_owned(),
        action,
        target_email: target_email.to_owned(),
        redirect_url: redirect_url.to_owned(),
        url: s.url.clone(),
        expires_at: s.expires_at.unwrap_or(now + Duration::minutes(30)),
        status: SessionStatus::Pending,
        completed_at: None,
        created_at: now,
        metadata: None,
    }
}

/// An identity verification → the book's invite record (missing `created_at`: `observed_at`).
pub fn invite_record(v: &IdentityVerification, observed_at: DateTime<Utc>) -> KycInviteRecord {
    KycInviteRecord {
        id: v.id.as_str().to_owned(),
        email: v.email.clone().unwrap_or_default().to_lowercase(),
        external_user_id: v.external_user_id.clone(),
        kyc_status: v.kyc_status.clone().unwrap_or(KycStatus::Pending),
        didit_session_status: v.didit_session_status.clone(),
        needs_admin_review: v.needs_admin_review,
        claim_status: v.claim_status.clone(),
        linked_user_id: v.linked_user_id.as_ref().map(|u| u.as_str().to_owned()),
        linked_at: v.linked_at,
        verification_email_sent: v.verification_email_sent,
        verification_email_sent_at: v.verification_email_sent_at,
        created_at: v.created_at.unwrap_or(observed_at),
        updated_at: v.updated_at,
        expires_at: v.expires_at,
        raw_json: serde_json::to_value(v).ok(),
    }
}
