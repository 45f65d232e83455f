//! What only the desktop shell can do: the customer display window, the save dialog, the file
//! manager.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::app::App;
use crate::error::{CommandError, CommandResult};
use crate::views::books::ChooseFileRequest;

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

/// The system's save dialog, opened by the shell so that the app knows which file the merchant
/// chose (the only files an export may write). `None` when the dialog was closed.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn choose_export_file<R: Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
    request: ChooseFileRequest,
) -> CommandResult<Option<String>> {
    let chosen = save_dialog(&handle, &request).await?;
    Ok(chosen.map(|path| app.chosen_paths().remember_shown(path)))
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

/// Shows the save dialog and waits for the merchant's answer.
async fn save_dialog<R: Runtime>(
    handle: &AppHandle<R>,
    request: &ChooseFileRequest,
) -> CommandResult<Option<PathBuf>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let extensions: Vec<&str> = request.extensions.iter().map(String::as_str).collect();
    handle
        .dialog()
        .file()
        .set_file_name(&request.default_name)
        .add_filter(&request.filter_name, &extensions)
        .save_file(move |answer| {
            let _ = tx.send(answer);
        });
    let answer = rx
        .await
        .map_err(|_| CommandError::internal("the save dialog closed without an answer"))?;
    Ok(answer.and_then(|p| p.into_path().ok()))
}
