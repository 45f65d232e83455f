//! Documents made from the book: a receipt by its number (a recorded sale, a refund or a DHMAD
//! counter sale), the X and Z reports, and a KYC slip.

use chrono::{DateTime, Utc};
use receipt::{CashTendered, Document, KycSlip, Language, ReceiptLine, RefundReceipt, SaleReceipt};
use uuid::Uuid;

use super::words::{method_name, shop_header};
use crate::book::{Book, CounterSale, EscrowRecord, EscrowStatus};
use crate::day::{DayEntry, EntryKind, PaymentMethod, ReceiptKind};
use crate::error::{MerchantError, Result};
use crate::links::escrow_page;
use crate::settings::Settings;

/// Where documents read from: the book, the shop's settings, and the origin of its DHMAD API
/// (escrow pages are on it: `https://dhmad.tn` live, the simulator's address in the demo).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub book: &'a Book,
    pub settings: &'a Settings,
    pub api_origin: &'a str,
}

/// Which receipt: by its number on this till, or a DHMAD counter sale by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptRef {
    Number(i64),
    CounterSale(Uuid),
}

/// A receipt found in the book, ready to print.
#[derive(Debug, Clone)]
pub struct FoundReceipt {
    pub document: Document,
    /// What the receipt number was given to (a day entry's or a counter sale's id).
    pub entry_id: String,
    /// A cash sale or a cash refund: the drawer opens with its first print.
    pub cash: bool,
}

impl Source<'_> {
    /// The receipt `which` of this till, ready to print; marked as a copy when it was printed
    /// before.
    pub fn receipt(&self, which: ReceiptRef, language: Language) -> Result<FoundReceipt> {
        let (kind, id) = self.locate(which)?;
        let entry_id = id.to_string();
        let copy = self.book.receipt_printed(&entry_id)?;
        let (document, cash) = match kind {
            ReceiptKind::Dhmad => (self.counter_sale(id, language, copy)?, false),
            ReceiptKind::Sale | ReceiptKind::Refund => self.entry_receipt(id, language, copy)?,
        };
        Ok(FoundReceipt {
            document,
            entry_id,
            cash,
        })
    }

    fn locate(&self, which: ReceiptRef) -> Result<(ReceiptKind, Uuid)> {
        let till = self.settings.till_id.trim();
        let (kind, id) = match which {
            ReceiptRef::CounterSale(id) => return Ok((ReceiptKind::Dhmad, id)),
            ReceiptRef::Number(n) => self
                .book
                .receipt_holder(till, n)?
                .ok_or_else(|| MerchantError::NotFound(format!("no receipt {n} on till {till}")))?,
        };
        let id = Uuid::parse_str(&id)
            .map_err(|e| MerchantError::NotFound(format!("receipt of {id}: {e}")))?;
        Ok((kind, id))
    }

    fn entry_receipt(&self, id: Uuid, language: Language, copy: bool) -> Result<(Document, bool)> {
        let entry = self
            .book
            .day_entry(id)?
            .ok_or_else(|| MerchantError::NotFound(format!("no entry {id}")))?;
        let cash = entry.method == Some(PaymentMethod::Cash);
        let document = match entry.kind {
            EntryKind::Refund => self.refund(&entry, language, copy)?,
            _ => Document::Sale(self.recorded_sale(&entry, language, copy)),
        };
        Ok((document, cash))
    }

    fn recorded_sale(&self, e: &DayEntry, language: Language, copy: bool) -> SaleReceipt {
        let method = self.method_of(e, language);
        let cash = e.tendered_millimes.map(|tendered| CashTendered {
            tendered,
            change: tendered - e.amount_millimes,
        });
        SaleReceipt {
            shop: shop_header(self.settings),
            receipt_number: number_text(e.receipt_no),
            till: Some(e.till.clone()),
            time: e.at,
            lines: vec![entry_line(e)],
            total: e.amount_millimes,
            method,
            reference: e.reference.clone(),
            escrow_reference: None,
            cash,
            qr_payload: None,
            footer: e.customer.iter().cloned().collect(),
            copy,
        }
    }

    fn method_of(&self, e: &DayEntry, language: Language) -> String {
        e.method
            .as_ref()
            .map_or_else(String::new, |m| method_name(m, self.settings, language))
    }

    fn refund(&self, e: &DayEntry, language: Language, copy: bool) -> Result<Document> {
        let original = match e.refund_of {
            Some(sale) => self.book.day_entry(sale)?.and_then(|s| s.receipt_no),
            None => None,
        };
        let method = self.method_of(e, language);
        Ok(Document::Refund(RefundReceipt {
            shop: shop_header(self.settings),
            refund_number: number_text(e.receipt_no),
            original_receipt: number_text(original),
            till: Some(e.till.clone()),
            time: e.at,
            lines: vec![entry_line(e)],
            total: e.amount_millimes,
            method,
            reason: e.reason.clone().filter(|r| !r.trim().is_empty()),
            footer: Vec::new(),
            copy,
        }))
    }

    /// A DHMAD counter sale's receipt: only once the buyer has paid (before that there is
    /// nothing to give a receipt for). Its QR leads to the escrow's page on DHMAD.
    fn counter_sale(&self, id: Uuid, language: Language, copy: bool) -> Result<Document> {
        let sale = self
            .book
            .sale(id)?
            .ok_or_else(|| MerchantError::NotFound(format!("no sale {id}")))?;
        let escrow = match &sale.escrow_id {
            Some(e) => self.book.escrow(e)?,
            None => None,
        };
        let paid_at = escrow.as_ref().and_then(paid_at).ok_or_else(|| {
            MerchantError::InvalidInput(
                "This sale is not paid yet: its receipt prints once the buyer has paid.".into(),
            )
        })?;
        let number = self.book.receipt_of(&sale.id.to_string())?.map(|(_, n)| n);
        let mut receipt = self.dhmad_sale(&sale, escrow.as_ref(), number, paid_at, language);
        receipt.copy = copy;
        Ok(Document::Sale(receipt))
    }

    fn dhmad_sale(
        &self,
        sale: &CounterSale,
        escrow: Option<&EscrowRecord>,
        number: Option<i64>,
        paid_at: DateTime<Utc>,
        language: Language,
    ) -> SaleReceipt {
        SaleReceipt {
            shop: shop_header(self.settings),
            receipt_number: number_text(number),
            till: Some(self.settings.till_id.trim().to_owned()),
            time: paid_at,
            lines: vec![line(&sale.title, sale.amount_millimes)],
            total: sale.amount_millimes,
            method: method_name(&PaymentMethod::Dhmad, self.settings, language),
            reference: sale.reference.clone(),
            escrow_reference: sale.escrow_id.clone(),
            cash: None,
            qr_payload: escrow.map(|e| escrow_page(&e.id, e.given_url(), self.api_origin)),
            footer: Vec::new(),
            copy: false,
        }
    }

    /// A slip for the person an identity verification was started for, standing at the counter.
    pub fn kyc_slip(&self, invite_id: &str, now: DateTime<Utc>) -> Result<Document> {
        let invite = self
            .book
            .invite(invite_id)?
            .ok_or_else(|| MerchantError::NotFound(format!("no invite {invite_id}")))?;
        Ok(Document::Kyc(KycSlip {
            shop: shop_header(self.settings),
            // The invite keeps only the shop's own reference for the person, not a name.
            name: None,
            email: Some(invite.email.clone()),
            link: format!("{}/register", public_site(self.api_origin)),
            time: now,
        }))
    }
}

