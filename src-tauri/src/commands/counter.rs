//! Counter mode: charge, watch, deliver, cancel, renew, receipt.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::actions::ShareView;
use crate::views::counter::{
    CounterSaleRequest, CounterSalesView, PastBuyerView, PastBuyersRequest, ReceiptView,
    SaleRequestId, SaleView,
};

/// "Charge": the escrow and the buyer's pay link, watched (`sale://event`).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_start(
    hub: State<'_, Hub>,
    request: CounterSaleRequest,
) -> CommandResult<SaleView> {
    hub.counter_start(request).await
}

/// A new pay link for a sale whose link expired.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_renew(hub: State<'_, Hub>, request: SaleRequestId) -> CommandResult<SaleView> {
    hub.counter_renew(request).await
}

/// "Check now": looks up what a lost "Charge" may have created.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_reconcile(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    hub.counter_reconcile(request).await
}

/// "Delivered".
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_deliver(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    hub.counter_deliver(request).await
}

/// "Cancel sale".
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_cancel(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    hub.counter_cancel(request).await
}

/// The buyer's "confirm receipt" link of a delivered quick sale.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_complete_link(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<ShareView> {
    hub.counter_complete_link(request).await
}

/// Unfinished sales (to resume) and the newest ones.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_sales(hub: State<'_, Hub>) -> CommandResult<CounterSalesView> {
    hub.counter_sales().await
}

/// Buyers seen before whose e-mail starts with the prefix.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn past_buyers(
    hub: State<'_, Hub>,
    request: PastBuyersRequest,
) -> CommandResult<Vec<PastBuyerView>> {
    hub.past_buyers(request).await
}

/// What the receipt of a sale shows.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn receipt(hub: State<'_, Hub>, request: SaleRequestId) -> CommandResult<ReceiptView> {
    hub.receipt(request).await
}
