//! The shop's day across IPC: recorded sales, the drawer, and the X and Z reports. Money is
//! integer millimes; methods cross as their stable codes (`cash`, `d17`, a custom slug).

use merchant_core::day::{DayReport, Denomination, Drawer, PaymentMethod};
use merchant_core::settings::CsvDelimiter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A closed day crosses as merchant-core keeps it: its report, sealed by its hash and chained to
/// the previous Z.
pub use merchant_core::day::ZReport;

/// A payment method the counter offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MethodView {
    /// Its code: `cash`, `card`, `d17`, `flouci`, `konnect`, `edinar`, `cheque`, or a custom slug.
    pub code: PaymentMethod,
    /// The merchant's name for a custom method (`null`: a built-in, the UI names it).
    pub custom_name: Option<String>,
    /// Counted at close (the drawer, cheques, the card slip).
    pub counted: bool,
}

/// The day screen's state: methods, the open drawer, the day so far, the past closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayView {
    /// The methods to record a sale with (DHMAD is the counter's QR sale, not listed).
    pub methods: Vec<MethodView>,
    /// The open drawer (`null`: closed).
    pub drawer: Option<Drawer>,
    /// The X report: what the till holds since its last close (`null`: the drawer is closed).
    pub x: Option<DayReport>,
    /// The numbers of every past Z, newest first.
    pub z_numbers: Vec<i64>,
    /// Tunisia's notes and coins, largest first: the sheet the cash is counted on.
    pub denominations: Vec<DenominationView>,
}

/// A note or a coin of the cash count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DenominationView {
    /// Its value in millimes.
    pub millimes: i64,
    /// A banknote (else a coin).
    pub note: bool,
}

impl From<Denomination> for DenominationView {
    fn from(d: Denomination) -> Self {
        Self {
            millimes: d.millimes(),
            note: d.is_note(),
        }
    }
}

/// A sale paid another way than DHMAD.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordSaleRequest {
    /// The method.
    pub method: PaymentMethod,
    /// Millimes.
    pub amount: i64,
    /// What was sold.
    pub title: String,
    /// Cheque number or wallet transaction id.
    #[ts(optional)]
    pub reference: Option<String>,
    /// The customer.
    #[ts(optional)]
    pub customer: Option<String>,
    /// Cash handed over (millimes), for the change.
    #[ts(optional)]
    pub tendered: Option<i64>,
}

/// A recorded sale's receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordedView {
    /// The receipt number.
    pub receipt_no: Option<i64>,
    /// The change to give back (cash).
    pub change: Option<i64>,
    /// The amount.
    pub amount: i64,
    /// The method.
    pub method: PaymentMethod,
    /// When.
    pub at: String,
}

/// A refund recorded: its own receipt number and the day as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefundedView {
    /// The refund's receipt number.
    pub receipt_no: Option<i64>,
    pub day: DayView,
}

/// A refund of a recorded sale, by its receipt number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefundSaleRequest {
    /// The sale's receipt number.
    pub receipt_no: i64,
    /// Millimes (`null`: all that is left).
    #[ts(optional)]
    pub amount: Option<i64>,
    /// Why.
    pub reason: String,
}

/// Opens the drawer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrawerOpenRequest {
    /// Cash in the drawer at the start (millimes).
    pub float: i64,
    /// Who opens it.
    pub cashier: String,
}

/// Cash paid into or out of the drawer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrawerMoveRequest {
    /// In (true) or out.
    pub into_drawer: bool,
    /// Millimes.
    pub amount: i64,
    /// Why (supplier paid in cash, change brought in).
    pub reason: String,
}

/// One counted total at close.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountedView {
    /// The method.
    pub method: PaymentMethod,
    /// What was counted (millimes).
    pub amount: i64,
}

/// Closes the drawer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrawerCloseRequest {
    /// The counted totals.
    pub counted: Vec<CountedView>,
    /// Counted before seeing what was expected.
    pub blind: bool,
    /// Who closes it.
    pub cashier: String,
}

/// A past Z by its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ZNumberRequest {
    /// The Z's number.
    pub number: i64,
}

/// A Z written as CSV to a file the merchant chose.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ZCsvRequest {
    /// The Z's number.
    pub number: i64,
    /// A path `choose_export_file` returned since the app started (any other is refused).
    pub path: String,
    /// `,` or `;` (`;` writes decimal commas, for French spreadsheets).
    pub delimiter: CsvDelimiter,
}
