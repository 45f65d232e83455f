//! What can be printed, as plain data: the caller fills these from its own records.

use chrono::{DateTime, Utc};

/// One line of a sale: what was sold, how many (when it matters) and the line's amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    pub label: String,
    pub quantity: Option<u32>,
    /// Millimes.
    pub amount: i64,
}

/// Cash given by the buyer and the change returned, both in millimes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CashTendered {
    pub tendered: i64,
    pub change: i64,
}

/// The shop as it heads every document (from Settings).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShopHeader {
    pub name: String,
    /// Address, phone, tax number… one printed line each.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleReceipt {
    pub shop: ShopHeader,
    pub receipt_number: String,
    pub till: Option<String>,
    /// Printed in Africa/Tunis time.
    pub time: DateTime<Utc>,
    pub lines: Vec<ReceiptLine>,
    /// Millimes.
    pub total: i64,
    /// The payment method's name as the shop calls it ("Cash", "D17", "DHMAD"…).
    pub method: String,
    pub reference: Option<String>,
    pub escrow_reference: Option<String>,
    pub cash: Option<CashTendered>,
    /// Printed as a QR code under the totals (e.g. the escrow's link).
    pub qr_payload: Option<String>,
    pub footer: Vec<String>,
    /// A reprint: marked as a copy under the title, so only one original exists.
    pub copy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundReceipt {
    pub shop: ShopHeader,
    pub refund_number: String,
    /// The sale's receipt number.
    pub original_receipt: String,
    pub till: Option<String>,
    pub time: DateTime<Utc>,
    pub lines: Vec<ReceiptLine>,
    /// Millimes refunded (positive).
    pub total: i64,
    pub method: String,
    pub reason: Option<String>,
    pub footer: Vec<String>,
    /// A reprint (see [`SaleReceipt::copy`]).
    pub copy: bool,
}

/// One label/value row of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSection {
    pub heading: Option<String>,
    pub rows: Vec<ReportRow>,
}

/// A generic report (the X and Z reports of the daily close map onto it): the caller gives the
/// words, already in the document's language, and the values already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub shop: ShopHeader,
    pub title: String,
    /// e.g. "05/12/2026 08:00 – 20:14", printed under the title.
    pub period: String,
    pub printed_at: DateTime<Utc>,
    pub sections: Vec<ReportSection>,
    pub footer: Vec<String>,
}

/// An invitation to verify one's identity, for a person at the counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KycSlip {
    pub shop: ShopHeader,
    pub name: Option<String>,
    pub email: Option<String>,
    /// Where the QR code leads: the DHMAD page where the person creates the account the
    /// verification is linked to (the verification link itself only reaches them by e-mail).
    pub link: String,
    pub time: DateTime<Utc>,
}

/// Everything that prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    Sale(SaleReceipt),
    Refund(RefundReceipt),
    Report(Report),
    Kyc(KycSlip),
    /// The test page: a ruler across the printable width and text in both scripts.
    Calibration,
}
