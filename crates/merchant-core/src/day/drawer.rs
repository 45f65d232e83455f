//! The cash drawer of a till: opened with a float, cash paid in and out with a reason, closed by
//! a Z report (see [`super::close`]). One drawer per till is open at a time.

use chrono::{DateTime, Utc};
use dhmad_api::Money;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entries::{self, DayEntry, EntryKind, required};
use crate::book::{Book, from_ms, to_ms};
use crate::error::{MerchantError, Result};

/// An opening of a till's drawer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Drawer {
    /// Its id.
    #[ts(type = "string")]
    pub id: Uuid,
    /// The till.
    pub till: String,
    /// When it was opened.
    pub opened_at: DateTime<Utc>,
    /// The cash put in to give change, in millimes.
    pub float_millimes: i64,
    /// Who opened it.
    pub cashier: String,
}

/// Which way cash moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CashMove {
    /// Into the drawer.
    In,
    /// Out of the drawer.
    Out,
}

/// Opens `till`'s drawer with `float` of cash. Refused while one is open on that till.
pub fn open_drawer(
    book: &Book,
    till: &str,
    float: Money,
    cashier: &str,
    now: DateTime<Utc>,
) -> Result<Drawer> {
    let now = super::to_stored_ms(now);
    let till = required(till, "the till")?;
    if float.millimes() < 0 {
        return Err(MerchantError::InvalidInput(
            "the float cannot be negative".into(),
        ));
    }
    book.write(|tx| {
        let c = tx.conn();
        if let Some(open) = open_on(c, &till)? {
            return Err(MerchantError::not_allowed(
                "DRAWER_ALREADY_OPEN",
                format!(
                    "the drawer of till {till} is already open (since {}); close it first",
                    open.opened_at.to_rfc3339()
                ),
            ));
        }
        let drawer = Drawer {
            id: Uuid::new_v4(),
            till: till.clone(),
            opened_at: now,
            float_millimes: float.millimes(),
            cashier: cashier.trim().to_owned(),
        };
        c.prepare_cached(
            "INSERT INTO drawers (id, till, opened_at, float_millimes, cashier)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(rusqlite::params![
            drawer.id.to_string(),
            drawer.till,
            to_ms(now),
            drawer.float_millimes,
            drawer.cashier,
        ])?;
        Ok(drawer)
    })
}

/// Cash paid into or out of `till`'s open drawer, with the reason.
pub fn move_cash(
    book: &Book,
    till: &str,
    direction: CashMove,
    amount: Money,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<DayEntry> {
    let now = super::to_stored_ms(now);
    let reason = required(reason, "a reason")?;
    if !amount.is_positive() {
        return Err(MerchantError::InvalidInput(
            "the amount must be above zero".into(),
        ));
    }
    book.write(|tx| {
        let c = tx.conn();
        let drawer = open_on(c, till)?.ok_or_else(|| no_open_drawer(till))?;
        let kind = match direction {
            CashMove::In => EntryKind::PaidIn,
            CashMove::Out => EntryKind::PaidOut,
        };
        let mut e = DayEntry::new(kind, till, now, amount.millimes());
        e.reason = Some(reason);
        e.drawer_id = Some(drawer.id);
        entries::insert(c, e)
    })
}

impl Book {
    /// `till`'s open drawer, if any.
    pub fn open_drawer_of(&self, till: &str) -> Result<Option<Drawer>> {
        self.read(|c| open_on(c, till))
    }
}

pub(crate) fn no_open_drawer(till: &str) -> MerchantError {
    MerchantError::not_allowed(
        "DRAWER_NOT_OPEN",
        format!("the drawer of till {till} is not open: open it with a float first"),
    )
}

/// The drawer of `till` that has no Z report yet.
pub(crate) fn open_on(c: &Connection, till: &str) -> Result<Option<Drawer>> {
    Ok(c.prepare_cached(
        "SELECT id, till, opened_at, float_millimes, cashier FROM drawers d
         WHERE till = ?1 AND NOT EXISTS (SELECT 1 FROM z_reports z WHERE z.drawer_id = d.id)
         ORDER BY opened_at DESC LIMIT 1",
    )?
    .query_row([till], |r| {
        let id: String = r.get(0)?;
        Ok(Drawer {
            id: Uuid::parse_str(&id).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
            })?,
            till: r.get(1)?,
            opened_at: from_ms(r.get(2)?)?,
            float_millimes: r.get(3)?,
            cashier: r.get(4)?,
        })
    })
    .optional()?)
}
