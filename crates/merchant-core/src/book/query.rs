//! The escrow list the UI shows: filters, search, sort and paging, from the book only.
//!
//! Search strategy: every whitespace-separated term must appear (case-insensitive substring) in
//! the title, id, an email or a name. Terms of 3+ characters go through the FTS5 trigram index
//! (fast on 100k rows); shorter terms, which a trigram index cannot answer, are checked with
//! `instr` on the rows the other conditions leave.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

use super::model::{EscrowMode, EscrowRole, EscrowStatus};
use super::{Book, from_ms, from_opt_ms, to_ms};
use crate::error::Result;

/// Which escrows (all conditions must hold; empty sets and `None` mean "any").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EscrowFilter {
    /// Status is one of these.
    pub statuses: Vec<EscrowStatus>,
    /// Mode is one of these.
    pub modes: Vec<EscrowMode>,
    /// The profile's role.
    pub role: Option<EscrowRole>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created strictly before.
    pub created_to: Option<DateTime<Utc>>,
    /// `amountTnd` at least (millimes).
    pub amount_min: Option<i64>,
    /// `amountTnd` at most (millimes).
    pub amount_max: Option<i64>,
    /// Words to find in title, id, emails and names.
    pub text: Option<String>,
    /// Only money held for the merchant's sales, in one "Coming to you" bucket.
    #[serde(default)]
    pub held: Option<super::coming::HeldFor>,
}

/// Sort column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    /// `createdAt`.
    #[default]
    Created,
    /// `amountTnd`.
    Amount,
    /// `status` (alphabetical).
    Status,
    /// `title` (case-insensitive).
    Title,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SortDir {
    /// Smallest first.
    Asc,
    /// Largest / newest first.
    #[default]
    Desc,
}

/// One page of the escrow list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EscrowQuery {
    /// Which escrows.
    pub filter: EscrowFilter,
    /// Sort column; ties are broken by creation time then id, in the same direction.
    pub sort: SortKey,
    /// Direction.
    pub dir: SortDir,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (at most [`EscrowQuery::MAX_LIMIT`]).
    pub limit: u32,
}

impl Default for EscrowQuery {
    fn default() -> Self {
        Self {
            filter: EscrowFilter::default(),
            sort: SortKey::default(),
            dir: SortDir::default(),
            offset: 0,
            limit: 100,
        }
    }
}

impl EscrowQuery {
    /// Largest page served.
    pub const MAX_LIMIT: u32 = 1000;
}

/// A page of rows and the number of rows matching the filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The rows.
    pub rows: Vec<T>,
    /// All matching rows.
    pub total: u64,
}

/// An escrow as a list row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EscrowRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: EscrowStatus,
    /// Mode.
    pub mode: Option<EscrowMode>,
    /// The profile's role.
    pub role: Option<EscrowRole>,
    /// Face amount (thousandths of `currency`).
    pub amount: i64,
    /// Currency.
    pub currency: String,
    /// Millimes.
    pub amount_tnd: i64,
    /// Millimes.
    pub escrow_fee: i64,
    /// Millimes.
    pub developer_fee: i64,
    /// `amount_tnd − escrow_fee − developer_fee`.
    pub net: i64,
    /// Buyer's email (linked user's, else the invited address).
    pub buyer_email: Option<String>,
    /// Seller's email.
    pub seller_email: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Paid.
    pub paid_at: Option<DateTime<Utc>>,
    /// Delivered.
    pub delivered_at: Option<DateTime<Utc>>,
    /// Completed.
    pub completed_at: Option<DateTime<Utc>>,
    /// Cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// A dispute ticket is attached.
    pub dispute_open: bool,
}

/// A buyer seen before, for autocomplete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastBuyer {
    /// Lower-case email.
    pub email: String,
    /// Escrows with this buyer.
    pub escrow_count: u64,
    /// Newest escrow with this buyer.
    pub last_at: DateTime<Utc>,
}

impl Book {
    /// One page of escrows and the total matching.
    pub fn query_escrows(&self, q: &EscrowQuery) -> Result<Page<EscrowRow>> {
        let (where_sql, params) = where_clause(&q.filter);
        let limit = i64::from(q.limit.min(EscrowQuery::MAX_LIMIT));
        let offset = i64::from(q.offset);
        self.read(|c| {
            // One read transaction: count and page see the same snapshot.
            c.execute_batch("BEGIN")?;
            let out = page(c, q, &where_sql, &params, limit, offset);
            c.execute_batch("COMMIT")?;
            out
        })
    }

