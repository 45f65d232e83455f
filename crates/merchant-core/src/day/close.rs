//! The X report (the open period, not stored) and the Z report (the close: numbered per shop,
//! stored once, hashed with the previous Z).
//!
//! A Z stores its content as canonical JSON text and `hash = sha256(content || previousHash)`
//! (hex; the first Z's previous hash is 64 zeros). The content holds a digest of every entry and
//! receipt it covers, so [`Book::verify_z_chain`] catches a changed or removed sale as well as a
//! changed Z.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::cash::Counted;
use super::dhmad;
use super::drawer::{Drawer, no_open_drawer, open_on};
use super::entries;
use super::method::PaymentMethod;
use super::report::{DayReport, Period, ReceiptRow, compute};
use crate::book::{Book, to_ms};
use crate::error::{MerchantError, Result};
use crate::settings::Settings;

/// The previous hash of the first Z.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A stored Z report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ZReport {
    /// Its figures (exactly what was hashed).
    #[serde(flatten)]
    pub report: DayReport,
    /// sha256(content || previous_hash), hex.
    pub hash: String,
    /// The previous Z's hash ([`GENESIS_HASH`] for the first).
    pub previous_hash: String,
}

/// What the cashier enters at close.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CloseRequest {
    /// Counted amounts by method (cash as a total or by denomination).
    pub counted: Vec<(PaymentMethod, Counted)>,
    /// The cashier counted without seeing the expected amounts (recorded on the Z).
    pub blind: bool,
    /// Who closes; blank: the settings' cashier, else who opened.
    pub cashier: Option<String>,
}

/// The X report of the profile's till: the open drawer's figures so far. Nothing is stored.
pub fn x_report(book: &Book, settings: &Settings, now: DateTime<Utc>) -> Result<DayReport> {
    let now = super::to_stored_ms(now);
    let till = settings.till_id.trim();
    book.read(|c| {
        // One read transaction: every figure comes from the same snapshot of the book.
        c.execute_batch("BEGIN")?;
        let report = open_period_report(c, settings, till, now);
        c.execute_batch("COMMIT")?;
        report
    })
}

fn open_period_report(
    c: &Connection,
    settings: &Settings,
    till: &str,
    now: DateTime<Utc>,
) -> Result<DayReport> {
    let drawer = open_on(c, till)?.ok_or_else(|| no_open_drawer(till))?;
    let cashier = cashier_of(None, settings, &drawer);
    let number = last_z(c)?.map_or(1, |(n, _)| n + 1);
    let none = BTreeMap::new();
    report_of(c, settings, &drawer, number, now, cashier, false, &none)
}

