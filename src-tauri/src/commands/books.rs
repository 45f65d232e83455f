//! Bookkeeping: a period's report and its CSV export.

use std::ops::ControlFlow;
use std::path::PathBuf;

use merchant_core::day::{BooksRequest, PaymentMethod};
use merchant_core::report::ReportRequest as CoreReport;
use merchant_core::settings::CsvDelimiter;
use merchant_core::tz::TUNIS;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::chosen_paths::ChosenPaths;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::hub::{Hub, HubEvent};
use crate::views::books::{
    ChooseFileRequest, ExportProgressView, ExportRequest, ExportView, ReportRequest, ReportView,
};
use crate::views::parse_day;

/// Totals of a period (Africa/Tunis days, both ends included), by day or month and by status.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn report(hub: State<'_, Hub>, request: ReportRequest) -> CommandResult<ReportView> {
    let from = parse_day("fromDay", &request.from_day)?;
    let last = parse_day("toDay", &request.to_day)?;
    let to = last.succ_opt().ok_or_else(|| bad_period("toDay"))?;
    let shop = hub.shop().await?;
    let role = request.role.clone();
    let report = shop.book.report(&CoreReport { from, to, role }, TUNIS)?;
    let methods = BooksRequest {
        from,
        to,
        methods: Vec::new(),
    };
    let by_method = shop.book.totals_by_method(&methods, TUNIS)?;
    let coming = shop.book.coming_to_you(chrono::Utc::now())?;
    Ok(ReportView::new(&request, &report, &by_method, coming))
}

/// The system's save dialog, opened by the shell so that it knows which file the merchant chose
/// (see [`ChosenPaths`]). `None` when the dialog was closed.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn choose_export_file<R: Runtime>(
    app: AppHandle<R>,
    chosen: State<'_, ChosenPaths>,
    request: ChooseFileRequest,
) -> CommandResult<Option<String>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let extensions: Vec<&str> = request.extensions.iter().map(String::as_str).collect();
    app.dialog()
        .file()
        .set_file_name(&request.default_name)
        .add_filter(&request.filter_name, &extensions)
        .save_file(move |answer| {
            let _ = tx.send(answer);
        });
    let answer = rx
        .await
        .map_err(|_| CommandError::internal("the save dialog closed without an answer"))?;
    let Some(path) = answer.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    chosen.remember(path.clone());
    Ok(Some(path.display().to_string()))
}

/// Writes the period's escrows and the sales and refunds recorded at the till (every method, or
/// `methods`) to `path` as CSV (progress as `export://progress`). `path` must be
/// one the save dialog returned ([`choose_export_file`]).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn export_csv(
    hub: State<'_, Hub>,
    chosen: State<'_, ChosenPaths>,
    request: ExportRequest,
) -> CommandResult<ExportView> {
    let from = parse_day("fromDay", &request.from_day)?;
    let last = parse_day("toDay", &request.to_day)?;
    let to = last.succ_opt().ok_or_else(|| bad_period("toDay"))?;
    let delimiter = delimiter(&request.delimiter)?;
    let path = chosen_file(&chosen, &request.path)?;
    let methods = request
        .methods
        .iter()
        .flatten()
        .map(|m| PaymentMethod::parse(m))
        .collect::<Result<Vec<_>, _>>()?;
    let req = BooksRequest { from, to, methods };
    let shop = hub.shop().await?;
    let hub = hub.inner().clone();
    // The export is synchronous SQLite + file I/O: keep it off the async workers.
    let summary = tauri::async_runtime::spawn_blocking(move || {
        shop.book
            .export_books_csv(&req, delimiter, &path, TUNIS, &mut |p| {
                hub.emit(HubEvent::Export(ExportProgressView {
                    done: p.done,
                    total: p.total,
                }));
                ControlFlow::Continue(())
            })
    })
    .await
    .map_err(|e| CommandError::internal(format!("export task failed: {e}")))??;
    let (rows, path) = summary;
    Ok(ExportView {
        rows,
        path: path.display().to_string(),
    })
}

/// `,` or `;` (`;` writes decimal commas, for French spreadsheets).
pub(crate) fn delimiter(text: &str) -> CommandResult<CsvDelimiter> {
    match text {
        "," => Ok(CsvDelimiter::Comma),
        ";" => Ok(CsvDelimiter::Semicolon),
        other => Err(CommandError::new(
            ErrorCode::Validation,
            format!("delimiter must be , or ; (got {other:?})"),
        )),
    }
}

/// The file `text` names, if the save dialog returned it ([`choose_export_file`]): the app writes
/// nowhere else, whatever the page asks.
pub(crate) fn chosen_file(chosen: &ChosenPaths, text: &str) -> CommandResult<PathBuf> {
    let path = PathBuf::from(text.trim());
    if path.as_os_str().is_empty() {
        return Err(CommandError::new(ErrorCode::Validation, "no file chosen"));
    }
    if !chosen.was_chosen(&path) {
        let text = "Choose where to save the file with the Save button: the app only writes \
                    exports to a file chosen in the save dialog.";
        return Err(CommandError::new(
            ErrorCode::Validation,
            format!("{} was not chosen in the save dialog", path.display()),
        )
        .with_user_message(text));
    }
    Ok(path)
}

fn bad_period(field: &str) -> CommandError {
    CommandError::new(ErrorCode::Validation, format!("{field}: out of range"))
}
