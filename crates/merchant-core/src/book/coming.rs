//! "Coming to you": the money DHMAD holds for the merchant's sales — paid by buyers, not yet
//! released — split by what stands between it and the merchant. This is not the balance's
//! `escrow` figure, which is the account's own money held where it is the buyer (§2.2).

use chrono::{DateTime, Duration, Utc};
use dhmad_api::Money;
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::Book;
use crate::error::Result;

/// How far ahead "releasing soon" looks.
pub const RELEASING_WITHIN: Duration = Duration::hours(24);

/// A group of held sales: how many, their amounts, and what the merchant keeps after fees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bucket {
    /// Escrows in the group.
    pub count: u32,
    /// Their amounts in TND.
    pub amount: Money,
    /// Amounts less DHMAD's and the developer's fees: what the merchant will receive.
    pub net: Money,
}

/// The held money, whole and by what it waits for. The four "waiting" buckets partition
/// `held`; `releasing_soon` is the part of `awaiting_buyer` whose completion deadline falls
/// within [`RELEASING_WITHIN`] (\[I\] §3.8 gives the deadline but not its effect; we read it as
/// the moment the money is released without the buyer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ComingToYou {
    /// Everything held for the merchant's sales.
    pub held: Bucket,
    /// Paid, waiting for the merchant to deliver.
    pub awaiting_delivery: Bucket,
    /// Delivered, waiting for the buyer to confirm.
    pub awaiting_buyer: Bucket,
    /// A dispute is open: DHMAD staff decide.
    pub disputed: Bucket,
    /// The buyer asked to cancel; the merchant answers.
    pub cancellation_requested: Bucket,
    /// Delivered, with a completion deadline within 24 hours.
    pub releasing_soon: Bucket,
}

/// Why a held escrow waits, in the order that decides: a dispute or a cancellation request
/// outranks the status.
const WAIT_CASE: &str = "CASE
    WHEN status = 'disputed' OR dispute_status = 'open' THEN 'disputed'
    WHEN json_extract(cancellation_json, '$.status') = 'pending' THEN 'cancellation'
    WHEN status = 'paid' THEN 'delivery'
    ELSE 'buyer' END";

/// One bucket as a filter of the escrow list, so each figure opens the sales behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "bucket")]
pub enum HeldFor {
    /// Everything held.
    Any,
    /// Paid, waiting for the merchant to deliver.
    Delivery,
    /// Delivered, waiting for the buyer.
    Buyer,
    /// A dispute is open.
    Disputed,
    /// The buyer asked to cancel.
    Cancellation,
    /// Delivered, with a completion deadline at or before `by`.
    ReleasingBy {
        /// The end of the window.
        by: DateTime<Utc>,
    },
}

/// Held for the merchant: its sales, paid and not yet released or refunded.
const HELD: &str = "role = 'seller' AND status IN ('paid', 'delivered', 'disputed')";

impl HeldFor {
    /// The SQL condition on `escrows` and its parameters.
    pub(crate) fn condition(self) -> (String, Vec<Value>) {
        let wait = |w: &str| format!("({HELD} AND ({WAIT_CASE}) = '{w}')");
        match self {
            HeldFor::Any => (format!("({HELD})"), vec![]),
            HeldFor::Delivery => (wait("delivery"), vec![]),
            HeldFor::Buyer => (wait("buyer"), vec![]),
            HeldFor::Disputed => (wait("disputed"), vec![]),
            HeldFor::Cancellation => (wait("cancellation"), vec![]),
            HeldFor::ReleasingBy { by } => (
                format!("({} AND completion_deadline <= ?)", wait("buyer")),
                vec![Value::Integer(by.timestamp_millis())],
            ),
        }
    }
}

impl Book {
    /// The money held for the merchant's sales at `now`.
    pub fn coming_to_you(&self, now: DateTime<Utc>) -> Result<ComingToYou> {
        self.read(|c| coming_to_you(c, now))
    }
}

fn coming_to_you(c: &Connection, now: DateTime<Utc>) -> Result<ComingToYou> {
    let soon = (now + RELEASING_WITHIN).timestamp_millis();
    let sql = format!(
        "SELECT {WAIT_CASE} AS wait,
                (status = 'delivered' AND completion_deadline IS NOT NULL
                    AND completion_deadline <= ?1) AS soon,
                COUNT(*), SUM(amount_tnd), SUM(amount_tnd - escrow_fee - developer_fee)
         FROM escrows
         WHERE {HELD}
         GROUP BY wait, soon"
    );
    let mut stmt = c.prepare(&sql)?;
    let mut rows = stmt.query([soon])?;
    let mut out = ComingToYou::default();
    while let Some(row) = rows.next()? {
        let wait: String = row.get(0)?;
        let soon: bool = row.get(1)?;
        let part = Bucket {
            count: row.get(2)?,
            amount: Money::from_millimes(row.get(3)?),
            net: Money::from_millimes(row.get(4)?),
        };
        add(&mut out.held, part);
        let bucket = match wait.as_str() {
            "disputed" => &mut out.disputed,
            "cancellation" => &mut out.cancellation_requested,
            "delivery" => &mut out.awaiting_delivery,
            _ => &mut out.awaiting_buyer,
        };
        add(bucket, part);
        if soon && wait == "buyer" {
            add(&mut out.releasing_soon, part);
        }
    }
    Ok(out)
}

fn add(total: &mut Bucket, part: Bucket) {
    total.count = total.count.saturating_add(part.count);
    total.amount = Money::from_millimes(
        total
            .amount
            .millimes()
            .saturating_add(part.amount.millimes()),
    );
    total.net = Money::from_millimes(total.net.millimes().saturating_add(part.net.millimes()));
}
