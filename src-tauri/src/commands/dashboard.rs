//! The dashboard and the sync.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::dashboard::{BalanceView, DashboardView, SyncStatusView};

/// The dashboard from the local book.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn dashboard(app: State<'_, App>) -> CommandResult<DashboardView> {
    app.dashboard().await
}

/// Starts a sync in the background (or reports the running one); progress arrives as
/// `sync://status` events.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn sync_now(app: State<'_, App>) -> CommandResult<SyncStatusView> {
    app.start_sync().await
}

/// Where the sync stands.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn sync_status(app: State<'_, App>) -> CommandResult<SyncStatusView> {
    app.current_sync_status().await
}

/// Reads the balance from DHMAD now.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn refresh_balance(app: State<'_, App>) -> CommandResult<BalanceView> {
    app.refresh_active_balance().await
}
