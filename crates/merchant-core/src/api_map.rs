//! dhmad-api objects → the book's records.

use chrono::{DateTime, Utc};
use dhmad_api::{CheckoutSession, Escrow};

use crate::book::{
    CheckoutSessionRecord, EscrowMode, EscrowRecord, EscrowRole, EscrowStatus, Party, SessionStatus,
};

/// The DHMAD user the developer account is associated with (settings' connect facts), to
/// compute each escrow's role. Both unknown: roles stay unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssociatedUser {
    /// The user's id.
    pub id: Option<String>,
    /// The user's e-mail.
    pub email: Option<String>,
}

impl AssociatedUser {
    /// Seller / buyer when the user is that party, creator when neither, `None` when the user
    /// is unknown.
    pub fn role_in(&self, r: &EscrowRecord) -> Option<EscrowRole> {
        if self.id.is_none() && self.email.is_none() {
            return None;
        }
        let is_me = |p: Option<&Party>, email: Option<&str>| {
            let by_id = self.id.is_some() && p.and_then(|p| p.id.as_ref()) == self.id.as_ref();
            let mail = p.and_then(|p| p.email.as_deref()).or(email);
            let by_mail =
                matches!((mail, &self.email), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b));
            by_id || by_mail
        };
        if is_me(r.seller.as_ref(), r.seller_email.as_deref()) {
            Some(EscrowRole::Seller)
        } else if is_me(r.buyer.as_ref(), r.buyer_email.as_deref()) {
            Some(EscrowRole::Buyer)
        } else {
            Some(EscrowRole::Creator)
        }
    }
}

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
        status: e
            .status
            .as_ref()
            .map_or(EscrowStatus::Pending, |s| EscrowStatus::parse(s.as_str())),
        mode: e.mode.as_ref().map(|m| EscrowMode::parse(m.as_str())),
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
pub fn session_status(s: Option<&dhmad_api::SessionStatus>) -> SessionStatus {
    s.map_or(SessionStatus::Pending, |s| SessionStatus::parse(s.as_str()))
}

/// Applies an observed session to a stored record (status, completion).
pub fn merge_session(rec: &mut CheckoutSessionRecord, s: &CheckoutSession) {
    rec.status = session_status(s.status.as_ref());
    rec.completed_at = s.completed_at.or(rec.completed_at);
    if let Some(exp) = s.expires_at {
        rec.expires_at = exp;
    }
}
