//! Reading back stored Z reports and checking their chain.

use rusqlite::Connection;
use serde::Serialize;

use super::close::{GENESIS_HASH, ZReport, chain_hash, receipts_after};
use super::entries;
use super::report::{DayReport, digest};
use crate::book::Book;
use crate::error::Result;

/// A Z that no longer matches what was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BrokenZ {
    /// Its number.
    pub number: i64,
    /// What does not match, in plain words.
    pub reason: String,
}

/// The outcome of [`Book::verify_z_chain`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainCheck {
    /// How many Z reports were checked.
    pub checked: u64,
    /// The first one that is broken, if any.
    pub first_broken: Option<BrokenZ>,
}

/// One stored row of `z_reports`.
struct Row {
    number: i64,
    till: String,
    last_seq: i64,
    last_receipt: i64,
    content: String,
    hash: String,
    previous_hash: String,
}

impl Book {
    /// Z report number `number`, as stored (a reprint).
    pub fn z_report(&self, number: i64) -> Result<Option<ZReport>> {
        self.read(|c| {
            let row = rows(c, Some(number))?.pop();
            row.map(|r| {
                Ok(ZReport {
                    report: serde_json::from_str(&r.content)?,
                    hash: r.hash,
                    previous_hash: r.previous_hash,
                })
            })
            .transpose()
        })
    }

    /// Every Z report's number, oldest first.
    pub fn z_numbers(&self) -> Result<Vec<i64>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT number FROM z_reports ORDER BY number")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Checks every Z in order: its chain link, its hash, and that the entries and receipts it
    /// covers still match its digest. Names the first Z that fails.
    pub fn verify_z_chain(&self) -> Result<ChainCheck> {
        self.read(|c| {
            let all = rows(c, None)?;
            let mut previous = GENESIS_HASH.to_owned();
            let mut previous_number = None;
            for (i, row) in all.iter().enumerate() {
                let relinked = row.previous_hash != previous
                    && chain_hash(&row.content, &row.previous_hash) == row.hash;
                let problem = match previous_number {
                    // Z n+1 is whole but chained to another hash: Z n was rewritten.
                    Some(n) if relinked => Some(BrokenZ {
                        number: n,
                        reason: format!(
                            "it was changed after Z {} chained to it (its hash differs)",
                            row.number
                        ),
                    }),
                    _ => check_row(c, row, &previous)?.map(|reason| BrokenZ {
                        number: row.number,
                        reason,
                    }),
                };
                if problem.is_some() {
                    return Ok(ChainCheck {
                        checked: i as u64 + 1,
                        first_broken: problem,
                    });
                }
                previous.clone_from(&row.hash);
                previous_number = Some(row.number);
            }
            Ok(ChainCheck {
                checked: all.len() as u64,
                first_broken: None,
            })
        })
    }
}

/// What is wrong with one Z (its link to the previous hash was checked by the caller).
fn check_row(c: &Connection, row: &Row, previous: &str) -> Result<Option<String>> {
    if row.previous_hash != previous {
        return Ok(Some("its link to the previous Z was changed".into()));
    }
    if chain_hash(&row.content, &row.previous_hash) != row.hash {
        return Ok(Some("its content does not match its hash".into()));
    }
    let Ok(report) = serde_json::from_str::<DayReport>(&row.content) else {
        return Ok(Some("its content cannot be read".into()));
    };
    if report.number != row.number
        || report.till != row.till
        || report.entries.last_seq != row.last_seq
        || report.receipts.last.unwrap_or(row.last_receipt) != row.last_receipt
    {
        return Ok(Some("its stored columns disagree with its content".into()));
    }
    let covered = entries::range(c, &row.till, report.entries.after_seq, row.last_seq)?;
    let first_receipt = report.receipts.first.unwrap_or(row.last_receipt + 1);
    let receipts = receipts_after(c, &row.till, first_receipt - 1, row.last_receipt)?;
    let again = digest(&covered, &receipts, report.entries.after_seq, row.last_seq)?;
    if again != report.entries {
        return Ok(Some(
            "the entries or receipts it covers were changed or removed since it was closed".into(),
        ));
    }
    Ok(None)
}

fn rows(c: &Connection, number: Option<i64>) -> Result<Vec<Row>> {
    let mut stmt = c.prepare_cached(
        "SELECT number, till, last_seq, last_receipt, content, hash, previous_hash
         FROM z_reports WHERE ?1 IS NULL OR number = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([number], |r| {
        Ok(Row {
            number: r.get(0)?,
            till: r.get(1)?,
            last_seq: r.get(2)?,
            last_receipt: r.get(3)?,
            content: r.get(4)?,
            hash: r.get(5)?,
            previous_hash: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
