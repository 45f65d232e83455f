//! Printing on the shop's receipt printers (set up in Settings): receipts, the X and Z, a KYC
//! slip and the test page. A print blocks until the printer took it, so it runs on a blocking
//! thread; a failure is the printer's (`printer`, said for the cashier) and changes nothing else.

use chrono::Utc;
use merchant_core::print::{self, Printed, PrinterSetting, ReceiptLanguage, ReceiptRef};
use merchant_core::{MerchantError, Shop};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::app::App;
use crate::error::{CommandError, CommandResult, ErrorCode};

/// A receipt to print: by its number (a recorded sale or a refund), or a DHMAD counter sale.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintReceiptRequest {
    #[ts(optional)]
    pub receipt_no: Option<i64>,
    #[ts(optional)]
    pub sale_id: Option<String>,
    /// A printer's name; absent: the default one.
    #[ts(optional)]
    pub printer: Option<String>,
}

/// The Z numbered `z`, or (absent) the X report of the open drawer.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintReportRequest {
    #[ts(optional)]
    pub z: Option<i64>,
    #[ts(optional)]
    pub printer: Option<String>,
}

/// A slip for the person an identity verification (by its id) was started for.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintKycRequest {
    pub id: String,
    #[ts(optional)]
    pub printer: Option<String>,
}

/// The test page, on a printer the merchant is setting up (not saved yet).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintTestRequest {
    pub printer: PrinterSetting,
    #[ts(optional)]
    pub language: Option<ReceiptLanguage>,
}

/// What went to the printer.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedView {
    /// The printer's name.
    pub printer: String,
    pub width_dots: u32,
    pub height_dots: u32,
    /// ESC/POS bytes sent.
    pub bytes: u32,
}

impl App {
    /// Prints a receipt: a recorded sale's or refund's by its number, or a DHMAD counter sale's.
    pub async fn print_receipt(&self, request: PrintReceiptRequest) -> CommandResult<PrintedView> {
        let which = receipt_ref(&request)?;
        self.on_printer(move |shop| {
            print::print_receipt(shop, which, request.printer.as_deref(), Utc::now())
        })
        .await
    }

    /// Prints the Z numbered `z`, or the X report of the open drawer.
    pub async fn print_day_report(
        &self,
        request: PrintReportRequest,
    ) -> CommandResult<PrintedView> {
        self.on_printer(move |shop| {
            print::print_day_report(shop, request.z, request.printer.as_deref(), Utc::now())
        })
        .await
    }

    /// Prints the slip of an identity verification.
    pub async fn print_kyc_slip(&self, request: PrintKycRequest) -> CommandResult<PrintedView> {
        self.on_printer(move |shop| {
            print::print_kyc_slip(shop, &request.id, request.printer.as_deref(), Utc::now())
        })
        .await
    }

    /// Prints the test page on a printer being set up.
    pub async fn print_test(&self, request: PrintTestRequest) -> CommandResult<PrintedView> {
        self.on_printer(move |shop| {
            let language = request
                .language
                .unwrap_or(shop.profile.settings.printing.language);
            print::print_test(&request.printer, language)
        })
        .await
    }

    /// Runs a print for the active shop on a blocking thread (a USB device or `lp` may take
    /// seconds).
    async fn on_printer(
        &self,
        job: impl FnOnce(&Shop) -> merchant_core::Result<Printed> + Send + 'static,
    ) -> CommandResult<PrintedView> {
        let shop = self.shop().await?;
        let printed = self
            .blocking("the print job", move || job(&shop))
            .await?
            .map_err(for_the_cashier)?;
        Ok(PrintedView {
            printer: printed.printer,
            width_dots: printed.width_dots,
            height_dots: printed.height_dots,
            bytes: u32::try_from(printed.bytes).unwrap_or(u32::MAX),
        })
    }
}

/// Every refusal of a print is shown to the cashier as it is: no printer set up, a sale not
/// paid yet, a mistyped address, a printer switched off.
fn for_the_cashier(e: MerchantError) -> CommandError {
    let said = match &e {
        MerchantError::InvalidInput(text) | MerchantError::NotFound(text) => Some(text.clone()),
        _ => None,
    };
    let err = CommandError::from(e);
    match said {
        Some(text) if err.user_message.is_none() => err.with_user_message(text),
        _ => err,
    }
}

fn receipt_ref(request: &PrintReceiptRequest) -> CommandResult<ReceiptRef> {
    match (request.receipt_no, request.sale_id.as_deref()) {
        (Some(n), None) => Ok(ReceiptRef::Number(n)),
        (None, Some(id)) => Uuid::parse_str(id)
            .map(ReceiptRef::CounterSale)
            .map_err(|_| CommandError::new(ErrorCode::Validation, format!("not a sale id: {id}"))),
        _ => Err(CommandError::new(
            ErrorCode::Validation,
            "give a receipt number or a sale id",
        )),
    }
}
