//! Printing on the shop's receipt printers: receipts, the X and Z, a KYC slip, the test page.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::print::{
    PrintKycRequest, PrintReceiptRequest, PrintReportRequest, PrintTestRequest, PrintedView,
};

/// Prints a receipt.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_receipt(
    hub: State<'_, Hub>,
    request: PrintReceiptRequest,
) -> CommandResult<PrintedView> {
    hub.print_receipt(request).await
}

/// Prints a Z, or the X of the open drawer.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_day_report(
    hub: State<'_, Hub>,
    request: PrintReportRequest,
) -> CommandResult<PrintedView> {
    hub.print_day_report(request).await
}

/// Prints an identity verification's slip.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_kyc_slip(
    hub: State<'_, Hub>,
    request: PrintKycRequest,
) -> CommandResult<PrintedView> {
    hub.print_kyc_slip(request).await
}

/// Prints the test page.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn print_test(
    hub: State<'_, Hub>,
    request: PrintTestRequest,
) -> CommandResult<PrintedView> {
    hub.print_test(request).await
}
