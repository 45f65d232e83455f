//! Bookkeeping: a period's totals and the CSV export.

use merchant_core::book::{ComingToYou, EscrowRole, EscrowStatus};
use merchant_core::day::{MethodTotals, PaymentMethod};
use merchant_core::report::{Report, Totals};
use merchant_core::settings::CsvDelimiter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dashboard::ComingToYouView;

/// Day or month rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReportBy {
    /// One row per day.
    #[default]
    Day,
    /// One row per month.
    Month,
}

/// A period, in Africa/Tunis days.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportRequest {
    /// First day, YYYY-MM-DD (inclusive).
    pub from_day: String,
    /// Last day, YYYY-MM-DD (inclusive).
    pub to_day: String,
    /// Rows by day or by month.
    pub by: ReportBy,
    /// Only escrows where the merchant has this part (absent: all).
    #[ts(optional)]
    pub role: Option<EscrowRole>,
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodRow {
    /// `2026-11-03` (day) or `2026-11` (month).
    pub period: String,
    /// Its totals.
    pub totals: Totals,
}

/// Totals of one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusRow {
    /// The status.
    pub status: EscrowStatus,
    /// Its totals.
    pub totals: Totals,
}

/// A period's books.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportView {
    /// First day.
    pub from_day: String,
    /// Last day (inclusive).
    pub to_day: String,
    /// The whole period.
    pub totals: Totals,
    /// By day or month, oldest first.
    pub rows: Vec<PeriodRow>,
    /// By status, in lifecycle order.
    pub by_status: Vec<StatusRow>,
    /// By payment method: DHMAD escrows created as seller beside the sales recorded at the till.
    pub by_method: Vec<MethodTotals>,
    /// Money DHMAD holds for the merchant's sales now, whatever the period: what the books
    /// cannot count as the merchant's yet.
    pub coming_to_you: ComingToYouView,
}

impl ReportView {
    /// The Books screen's answer: the period's figures in the rows asked for (days or months).
    pub fn new(
        request: &ReportRequest,
        report: &Report,
        by_method: &[MethodTotals],
        coming: ComingToYou,
    ) -> Self {
        let rows = match request.by {
            ReportBy::Day => report
                .by_day
                .iter()
                .map(|d| PeriodRow {
                    period: d.day.format("%Y-%m-%d").to_string(),
                    totals: d.totals,
                })
                .collect(),
            ReportBy::Month => report
                .by_month
                .iter()
                .map(|m| PeriodRow {
                    period: format!("{:04}-{:02}", m.year, m.month),
                    totals: m.totals,
                })
                .collect(),
        };
        let by_status = report
            .by_status
            .iter()
            .map(|s| StatusRow {
                status: s.status.clone(),
                totals: s.totals,
            })
            .collect();
        Self {
            from_day: request.from_day.trim().to_owned(),
            to_day: request.to_day.trim().to_owned(),
            totals: report.total,
            rows,
            by_status,
            by_method: by_method.to_vec(),
            coming_to_you: coming.into(),
        }
    }
}

/// The save dialog for an export: the suggested file name and the file type offered.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChooseFileRequest {
    /// The file name the dialog starts with.
    pub default_name: String,
    /// The name of the file type (translated by the UI, e.g. "CSV files").
    pub filter_name: String,
    /// The extensions of that type, without the dot.
    pub extensions: Vec<String>,
}

/// "Export CSV" of a period to a file the merchant chose.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// First day, YYYY-MM-DD (inclusive).
    pub from_day: String,
    /// Last day, YYYY-MM-DD (inclusive).
    pub to_day: String,
    /// The file to write: a path `choose_export_file` returned since the app started (any other
    /// is refused).
    pub path: String,
    /// `,` or `;` (`;` writes decimal commas, for French spreadsheets).
    pub delimiter: CsvDelimiter,
    /// Only these payment methods (`dhmad`, `cash`, …; absent or empty: every method).
    #[serde(default)]
    #[ts(optional)]
    pub methods: Option<Vec<PaymentMethod>>,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportView {
    /// Rows written (header excluded).
    #[ts(type = "number")]
    pub rows: u64,
    /// The file.
    pub path: String,
}

/// Export progress (`export://progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgressView {
    /// Rows written so far.
    #[ts(type = "number")]
    pub done: u64,
    /// Rows to write.
    #[ts(type = "number")]
    pub total: u64,
}
