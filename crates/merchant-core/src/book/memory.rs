//! How much memory the book's connections keep, and giving it back after a big sync.
//!
//! SQLite's page cache grows per connection up to its `cache_size` and keeps what it read until
//! the connection closes. A first sync of 100,000 escrows reads and writes every page of the book,
//! so each connection that took part ends full: with 32 MiB for each of the writer, the
//! checkpointer and up to four idle readers, the app's main process kept over 100 MiB more after
//! such a sync than before it. The caches are now sized by what each connection does, and a sync
//! that stored many pages gives them back when it ends (the next queries read the pages they need
//! from the operating system's file cache again, a fraction of a millisecond each).

use std::sync::atomic::Ordering;

use rusqlite::Connection;

use super::Book;
use crate::error::Result;

/// The writer's page cache: the pages of a sync's batch and their indexes (the full-text index's
/// included) stay in memory for the batch's transaction.
pub(super) const WRITER_CACHE_KIB: i64 = 16 * 1024;
/// Each reader's: one screen's query over the book's hot indexes.
pub(super) const READER_CACHE_KIB: i64 = 8 * 1024;
/// The checkpointer's: a checkpoint copies WAL frames into the file without the page cache.
pub(super) const CHECKPOINTER_CACHE_KIB: i64 = 1024;

/// A sync that stored at least this many pages (of up to 100 escrows) gives the book's memory
/// back when it ends; a routine sync of a few pages keeps its warm cache.
pub const BIG_SYNC_PAGES: u32 = 20;

/// Sets a connection's page cache to `kib` KiB (`PRAGMA cache_size` takes a negative size in KiB).
pub(super) fn set_cache_kib(conn: &Connection, kib: i64) -> Result<()> {
    conn.pragma_update(None, "cache_size", -kib)?;
    Ok(())
}

impl Book {
    /// Gives back the memory the book's connections hold but do not need: the writer's page
    /// cache is emptied (`sqlite3_db_release_memory`, what `PRAGMA shrink_memory` does) and the
    /// idle readers are closed (the next query opens one). Never waits for a reader in use.
    pub fn release_memory(&self) -> Result<()> {
        let idle = std::mem::take(&mut *self.lock_readers());
        drop(idle);
        self.writer().release_memory()?;
        self.inner.memory_releases.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// How many times [`Book::release_memory`] ran on this book (since it was opened), for
    /// diagnostics and tests.
    pub fn memory_releases(&self) -> u32 {
        self.inner.memory_releases.load(Ordering::Relaxed)
    }

    /// The page cache size of the writer and of a reader, in KiB.
    #[cfg(test)]
    fn cache_sizes_kib(&self) -> Result<(i64, i64)> {
        let kib = |c: &Connection| -> Result<i64> {
            let size: i64 = c.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
            // Negative: KiB; positive: pages.
            if size < 0 {
                return Ok(-size);
            }
            let page: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            Ok(size * page / 1024)
        };
        let writer = kib(&self.writer())?;
        let reader = self.read(|c| kib(c))?;
        Ok((writer, reader))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn each_connection_gets_its_own_cache_size() {
        let dir = tempfile::tempdir().unwrap();
        let book = Book::open(dir.path().join("book.sqlite3")).unwrap();
        assert_eq!(
            book.cache_sizes_kib().unwrap(),
            (WRITER_CACHE_KIB, READER_CACHE_KIB)
        );
    }

    #[test]
    fn releasing_memory_closes_idle_readers_and_the_book_still_answers() {
        let dir = tempfile::tempdir().unwrap();
        let book = Book::open(dir.path().join("book.sqlite3")).unwrap();
        book.write(|tx| tx.set_sync_value("k", Some("v"))).unwrap();
        book.freshness().unwrap();
        assert_eq!(
            book.lock_readers().len(),
            1,
            "the reader went back to the pool"
        );
        book.release_memory().unwrap();
        assert_eq!(book.lock_readers().len(), 0);
        assert_eq!(book.memory_releases(), 1);
        assert_eq!(book.freshness().unwrap().escrow_count, 0);
        book.write(|tx| tx.set_sync_value("k", Some("w"))).unwrap();
    }
}
