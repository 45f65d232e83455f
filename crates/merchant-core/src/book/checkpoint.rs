//! WAL checkpoints off the write path.
//!
//! SQLite's automatic checkpoint runs inside the commit that finds the WAL past its threshold,
//! so a one-row write — a counter sale stored just before its create is sent — could pay for
//! copying a sync's pages back into the database and syncing the file: measured at 1 to 120 ms
//! on a busy disk, against 0.4 ms for the row itself. The writer's automatic checkpoint is off;
//! after each commit the writer nudges this thread, which checkpoints on its own connection in
//! PASSIVE mode (it never waits for, nor blocks, a writer or a reader), at most once a second.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::error::{MerchantError, Result};

/// Shortest time between two checkpoints: a fast sync commits dozens of pages a second, and each
/// checkpoint syncs the file to disk; the WAL holds at most a second of writes more.
const MIN_GAP: Duration = Duration::from_secs(1);

/// The checkpoint thread of one book; it ends when this handle is dropped.
#[derive(Debug)]
pub(super) struct Checkpointer {
    nudge: Sender<()>,
}

impl Checkpointer {
    /// Starts the thread with its own connection to the book at `path`.
    pub(super) fn start(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        super::configure(&conn, super::memory::CHECKPOINTER_CACHE_KIB)?;
        let (nudge, nudges) = channel();
        std::thread::Builder::new()
            .name("book-checkpoint".into())
            .spawn(move || run(&conn, &nudges))
            .map_err(|source| MerchantError::Io {
                path: path.to_owned(),
                source,
            })?;
        Ok(Self { nudge })
    }

    /// Asks for a checkpoint soon (after a commit); never waits.
    pub(super) fn nudge(&self) {
        // The thread only stops when this handle is dropped, so a send cannot fail before.
        let _ = self.nudge.send(());
    }
}

fn run(conn: &Connection, nudges: &Receiver<()>) {
    let mut last: Option<Instant> = None;
    while nudges.recv().is_ok() {
        let rest = last.map_or(Duration::ZERO, |at| MIN_GAP.saturating_sub(at.elapsed()));
        if book_dropped_within(nudges, rest) {
            return; // closing the last connection checkpoints by itself
        }
        // Commits that came in meanwhile are covered by one checkpoint.
        while nudges.try_recv().is_ok() {}
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!("checkpointing the local book's WAL failed: {e}");
        }
        last = Some(Instant::now());
    }
}

/// Waits `rest`, taking nudges meanwhile; true when the book was dropped first.
fn book_dropped_within(nudges: &Receiver<()>, rest: Duration) -> bool {
    let until = Instant::now() + rest;
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        match nudges.recv_timeout(left) {
            Ok(()) => {}
            Err(RecvTimeoutError::Timeout) => return false,
            Err(RecvTimeoutError::Disconnected) => return true,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::time::{Duration, Instant};

    use crate::book::Book;

    #[test]
    fn the_thread_moves_committed_pages_into_the_database_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.sqlite3");
        let book = Book::open(&path).unwrap();
        let autocheckpoint: i64 = book
            .writer()
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(autocheckpoint, 0, "no commit checkpoints by itself");
        let before = std::fs::metadata(&path).unwrap().len();
        // About 2 MB: pages only the WAL holds until a checkpoint copies them.
        let value = "x".repeat(100_000);
        for i in 0..20 {
            book.write(|tx| tx.set_sync_value(&format!("k{i}"), Some(&value)))
                .unwrap();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::fs::metadata(&path).unwrap().len() < before + 2_000_000 {
            assert!(Instant::now() < deadline, "no checkpoint within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
