//! Receipt numbers: per shop (the profile's book) and till, 1, 2, 3, … with no gap and never
//! reused. A number is taken as `MAX + 1` inside the write transaction that stores what it
//! numbers (`BEGIN IMMEDIATE` holds SQLite's write lock, so two processes never draw the same
//! number); a crash before the commit takes the number back with the entry, one after it keeps
//! both. The `receipts` table is append-only.

use rusqlite::{Connection, OptionalExtension};

use crate::book::Book;
use crate::error::Result;

/// What a receipt number was given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReceiptKind {
    /// A recorded sale (any method but DHMAD).
    Sale,
    /// A refund or void of a recorded sale.
    Refund,
    /// A DHMAD counter sale (`counter_sales`).
    Dhmad,
}

impl ReceiptKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Sale => "sale",
            Self::Refund => "refund",
            Self::Dhmad => "dhmad",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Sale, Self::Refund, Self::Dhmad]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// Takes the next number of `till` for `entry_id` (call inside the entry's transaction).
pub(crate) fn allocate(
    conn: &Connection,
    till: &str,
    kind: ReceiptKind,
    entry_id: &str,
    at_ms: i64,
) -> Result<i64> {
    let next: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(number), 0) + 1 FROM receipts WHERE till = ?1")?
        .query_row([till], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO receipts (till, number, entry_kind, entry_id, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![
        till,
        next,
        kind.as_str(),
        entry_id,
        at_ms
    ])?;
    Ok(next)
}

impl Book {
    /// The receipt number given to an entry or a DHMAD counter sale (by its id), with its till.
    pub fn receipt_of(&self, entry_id: &str) -> Result<Option<(String, i64)>> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT till, number FROM receipts WHERE entry_id = ?1")?
                    .query_row([entry_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?,
            )
        })
    }

    /// What receipt `number` of `till` was given to, and its id (for reprints).
    pub fn receipt_holder(&self, till: &str, number: i64) -> Result<Option<(ReceiptKind, String)>> {
        self.read(|c| {
            let row: Option<(String, String)> = c
                .prepare_cached(
                    "SELECT entry_kind, entry_id FROM receipts WHERE till = ?1 AND number = ?2",
                )?
                .query_row(rusqlite::params![till, number], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            Ok(row.and_then(|(kind, id)| Some((ReceiptKind::parse(&kind)?, id))))
        })
    }

    /// Whether the receipt of `entry_id` has been printed before (a reprint is a copy).
    pub fn receipt_printed(&self, entry_id: &str) -> Result<bool> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM receipt_prints WHERE entry_id = ?1)",
            )?
            .query_row([entry_id], |r| r.get(0))?)
        })
    }

    /// Notes that the receipt of `entry_id` went to a printer.
    pub fn note_receipt_printed(
        &self,
        entry_id: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.conn()
                .prepare_cached(
                    "INSERT INTO receipt_prints (entry_id, printed_at) VALUES (?1, ?2)",
                )?
                .execute(rusqlite::params![entry_id, crate::book::to_ms(at)])?;
            Ok(())
        })
    }

    /// Every receipt number of `till`, in order (for checks and reprints).
    pub fn receipt_numbers(&self, till: &str) -> Result<Vec<i64>> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT number FROM receipts WHERE till = ?1 ORDER BY number")?;
            let rows = stmt.query_map([till], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}
