//! Receipts and reports for ESC/POS thermal printers.
//!
//! A [`Document`] (plain data) is composed into blocks in a [`Language`], rendered by a
//! [`Renderer`] to a 1-bit [`Bitmap`] at the [`Paper`]'s dot width (real shaping and bidi, the
//! bundled font), encoded as ESC/POS raster ([`escpos`]) and sent to a [`PrinterUri`]
//! ([`printer`]). [`virtual_printer`] is a printer on loopback for tests and demos.

pub mod bitmap;
pub mod blocks;
pub mod compose;
pub mod document;
pub mod escpos;
mod job;
pub mod lang;
pub mod money;
pub mod paper;
pub mod printer;
pub mod render;
mod shapes;
pub mod virtual_printer;

pub use bitmap::{Bitmap, PngError};
pub use document::{
    CashTendered, Document, KycSlip, ReceiptLine, RefundReceipt, Report, ReportRow, ReportSection,
    SaleReceipt, ShopHeader,
};
pub use escpos::JobOptions;
pub use job::{JobError, print_document};
pub use lang::{Label, Language};
pub use money::format_millimes;
pub use paper::Paper;
pub use printer::{PrintError, PrinterUri, SendSettings, UriError, send};
pub use render::{FONT, RenderError, RenderOptions, Renderer};
pub use virtual_printer::{Print, VirtualPrinter};
