//! KYC invites: identity verifications for people without a DHMAD account yet (contract §5).
//!
//! DHMAD answers a second invite for an e-mail that has a pending one with the existing record
//! (200) and resends the invite e-mail at most every 5 minutes. The book knows when the last
//! e-mail went out, so a resend inside those 5 minutes is refused here, with the time a resend
//! is allowed, without a request.

use chrono::{DateTime, Duration, Utc};
use dhmad_api::{Client, CreateVerification, VerificationId};
use serde::Serialize;

use crate::api_map::invite_record;
use crate::book::{Book, KycInviteRecord, KycStatus};
use crate::error::{MerchantError, Result};

/// DHMAD's cooldown between two invite e-mails to the same person.
pub const RESEND_COOLDOWN: Duration = Duration::minutes(5);

/// What [`invite`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteOutcome {
    /// The verification as stored in the book.
    pub invite: KycInviteRecord,
    /// `true` when DHMAD returned a verification that already existed (no new record).
    pub existing: bool,
    /// DHMAD's `message` (e.g. "A verification email has been sent to the user.").
    pub message: Option<String>,
}

/// Invites `email` to verify their identity (`POST /identity-verifications`) and stores the
/// verification. Refused locally when the book holds a pending invite for that e-mail whose
/// last invite e-mail is less than 5 minutes old (the error says when a resend is allowed).
pub async fn invite(
    client: &Client,
    book: &Book,
    email: &str,
    external_id: Option<&str>,
    redirect_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<InviteOutcome> {
    let email = email.trim().to_lowercase();
    let known = book.invites_for_email(&email)?;
    check_cooldown(&known, &email, now)?;
    let mut req = CreateVerification::new(email.clone());
    req.external_user_id = external_id.map(str::to_owned);
    req.redirect_url = redirect_url.map(str::to_owned);
    let v = client.identity().create(&req).await?;
    let rec = invite_record(&v, now);
    let existing = known.iter().any(|k| k.id == rec.id) || rec.created_at < now - RESEND_COOLDOWN;
    book.upsert_invite(&rec)?;
    Ok(InviteOutcome {
        invite: rec,
        existing,
        message: v.message,
    })
}

/// The 5-minute resend rule over the book's invites for one e-mail.
fn check_cooldown(known: &[KycInviteRecord], email: &str, now: DateTime<Utc>) -> Result<()> {
    let last_sent = known
        .iter()
        .filter(|k| k.kyc_status == KycStatus::Pending)
        .map(|k| k.verification_email_sent_at.unwrap_or(k.created_at))
        .max();
    match last_sent {
        Some(at) if now < at + RESEND_COOLDOWN => {
            let allowed = at + RESEND_COOLDOWN;
            Err(MerchantError::not_allowed(
                "KYC_RESEND_TOO_SOON",
                format!(
                    "An identity verification invite was sent to {email} at {} UTC; DHMAD \
                     resends it at most every 5 minutes. Try again after {} UTC.",
                    at.format("%H:%M:%S"),
                    allowed.format("%H:%M:%S")
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// Every verification DHMAD has for `email` from this developer (newest first, at most 20),
/// stored in the book.
pub async fn invites_by_email(
    client: &Client,
    book: &Book,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Vec<KycInviteRecord>> {
    let email = email.trim().to_lowercase();
    let list = client.identity().list_by_email(&email).await?;
    let recs: Vec<KycInviteRecord> = list
        .verifications
        .iter()
        .map(|v| invite_record(v, now))
        .collect();
    book.write(|tx| {
        for r in &recs {
            tx.upsert_invite(r)?;
        }
        // A record that cannot be read is kept for the merchant and support, not dropped.
        for bad in &list.unreadable {
            let endpoint = "GET /identity-verifications";
            tx.note_unreadable(endpoint, bad.id.as_deref(), &bad.raw, &bad.reason, now)?;
        }
        Ok(())
    })?;
    Ok(recs)
}

/// Reads one verification (`GET /identity-verifications/:id`) and stores it.
pub async fn refresh_invite(
    client: &Client,
    book: &Book,
    id: &str,
    now: DateTime<Utc>,
) -> Result<KycInviteRecord> {
    let v = client.identity().get(&VerificationId::new(id)).await?;
    let rec = invite_record(&v, now);
    book.upsert_invite(&rec)?;
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(sent: DateTime<Utc>) -> KycInviteRecord {
        KycInviteRecord {
            id: "665500000000000000000001".into(),
            email: "a@x.tn".into(),
            external_user_id: None,
            kyc_status: KycStatus::Pending,
            didit_session_status: None,
            needs_admin_review: None,
            claim_status: None,
            linked_user_id: None,
            linked_at: None,
            verification_email_sent: Some(true),
            verification_email_sent_at: Some(sent),
            created_at: sent - Duration::hours(1),
            updated_at: None,
            expires_at: None,
            raw_json: None,
        }
    }

    #[test]
    fn resend_waits_five_minutes_after_the_last_email() {
        let sent = DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default();
        let err = check_cooldown(&[pending(sent)], "a@x.tn", sent + Duration::minutes(4))
            .err()
            .map(|e| (e.rule(), e.to_string()));
        let (rule, text) = err.unwrap_or_default();
        assert_eq!(rule, Some("KYC_RESEND_TOO_SOON"));
        assert!(text.contains(&(sent + RESEND_COOLDOWN).format("%H:%M:%S").to_string()));
        assert!(check_cooldown(&[pending(sent)], "a@x.tn", sent + RESEND_COOLDOWN).is_ok());
        let mut approved = pending(sent);
        approved.kyc_status = KycStatus::Approved;
        assert!(check_cooldown(&[approved], "a@x.tn", sent).is_ok());
    }
}
