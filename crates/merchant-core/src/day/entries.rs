//! The day's entries: recorded sales, refunds and cash paid in / out. Each is one new row in
//! the append-only `day_entries` table, written with its receipt number in one transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::method::PaymentMethod;
use crate::book::{Book, from_ms, to_ms};
use crate::error::{MerchantError, Result};

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EntryKind {
    /// A recorded sale.
    Sale,
    /// A refund (or a void: a refund of the whole sale) of a recorded sale.
    Refund,
    /// Cash put into the drawer (change brought in, …).
    PaidIn,
    /// Cash taken out of the drawer (a supplier paid in cash, …).
    PaidOut,
}

impl EntryKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Sale => "sale",
            Self::Refund => "refund",
            Self::PaidIn => "paid_in",
            Self::PaidOut => "paid_out",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Sale, Self::Refund, Self::PaidIn, Self::PaidOut]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One stored entry of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayEntry {
    /// Position in the book's sequence of entries (a close covers a range of it).
    pub seq: i64,
    /// Its id.
    pub id: Uuid,
    /// What it is.
    pub kind: EntryKind,
    /// The till.
    pub till: String,
    /// When (as given by the caller).
    pub at: DateTime<Utc>,
    /// Amount in millimes (> 0; a refund or paid-out is a positive amount going out).
    pub amount_millimes: i64,
    /// Sales and refunds: the method.
    pub method: Option<PaymentMethod>,
    /// Sales: the title.
    pub title: Option<String>,
    /// Sales: cheque number, wallet transaction id, …
    pub reference: Option<String>,
    /// Sales: the customer.
    pub customer: Option<String>,
    /// Cash sales: what the buyer handed over.
    pub tendered_millimes: Option<i64>,
    /// Refunds and cash moves: why.
    pub reason: Option<String>,
    /// Refunds: the sale refunded.
    pub refund_of: Option<Uuid>,
    /// Sales and refunds: the receipt number.
    pub receipt_no: Option<i64>,
    /// The drawer open when it was recorded, if one was.
    pub drawer_id: Option<Uuid>,
}

impl DayEntry {
    /// Cash sales with an amount tendered: the change given back.
    pub fn change_millimes(&self) -> Option<i64> {
        self.tendered_millimes.map(|t| t - self.amount_millimes)
    }

    /// A blank entry of `kind` (the fields every kind has).
    pub(crate) fn new(kind: EntryKind, till: &str, at: DateTime<Utc>, amount: i64) -> Self {
        Self {
            seq: 0,
            id: Uuid::new_v4(),
            kind,
            till: till.to_owned(),
            at,
            amount_millimes: amount,
            method: None,
            title: None,
            reference: None,
            customer: None,
            tendered_millimes: None,
            reason: None,
            refund_of: None,
            receipt_no: None,
            drawer_id: None,
        }
    }
}

const COLUMNS: &str = "seq, id, kind, till, at, amount_millimes, method, title, reference,
    customer, tendered_millimes, reason, refund_of, receipt_no, drawer_id";

