//! The account's balance as last read from DHMAD (`GET /balance`, §5), kept in the book so the
//! dashboard shows it offline and whichever face read it — the app or `dhmad sync` — the other
//! sees the same figures.

use chrono::{DateTime, Utc};
use dhmad_api::{Client, Money};
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::error::Result;

/// The book's sync-state key under which the last balance is saved.
const BALANCE_KEY: &str = "app.balance";

/// The balance's three figures with when they were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedBalance {
    /// Money the merchant can withdraw.
    pub available: Money,
    /// Top-ups and payouts in progress.
    pub pending: Money,
    /// The account's own money held in escrows where it is the buyer.
    pub escrow: Money,
    /// When DHMAD answered.
    pub as_of: DateTime<Utc>,
}

/// How the book stores it: integer millimes, so a stored figure can never be re-read as dinars.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    available: i64,
    pending: i64,
    escrow: i64,
    as_of: DateTime<Utc>,
}

/// Reads the balance from DHMAD and saves it in the book.
pub async fn refresh_balance(
    book: &Book,
    client: &Client,
    now: DateTime<Utc>,
) -> Result<SavedBalance> {
    let balance = client.balance().await?;
    let saved = SavedBalance {
        available: balance.available,
        pending: balance.pending,
        escrow: balance.escrow,
        as_of: now,
    };
    let json = serde_json::to_string(&Stored {
        available: saved.available.millimes(),
        pending: saved.pending.millimes(),
        escrow: saved.escrow.millimes(),
        as_of: now,
    })?;
    book.write(|tx| tx.set_sync_value(BALANCE_KEY, Some(&json)))?;
    Ok(saved)
}

/// The balance last saved, if any. A value the book cannot read (an older app's format) is
/// treated as never read: the next sync writes a good one.
pub fn saved_balance(book: &Book) -> Result<Option<SavedBalance>> {
    let stored = book
        .sync_value(BALANCE_KEY)?
        .and_then(|json| serde_json::from_str::<Stored>(&json).ok());
    Ok(stored.map(|s| SavedBalance {
        available: Money::from_millimes(s.available),
        pending: Money::from_millimes(s.pending),
        escrow: Money::from_millimes(s.escrow),
        as_of: s.as_of,
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_balance_saved_by_an_earlier_version_reads_as_millimes() {
        let dir = tempfile::tempdir().unwrap();
        let book = Book::open(dir.path().join("book.sqlite")).unwrap();
        assert_eq!(saved_balance(&book).unwrap(), None);
        let earlier =
            r#"{"available":12500,"pending":0,"escrow":250,"asOf":"2026-12-01T09:30:00.000Z"}"#;
        book.write(|tx| tx.set_sync_value(BALANCE_KEY, Some(earlier)))
            .unwrap();
        let saved = saved_balance(&book).unwrap().unwrap();
        assert_eq!(saved.available, Money::from_millimes(12_500));
        assert_eq!(saved.escrow, Money::from_millimes(250));
        assert_eq!(saved.as_of.to_rfc3339(), "2026-12-01T09:30:00+00:00");
    }
}
