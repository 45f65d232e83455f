//! Commands about the app itself.

use tauri::State;

use crate::about::{AppInfo, UiReady};
use crate::app::App;
use crate::error::CommandResult;

/// The app's name, version, build kind and folders.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn app_info(app: State<'_, App>) -> CommandResult<AppInfo> {
    Ok(app.info())
}

/// The UI calls this once its first screen is interactive; the delay since process start is
/// logged and returned.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn ui_ready(app: State<'_, App>) -> CommandResult<UiReady> {
    Ok(app.ui_ready())
}
