//! Windows, folders and links: the customer display, the log folder, DHMAD pages in the browser.

use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_opener::OpenerExt;

use crate::app::App;
use crate::error::{CommandError, CommandResult};
use crate::views::links::OpenLinkRequest;

/// The customer display window's label (the capability file grants it its few commands).
pub const CUSTOMER_WINDOW: &str = "customer";

/// Opens (or brings forward) the customer display: a second window, for a screen turned to the
/// buyer, showing the shop name, the amount and the QR of the current sale.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn open_customer_display<R: Runtime>(app: AppHandle<R>) -> CommandResult<()> {
    show_customer_display(&app)
        .map_err(|e| CommandError::internal(format!("open the customer display: {e}")))
}

/// Opens the folder holding the log files in the system's file manager.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn open_log_folder<R: Runtime>(handle: AppHandle<R>, app: State<'_, App>) -> CommandResult<()> {
    let folder = app.log_dir().display().to_string();
    handle
        .opener()
        .open_path(folder, None::<&str>)
        .map_err(|e| CommandError::internal(format!("open the log folder: {e}")))
}

/// Opens a DHMAD page (or the running demo simulator's, or a `mailto:`) in the system browser,
/// once the app has checked it: the webview itself has no opener permission.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn open_link(app: State<'_, App>, request: OpenLinkRequest) -> CommandResult<()> {
    app.open_link(&request).await
}

fn show_customer_display<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(CUSTOMER_WINDOW) {
        return window.set_focus();
    }
    WebviewWindowBuilder::new(
        app,
        CUSTOMER_WINDOW,
        WebviewUrl::App("index.html#customer".into()),
    )
    .title("DHMAD — Customer display")
    .inner_size(800.0, 600.0)
    .min_inner_size(480.0, 480.0)
    .build()?;
    Ok(())
}
