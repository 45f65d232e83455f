//! WAL checkpoints off the write path.
//!
//! SQLite's automatic checkpoint runs inside the commit that finds the WAL past its threshold,
//! so a one-row write — a counter sale stored just before its create is sent — could pay for
//! copying a sync's pages back into the database and syncing the file: measured at 1 to 120 ms
//! on a busy disk, against 0.4 ms for the row itself. The writer's automatic checkpoint is off;
//! after each commit the writer nudges this thread, which checkpoints on its own connection in
//! PASSIVE mode (it never waits for, nor blocks, a writer or a reader).

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};

use rusqlite::Connection;

use crate::error::{MerchantError, Result};

/// The checkpoint thread of one book; it ends when this handle is dropped.
#[derive(Debug)]
pub(super) struct Checkpointer {
    nudge: Sender<()>,
}

impl Checkpointer {
    /// Starts the thread with its own connection to the book at `path`.
    pub(super) fn start(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        super::configure(&conn)?;
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
    while nudges.recv().is_ok() {
        // Commits that came in meanwhile are covered by one checkpoint.
        while nudges.try_recv().is_ok() {}
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!("checkpointing the local book's WAL failed: {e}");
        }
    }
}