/// When the buyer paid: the escrow's `paidAt`, or its last change when it is past paid and
/// the answer carried no time. A cancelled escrow has no receipt: its money went back.
fn paid_at(e: &EscrowRecord) -> Option<DateTime<Utc>> {
    if e.status == EscrowStatus::Cancelled {
        return None;
    }
    let past_paid = matches!(
        e.status,
        EscrowStatus::Paid
            | EscrowStatus::Delivered
            | EscrowStatus::Completed
            | EscrowStatus::Disputed
    );
    e.paid_at
        .or_else(|| past_paid.then(|| e.updated_at.unwrap_or(e.created_at)))
}

/// The site people sign up on: dhmad.tn for the live and sandbox APIs [I: the contract names
/// no sign-up page for sandbox], the simulator itself in the demo.
fn public_site(api_origin: &str) -> &str {
    let origin = api_origin.trim_end_matches('/');
    if origin.ends_with(".dhmad.tn") {
        dhmad_api::LIVE_ORIGIN
    } else {
        origin
    }
}

/// A recorded sale or refund as its receipt's one line.
fn entry_line(e: &DayEntry) -> ReceiptLine {
    line(e.title.as_deref().unwrap_or_default(), e.amount_millimes)
}

fn line(label: &str, amount: i64) -> ReceiptLine {
    ReceiptLine {
        label: label.to_owned(),
        quantity: None,
        amount,
    }
}

fn number_text(number: Option<i64>) -> String {
    number.map_or_else(String::new, |n| n.to_string())
}
