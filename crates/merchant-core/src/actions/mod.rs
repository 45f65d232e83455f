//! Every escrow action of the API as a core function: update, deliver, reject
//! delivery, cancel, checkout sessions for every action of contract §4.2, and KYC invites.
//!
//! Each action first checks, from the book's record, the rules the contract documents for it
//! ([`rules`]: the endpoint pages' preconditions, seed 003's checkout table); a refusal is a
//! [`MerchantError::NotAllowed`] that names the rule, and NO request is sent. Any other
//! precondition is left to the server. Otherwise the API is called and the returned escrow (or session, or invite) is written to the book (with its
//! status history, source `action`). When the server still refuses, the error keeps the
//! server's `user_message` ([`MerchantError::user_message`]).
//!
//! An escrow the book has never seen is refused with [`MerchantError::NotFound`] (sync first):
//! the local checks need the record.

mod checkout_rules;
mod direct;
pub mod kyc;
mod record;
pub mod rules;
mod sessions;

use chrono::{DateTime, Utc};
use dhmad_api::Escrow;

pub use direct::{EscrowUpdate, cancel_escrow, deliver_escrow, reject_delivery, update_escrow};
pub use rules::{EscrowAction, EscrowActionKind, Side, allowed_actions};
pub use sessions::{create_checkout_session, refresh_session};

use crate::api_map::merge_escrow;
use crate::book::{Book, ChangeSource, EscrowRecord};
use crate::error::{MerchantError, Result};

/// The book's record of `id`, or a clear "not in the book" error.
pub(crate) fn known_escrow(book: &Book, id: &str) -> Result<EscrowRecord> {
    book.escrow(id)?.ok_or_else(|| {
        MerchantError::NotFound(format!(
            "escrow {id} is not in the local book; sync before acting on it"
        ))
    })
}

/// Writes an escrow returned by an action (merged over the stored record) and returns the
/// stored row.
pub(crate) fn store_escrow(book: &Book, e: &Escrow, now: DateTime<Utc>) -> Result<EscrowRecord> {
    book.write(|tx| {
        let rec = merge_escrow(tx.escrow(e.id.as_str())?, e, now);
        tx.upsert_escrow(&rec, now, ChangeSource::Action)?;
        Ok(tx.escrow(&rec.id)?.unwrap_or(rec))
    })
}

#[cfg(test)]
mod rules_tests;
