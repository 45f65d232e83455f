//! The X and Z report's figures, computed from a period's entries (pure: no book, no clock).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::dhmad::DhmadSection;
use super::drawer::Drawer;
use super::entries::{DayEntry, EntryKind};
use super::method::PaymentMethod;
use crate::error::{MerchantError, Result};
use crate::settings::Settings;

/// One method's line: sales, refunds, and what the drawer should hold of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MethodLine {
    /// Σ sales (millimes).
    pub sales: i64,
    /// Σ refunds (millimes, positive).
    pub refunds: i64,
    /// What should be there: sales − refunds (for cash also + float + paid in − paid out).
    pub expected: i64,
    /// What was counted; `None` when the method is not counted (wallets by default).
    pub counted: Option<i64>,
    /// counted − expected (negative: missing).
    pub difference: Option<i64>,
}

/// First and last receipt numbers of the period, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptRange {
    /// First number (none when no receipt was issued).
    pub first: Option<i64>,
    /// Last number.
    pub last: Option<i64>,
    /// How many receipts (sales of every method, DHMAD included, and refunds).
    pub count: u64,
}

/// The entries a report covers: a range of the book's sequence and a digest of every entry and
/// receipt in it, so a later change to any of them no longer matches the stored Z.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EntriesDigest {
    /// The range is `(after_seq, last_seq]`.
    pub after_seq: i64,
    /// Last entry covered.
    pub last_seq: i64,
    /// How many entries.
    pub count: u64,
    /// sha256 (hex) of the entries and receipts, in order.
    pub digest: String,
}

/// An X or Z report's content: what is hashed and stored for a Z.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DayReport {
    /// The Z number (for an X report: the number the next Z will take).
    pub number: i64,
    /// Drawer opened.
    pub opened_at: DateTime<Utc>,
    /// Closed (for an X report: when it was made).
    pub closed_at: DateTime<Utc>,
    /// The till.
    pub till: String,
    /// Who closed (or opened, when no name was given at close).
    pub cashier: String,
    /// The float put in at opening (millimes).
    pub float: i64,
    /// Lines by method (DHMAD is apart, in `dhmad`).
    pub by_method: BTreeMap<PaymentMethod, MethodLine>,
    /// Cash paid in (millimes).
    pub paid_in: i64,
    /// Cash paid out (millimes).
    pub paid_out: i64,
    /// Receipt numbers of the period.
    pub receipts: ReceiptRange,
    /// The cashier counted without seeing the expected amounts.
    pub blind: bool,
    /// DHMAD escrow money of the period, never counted as cash.
    pub dhmad: DhmadSection,
    /// The entries covered.
    pub entries: EntriesDigest,
}

/// Everything a report is computed from.
#[derive(Debug)]
pub(crate) struct Period<'a> {
    pub number: i64,
    pub drawer: &'a Drawer,
    pub closed_at: DateTime<Utc>,
    pub cashier: String,
    pub entries: &'a [DayEntry],
    pub receipts: &'a [ReceiptRow],
    pub after_seq: i64,
    pub last_seq: i64,
    pub dhmad: DhmadSection,
    pub blind: bool,
}

/// One issued receipt number, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReceiptRow {
    pub number: i64,
    pub kind: String,
    pub entry_id: String,
    pub issued_at: i64,
}

/// Whether the close counts `method` by default: what stays in the drawer (cash, cheques, custom
/// methods marked "in the drawer") and the card terminal's slip. Wallets are checked against
/// their statements, not at the till, so they are counted only when the settings say so.
pub fn counted_at_close(method: &PaymentMethod, settings: &Settings) -> bool {
    match method {
        PaymentMethod::Cash | PaymentMethod::Cheque | PaymentMethod::Card => true,
        m if m.is_wallet() => settings.count_wallets_at_close,
        PaymentMethod::Custom(slug) => settings
            .custom_methods
            .iter()
            .any(|c| &c.slug == slug && c.in_drawer),
        _ => false,
    }
}

