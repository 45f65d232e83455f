//! `dhmad export`: the book's escrows of a period as a CSV file (merchant-core's export).

use std::ops::ControlFlow;

use merchant_core::CsvDelimiter;
use merchant_core::book::EscrowFilter;
use merchant_core::export::ExportRequest;
use merchant_core::tz::{TUNIS, day_end, day_start};

use super::report::check_period;
use super::{Globals, open_book};
use crate::args::{DelimiterArg, ExportArgs};
use crate::output::Failure;

/// Runs `dhmad export`.
pub fn run(globals: &Globals, args: &ExportArgs) -> Result<(), Failure> {
    check_period(args.from, args.to)?;
    let (profile, book) = open_book(globals)?;
    let delimiter = match args.delimiter {
        Some(DelimiterArg::Comma) => CsvDelimiter::Comma,
        Some(DelimiterArg::Semicolon) => CsvDelimiter::Semicolon,
        None => profile.settings.csv_delimiter,
    };
    let request = ExportRequest {
        filter: EscrowFilter {
            created_from: Some(day_start(TUNIS, args.from)?),
            created_to: Some(day_end(TUNIS, args.to)?),
            ..EscrowFilter::default()
        },
        delimiter,
    };
    let summary = book.export_csv(&request, &args.out, TUNIS, &mut |progress| {
        if progress.total > 0 && progress.done < progress.total {
            eprintln!("export: {}/{} rows", progress.done, progress.total);
        }
        ControlFlow::Continue(())
    })?;
    println!(
        "{} rows written to {}",
        summary.rows,
        summary.path.display()
    );
    Ok(())
}
