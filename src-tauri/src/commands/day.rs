//! The shop's day: sales paid another way than DHMAD, the drawer, the X and Z reports.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::day::{
    DayView, DrawerCloseRequest, DrawerMoveRequest, DrawerOpenRequest, RecordSaleRequest,
    RecordedView, RefundSaleRequest, RefundedView, ZCsvRequest, ZNumberRequest, ZReportView,
};

/// The methods, the open drawer, the day so far and the past closes.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn day_status(hub: State<'_, Hub>) -> CommandResult<DayView> {
    hub.day_status().await
}

/// Records a sale paid in cash, by card, by a wallet or a cheque.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn record_sale(
    hub: State<'_, Hub>,
    request: RecordSaleRequest,
) -> CommandResult<RecordedView> {
    hub.record_sale(request).await
}

/// Refunds a recorded sale, in full or in part.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn refund_sale(
    hub: State<'_, Hub>,
    request: RefundSaleRequest,
) -> CommandResult<RefundedView> {
    hub.refund_sale(request).await
}

/// Opens the till's drawer with a float.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn drawer_open(
    hub: State<'_, Hub>,
    request: DrawerOpenRequest,
) -> CommandResult<DayView> {
    hub.drawer_open(request).await
}

/// Cash paid into or out of the open drawer.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn drawer_move(
    hub: State<'_, Hub>,
    request: DrawerMoveRequest,
) -> CommandResult<DayView> {
    hub.drawer_move(request).await
}

/// Closes the drawer with the counted totals: the numbered, chained Z.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn drawer_close(
    hub: State<'_, Hub>,
    request: DrawerCloseRequest,
) -> CommandResult<ZReportView> {
    hub.drawer_close(request).await
}

/// A past Z, to show or print again.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn z_report(
    hub: State<'_, Hub>,
    request: ZNumberRequest,
) -> CommandResult<Option<ZReportView>> {
    hub.z_report(request).await
}

/// Writes a past Z as CSV to a file the save dialog returned.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn z_csv(hub: State<'_, Hub>, request: ZCsvRequest) -> CommandResult<()> {
    hub.z_csv(request).await
}
