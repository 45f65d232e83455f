//! Windows and folders: the customer display, the log folder.

use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The customer display window's label (the capability file grants it its few commands).
pub const CUSTOMER_WINDOW: &str = "customer";

/// Opens (or brings forward) the customer display: a second window, for a screen turned to the
/// buyer, showing the shop name, the amount and the QR of the current sale.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn open_customer_display<R: Runtime>(app: AppHandle<R>) -> CommandResult<()> {
    if let Some(window) = app.get_webview_window(CUSTOMER_WINDOW) {
        window
            .set_focus()
            .map_err(|e| CommandError::internal(format!("focus the customer display: {e}")))?;
        return Ok(());
    }
    WebviewWindowBuilder::new(
        &app,
        CUSTOMER_WINDOW,
        WebviewUrl::App("index.html#customer".into()),
    )
    .title("DHMAD — Customer display")
    .inner_size(800.0, 600.0)
    .min_inner_size(480.0, 480.0)
    .build()
    .map_err(|e| CommandError::internal(format!("open the customer display: {e}")))?;
    Ok(())
}

/// Opens the folder holding the log files in the system's file manager.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn open_log_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<()> {
    let folder = state.app_info().log_dir;
    app.opener()
        .open_path(folder, None::<&str>)
        .map_err(|e| CommandError::internal(format!("open the log folder: {e}")))
}
