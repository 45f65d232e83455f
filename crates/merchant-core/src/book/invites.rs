//! `kyc_invites`: identity verifications (pre-account KYC) this developer created (contract §5).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, named_params};
use serde::{Deserialize, Serialize};

use super::{Book, BookTx, from_json, from_ms, from_opt_ms, opt_ms, to_json, to_ms};
use crate::error::Result;

pub use dhmad_api::{ClaimStatus, KycStatus};

/// One identity verification (the flat API object of contract §2.14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KycInviteRecord {
    /// `id`.
    pub id: String,
    /// `email` (lower-case).
    pub email: String,
    /// `external_user_id`.
    pub external_user_id: Option<String>,
    /// `kyc_status`.
    pub kyc_status: KycStatus,
    /// `didit_session_status` (free text, e.g. `in_progress`).
    pub didit_session_status: Option<String>,
    /// `needs_admin_review`.
    pub needs_admin_review: Option<bool>,
    /// `claim_status`.
    pub claim_status: Option<ClaimStatus>,
    /// `linked_user_id`.
    pub linked_user_id: Option<String>,
    /// `linked_at`.
    pub linked_at: Option<DateTime<Utc>>,
    /// `verification_email_sent`.
    pub verification_email_sent: Option<bool>,
    /// `verification_email_sent_at`.
    pub verification_email_sent_at: Option<DateTime<Utc>>,
    /// `created_at`.
    pub created_at: DateTime<Utc>,
    /// `updated_at`.
    pub updated_at: Option<DateTime<Utc>>,
    /// `expires_at`.
    pub expires_at: Option<DateTime<Utc>>,
    /// The last API object, whole.
    pub raw_json: Option<serde_json::Value>,
}

impl BookTx<'_> {
    /// Inserts or replaces an invite.
    pub fn upsert_invite(&self, i: &KycInviteRecord) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO kyc_invites (id, email, external_user_id, kyc_status,
                    didit_session_status, needs_admin_review, claim_status, linked_user_id,
                    linked_at, verification_email_sent, verification_email_sent_at, created_at,
                    updated_at, expires_at, raw_json)
                 VALUES (:id, :email, :ext, :kyc, :didit, :review, :claim, :linked_user,
                    :linked_at, :sent, :sent_at, :created, :updated, :expires, :raw)
                 ON CONFLICT (id) DO UPDATE SET email = excluded.email,
                    external_user_id = excluded.external_user_id,
                    kyc_status = excluded.kyc_status,
                    didit_session_status = excluded.didit_session_status,
                    needs_admin_review = excluded.needs_admin_review,
                    claim_status = excluded.claim_status, linked_user_id = excluded.linked_user_id,
                    linked_at = excluded.linked_at,
                    verification_email_sent = excluded.verification_email_sent,
                    verification_email_sent_at = excluded.verification_email_sent_at,
                    created_at = excluded.created_at, updated_at = excluded.updated_at,
                    expires_at = excluded.expires_at, raw_json = excluded.raw_json",
            )?
            .execute(named_params! {
                ":id": i.id, ":email": i.email.to_lowercase(), ":ext": i.external_user_id,
                ":kyc": i.kyc_status.as_str(), ":didit": i.didit_session_status,
                ":review": i.needs_admin_review,
                ":claim": i.claim_status.as_ref().map(ClaimStatus::as_str),
                ":linked_user": i.linked_user_id, ":linked_at": opt_ms(i.linked_at),
                ":sent": i.verification_email_sent,
                ":sent_at": opt_ms(i.verification_email_sent_at),
                ":created": to_ms(i.created_at), ":updated": opt_ms(i.updated_at),
                ":expires": opt_ms(i.expires_at), ":raw": to_json(i.raw_json.as_ref()),
            })?;
        Ok(())
    }
}

impl Book {
    /// Inserts or replaces an invite in its own transaction.
    pub fn upsert_invite(&self, i: &KycInviteRecord) -> Result<()> {
        self.write(|tx| tx.upsert_invite(i))
    }

    /// One invite.
    pub fn invite(&self, id: &str) -> Result<Option<KycInviteRecord>> {
        self.read(|c| {
            let sql = format!("SELECT {COLUMNS} FROM kyc_invites WHERE id = ?1");
            Ok(c.prepare_cached(&sql)?
                .query_row([id], from_row)
                .optional()?)
        })
    }

    /// Invites for one email (case-insensitive), newest first.
    pub fn invites_for_email(&self, email: &str) -> Result<Vec<KycInviteRecord>> {
        self.list(
            &format!(
                "SELECT {COLUMNS} FROM kyc_invites WHERE email = ?1 ORDER BY created_at DESC, id"
            ),
            rusqlite::params![email.trim().to_lowercase()],
        )
    }

    /// The newest invites, up to `limit`.
    pub fn recent_invites(&self, limit: u32) -> Result<Vec<KycInviteRecord>> {
        self.list(
            &format!("SELECT {COLUMNS} FROM kyc_invites ORDER BY created_at DESC, id LIMIT ?1"),
            rusqlite::params![limit],
        )
    }

    fn list(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<KycInviteRecord>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(sql)?;
            let rows = stmt.query_map(params, from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

const COLUMNS: &str = "id, email, external_user_id, kyc_status, didit_session_status,
    needs_admin_review, claim_status, linked_user_id, linked_at, verification_email_sent,
    verification_email_sent_at, created_at, updated_at, expires_at, raw_json";

fn from_row(r: &Row<'_>) -> rusqlite::Result<KycInviteRecord> {
    let kyc: String = r.get(3)?;
    let claim: Option<String> = r.get(6)?;
    Ok(KycInviteRecord {
        id: r.get(0)?,
        email: r.get(1)?,
        external_user_id: r.get(2)?,
        kyc_status: KycStatus::parse(&kyc),
        didit_session_status: r.get(4)?,
        needs_admin_review: r.get(5)?,
        claim_status: claim.as_deref().map(ClaimStatus::parse),
        linked_user_id: r.get(7)?,
        linked_at: from_opt_ms(r.get(8)?)?,
        verification_email_sent: r.get(9)?,
        verification_email_sent_at: from_opt_ms(r.get(10)?)?,
        created_at: from_ms(r.get(11)?)?,
        updated_at: from_opt_ms(r.get(12)?)?,
        expires_at: from_opt_ms(r.get(13)?)?,
        raw_json: from_json(r.get(14)?)?,
    })
}
