//! Bookkeeping: a period's report and its CSV export.

use std::ops::ControlFlow;

use chrono::NaiveDate;
use merchant_core::day::BooksRequest;
use merchant_core::report::ReportRequest as CoreReport;
use merchant_core::tz::TUNIS;

use crate::app::{App, AppEvent};
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::books::{
    ExportProgressView, ExportRequest, ExportView, ReportRequest, ReportView,
};
use crate::views::parse_day;

impl App {
    /// Totals of a period (Africa/Tunis days, both ends included), by day or month and by
    /// status.
    pub async fn report(&self, request: ReportRequest) -> CommandResult<ReportView> {
        let (from, to) = period(&request.from_day, &request.to_day)?;
        let shop = self.shop().await?;
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

    /// Writes the period's escrows and the sales and refunds recorded at the till (every method,
    /// or `methods`) to `path` as CSV, with [`AppEvent::Export`] progress. `path` must be one
    /// the save dialog returned (see [`crate::chosen_paths`]).
    pub async fn export_csv(&self, request: ExportRequest) -> CommandResult<ExportView> {
        let (from, to) = period(&request.from_day, &request.to_day)?;
        let path = self.chosen_paths().file(&request.path)?;
        let methods = request.methods.unwrap_or_default();
        let req = BooksRequest { from, to, methods };
        let shop = self.shop().await?;
        let app = self.clone();
        let (rows, path) = self
            .blocking("the export", move || {
                shop.book
                    .export_books_csv(&req, request.delimiter, &path, TUNIS, &mut |p| {
                        app.emit(AppEvent::Export(ExportProgressView {
                            done: p.done,
                            total: p.total,
                        }));
                        ControlFlow::Continue(())
                    })
            })
            .await??;
        Ok(ExportView {
            rows,
            path: path.display().to_string(),
        })
    }
}

/// The first day and the day after the last of a period typed as two `YYYY-MM-DD` days, both
/// included.
fn period(from_day: &str, to_day: &str) -> CommandResult<(NaiveDate, NaiveDate)> {
    let from = parse_day("fromDay", from_day)?;
    let last = parse_day("toDay", to_day)?;
    let to = last
        .succ_opt()
        .ok_or_else(|| CommandError::new(ErrorCode::Validation, "toDay: out of range"))?;
    Ok((from, to))
}
