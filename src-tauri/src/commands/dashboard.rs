//! The dashboard and the sync.

use chrono::Utc;
use merchant_core::day::{BooksRequest, PaymentMethod};
use merchant_core::tz::TUNIS;
use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::dashboard::{
    BalanceView, DashboardView, NEEDS_ACTION_SHOWN, NeedsActionView, SyncStatusView,
};

/// The dashboard from the local book (no request): balances as last read, today's and this
/// month's sales, what needs action, the sync state.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn dashboard(hub: State<'_, Hub>) -> CommandResult<DashboardView> {
    let shop = hub.shop().await?;
    let figures = shop.book.dashboard_figures(Utc::now(), TUNIS)?;
    let needs = shop.book.needs_action()?;
    let balance = merchant_core::balance::saved_balance(&shop.book)?.map(BalanceView::from);
    let coming = shop.book.coming_to_you(Utc::now())?;
    let till = shop
        .book
        .totals_by_method(&BooksRequest::day_of(Utc::now(), TUNIS), TUNIS)?;
    Ok(DashboardView {
        balance,
        coming_to_you: coming.into(),
        today: figures.today,
        month: figures.month,
        till_today: till
            .iter()
            .filter(|m| m.method != PaymentMethod::Dhmad)
            .cloned()
            .collect(),
        needs_action: needs
            .iter()
            .take(NEEDS_ACTION_SHOWN)
            .map(NeedsActionView::from)
            .collect(),
        needs_action_total: u32::try_from(needs.len()).unwrap_or(u32::MAX),
        sync: hub.sync_status(&shop),
        offline: hub.offline(),
    })
}

/// Starts a sync in the background (or reports the running one). Progress arrives as
/// `sync://status` events.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn sync_now(hub: State<'_, Hub>) -> CommandResult<SyncStatusView> {
    hub.start_sync().await
}

/// Where the sync stands.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn sync_status(hub: State<'_, Hub>) -> CommandResult<SyncStatusView> {
    let shop = hub.shop().await?;
    Ok(hub.sync_status(&shop))
}

/// Reads the balance from DHMAD now.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn refresh_balance(hub: State<'_, Hub>) -> CommandResult<BalanceView> {
    let shop = hub.shop().await?;
    Ok(hub.refresh_balance(&shop).await?)
}
