//! A Z report as CSV, for the accountant and for the shop's own records: one `item,value` row
//! per figure, in the order of the printed Z, amounts as exact decimals in TND, times in the
//! shop's time zone. The hash and the previous hash are included, so a copy can be checked
//! against the chain later.

use std::path::Path;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{EscrowFigure, ZReport};
use crate::error::Result;
use crate::export::{escape_formula, money, write_atomically};
use crate::settings::CsvDelimiter;

/// The rows of `z`: `(item, value)`.
pub fn z_rows(z: &ZReport, delimiter: CsvDelimiter, tz: Tz) -> Vec<(String, String)> {
    let r = &z.report;
    let tnd = |m: i64| money(m, delimiter.decimal_separator());
    let time = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string();
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut rows: Vec<(String, String)> = vec![
        ("z".into(), r.number.to_string()),
        ("opened_at".into(), time(r.opened_at)),
        ("closed_at".into(), time(r.closed_at)),
        // Typed by the merchant: a spreadsheet must not read them as formulas.
        ("till".into(), escape_formula(&r.till).into_owned()),
        ("cashier".into(), escape_formula(&r.cashier).into_owned()),
        ("blind_close".into(), r.blind.to_string()),
        ("float".into(), tnd(r.float)),
        ("paid_in".into(), tnd(r.paid_in)),
        ("paid_out".into(), tnd(r.paid_out)),
        ("first_receipt".into(), number(r.receipts.first)),
        ("last_receipt".into(), number(r.receipts.last)),
        ("receipts".into(), r.receipts.count.to_string()),
    ];
    for (method, line) in &r.by_method {
        let m = method.as_str();
        rows.push((format!("{m}.sales"), tnd(line.sales)));
        rows.push((format!("{m}.refunds"), tnd(line.refunds)));
        rows.push((format!("{m}.expected"), tnd(line.expected)));
        rows.push((
            format!("{m}.counted"),
            line.counted.map(tnd).unwrap_or_default(),
        ));
        rows.push((
            format!("{m}.difference"),
            line.difference.map(tnd).unwrap_or_default(),
        ));
    }
    let d = &r.dhmad;
    for (name, figure) in [
        ("paid_today", d.paid_today),
        ("released_today", d.released_today),
        ("held", d.held),
        ("cancelled", d.cancelled),
    ] {
        rows.extend(figure_rows(name, figure, tnd));
    }
    rows.push(("hash".into(), z.hash.clone()));
    rows.push(("previous_hash".into(), z.previous_hash.clone()));
    rows
}

fn figure_rows(name: &str, f: EscrowFigure, tnd: impl Fn(i64) -> String) -> [(String, String); 2] {
    [
        (format!("dhmad.{name}.count"), f.count.to_string()),
        (format!("dhmad.{name}.amount"), tnd(f.amount)),
    ]
}

/// Writes `z` to `out` as CSV (UTF-8 with a byte-order mark, as the escrow export), whole or
/// not at all.
pub fn write_z_csv(z: &ZReport, delimiter: CsvDelimiter, tz: Tz, out: &Path) -> Result<()> {
    write_atomically(out, |file| {
        let mut buf = std::io::BufWriter::new(file);
        std::io::Write::write_all(&mut buf, "\u{FEFF}".as_bytes())
            .map_err(|e| crate::MerchantError::io(out, e))?;
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter.byte())
            .terminator(csv::Terminator::CRLF)
            .from_writer(buf);
        w.write_record(["item", "value"])?;
        for (item, value) in z_rows(z, delimiter, tz) {
            w.write_record([item, value])?;
        }
        w.flush().map_err(|e| crate::MerchantError::io(out, e))?;
        Ok(())
    })
}
