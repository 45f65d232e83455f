//! The shop's whole day: sales in every payment method, receipt numbers, refunds, the cash
//! drawer, and the numbered, chained daily close (Z report). Local only: nothing in this module
//! sends a request, so the counter keeps working with DHMAD unreachable.
//!
//! # Choices a shopkeeper would expect
//!
//! * **Payment methods** ([`PaymentMethod`]): DHMAD (the QR counter sale), cash, card (a bank's
//!   terminal), the wallets D17, Flouci, Konnect and e-Dinar, cheque, and methods the merchant
//!   adds in the settings ([`CustomMethod`]: a name and whether it goes in the drawer).
//! * **Counted at close** ([`counted_at_close`]): cash (the drawer), cheques (in the drawer until
//!   banked), the card terminal's slip, and custom methods marked "in the drawer". Wallet money
//!   lands in an account, checked against its statement rather than at the till, so wallets are
//!   not counted unless the settings' `countWalletsAtClose` says so. Any method the cashier
//!   does count is compared anyway. DHMAD is never counted: escrow money is shown apart in the
//!   Z's DHMAD section, and held money is not the merchant's until released.
//! * **Receipt numbers** (`receipts`): per shop (the profile's book) and till, gap-free and
//!   never reused, taken in the transaction that stores the sale (a DHMAD counter sale takes
//!   one when it is created). Refunds take a number too: they are printed slips as well.
//! * **No open drawer**: a sale can still be recorded (the customer is at the counter; losing
//!   the sale would be worse); it belongs to the till's next close. Cash paid in or out needs
//!   an open drawer: it is a movement of the drawer's cash.
//! * **Refunds and voids** ([`refund_sale`]): a new linked entry with the sale's method, at most
//!   what is left to refund; a void is a refund of all that is left. Every entry table is
//!   append-only (triggers refuse UPDATE and DELETE). A DHMAD sale is refunded through DHMAD
//!   only ([`dhmad_refund_advice`]).
//! * **A close** covers every entry of its till recorded since the till's previous close; the
//!   DHMAD section covers the drawer's open period. One drawer per till is open at a time.
//! * **Blind close**: [`close_drawer`] takes the counts and computes the expected amounts
//!   itself; nothing needs to show them first. The Z records that the close was blind.

mod books;
pub(crate) mod cash;
mod close;
mod dhmad;
mod drawer;
mod entries;
mod method;
pub(crate) mod receipts;
mod record;
mod report;
mod verify;
mod zcsv;

pub use books::{BooksRequest, METHOD_COLUMNS, MethodTotals, TodayFigures};
pub use cash::{Counted, Denomination, change_due};
pub use close::{CloseRequest, GENESIS_HASH, ZReport, close_drawer, x_report};
pub use dhmad::{
    DhmadRefundAdvice, DhmadRefundWay, DhmadSection, EscrowFigure, dhmad_advice_for_receipt,
    dhmad_refund_advice, refund_advice_for,
};
pub use drawer::{CashMove, Drawer, move_cash, open_drawer};
pub use entries::{DayEntry, EntryKind};
pub use method::{BUILT_IN, CustomMethod, PaymentMethod};
pub use receipts::ReceiptKind;
pub use record::{Recorded, RefundRequest, Refunded, SaleEntry, record_sale, refund_sale};
pub use report::{DayReport, EntriesDigest, MethodLine, ReceiptRange, counted_at_close};
pub use verify::{BrokenZ, ChainCheck};
pub use zcsv::{write_z_csv, z_rows};

/// `t` to the millisecond the book stores, so what a call returns is what it stored.
pub(crate) fn to_stored_ms(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}