/// Computes the report of `p`; `counted` holds the counted totals by method (none for an X).
pub(crate) fn compute(
    p: &Period<'_>,
    settings: &Settings,
    counted: &BTreeMap<PaymentMethod, i64>,
) -> Result<DayReport> {
    let mut lines: BTreeMap<PaymentMethod, MethodLine> = BTreeMap::new();
    for m in counted.keys().cloned().chain(default_counted(settings)) {
        lines.entry(m).or_default();
    }
    let (paid_in, paid_out) = add_entries(&mut lines, p.entries)?;
    for (m, line) in &mut lines {
        line.expected = checked(i128::from(line.sales) - i128::from(line.refunds))?;
        if *m == PaymentMethod::Cash {
            let extra =
                i128::from(p.drawer.float_millimes) + i128::from(paid_in) - i128::from(paid_out);
            line.expected = checked(i128::from(line.expected) + extra)?;
        }
        line.counted = counted.get(m).copied();
        line.difference = line
            .counted
            .map(|c| checked(i128::from(c) - i128::from(line.expected)))
            .transpose()?;
    }
    Ok(DayReport {
        number: p.number,
        opened_at: p.drawer.opened_at,
        closed_at: p.closed_at,
        till: p.drawer.till.clone(),
        cashier: p.cashier.clone(),
        float: p.drawer.float_millimes,
        by_method: lines,
        paid_in,
        paid_out,
        receipts: receipt_range(p.receipts),
        blind: p.blind,
        dhmad: p.dhmad,
        entries: digest(p.entries, p.receipts, p.after_seq, p.last_seq)?,
    })
}

/// Adds sales and refunds to their method's line; gives the cash paid in and out.
fn add_entries(
    lines: &mut BTreeMap<PaymentMethod, MethodLine>,
    entries: &[DayEntry],
) -> Result<(i64, i64)> {
    let (mut paid_in, mut paid_out) = (0_i64, 0_i64);
    for e in entries {
        match (e.kind, &e.method) {
            (EntryKind::Sale, Some(m)) => add(&mut lines.entry(m.clone()).or_default().sales, e)?,
            (EntryKind::Refund, Some(m)) => {
                add(&mut lines.entry(m.clone()).or_default().refunds, e)?;
            }
            (EntryKind::PaidIn, _) => add(&mut paid_in, e)?,
            (EntryKind::PaidOut, _) => add(&mut paid_out, e)?,
            _ => {}
        }
    }
    Ok((paid_in, paid_out))
}

fn default_counted(settings: &Settings) -> impl Iterator<Item = PaymentMethod> + '_ {
    let custom = settings
        .custom_methods
        .iter()
        .map(super::CustomMethod::method);
    super::method::BUILT_IN
        .into_iter()
        .chain(custom)
        .filter(|m| counted_at_close(m, settings))
}

fn add(total: &mut i64, e: &DayEntry) -> Result<()> {
    *total = checked(i128::from(*total) + i128::from(e.amount_millimes))?;
    Ok(())
}

fn checked(v: i128) -> Result<i64> {
    i64::try_from(v).map_err(|_| {
        MerchantError::InvalidInput("the day's totals are too large to add up exactly".into())
    })
}

fn receipt_range(receipts: &[ReceiptRow]) -> ReceiptRange {
    ReceiptRange {
        first: receipts.iter().map(|r| r.number).min(),
        last: receipts.iter().map(|r| r.number).max(),
        count: receipts.len() as u64,
    }
}

/// sha256 over every entry (its JSON) and every receipt row, one line each, in order.
pub(crate) fn digest(
    entries: &[DayEntry],
    receipts: &[ReceiptRow],
    after_seq: i64,
    last_seq: i64,
) -> Result<EntriesDigest> {
    let mut h = Sha256::new();
    for e in entries {
        h.update(serde_json::to_string(e)?.as_bytes());
        h.update(b"\n");
    }
    for r in receipts {
        let line = format!(
            "receipt {} {} {} {}\n",
            r.number, r.kind, r.entry_id, r.issued_at
        );
        h.update(line.as_bytes());
    }
    Ok(EntriesDigest {
        after_seq,
        last_seq,
        count: entries.len() as u64,
        digest: hex::encode(h.finalize()),
    })
}
