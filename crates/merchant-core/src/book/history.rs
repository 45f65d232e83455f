//! `status_history`: the status changes the app observed, oldest first.

use rusqlite::Connection;

use super::model::{ChangeSource, EscrowStatus, StatusChange};
use super::{Book, BookTx, from_ms, to_ms};
use crate::error::Result;

impl BookTx<'_> {
    pub(crate) fn insert_history(&self, c: &StatusChange) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO status_history (escrow_id, old_status, new_status, observed_at, source)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(rusqlite::params![
                c.escrow_id,
                c.old_status.as_ref().map(EscrowStatus::as_str),
                c.new_status.as_str(),
                to_ms(c.observed_at),
                c.source.as_str(),
            ])?;
        Ok(())
    }
}

impl Book {
    /// The observed status changes of one escrow, oldest first.
    pub fn history(&self, escrow_id: &str) -> Result<Vec<StatusChange>> {
        self.read(|c| load_history(c, escrow_id))
    }

    /// Every status change observed after `after_seq` (exclusive), oldest first, with its
    /// sequence number: lets a caller (notifications, the CLI) follow changes incrementally.
    pub fn changes_since(&self, after_seq: i64, limit: u32) -> Result<Vec<(i64, StatusChange)>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT seq, escrow_id, old_status, new_status, observed_at, source
                 FROM status_history WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            )?;
            let rows = stmt.query_map(rusqlite::params![after_seq, limit], |r| {
                Ok((r.get(0)?, change_from_row(r, 1)?))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

pub(crate) fn load_history(c: &Connection, escrow_id: &str) -> Result<Vec<StatusChange>> {
    let mut stmt = c.prepare_cached(
        "SELECT escrow_id, old_status, new_status, observed_at, source
         FROM status_history WHERE escrow_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([escrow_id], |r| change_from_row(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn change_from_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StatusChange> {
    let old: Option<String> = r.get(at + 1)?;
    let new: String = r.get(at + 2)?;
    let source: String = r.get(at + 4)?;
    Ok(StatusChange {
        escrow_id: r.get(at)?,
        old_status: old.as_deref().map(EscrowStatus::parse),
        new_status: EscrowStatus::parse(&new),
        observed_at: from_ms(r.get(at + 3)?)?,
        // The CHECK constraint allows only the three known sources.
        source: ChangeSource::parse(&source).unwrap_or(ChangeSource::Sync),
    })
}
