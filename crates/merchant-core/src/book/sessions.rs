//! `checkout_sessions`: the hosted-checkout links this app created (contract §2.12–2.13).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, named_params};
use serde::{Deserialize, Serialize};

use super::{Book, BookTx, from_json, from_ms, from_opt_ms, opt_ms, to_json, to_ms};
use crate::error::{MerchantError, Result};

pub use dhmad_api::{SessionAction, SessionStatus};

/// One checkout session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutSessionRecord {
    /// `sessionId` (UUID).
    pub session_id: String,
    /// `escrowId`.
    pub escrow_id: String,
    /// `action`.
    pub action: SessionAction,
    /// `targetUserEmail`.
    pub target_email: String,
    /// The `redirectUrl` sent at creation.
    pub redirect_url: String,
    /// The checkout `url`.
    pub url: String,
    /// `expiresAt`.
    pub expires_at: DateTime<Utc>,
    /// `status`.
    pub status: SessionStatus,
    /// `completedAt`.
    pub completed_at: Option<DateTime<Utc>>,
    /// `createdAt` (or when this app created it).
    pub created_at: DateTime<Utc>,
    /// `metadata` as sent. Never serialized: the merchant's key-values may carry a buyer's
    /// details, and the record crosses to the web view whole.
    #[serde(skip_serializing)]
    #[ts(skip)]
    pub metadata: Option<serde_json::Value>,
}

impl BookTx<'_> {
    /// Inserts or replaces a session.
    pub fn upsert_session(&self, s: &CheckoutSessionRecord) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO checkout_sessions (session_id, escrow_id, action, target_email,
                    redirect_url, url, expires_at, status, completed_at, created_at, metadata_json)
                 VALUES (:session_id, :escrow_id, :action, :target_email, :redirect_url, :url,
                    :expires_at, :status, :completed_at, :created_at, :metadata)
                 ON CONFLICT (session_id) DO UPDATE SET escrow_id = excluded.escrow_id,
                    action = excluded.action, target_email = excluded.target_email,
                    redirect_url = excluded.redirect_url, url = excluded.url,
                    expires_at = excluded.expires_at, status = excluded.status,
                    completed_at = excluded.completed_at, created_at = excluded.created_at,
                    metadata_json = excluded.metadata_json",
            )?
            .execute(named_params! {
                ":session_id": s.session_id, ":escrow_id": s.escrow_id,
                ":action": s.action.as_str(), ":target_email": s.target_email,
                ":redirect_url": s.redirect_url, ":url": s.url, ":expires_at": to_ms(s.expires_at),
                ":status": s.status.as_str(), ":completed_at": opt_ms(s.completed_at),
                ":created_at": to_ms(s.created_at), ":metadata": to_json(s.metadata.as_ref()),
            })?;
        Ok(())
    }

    /// Records a session's observed status (from `GET /sessions/:id`).
    pub fn set_session_status(
        &self,
        session_id: &str,
        status: &SessionStatus,
        completed_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let n = self
            .conn()
            .prepare_cached(
                "UPDATE checkout_sessions SET status = ?2, completed_at = ?3 WHERE session_id = ?1",
            )?
            .execute(rusqlite::params![
                session_id,
                status.as_str(),
                opt_ms(completed_at)
            ])?;
        if n == 0 {
            return Err(MerchantError::NotFound(format!(
                "checkout session {session_id}"
            )));
        }
        Ok(())
    }
}

impl Book {
    /// Inserts or replaces a session in its own transaction.
    pub fn upsert_session(&self, s: &CheckoutSessionRecord) -> Result<()> {
        self.write(|tx| tx.upsert_session(s))
    }

    /// Records a session's observed status.
    pub fn set_session_status(
        &self,
        session_id: &str,
        status: &SessionStatus,
        completed_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        self.write(|tx| tx.set_session_status(session_id, status, completed_at))
    }

    /// One session.
    pub fn session(&self, session_id: &str) -> Result<Option<CheckoutSessionRecord>> {
        self.read(|c| {
            let sql = format!("SELECT {COLUMNS} FROM checkout_sessions WHERE session_id = ?1");
            Ok(c.prepare_cached(&sql)?
                .query_row([session_id], from_row)
                .optional()?)
        })
    }

    /// Sessions of one escrow, newest first.
    pub fn sessions_for_escrow(&self, escrow_id: &str) -> Result<Vec<CheckoutSessionRecord>> {
        self.read(|c| load_for_escrow(c, escrow_id))
    }

    /// Sessions still `pending` whose expiry is after `now` (what watchers resume after a
    /// restart), soonest expiry first.
    pub fn open_sessions(&self, now: DateTime<Utc>) -> Result<Vec<CheckoutSessionRecord>> {
        self.read(|c| {
            let sql = format!(
                "SELECT {COLUMNS} FROM checkout_sessions
                 WHERE status = 'pending' AND expires_at > ?1 ORDER BY expires_at"
            );
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map([to_ms(now)], from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

const COLUMNS: &str = "session_id, escrow_id, action, target_email, redirect_url, url,
    expires_at, status, completed_at, created_at, metadata_json";

pub(crate) fn load_for_escrow(
    c: &Connection,
    escrow_id: &str,
) -> Result<Vec<CheckoutSessionRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM checkout_sessions WHERE escrow_id = ?1
         ORDER BY created_at DESC, session_id"
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map([escrow_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<CheckoutSessionRecord> {
    let action: String = r.get(2)?;
    let status: String = r.get(7)?;
    Ok(CheckoutSessionRecord {
        session_id: r.get(0)?,
        escrow_id: r.get(1)?,
        action: SessionAction::parse(&action),
        target_email: r.get(3)?,
        redirect_url: r.get(4)?,
        url: r.get(5)?,
        expires_at: from_ms(r.get(6)?)?,
        status: SessionStatus::parse(&status),
        completed_at: from_opt_ms(r.get(8)?)?,
        created_at: from_ms(r.get(9)?)?,
        metadata: from_json(r.get(10)?)?,
    })
}
