//! The local book: everything the app knows, in one SQLite file per profile.
//!
//! Connections: one writer behind a `Mutex` (SQLite allows one writer at a time anyway, and a
//! `BEGIN IMMEDIATE` transaction per write call keeps each change atomic) plus a small pool of
//! read-only connections. In WAL mode readers never wait for the writer, so the UI's queries stay
//! fast while a sync writes a large batch. WAL checkpoints run on their own thread (see
//! `checkpoint`), so no write pays for another's pages.

mod checkpoint;
mod coming;
mod escrows;
mod history;
mod invites;
mod memory;
mod model;
mod needs_action;
pub(crate) mod query;
mod sales;
pub(crate) mod schema;
mod sessions;
mod sync_state;
mod unreadable;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU32;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::Result;

pub use coming::{Bucket, ComingToYou, HeldFor, RELEASING_WITHIN};
pub use escrows::EscrowDetail;
pub use invites::{ClaimStatus, KycInviteRecord, KycStatus};
pub use memory::BIG_SYNC_PAGES;
pub use model::{
    ChangeSource, DisputeTicket, EscrowMode, EscrowRecord, EscrowRole, EscrowStatus, Party,
    StatusChange,
};
pub use needs_action::{NeedsAction, NextAction};
pub use query::{EscrowFilter, EscrowQuery, EscrowRow, Page, PastBuyer, SortDir, SortKey};
pub use sales::{CounterSale, SaleState};
pub use schema::SCHEMA_VERSION;
pub use sessions::{CheckoutSessionRecord, SessionAction, SessionStatus};
pub use sync_state::{Freshness, SyncState};
pub use unreadable::UnreadableRecord;

/// How many idle read connections are kept.
const MAX_IDLE_READERS: usize = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A handle on one profile's book. Cheap to clone; all clones share the connections.
#[derive(Debug, Clone)]
pub struct Book {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    checkpointer: checkpoint::Checkpointer,
    /// The till whose receipt sequence numbers the DHMAD counter sales (the profile's setting).
    till: Mutex<String>,
    /// Times the connections' memory was given back (see `memory`).
    memory_releases: AtomicU32,
}

impl Book {
    /// Opens (creating if needed, with its folder) the book at `path` and migrates it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_owned();
        crate::private_fs::prepare_database_file(&path)?;
        let mut writer = Connection::open(&path)?;
        configure(&writer, memory::WRITER_CACHE_KIB)?;
        // WAL is persistent in the file; NORMAL sync is durable across app crashes in WAL mode
        // (a power cut may lose the last transactions, never corrupt the file).
        let mode = enable_wal(&writer)?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(mode, "the local book is not in WAL mode");
        }
        schema::migrate(&mut writer, &path)?;
        // Checkpoints are the checkpointer's, after each commit, never inside one.
        writer.pragma_update(None, "wal_autocheckpoint", 0)?;
        let checkpointer = checkpoint::Checkpointer::start(&path)?;
        Ok(Self {
            inner: Arc::new(Inner {
                checkpointer,
                path,
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
                till: Mutex::new(crate::settings::DEFAULT_TILL.to_owned()),
                memory_releases: AtomicU32::new(0),
            }),
        })
    }

    /// The book's file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` in one write transaction (`BEGIN IMMEDIATE`): all of it is committed or none.
    /// The sync uses this to store a page of escrows and its cursor together.
    pub fn write<T>(&self, f: impl FnOnce(&BookTx<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&BookTx { tx: &tx })?;
        tx.commit()?;
        drop(conn);
        self.inner.checkpointer.nudge();
        Ok(out)
    }

    /// Runs `f` on a read-only connection (a consistent snapshot for the duration of `f` when
    /// `f` wraps its reads in one statement or transaction).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = match self.lock_readers().pop() {
            Some(c) => c,
            None => self.open_reader()?,
        };
        let out = f(&conn);
        let mut idle = self.lock_readers();
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
        out
    }

    /// `PRAGMA integrity_check`: `Ok(())` when the file is sound, else the problems found.
    ///
    /// It runs on the writer: a pooled read-only connection was seen to report the full-text
    /// index as corrupt ("corruption found reading blob") right after a sync's write, while the
    /// writer's check of the same file was clean.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let c = self.writer();
        {
            let mut stmt = c.prepare("PRAGMA integrity_check")?;
            let rows: Vec<String> = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(if rows == ["ok"] { Vec::new() } else { rows })
        }
    }

    /// Sets the till whose receipt numbers DHMAD counter sales take (the profile's
    /// `tillId`; [`crate::settings::DEFAULT_TILL`] until set).
    pub fn set_till(&self, till: &str) {
        *self
            .inner
            .till
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = till.to_owned();
    }

    /// The till set with [`Book::set_till`].
    pub fn till(&self) -> String {
        self.inner
            .till
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic inside `write` rolls its transaction back when the Transaction drops, so the
        // connection is still usable: recover from poisoning.
        self.inner
            .writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_readers(&self) -> MutexGuard<'_, Vec<Connection>> {
        self.inner
            .readers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn open_reader(&self) -> Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&self.inner.path, flags)?;
        configure(&conn, memory::READER_CACHE_KIB)?;
        Ok(conn)
    }
}

/// `PRAGMA journal_mode = WAL`, retried until [`BUSY_TIMEOUT`]: the switch needs the file to
/// itself, and when another process is opening the same new book SQLite answers "busy" at once,
/// without its busy handler (two connections upgrading their locks would deadlock otherwise).
fn enable_wal(conn: &Connection) -> Result<String> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            answer => return Ok(answer?),
        }
    }
}

/// The settings every connection of the book gets, with a page cache of `cache_kib` KiB.
fn configure(conn: &Connection, cache_kib: i64) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    memory::set_cache_kib(conn, cache_kib)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// The write side of the book inside one transaction (see [`Book::write`]).
#[derive(Debug)]
pub struct BookTx<'a> {
    tx: &'a Transaction<'a>,
}

impl BookTx<'_> {
    pub(crate) fn conn(&self) -> &Connection {
        self.tx
    }
}

/// Unix milliseconds of a UTC time.
pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn opt_ms(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(to_ms)
}

/// A stored time back to `DateTime`; out-of-range values are a damaged book.
pub(crate) fn from_ms(ms: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Integer,
            format!("time {ms} ms is out of range").into(),
        )
    })
}

pub(crate) fn from_opt_ms(ms: Option<i64>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    ms.map(from_ms).transpose()
}

/// JSON text column back to a value.
pub(crate) fn from_json(text: Option<String>) -> rusqlite::Result<Option<serde_json::Value>> {
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })
    })
    .transpose()
}

pub(crate) fn to_json(v: Option<&serde_json::Value>) -> Option<String> {
    v.map(serde_json::Value::to_string)
}
