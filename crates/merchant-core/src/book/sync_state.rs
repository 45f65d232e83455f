//! `sync_state`: what the sync needs to resume and what the UI shows as freshness.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Book, BookTx, from_ms, to_ms};
use crate::error::Result;

const LAST_FULL_SYNC: &str = "last_full_sync_at";
const LAST_SYNC: &str = "last_sync_at";
const NEWEST_CREATED: &str = "newest_known_created_at";
const CURSOR: &str = "cursor";

/// The sync's own state, stored as key/value rows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    /// When a first (full) sync last finished.
    pub last_full_sync_at: Option<DateTime<Utc>>,
    /// When any sync last finished.
    pub last_sync_at: Option<DateTime<Utc>>,
    /// `createdAt` of the newest escrow known, where the next incremental sync can stop.
    pub newest_known_created_at: Option<DateTime<Utc>>,
    /// Opaque progress of a sync in progress (the sync helper's own format, e.g. JSON), so a
    /// killed sync can resume; `None` when no sync is running.
    pub cursor: Option<String>,
}

/// How fresh the book is, for the UI's "updated 3 min ago".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Freshness {
    /// When a sync last finished (`None`: never synced).
    pub last_sync_at: Option<DateTime<Utc>>,
    /// When a full sync last finished.
    pub last_full_sync_at: Option<DateTime<Utc>>,
    /// A sync was interrupted and not finished yet.
    pub sync_interrupted: bool,
    /// Escrows in the book.
    pub escrow_count: u64,
}

impl BookTx<'_> {
    /// Replaces the whole sync state (absent fields are removed).
    pub fn set_sync_state(&self, s: &SyncState) -> Result<()> {
        let ms = |t: Option<DateTime<Utc>>| t.map(|t| to_ms(t).to_string());
        self.set_sync_value(LAST_FULL_SYNC, ms(s.last_full_sync_at).as_deref())?;
        self.set_sync_value(LAST_SYNC, ms(s.last_sync_at).as_deref())?;
        self.set_sync_value(NEWEST_CREATED, ms(s.newest_known_created_at).as_deref())?;
        self.set_sync_value(CURSOR, s.cursor.as_deref())
    }

    /// Sets (or with `None` removes) one key — for keys of the sync helper's own.
    pub fn set_sync_value(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self
                .conn()
                .prepare_cached(
                    "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )?
                .execute([key, v])?,
            None => self
                .conn()
                .prepare_cached("DELETE FROM sync_state WHERE key = ?1")?
                .execute([key])?,
        };
        Ok(())
    }

    /// The sync state as seen inside this transaction.
    pub fn sync_state(&self) -> Result<SyncState> {
        load(self.conn())
    }
}

impl Book {
    /// The sync state.
    pub fn sync_state(&self) -> Result<SyncState> {
        self.read(load)
    }

    /// Replaces the sync state in its own transaction.
    pub fn set_sync_state(&self, s: &SyncState) -> Result<()> {
        self.write(|tx| tx.set_sync_state(s))
    }

    /// One key of the sync state.
    pub fn sync_value(&self, key: &str) -> Result<Option<String>> {
        self.read(|c| value(c, key))
    }

    /// How fresh the book is.
    pub fn freshness(&self) -> Result<Freshness> {
        self.read(|c| {
            let s = load(c)?;
            let count: i64 = c.query_row("SELECT count(*) FROM escrows", [], |r| r.get(0))?;
            Ok(Freshness {
                last_sync_at: s.last_sync_at,
                last_full_sync_at: s.last_full_sync_at,
                sync_interrupted: s.cursor.is_some(),
                escrow_count: u64::try_from(count).unwrap_or(0),
            })
        })
    }
}

fn value(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(
        c.prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?,
    )
}

fn time(c: &Connection, key: &str) -> Result<Option<DateTime<Utc>>> {
    let Some(v) = value(c, key)? else {
        return Ok(None);
    };
    let ms: i64 = v.parse().map_err(|_| {
        crate::error::MerchantError::InvalidInput(format!("sync state {key} = {v:?} is not a time"))
    })?;
    Ok(Some(from_ms(ms)?))
}

fn load(c: &Connection) -> Result<SyncState> {
    Ok(SyncState {
        last_full_sync_at: time(c, LAST_FULL_SYNC)?,
        last_sync_at: time(c, LAST_SYNC)?,
        newest_known_created_at: time(c, NEWEST_CREATED)?,
        cursor: value(c, CURSOR)?,
    })
}
