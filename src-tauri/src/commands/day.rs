//! The shop's day: sales paid another way than DHMAD, the drawer, the X and Z reports.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::day::{
    DayView, DrawerCloseRequest, DrawerMoveRequest, DrawerOpenRequest, RecordSaleRequest,
    RecordedView, RefundSaleRequest, RefundedView, ZCsvRequest, ZNumberRequest, ZReportView,
};

/// The methods, the open drawer, the day so far and the past closes.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn day_status(app: State<'_, App>) -> CommandResult<DayView> {
    app.day_status().await
}

/// Records a sale paid in cash, by card, by a wallet or a cheque.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn record_sale(
    app: State<'_, App>,
    request: RecordSaleRequest,
) -> CommandResult<RecordedView> {
    app.record_sale(request).await
}

/// Refunds a recorded sale, in full or in part.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn refund_sale(
    app: State<'_, App>,
    request: RefundSaleRequest,
) -> CommandResult<RefundedView> {
    app.refund_sale(request).await
}

/// Opens the till's drawer with a float.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn drawer_open(
    app: State<'_, App>,
    request: DrawerOpenRequest,
) -> CommandResult<DayView> {
    app.drawer_open(request).await
}

/// Cash paid into or out of the open drawer.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn drawer_move(
    app: State<'_, App>,
    request: DrawerMoveRequest,
) -> CommandResult<DayView> {
    app.drawer_move(request).await
}

/// Closes the drawer with the counted totals: the numbered, chained Z.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn drawer_close(
    app: State<'_, App>,
    request: DrawerCloseRequest,
) -> CommandResult<ZReportView> {
    app.drawer_close(request).await
}

/// A past Z, to show or print again.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn z_report(
    app: State<'_, App>,
    request: ZNumberRequest,
) -> CommandResult<Option<ZReportView>> {
    app.z_report(request).await
}

/// Writes a past Z as CSV to a file the save dialog returned.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn z_csv(app: State<'_, App>, request: ZCsvRequest) -> CommandResult<()> {
    app.z_csv(request).await
}
