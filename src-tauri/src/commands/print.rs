//! Printing on the shop's receipt printers: receipts, the X and Z, a KYC slip, the test page.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::print::{
    PrintKycRequest, PrintReceiptRequest, PrintReportRequest, PrintTestRequest, PrintedView,
};

/// Prints a receipt.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_receipt(
    app: State<'_, App>,
    request: PrintReceiptRequest,
) -> CommandResult<PrintedView> {
    app.print_receipt(request).await
}

/// Prints a Z, or the X of the open drawer.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_day_report(
    app: State<'_, App>,
    request: PrintReportRequest,
) -> CommandResult<PrintedView> {
    app.print_day_report(request).await
}

/// Prints an identity verification's slip.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_kyc_slip(
    app: State<'_, App>,
    request: PrintKycRequest,
) -> CommandResult<PrintedView> {
    app.print_kyc_slip(request).await
}

/// Prints the test page.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_test(
    app: State<'_, App>,
    request: PrintTestRequest,
) -> CommandResult<PrintedView> {
    app.print_test(request).await
}
