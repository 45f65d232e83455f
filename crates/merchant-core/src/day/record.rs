//! Recording a sale taken outside DHMAD (cash, card terminal, wallet, cheque, custom) and
//! refunding one. Local only: nothing here sends a request.

use chrono::{DateTime, Utc};
use dhmad_api::Money;
use serde::Serialize;

use super::cash::change_due;
use super::drawer::open_on;
use super::entries::{self, DayEntry, EntryKind, optional, required};
use super::method::PaymentMethod;
use super::receipts::{ReceiptKind, allocate};
use crate::book::{Book, to_ms};
use crate::error::{MerchantError, Result};
use crate::settings::Settings;

/// What the merchant typed for a recorded sale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleEntry {
    /// Amount (> 0).
    pub amount: Money,
    /// What was sold.
    pub title: String,
    /// How it was paid (not DHMAD: a DHMAD sale goes through [`crate::charge`]).
    pub method: PaymentMethod,
    /// Cheque number, wallet transaction id, terminal slip number, …
    pub reference: Option<String>,
    /// The customer, when the merchant notes one.
    pub customer: Option<String>,
    /// Cash only: what the buyer handed over (the change is computed from it).
    pub tendered: Option<Money>,
}

/// A recorded sale with its receipt number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recorded {
    /// The stored entry (`receipt_no` is set).
    pub entry: DayEntry,
    /// Cash with an amount tendered: the change to give back, in millimes.
    pub change_millimes: Option<i64>,
}

/// Records `sale` on the profile's till with the next receipt number, in one transaction.
///
/// A sale is recorded whether or not the till's drawer is open: the customer is at the counter
/// and the sale must not be lost; it is counted by the till's next close.
pub fn record_sale(
    book: &Book,
    settings: &Settings,
    sale: &SaleEntry,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let now = super::to_stored_ms(now);
    let entry = checked_entry(settings, sale, now)?;
    let change = match sale.tendered {
        Some(t) => Some(change_due(sale.amount.millimes(), t.millimes())?),
        None => None,
    };
    let entry = book.write(|tx| {
        let c = tx.conn();
        let mut e = entry;
        e.drawer_id = open_on(c, &e.till)?.map(|d| d.id);
        let id = e.id.to_string();
        e.receipt_no = Some(allocate(c, &e.till, ReceiptKind::Sale, &id, to_ms(now))?);
        entries::insert(c, e)
    })?;
    Ok(Recorded {
        entry,
        change_millimes: change,
    })
}

fn checked_entry(settings: &Settings, sale: &SaleEntry, now: DateTime<Utc>) -> Result<DayEntry> {
    if !sale.amount.is_positive() {
        return Err(MerchantError::InvalidInput(
            "the amount must be above zero".into(),
        ));
    }
    check_method(settings, &sale.method)?;
    if sale.tendered.is_some() && sale.method != PaymentMethod::Cash {
        return Err(MerchantError::InvalidInput(
            "an amount tendered is for cash sales only".into(),
        ));
    }
    let till = required(&settings.till_id, "the till (settings)")?;
    let mut e = DayEntry::new(EntryKind::Sale, &till, now, sale.amount.millimes());
    e.method = Some(sale.method.clone());
    e.title = Some(required(&sale.title, "a title")?);
    e.reference = optional(sale.reference.as_deref());
    e.customer = optional(sale.customer.as_deref());
    e.tendered_millimes = sale.tendered.map(Money::millimes);
    Ok(e)
}

/// A method a sale can be recorded with: any built-in but DHMAD, or a custom one the settings
/// list.
fn check_method(settings: &Settings, method: &PaymentMethod) -> Result<()> {
    match method {
        PaymentMethod::Dhmad => Err(MerchantError::InvalidInput(
            "a DHMAD sale is made with its QR code (the counter sale), not recorded".into(),
        )),
        PaymentMethod::Custom(slug) if !settings.custom_methods.iter().any(|m| &m.slug == slug) => {
            Err(MerchantError::InvalidInput(format!(
                "`{slug}` is not a payment method: add it in the settings first"
            )))
        }
        _ => Ok(()),
    }
}

/// A refund asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    /// The sale's receipt number (on the profile's till).
    pub receipt_no: i64,
    /// How much; `None` refunds all that is left (a void).
    pub amount: Option<Money>,
    /// Why (required).
    pub reason: String,
}

/// A refund made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refunded {
    /// The refund's entry (its own receipt number; `refund_of` is the sale).
    pub entry: DayEntry,
    /// The sale refunded.
    pub sale: DayEntry,
    /// What is left to refund on the sale, in millimes.
    pub left_millimes: i64,
}

/// Refunds (part of) a recorded sale as a new linked entry with its own receipt number, paid
/// back with the sale's method. At most what is left to refund; the sale itself never changes.
/// A DHMAD receipt is refused with what DHMAD allows instead ([`super::dhmad_refund_advice`]).
pub fn refund_sale(
    book: &Book,
    settings: &Settings,
    req: &RefundRequest,
    now: DateTime<Utc>,
) -> Result<Refunded> {
    let now = super::to_stored_ms(now);
    let reason = required(&req.reason, "a reason")?;
    let till = required(&settings.till_id, "the till (settings)")?;
    if let Some(advice) = super::dhmad::dhmad_advice_for_receipt(book, &till, req.receipt_no)? {
        return Err(MerchantError::not_allowed("DHMAD_SALE", advice.message));
    }
    book.write(|tx| {
        let c = tx.conn();
        let sale = entries::sale_by_receipt(c, &till, req.receipt_no)?.ok_or_else(|| {
            MerchantError::NotFound(format!(
                "no sale with receipt {} on till {till}",
                req.receipt_no
            ))
        })?;
        let left = sale.amount_millimes - entries::refunded(c, sale.id)?;
        let amount = refund_amount(req.amount, left, &sale)?;
        let mut e = DayEntry::new(EntryKind::Refund, &till, now, amount);
        e.method = sale.method.clone();
        e.reason = Some(reason);
        e.refund_of = Some(sale.id);
        e.drawer_id = open_on(c, &till)?.map(|d| d.id);
        let id = e.id.to_string();
        e.receipt_no = Some(allocate(c, &till, ReceiptKind::Refund, &id, to_ms(now))?);
        let entry = entries::insert(c, e)?;
        Ok(Refunded {
            entry,
            sale,
            left_millimes: left - amount,
        })
    })
}

fn refund_amount(asked: Option<Money>, left: i64, sale: &DayEntry) -> Result<i64> {
    let receipt = sale.receipt_no.unwrap_or_default();
    if left <= 0 {
        return Err(MerchantError::not_allowed(
            "ALREADY_REFUNDED",
            format!("sale {receipt} is already refunded in full"),
        ));
    }
    let Some(asked) = asked else { return Ok(left) };
    let asked = asked.millimes();
    if asked <= 0 {
        return Err(MerchantError::InvalidInput(
            "the refund must be above zero".into(),
        ));
    }
    if asked > left {
        return Err(MerchantError::InvalidInput(format!(
            "sale {receipt} has {} left to refund; {} is more",
            crate::export::money(left, '.'),
            crate::export::money(asked, '.'),
        )));
    }
    Ok(asked)
}
