//! `dhmad report`: a period's totals from the local book, by day or month and by status.

use chrono::{Days, NaiveDate};
use merchant_core::report::{Report, ReportRequest, Totals};
use merchant_core::tz::TUNIS;
use serde_json::Value;

use super::{Globals, open_book};
use crate::args::{ByArg, ReportArgs};
use crate::output::{Failure, print_json};

/// Runs `dhmad report`.
pub fn run(globals: &Globals, args: &ReportArgs) -> Result<(), Failure> {
    let to_exclusive = day_after(args.from, args.to)?;
    let (_, book) = open_book(globals)?;
    let report = book.report(
        &ReportRequest {
            from: args.from,
            to: to_exclusive,
            role: None,
        },
        TUNIS,
    )?;
    if args.json {
        print_json(&report_json(&report, args)?)
    } else {
        print_table(&report, args);
        Ok(())
    }
}

/// The period's days in order (both ends are included on the command line).
pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<(), Failure> {
    if to < from {
        return Err(Failure::usage(format!("--to {to} is before --from {from}")));
    }
    Ok(())
}

/// The day after `to`, checking the period: merchant-core's report takes `[from, to)`.
fn day_after(from: NaiveDate, to: NaiveDate) -> Result<NaiveDate, Failure> {
    check_period(from, to)?;
    to.checked_add_days(Days::new(1))
        .ok_or_else(|| Failure::usage(format!("--to {to} is too far in the future")))
}

/// merchant-core's report as JSON (integer millimes), with `to` as given (inclusive) and only the
/// requested breakdown.
fn report_json(report: &Report, args: &ReportArgs) -> Result<Value, Failure> {
    let mut value = serde_json::to_value(report)
        .map_err(|err| Failure::internal(format!("cannot encode the report: {err}")))?;
    if let Some(object) = value.as_object_mut() {
        object.insert("to".into(), Value::String(args.to.to_string()));
        object.insert("timeZone".into(), Value::String("Africa/Tunis".into()));
        object.insert("currency".into(), Value::String("TND".into()));
        object.insert("unit".into(), Value::String("millimes".into()));
        let other = match args.by {
            ByArg::Day => "byMonth",
            ByArg::Month => "byDay",
        };
        object.remove(other);
    }
    Ok(value)
}

fn print_table(report: &Report, args: &ReportArgs) {
    println!(
        "Report {} to {} (Africa/Tunis, both days included), amounts in TND",
        args.from, args.to
    );
    let rows: Vec<(String, Totals)> = match args.by {
        ByArg::Day => report
            .by_day
            .iter()
            .filter(|d| d.totals.count > 0)
            .map(|d| (d.day.to_string(), d.totals))
            .collect(),
        ByArg::Month => report
            .by_month
            .iter()
            .map(|m| (format!("{:04}-{:02}", m.year, m.month), m.totals))
            .collect(),
    };
    let first = match args.by {
        ByArg::Day => "Day (days with escrows)",
        ByArg::Month => "Month",
    };
    header(first);
    for (label, totals) in &rows {
        row(label, totals);
    }
    row("Total", &report.total);
    println!();
    header("Status");
    for status in &report.by_status {
        row(status.status.as_str(), &status.totals);
    }
}

fn header(first: &str) {
    println!(
        "{first:<24} {:>6} {:>9} {:>9} {:>16} {:>13} {:>13} {:>16}",
        "Count", "Completed", "Cancelled", "Gross", "DHMAD fee", "Dev fee", "Net"
    );
}

fn row(label: &str, t: &Totals) {
    println!(
        "{label:<24} {:>6} {:>9} {:>9} {:>16} {:>13} {:>13} {:>16}",
        t.count,
        t.completed_count,
        t.cancelled_count,
        tnd(t.gross),
        tnd(t.escrow_fee),
        tnd(t.developer_fee),
        tnd(t.net)
    );
}

/// Millimes as TND with 3 decimals (`1234500` → `1234.500`).
pub fn tnd(millimes: i64) -> String {
    merchant_core::export::money(millimes, '.')
}
