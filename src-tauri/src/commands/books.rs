//! Bookkeeping: a period's report, the save dialog, and the CSV export.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::app::App;
use crate::error::{CommandError, CommandResult};
use crate::views::books::{
    ChooseFileRequest, ExportRequest, ExportView, ReportRequest, ReportView,
};

/// Totals of a period (Africa/Tunis days, both ends included), by day or month and by status.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn report(app: State<'_, App>, request: ReportRequest) -> CommandResult<ReportView> {
    app.report(request).await
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

/// Writes the period's books as CSV to a file the save dialog returned (`export://progress`).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn export_csv(app: State<'_, App>, request: ExportRequest) -> CommandResult<ExportView> {
    app.export_csv(request).await
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
