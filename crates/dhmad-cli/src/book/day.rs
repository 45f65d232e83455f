//! `dhmad record` and `dhmad refund`: sales paid outside DHMAD, on the local book only.

use chrono::Utc;
use merchant_core::MerchantError;
use merchant_core::day::{PaymentMethod, RefundRequest, SaleEntry, record_sale, refund_sale};
use serde_json::json;

use super::day_json::{entry_json, tnd};
use super::sale::tnd_amount;
use super::{Globals, open_day_book};
use crate::args::{RecordArgs, RefundArgs};
use crate::output::{Failure, print_json};

/// Runs `dhmad record`: prints the recorded sale (receipt number, change) as JSON.
pub fn record(globals: &Globals, args: &RecordArgs) -> Result<(), Failure> {
    let method = PaymentMethod::parse(&args.method).map_err(day_failure)?;
    let amount = tnd_amount("--amount", &args.amount, false)?;
    let tendered = args
        .tendered
        .as_deref()
        .map(|t| tnd_amount("--tendered", t, false))
        .transpose()?;
    let (profile, book) = open_day_book(globals)?;
    let entry = SaleEntry {
        amount,
        title: args.title.clone(),
        method,
        reference: args.reference.clone(),
        customer: args.customer.clone(),
        tendered,
    };
    let recorded =
        record_sale(&book, &profile.settings, &entry, Utc::now()).map_err(day_failure)?;
    print_json(&entry_json(&recorded.entry))
}

/// Runs `dhmad refund`: prints the refund entry and what is left to refund.
pub fn refund(globals: &Globals, args: &RefundArgs) -> Result<(), Failure> {
    let amount = args
        .amount
        .as_deref()
        .map(|a| tnd_amount("--amount", a, false))
        .transpose()?;
    let (profile, book) = open_day_book(globals)?;
    let req = RefundRequest {
        receipt_no: args.receipt_no,
        amount,
        reason: args.reason.clone(),
    };
    let done = refund_sale(&book, &profile.settings, &req, Utc::now()).map_err(day_failure)?;
    let mut value = entry_json(&done.entry);
    value["refundOf"] = json!(done.sale.receipt_no);
    value["left"] = tnd(done.left_millimes);
    print_json(&value)
}

/// A refusal of the day's rules is a usage error (exit 2) with its rule code, like the escrow
/// rules checked before sending.
pub fn day_failure(err: MerchantError) -> Failure {
    match err {
        MerchantError::NotAllowed { rule, message } => {
            Failure::usage(message).with("rule", json!(rule))
        }
        other => other.into(),
    }
}