/// Stores `e` (its `seq` is assigned by the book) and gives it back with its `seq`.
pub(crate) fn insert(c: &Connection, mut e: DayEntry) -> Result<DayEntry> {
    c.prepare_cached(
        "INSERT INTO day_entries (id, kind, till, at, amount_millimes, method, title, reference,
            customer, tendered_millimes, reason, refund_of, receipt_no, drawer_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(rusqlite::params![
        e.id.to_string(),
        e.kind.as_str(),
        e.till,
        to_ms(e.at),
        e.amount_millimes,
        e.method.as_ref().map(PaymentMethod::as_str),
        e.title,
        e.reference,
        e.customer,
        e.tendered_millimes,
        e.reason,
        e.refund_of.map(|u| u.to_string()),
        e.receipt_no,
        e.drawer_id.map(|u| u.to_string()),
    ])?;
    e.seq = c.last_insert_rowid();
    Ok(e)
}

/// Entries of `till` with `after < seq <= up_to`, in order.
pub(crate) fn range(c: &Connection, till: &str, after: i64, up_to: i64) -> Result<Vec<DayEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM day_entries WHERE till = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq"
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![till, after, up_to], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest `seq` of the book (0 when empty).
pub(crate) fn last_seq(c: &Connection) -> Result<i64> {
    Ok(
        c.query_row("SELECT COALESCE(MAX(seq), 0) FROM day_entries", [], |r| {
            r.get(0)
        })?,
    )
}

/// The sale of `till` numbered `receipt_no`.
pub(crate) fn sale_by_receipt(
    c: &Connection,
    till: &str,
    receipt_no: i64,
) -> Result<Option<DayEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM day_entries WHERE till = ?1 AND receipt_no = ?2 AND kind = 'sale'"
    );
    Ok(c.prepare_cached(&sql)?
        .query_row(rusqlite::params![till, receipt_no], from_row)
        .optional()?)
}

/// How much of a sale has been refunded so far.
pub(crate) fn refunded(c: &Connection, sale_id: Uuid) -> Result<i64> {
    Ok(c.prepare_cached(
        "SELECT COALESCE(SUM(amount_millimes), 0) FROM day_entries
         WHERE kind = 'refund' AND refund_of = ?1",
    )?
    .query_row([sale_id.to_string()], |r| r.get(0))?)
}

impl Book {
    /// Every entry of `till`, oldest first (the Books screen; checks).
    pub fn day_entries(&self, till: &str) -> Result<Vec<DayEntry>> {
        self.read(|c| range(c, till, 0, i64::MAX))
    }

    /// The entry with `id`.
    pub fn day_entry(&self, id: Uuid) -> Result<Option<DayEntry>> {
        self.read(|c| {
            let sql = format!("SELECT {COLUMNS} FROM day_entries WHERE id = ?1");
            Ok(c.prepare_cached(&sql)?
                .query_row([id.to_string()], from_row)
                .optional()?)
        })
    }

    /// Recorded sales and refunds of every till made in `[from, to)`, oldest first.
    pub fn entries_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<DayEntry>> {
        self.read(|c| {
            let sql = format!(
                "SELECT {COLUMNS} FROM day_entries WHERE at >= ?1 AND at < ?2 ORDER BY at, seq"
            );
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map([to_ms(from), to_ms(to)], from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

fn bad(col: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into())
}

fn uuid_at(r: &Row<'_>, col: usize) -> rusqlite::Result<Option<Uuid>> {
    let text: Option<String> = r.get(col)?;
    text.map(|t| Uuid::parse_str(&t).map_err(|e| bad(col, e.to_string())))
        .transpose()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<DayEntry> {
    let kind: String = r.get(2)?;
    let method: Option<String> = r.get(6)?;
    Ok(DayEntry {
        seq: r.get(0)?,
        id: uuid_at(r, 1)?.ok_or_else(|| bad(1, "an entry has no id".into()))?,
        kind: EntryKind::parse(&kind).ok_or_else(|| bad(2, format!("entry kind {kind}")))?,
        till: r.get(3)?,
        at: from_ms(r.get(4)?)?,
        amount_millimes: r.get(5)?,
        method: method
            .map(|m| PaymentMethod::parse(&m).map_err(|e| bad(6, e.to_string())))
            .transpose()?,
        title: r.get(7)?,
        reference: r.get(8)?,
        customer: r.get(9)?,
        tendered_millimes: r.get(10)?,
        reason: r.get(11)?,
        refund_of: uuid_at(r, 12)?,
        receipt_no: r.get(13)?,
        drawer_id: uuid_at(r, 14)?,
    })
}

/// A required free text (title, reason), trimmed; empty is refused with `what` named.
pub(crate) fn required(text: &str, what: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(MerchantError::InvalidInput(format!("{what} is required")));
    }
    Ok(text.to_owned())
}

/// An optional free text, trimmed; blank is none.
pub(crate) fn optional(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}
