//! DHMAD escrow money in the day's book: the Z report's DHMAD section, and what a "refund" of a
//! DHMAD counter sale can be. Escrow money is shown apart and never counted as cash: until DHMAD
//! releases it, it is not the merchant's.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::book::{Book, EscrowRecord, EscrowStatus, to_ms};
use crate::error::Result;

/// A count of escrows and their amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowFigure {
    /// How many escrows.
    pub count: u64,
    /// Σ their TND amount, in millimes.
    pub amount: i64,
}

/// The merchant's DHMAD sales (escrows where the profile sells) around a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DhmadSection {
    /// Paid by the buyer during the period.
    pub paid_today: EscrowFigure,
    /// Released to the merchant's balance (completed) during the period.
    pub released_today: EscrowFigure,
    /// Paid and not yet released or cancelled at the end of the period: money held by DHMAD.
    pub held: EscrowFigure,
    /// Cancelled during the period.
    pub cancelled: EscrowFigure,
}

/// The DHMAD section of `[from, to)` as the book knows it (a sync brings it up to date).
pub(crate) fn section(
    c: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<DhmadSection> {
    let (from, to) = (to_ms(from), to_ms(to));
    Ok(DhmadSection {
        paid_today: figure(c, "paid_at >= ?1 AND paid_at < ?2", &[from, to])?,
        released_today: figure(c, "completed_at >= ?1 AND completed_at < ?2", &[from, to])?,
        held: figure(
            c,
            "status IN ('paid', 'delivered', 'disputed') AND COALESCE(paid_at, 0) < ?1",
            &[to],
        )?,
        cancelled: figure(c, "cancelled_at >= ?1 AND cancelled_at < ?2", &[from, to])?,
    })
}

/// Count and amount of the merchant's escrows (role seller) matching `condition`.
fn figure(c: &Connection, condition: &str, params: &[i64]) -> Result<EscrowFigure> {
    let sql = format!(
        "SELECT COUNT(*), COALESCE(SUM(amount_tnd), 0) FROM escrows
         WHERE role = 'seller' AND {condition}"
    );
    let (count, amount): (i64, i64) = c
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(params), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(EscrowFigure {
        count: u64::try_from(count).unwrap_or_default(),
        amount,
    })
}

/// What can be done for a buyer who wants their money back from a DHMAD sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum DhmadRefundWay {
    /// Not paid yet: cancel the escrow ([`crate::cancel_escrow`]); nothing was charged.
    Cancel,
    /// Paid: only DHMAD can give the money back, through the buyer's cancellation request on a
    /// checkout link (`request_cancellation`, [`crate::create_checkout_session`]).
    BuyerCancellation,
    /// Nothing through DHMAD (released, cancelled, disputed or unknown).
    Nothing,
}

/// The way, with a sentence the app shows as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DhmadRefundAdvice {
    /// What the refund button does.
    pub way: DhmadRefundWay,
    /// Plain words for the merchant.
    pub message: String,
}

/// [`dhmad_refund_advice`] for a stored escrow: an open dispute ticket decides, whatever the
/// status says (a delivered escrow can be in dispute).
pub fn refund_advice_for(record: &EscrowRecord) -> DhmadRefundAdvice {
    // As the needs-action list reads it: a ticket is attached (by id in a list, whole in a
    // detail) and not known to be closed.
    let attached = record.dispute_ticket_id.is_some() || record.dispute_ticket.is_some();
    let status = record
        .dispute_ticket
        .as_ref()
        .and_then(|t| t.status.as_deref());
    let open_dispute = attached && status.is_none_or(|s| s == "open");
    if open_dispute {
        dhmad_refund_advice(&EscrowStatus::Disputed)
    } else {
        dhmad_refund_advice(&record.status)
    }
}

/// What the API allows for an escrow in `status` when the buyer wants their money back.
pub fn dhmad_refund_advice(status: &EscrowStatus) -> DhmadRefundAdvice {
    let (way, message) = match status {
        EscrowStatus::Pending => (
            DhmadRefundWay::Cancel,
            "The buyer has not paid yet: cancel the sale. Nothing was charged.",
        ),
        EscrowStatus::Paid | EscrowStatus::Delivered => (
            DhmadRefundWay::BuyerCancellation,
            "DHMAD holds the buyer's money. Only the buyer can ask for it back: send them the \
             cancellation link. DHMAD refunds them once the cancellation is accepted.",
        ),
        EscrowStatus::Completed => (
            DhmadRefundWay::Nothing,
            "The money has been released to your balance: DHMAD can no longer refund it. \
             Give it back another way (cash, transfer) if you agree to.",
        ),
        EscrowStatus::Cancelled => (
            DhmadRefundWay::Nothing,
            "This sale is already cancelled: the buyer's money was returned by DHMAD.",
        ),
        EscrowStatus::Disputed => (
            DhmadRefundWay::Nothing,
            "A dispute is open: DHMAD's team decides where the money goes.",
        ),
        EscrowStatus::Unknown(_) => (
            DhmadRefundWay::Nothing,
            "DHMAD reports a state this app does not know: sync, then try again.",
        ),
    };
    DhmadRefundAdvice {
        way,
        message: message.to_owned(),
    }
}

/// For a receipt number of `till` given to a DHMAD counter sale (`None` for any other receipt): the advice for its escrow's state (a
/// sale whose escrow is not in the book yet is treated as not paid).
pub fn dhmad_advice_for_receipt(
    book: &Book,
    till: &str,
    receipt_no: i64,
) -> Result<Option<DhmadRefundAdvice>> {
    let status: Option<Option<String>> = book.read(|c| {
        Ok(c.prepare_cached(
            "SELECT e.status FROM receipts r
             JOIN counter_sales s ON s.id = r.entry_id
             LEFT JOIN escrows e ON e.id = s.escrow_id
             WHERE r.till = ?1 AND r.number = ?2 AND r.entry_kind = 'dhmad'",
        )?
        .query_row(rusqlite::params![till, receipt_no], |r| r.get(0))
        .optional()?)
    })?;
    Ok(status.map(|s| {
        let status = s.map_or(EscrowStatus::Pending, |s| EscrowStatus::parse(&s));
        dhmad_refund_advice(&status)
    }))
}
