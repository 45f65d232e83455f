//! Counter sales as the counter screen and the customer display see them.

use merchant_core::SaleMode;
use merchant_core::Shop;
use merchant_core::book::{CounterSale, EscrowRecord, EscrowStatus, SaleState};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{opt_time, time};

/// "Charge": what the merchant typed.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CounterSaleRequest {
    /// Amount in millimes.
    pub amount: i64,
    /// Escrow title.
    pub title: String,
    /// The buyer's e-mail.
    pub buyer_email: String,
    /// Instant or quick (absent: the profile's default).
    #[ts(optional)]
    pub mode: Option<SaleMode>,
}

/// Which sale.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleRequestId {
    /// The sale's id.
    pub sale_id: String,
}

/// A counter sale and, while it waits for payment, its link and QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleView {
    /// The sale's id.
    pub sale_id: String,
    /// Where the sale stands.
    pub state: SaleState,
    /// The reference its escrow's title carries (`K7F3QXM2`), shown on the receipt.
    pub reference: Option<String>,
    /// Millimes.
    pub amount: i64,
    /// Title.
    pub title: String,
    /// Buyer's e-mail.
    pub buyer_email: String,
    /// Instant or quick.
    pub mode: SaleMode,
    /// The escrow, once created.
    pub escrow_id: Option<String>,
    /// The buyer's checkout session.
    pub session_id: Option<String>,
    /// The checkout link.
    pub checkout_url: Option<String>,
    /// The link as an SVG QR code (only while awaiting payment).
    pub qr_svg: Option<String>,
    /// When the link expires.
    pub expires_at: Option<String>,
    /// What went wrong last, in words.
    pub last_error: Option<String>,
    /// Started.
    pub created_at: String,
}

impl SaleView {
    /// The view of `s`; the QR code is drawn only while the buyer may still pay.
    pub fn new(s: &CounterSale) -> Self {
        let qr_svg = (s.state == SaleState::AwaitingPayment)
            .then_some(s.checkout_url.as_deref())
            .flatten()
            .and_then(|url| merchant_core::qr_svg(url).ok());
        Self {
            sale_id: s.id.to_string(),
            state: s.state,
            reference: s.reference.clone(),
            amount: s.amount_millimes,
            title: s.title.clone(),
            buyer_email: s.buyer_email.clone(),
            mode: s.mode,
            escrow_id: s.escrow_id.clone(),
            session_id: s.session_id.clone(),
            checkout_url: s.checkout_url.clone(),
            qr_svg,
            expires_at: opt_time(s.session_expires_at),
            last_error: s.last_error.clone(),
            created_at: time(s.created_at),
        }
    }
}

/// Sales to resume and the latest ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CounterSalesView {
    /// Not finished (resumed after a restart), oldest first.
    pub unfinished: Vec<SaleView>,
    /// The newest sales.
    pub recent: Vec<SaleView>,
}

/// A sale changed (`sale://event`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleEventView {
    /// The sale.
    pub sale_id: String,
    /// What happened.
    pub kind: SaleEventKind,
    /// The sale after the change.
    pub sale: SaleView,
}

/// What happened to a sale, as `sale://event` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SaleEventKind {
    /// The buyer paid.
    Paid,
    /// Marked delivered.
    Delivered,
    /// The money is released.
    Completed,
    /// Cancelled.
    Cancelled,
    /// The checkout link expired before the buyer paid.
    SessionExpired,
    /// After a lost "Charge": the escrow was found, the QR code is ready.
    Reconciled,
    /// After a lost "Charge": DHMAD did not create it; charge again.
    NotCreated,
    /// After a lost "Charge": DHMAD could not be asked; check again.
    StillUnsure,
}

/// Autocomplete prefix.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PastBuyersRequest {
    /// What the merchant typed so far.
    pub prefix: String,
}

/// A buyer seen before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PastBuyerView {
    /// E-mail.
    pub email: String,
    /// Escrows with this buyer.
    pub escrow_count: u64,
}

/// What a receipt shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptView {
    /// The shop's name (settings).
    pub shop_name: String,
    /// Address, tax id… (settings).
    pub receipt_header: String,
    /// The sale.
    pub sale_id: String,
    /// Its receipt number, in the shop's sequence for its till (`null`: a sale from before
    /// receipt numbers).
    pub receipt_no: Option<i64>,
    /// The till whose sequence numbered it.
    pub till: Option<String>,
    /// The sale's reference (`K7F3QXM2`), also at the end of the escrow's title on DHMAD.
    pub reference: Option<String>,
    /// The escrow.
    pub escrow_id: Option<String>,
    /// Title.
    pub title: String,
    /// Millimes.
    pub amount: i64,
    /// Where the sale stands: its escrow's status, or the sale's own state before the book has
    /// the escrow.
    pub status: ReceiptStatus,
    /// When the sale started.
    pub created_at: String,
    /// When the buyer paid.
    pub paid_at: Option<String>,
    /// The escrow's page on DHMAD.
    pub escrow_url: Option<String>,
    /// The escrow page as an SVG QR code.
    pub qr_svg: Option<String>,
}

impl ReceiptView {
    /// The receipt of `sale` (with its escrow, when the book has it, and its receipt number),
    /// headed as the shop's settings say; its code leads to the escrow's page on DHMAD.
    pub fn new(
        shop: &Shop,
        sale: &CounterSale,
        escrow: Option<&EscrowRecord>,
        number: Option<(String, i64)>,
    ) -> merchant_core::Result<Self> {
        let given = escrow.and_then(EscrowRecord::given_url);
        let escrow_url = sale
            .escrow_id
            .as_deref()
            .map(|id| merchant_core::links::escrow_page(id, given, shop.api_origin()));
        let qr_svg = escrow_url
            .as_deref()
            .map(merchant_core::qr_svg)
            .transpose()?;
        let settings = &shop.profile.settings;
        let (till, receipt_no) = number.unzip();
        Ok(Self {
            shop_name: settings.shop_name.clone(),
            receipt_header: settings.receipt_header.clone(),
            sale_id: sale.id.to_string(),
            till,
            receipt_no,
            reference: sale.reference.clone(),
            escrow_id: sale.escrow_id.clone(),
            title: sale.title.clone(),
            amount: sale.amount_millimes,
            status: escrow.map_or(ReceiptStatus::Sale(sale.state), |e| {
                ReceiptStatus::Escrow(e.status.clone())
            }),
            created_at: time(sale.created_at),
            paid_at: escrow.and_then(|e| e.paid_at).map(time),
            escrow_url,
            qr_svg,
        })
    }
}

/// A receipt's status line: the escrow's status once the book has the escrow, else the sale's
/// state. Crosses as the bare text of either (`"paid"`, `"awaiting_payment"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum ReceiptStatus {
    /// The escrow's status.
    Escrow(EscrowStatus),
    /// The sale's state (no escrow in the book yet).
    Sale(SaleState),
}
