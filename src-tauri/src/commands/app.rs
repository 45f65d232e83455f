//! Commands about the app itself.

use tauri::State;

use crate::error::CommandResult;
use crate::state::{AppInfo, AppState, UiReady};

/// The app's name, version, build kind and folders.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    Ok(state.app_info())
}

/// The UI calls this once its first screen is interactive; the delay since process start is
/// logged (the startup benchmark reads that line) and returned.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn ui_ready(state: State<'_, AppState>) -> CommandResult<UiReady> {
    let (ready, first) = state.mark_ui_ready();
    if first {
        tracing::info!(
            since_start_ms = ready.since_start_ms,
            "ui ready after {} ms",
            ready.since_start_ms
        );
    }
    Ok(ready)
}
