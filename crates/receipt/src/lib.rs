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
pub mod lang;
pub mod money;
pub mod paper;
pub mod render;
mod shapes;

pub use bitmap::{Bitmap, PngError};
pub use document::{
    CashTendered, Document, KycSlip, ReceiptLine, RefundReceipt, Report, ReportRow, ReportSection,
    SaleReceipt, ShopHeader,
};
pub use lang::{Label, Language};
pub use money::format_millimes;
pub use paper::Paper;
pub use render::{FONT, RenderError, RenderOptions, Renderer};
