//! Settings → "Check connection", and the UI's error reports.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::doctor::{ConnectionCheckView, UiErrorReport};

/// The active profile's connection check, the same as `dhmad doctor`.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn check_connection(app: State<'_, App>) -> CommandResult<ConnectionCheckView> {
    app.check_connection().await
}

/// Writes a screen's rendering failure to the app's log (redacted like every other line).
#[tauri::command]
#[tracing::instrument(skip_all, fields(area = %report.area), err)]
pub fn report_ui_error(report: UiErrorReport) -> CommandResult<()> {
    tracing::error!(
        message = %report.message,
        stack = report.stack.as_deref().unwrap_or(""),
        component_stack = report.component_stack.as_deref().unwrap_or(""),
        "a screen failed to draw"
    );
    Ok(())
}
