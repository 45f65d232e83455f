//! The dashboard and the sync.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::dashboard::{BalanceView, DashboardView, SyncStatusView};

/// The dashboard from the local book.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn dashboard(hub: State<'_, Hub>) -> CommandResult<DashboardView> {
    hub.dashboard().await
}

/// Starts a sync in the background (or reports the running one); progress arrives as
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
    hub.current_sync_status().await
}

/// Reads the balance from DHMAD now.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn refresh_balance(hub: State<'_, Hub>) -> CommandResult<BalanceView> {
    hub.refresh_active_balance().await
}