    /// Buyers whose email starts with `prefix` (case-insensitive), most recent first.
    pub fn past_buyers(&self, prefix: &str, limit: u32) -> Result<Vec<PastBuyer>> {
        let low = prefix.trim().to_lowercase();
        // Every key with this prefix sorts below prefix + U+10FFFF, so the range uses the index.
        let high = format!("{low}\u{10FFFF}");
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT buyer_key, count(*), max(created_at) FROM escrows
                 WHERE buyer_key >= ?1 AND buyer_key < ?2
                 GROUP BY buyer_key ORDER BY max(created_at) DESC, buyer_key LIMIT ?3",
            )?;
            let rows = stmt.query_map(rusqlite::params![low, high, limit], |r| {
                Ok(PastBuyer {
                    email: r.get(0)?,
                    escrow_count: r.get::<_, i64>(1).map(|n| u64::try_from(n).unwrap_or(0))?,
                    last_at: from_ms(r.get(2)?)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

fn dir_sql(d: SortDir) -> &'static str {
    match d {
        SortDir::Asc => "ASC",
        SortDir::Desc => "DESC",
    }
}

/// The sort column's SQL. Ties break on creation time, then rowid: every index carries the rowid,
/// so the whole ORDER BY is answered from an index with no extra sort.
fn sort_sql(k: SortKey) -> &'static str {
    match k {
        SortKey::Created => "created_at",
        SortKey::Amount => "amount_tnd",
        SortKey::Status => "status",
        SortKey::Title => "title COLLATE NOCASE",
    }
}

/// The count, then the page. The page is chosen by rowid first (from indexes and the FTS rowid
/// set) and only its rows are read in full ("late row lookup"): deep pages and broad searches do
/// not read every skipped row. (Measured on 100k rows: a materialised CTE shared by count and page
/// was slower, because it joined every match to its full row before sorting.)
fn page(
    c: &Connection,
    q: &EscrowQuery,
    where_sql: &str,
    params: &[Value],
    limit: i64,
    offset: i64,
) -> Result<Page<EscrowRow>> {
    let dir = dir_sql(q.dir);
    let order = match q.sort {
        SortKey::Created => format!("created_at {dir}, rowid {dir}"),
        k => format!("{} {dir}, created_at {dir}, rowid {dir}", sort_sql(k)),
    };
    let total = count_where(c, where_sql, params)?;
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM escrows WHERE rowid IN (
            SELECT rowid FROM escrows WHERE {where_sql} ORDER BY {order} LIMIT ? OFFSET ?
         ) ORDER BY {order}"
    );
    let mut all: Vec<Value> = params.to_vec();
    all.extend([Value::Integer(limit), Value::Integer(offset)]);
    let rows = c
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(all.iter()), row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { rows, total })
}

fn count_where(c: &Connection, where_sql: &str, params: &[Value]) -> Result<u64> {
    let n: i64 = c
        .prepare_cached(&format!("SELECT count(*) FROM escrows WHERE {where_sql}"))?
        .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Columns read by [`row_from`].
pub(crate) const ROW_COLUMNS: &str = "id, title, status, mode, role, amount, currency, amount_tnd,
    escrow_fee, developer_fee, coalesce(buyer_user_email, buyer_email),
    coalesce(seller_user_email, seller_email), created_at, paid_at, delivered_at, completed_at,
    cancelled_at, dispute_ticket_id IS NOT NULL";

pub(crate) fn row_from(r: &Row<'_>) -> rusqlite::Result<EscrowRow> {
    let status: String = r.get(2)?;
    let mode: Option<String> = r.get(3)?;
    let role: Option<String> = r.get(4)?;
    let amount_tnd: i64 = r.get(7)?;
    let escrow_fee: i64 = r.get(8)?;
    let developer_fee: i64 = r.get(9)?;
    Ok(EscrowRow {
        id: r.get(0)?,
        title: r.get(1)?,
        status: EscrowStatus::parse(&status),
        mode: mode.as_deref().map(EscrowMode::parse),
        role: role.as_deref().map(EscrowRole::parse),
        amount: r.get(5)?,
        currency: r.get(6)?,
        amount_tnd,
        escrow_fee,
        developer_fee,
        net: amount_tnd - escrow_fee - developer_fee,
        buyer_email: r.get(10)?,
        seller_email: r.get(11)?,
        created_at: from_ms(r.get(12)?)?,
        paid_at: from_opt_ms(r.get(13)?)?,
        delivered_at: from_opt_ms(r.get(14)?)?,
        completed_at: from_opt_ms(r.get(15)?)?,
        cancelled_at: from_opt_ms(r.get(16)?)?,
        dispute_open: r.get(17)?,
    })
}

/// The WHERE clause (never empty: `1` when unfiltered) and its positional parameters.
pub(crate) fn where_clause(f: &EscrowFilter) -> (String, Vec<Value>) {
    let mut w = Conditions::default();
    w.any_of(
        "status",
        f.statuses.iter().map(|s| s.as_str().to_owned()).collect(),
    );
    w.any_of(
        "mode",
        f.modes.iter().map(|m| m.as_str().to_owned()).collect(),
    );
    w.any_of(
        "role",
        f.role.iter().map(|r| r.as_str().to_owned()).collect(),
    );
    w.bound("created_at >= ?", f.created_from.map(to_ms));
    w.bound("created_at < ?", f.created_to.map(to_ms));
    w.bound("amount_tnd >= ?", f.amount_min);
    w.bound("amount_tnd <= ?", f.amount_max);
    if let Some(held) = &f.held {
        let (sql, values) = held.condition();
        w.push(sql, values);
    }
    w.search(f.text.as_deref().unwrap_or(""));
    w.finish()
}

/// A WHERE clause being built: conditions joined by AND, each with its positional parameters
/// in the same order.
#[derive(Debug, Default)]
struct Conditions {
    parts: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    fn push(&mut self, sql: String, params: impl IntoIterator<Item = Value>) {
        self.parts.push(sql);
        self.params.extend(params);
    }

    /// `column IN (…)` when any value is chosen; no condition when none is.
    fn any_of(&mut self, column: &str, values: Vec<String>) {
        if !values.is_empty() {
            let marks = vec!["?"; values.len()].join(", ");
            self.push(
                format!("{column} IN ({marks})"),
                values.into_iter().map(Value::Text),
            );
        }
    }

    /// A one-sided bound, when given.
    fn bound(&mut self, sql: &str, v: Option<i64>) {
        if let Some(v) = v {
            self.push(sql.to_owned(), [Value::Integer(v)]);
        }
    }

    /// Full-text search for terms of 3+ characters (what the FTS index can match), substring
    /// search for shorter ones.
    fn search(&mut self, text: &str) {
        let (long, short) = search_terms(text);
        if !long.is_empty() {
            self.push(
                "rowid IN (SELECT rowid FROM escrows_fts WHERE escrows_fts MATCH ?)".into(),
                [Value::Text(long.join(" "))],
            );
        }
        for term in short {
            self.push("instr(search_text, ?) > 0".into(), [Value::Text(term)]);
        }
    }

    fn finish(self) -> (String, Vec<Value>) {
        let sql = if self.parts.is_empty() {
            "1".to_owned()
        } else {
            self.parts.join(" AND ")
        };
        (sql, self.params)
    }
}

/// Splits search text into FTS5 phrases (3+ characters, quoted) and short terms.
fn search_terms(text: &str) -> (Vec<String>, Vec<String>) {
    let mut long = Vec::new();
    let mut short = Vec::new();
    for term in text.to_lowercase().split_whitespace() {
        if term.chars().count() >= 3 {
            // A quoted FTS5 string is literal: double any quote inside it.
            long.push(format!("\"{}\"", term.replace('"', "\"\"")));
        } else {
            short.push(term.to_owned());
        }
    }
    (long, short)
}

/// Runs `SELECT count(*)` for a filter (used by the export's progress).
pub(crate) fn count(c: &Connection, f: &EscrowFilter) -> Result<u64> {
    let (where_sql, params) = where_clause(f);
    count_where(c, &where_sql, &params)
}
