//! Counter mode: charge, watch, deliver, cancel, renew, receipt.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::actions::ShareView;
use crate::views::counter::{
    CounterSaleRequest, CounterSalesView, PastBuyerView, PastBuyersRequest, ReceiptView,
    SaleRequestId, SaleView,
};

/// "Charge": the escrow and the buyer's pay link, watched (`sale://event`).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_start(
    app: State<'_, App>,
    request: CounterSaleRequest,
) -> CommandResult<SaleView> {
    app.counter_start(request).await
}

/// A new pay link for a sale whose link expired.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_renew(app: State<'_, App>, request: SaleRequestId) -> CommandResult<SaleView> {
    app.counter_renew(request).await
}

/// "Check now": looks up what a lost "Charge" may have created.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_reconcile(
    app: State<'_, App>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    app.counter_reconcile(request).await
}

/// "Delivered".
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_deliver(
    app: State<'_, App>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    app.counter_deliver(request).await
}

/// "Cancel sale".
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_cancel(
    app: State<'_, App>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    app.counter_cancel(request).await
}

/// The buyer's "confirm receipt" link of a delivered quick sale.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_complete_link(
    app: State<'_, App>,
    request: SaleRequestId,
) -> CommandResult<ShareView> {
    app.counter_complete_link(request).await
}

/// Unfinished sales (to resume) and the newest ones.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_sales(app: State<'_, App>) -> CommandResult<CounterSalesView> {
    app.counter_sales().await
}

/// Buyers seen before whose e-mail starts with the prefix.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn past_buyers(
    app: State<'_, App>,
    request: PastBuyersRequest,
) -> CommandResult<Vec<PastBuyerView>> {
    app.past_buyers(request).await
}

/// What the receipt of a sale shows.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn receipt(app: State<'_, App>, request: SaleRequestId) -> CommandResult<ReceiptView> {
    app.receipt(request).await
}
