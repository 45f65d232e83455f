//! What the app and the command line print, from an open shop: one function per thing that
//! prints, each choosing the printer and the language from the shop's settings.

use chrono::{DateTime, Utc};

use super::documents::{ReceiptRef, Source};
use super::report::{x_document, z_document};
use super::settings::{PrinterSetting, ReceiptLanguage};
use super::{Job, Printed, print};
use crate::day;
use crate::error::{MerchantError, Result};
use crate::workspace::Shop;

impl Shop {
    /// Where this shop's documents read from.
    pub fn print_source(&self) -> Source<'_> {
        Source {
            book: &self.book,
            settings: &self.profile.settings,
            api_origin: self.api_origin(),
        }
    }

    fn printer(&self, name: Option<&str>) -> Result<&PrinterSetting> {
        self.profile.settings.printing.printer(name)
    }

    fn language(&self) -> ReceiptLanguage {
        self.profile.settings.printing.language
    }
}

/// Prints a receipt (a recorded sale, a refund, a paid DHMAD counter sale). Its first print of
/// a cash sale or refund opens the drawer when the settings say so; a later one is a copy.
pub fn print_receipt(
    shop: &Shop,
    which: ReceiptRef,
    printer: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Printed> {
    let printer = shop.printer(printer)?;
    let language = shop.language();
    let found = shop.print_source().receipt(which, language.language())?;
    let original = !shop.book.receipt_printed(&found.entry_id)?;
    let kick_drawer = found.cash && original && shop.profile.settings.printing.kick_drawer_on_cash;
    let printed = print(Job {
        document: &found.document,
        printer,
        language,
        kick_drawer,
    })?;
    shop.book.note_receipt_printed(&found.entry_id, now)?;
    Ok(printed)
}

/// Prints the Z numbered `z`, or, with none, the X report of the open drawer.
pub fn print_day_report(
    shop: &Shop,
    z: Option<i64>,
    printer: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Printed> {
    let printer = shop.printer(printer)?;
    let language = shop.language();
    let settings = &shop.profile.settings;
    let document = match z {
        Some(n) => {
            let z = shop
                .book
                .z_report(n)?
                .ok_or_else(|| MerchantError::NotFound(format!("no Z report No {n}")))?;
            z_document(&z, settings, language.language(), now)
        }
        None => x_document(
            &day::x_report(&shop.book, settings, now)?,
            settings,
            language.language(),
            now,
        ),
    };
    print(Job {
        document: &document,
        printer,
        language,
        kick_drawer: false,
    })
}

/// Prints a slip for the person an identity verification was started for.
pub fn print_kyc_slip(
    shop: &Shop,
    invite_id: &str,
    printer: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Printed> {
    let printer = shop.printer(printer)?;
    let document = shop.print_source().kyc_slip(invite_id, now)?;
    print(Job {
        document: &document,
        printer,
        language: shop.language(),
        kick_drawer: false,
    })
}

/// Prints the calibration page on a printer that need not be saved yet.
pub fn print_test(printer: &PrinterSetting, language: ReceiptLanguage) -> Result<Printed> {
    print(Job {
        document: &receipt::Document::Calibration,
        printer,
        language,
        kick_drawer: false,
    })
}