/// Closes the profile's till: computes the Z from the entries since the till's last close, stores
/// it with the next number of the shop and the chained hash, in one transaction. The drawer is
/// closed from then on. Expected amounts are computed here and never shown before: a blind
/// close is the same call with `blind` set.
pub fn close_drawer(
    book: &Book,
    settings: &Settings,
    req: &CloseRequest,
    now: DateTime<Utc>,
) -> Result<ZReport> {
    let now = super::to_stored_ms(now);
    let counted = counted_totals(&req.counted)?;
    let till = settings.till_id.trim();
    book.write(|tx| {
        let c = tx.conn();
        let drawer = open_on(c, till)?.ok_or_else(|| no_open_drawer(till))?;
        let (number, previous_hash) = match last_z(c)? {
            Some((n, hash)) => (n + 1, hash),
            None => (1, GENESIS_HASH.to_owned()),
        };
        let cashier = cashier_of(req.cashier.as_deref(), settings, &drawer);
        let report = report_of(
            c, settings, &drawer, number, now, cashier, req.blind, &counted,
        )?;
        let content = serde_json::to_string(&report)?;
        let hash = chain_hash(&content, &previous_hash);
        c.prepare_cached(
            "INSERT INTO z_reports (number, drawer_id, till, closed_at, last_seq, last_receipt,
                content, hash, previous_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(rusqlite::params![
            number,
            drawer.id.to_string(),
            drawer.till,
            to_ms(now),
            report.entries.last_seq,
            last_receipt(c, till)?,
            content,
            hash,
            previous_hash,
        ])?;
        Ok(ZReport {
            report,
            hash,
            previous_hash,
        })
    })
}

fn counted_totals(counted: &[(PaymentMethod, Counted)]) -> Result<BTreeMap<PaymentMethod, i64>> {
    let mut totals = BTreeMap::new();
    for (method, count) in counted {
        if matches!(count, Counted::Pieces(_)) && *method != PaymentMethod::Cash {
            return Err(MerchantError::InvalidInput(format!(
                "only cash is counted by notes and coins; give {method} as one total"
            )));
        }
        if *method == PaymentMethod::Dhmad {
            return Err(MerchantError::InvalidInput(
                "DHMAD money is held by DHMAD, not counted at the till".into(),
            ));
        }
        if totals.insert(method.clone(), count.millimes()?).is_some() {
            return Err(MerchantError::InvalidInput(format!(
                "{method} is counted twice"
            )));
        }
    }
    Ok(totals)
}

fn cashier_of(given: Option<&str>, settings: &Settings, drawer: &Drawer) -> String {
    [
        given.unwrap_or_default(),
        &settings.cashier_name,
        &drawer.cashier,
    ]
    .into_iter()
    .map(str::trim)
    .find(|s| !s.is_empty())
    .unwrap_or_default()
    .to_owned()
}

#[allow(clippy::too_many_arguments)] // one call site each for X and Z; a struct adds nothing
fn report_of(
    c: &Connection,
    settings: &Settings,
    drawer: &Drawer,
    number: i64,
    now: DateTime<Utc>,
    cashier: String,
    blind: bool,
    counted: &BTreeMap<PaymentMethod, i64>,
) -> Result<DayReport> {
    let (after_seq, after_receipt) = last_close_of_till(c, &drawer.till)?;
    let last_seq = entries::last_seq(c)?;
    let entries = entries::range(c, &drawer.till, after_seq, last_seq)?;
    let receipts = receipts_after(c, &drawer.till, after_receipt, i64::MAX)?;
    let period = Period {
        number,
        drawer,
        closed_at: now,
        cashier,
        entries: &entries,
        receipts: &receipts,
        after_seq,
        last_seq,
        dhmad: dhmad::section(c, drawer.opened_at, now)?,
        blind,
    };
    compute(&period, settings, counted)
}

/// The shop's newest Z: its number and hash.
fn last_z(c: &Connection) -> Result<Option<(i64, String)>> {
    Ok(
        c.prepare_cached("SELECT number, hash FROM z_reports ORDER BY number DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    )
}

/// Where `till`'s last close ended: its last entry seq and last receipt number (0, 0 if none).
fn last_close_of_till(c: &Connection, till: &str) -> Result<(i64, i64)> {
    Ok(c.prepare_cached(
        "SELECT last_seq, last_receipt FROM z_reports WHERE till = ?1
         ORDER BY number DESC LIMIT 1",
    )?
    .query_row([till], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?
    .unwrap_or((0, 0)))
}

fn last_receipt(c: &Connection, till: &str) -> Result<i64> {
    Ok(
        c.prepare_cached("SELECT COALESCE(MAX(number), 0) FROM receipts WHERE till = ?1")?
            .query_row([till], |r| r.get(0))?,
    )
}

/// Receipts of `till` numbered `(after, up_to]`, in order.
pub(crate) fn receipts_after(
    c: &Connection,
    till: &str,
    after: i64,
    up_to: i64,
) -> Result<Vec<ReceiptRow>> {
    let mut stmt = c.prepare_cached(
        "SELECT number, entry_kind, entry_id, issued_at FROM receipts
         WHERE till = ?1 AND number > ?2 AND number <= ?3 ORDER BY number",
    )?;
    let rows = stmt.query_map(rusqlite::params![till, after, up_to], |r| {
        Ok(ReceiptRow {
            number: r.get(0)?,
            kind: r.get(1)?,
            entry_id: r.get(2)?,
            issued_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// sha256(content || previous_hash), hex.
pub(crate) fn chain_hash(content: &str, previous_hash: &str) -> String {
    let mut h = Sha256::new();
    h.update(content.as_bytes());
    h.update(previous_hash.as_bytes());
    hex::encode(h.finalize())
}
