//! Windows, folders and links: the customer display, the log folder, DHMAD pages in the browser.

use merchant_core::links::check_external_url;
use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::hub::Hub;
use crate::state::AppState;
use crate::views::links::OpenLinkRequest;

/// The customer display window's label (the capability file grants it its few commands).
pub const CUSTOMER_WINDOW: &str = "customer";

/// Opens (or brings forward) the customer display: a second window, for a screen turned to the
/// buyer, showing the shop name, the amount and the QR of the current sale.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
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
#[tracing::instrument(skip_all, err)]
pub fn open_log_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<()> {
    let folder = state.app_info().log_dir;
    app.opener()
        .open_path(folder, None::<&str>)
        .map_err(|e| CommandError::internal(format!("open the log folder: {e}")))
}

/// Opens a DHMAD page (or the running demo simulator's, or a `mailto:`) in the system browser.
/// The only way the UI opens a link: the webview has no opener permission, so every URL passes
/// this parsed-URL check first.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn open_link<R: Runtime>(
    app: AppHandle<R>,
    hub: State<'_, Hub>,
    request: OpenLinkRequest,
) -> CommandResult<()> {
    let demo = hub.demo_origin().await;
    let url = check_external_url(&request.url, demo.as_deref()).map_err(|e| {
        tracing::warn!(reason = %e, "link refused");
        CommandError::new(ErrorCode::LinkRefused, e.to_string())
    })?;
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| CommandError::internal(format!("open the link: {e}")))
}
