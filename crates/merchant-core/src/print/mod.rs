//! Printing on the shop's thermal printers: the printers set up in Settings, the documents made
//! from the book (receipts, refunds, the X and Z, a KYC slip), and the job itself. Rendering,
//! ESC/POS and the printer connections are the `receipt` crate's.

mod documents;
mod report;
mod settings;
mod shop;
mod words;

pub use documents::{FoundReceipt, ReceiptRef, Source};
pub use receipt::Document;
pub use report::{x_document, z_document};
pub use settings::{NO_PRINTER, PaperWidth, PrinterSetting, PrintingSettings, ReceiptLanguage};
pub use shop::{print_day_report, print_kyc_slip, print_receipt, print_test};
pub use words::method_name;

pub use receipt::Bitmap;
use receipt::{JobOptions, RenderOptions, Renderer, SendSettings};

use crate::error::{MerchantError, Result};

/// What went to the printer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The printer's name.
    pub printer: String,
    pub width_dots: u32,
    pub height_dots: u32,
    /// The ESC/POS bytes sent.
    pub bytes: usize,
}

/// One print job: what, where, and whether the cash drawer opens with it.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub document: &'a Document,
    pub printer: &'a PrinterSetting,
    pub language: ReceiptLanguage,
    pub kick_drawer: bool,
}

/// Renders, encodes and sends the job. Blocks until the printer took the bytes (a USB device
/// or `lp` has no timeout of its own): call it off the UI thread. A failure says, in words for
/// the cashier, why the printer did not print; nothing else is changed by it.
pub fn print(job: Job<'_>) -> Result<Printed> {
    let address = job.printer.address()?;
    let bitmap = render(job.document, job.printer.paper, job.language)?;
    let stream = receipt::escpos::encode(
        &bitmap,
        JobOptions {
            drawer_kick: job.kick_drawer,
        },
    );
    receipt::send(&address, &stream, &SendSettings::default())
        .map_err(|e| MerchantError::Printer(sentence(&e.to_string())))?;
    Ok(Printed {
        printer: job.printer.name.clone(),
        width_dots: bitmap.width(),
        height_dots: bitmap.height(),
        bytes: stream.len(),
    })
}

/// The document as the paper would show it (for `--png` and for checks).
pub fn render(document: &Document, paper: PaperWidth, language: ReceiptLanguage) -> Result<Bitmap> {
    let options = RenderOptions {
        paper: paper.paper(),
        language: language.language(),
    };
    Renderer::new()
        .render(document, options)
        .map_err(|e| MerchantError::Printer(e.to_string()))
}

/// The receipt crate's messages start in lower case, to be composed; shown alone, they start a
/// sentence.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
