//! The Books with every payment method: totals by method over a period, and the CSV export of
//! DHMAD escrows and recorded sales and refunds together.
//!
//! * DHMAD's line counts the merchant's sales (escrows where the profile sells) created in the
//!   period, by the report's rules: cancelled escrows move no money and are left out.
//! * A recorded sale counts on the day it was recorded, a refund on the day it was made (a
//!   refund of yesterday's sale lowers today's total), both in the export's time zone.
//! * The CSV has the escrow export's 17 columns (`crate::export::COLUMNS`) followed by
//!   `method`, `receipt` and `reference`, so a sheet built on the escrow export still reads it.
//!   A recorded row has `status` `sale` or `refund`, the customer as buyer, no fees, and a
//!   refund's amounts negative. Rows in time order.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::method::PaymentMethod;
use crate::book::Book;
use crate::error::{MerchantError, Result};
use crate::export::{COLUMNS, ExportProgress, escape_formula, money, write_atomically};
use crate::settings::CsvDelimiter;
use crate::tz::day_start;

/// The columns added after the escrow export's.
pub const METHOD_COLUMNS: [&str; 3] = ["method", "receipt", "reference"];

/// A period of the Books, with a method filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BooksRequest {
    /// First local day (inclusive).
    pub from: NaiveDate,
    /// Last local day (exclusive).
    pub to: NaiveDate,
    /// Only these methods (empty: every method).
    pub methods: Vec<PaymentMethod>,
}

impl BooksRequest {
    /// Every method over the local day that holds `now`.
    pub fn day_of(now: DateTime<Utc>, tz: Tz) -> Self {
        let today = crate::tz::local_day(tz, now);
        Self {
            from: today,
            to: today.succ_opt().unwrap_or(today),
            methods: Vec::new(),
        }
    }
}

/// One method's totals over a period (millimes); the app's books show them as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MethodTotals {
    /// The method.
    pub method: PaymentMethod,
    /// How many sales.
    pub sales_count: u64,
    /// Σ sales.
    pub sales: i64,
    /// How many refunds.
    pub refunds_count: u64,
    /// Σ refunds (positive).
    pub refunds: i64,
    /// sales − refunds.
    pub net: i64,
}

/// Period bounds in UTC ms and the method filter as SQL (`1` when every method is wanted).
fn bounds(req: &BooksRequest, tz: Tz) -> Result<(i64, i64, String)> {
    if req.from >= req.to {
        return Err(MerchantError::InvalidInput(format!(
            "the period must end after it starts ({} → {})",
            req.from, req.to
        )));
    }
    let from = day_start(tz, req.from)?.timestamp_millis();
    let to = day_start(tz, req.to)?.timestamp_millis();
    // Slugs are [a-z0-9-] (checked by PaymentMethod::parse), so quoting them is safe.
    let filter = if req.methods.is_empty() {
        "1".to_owned()
    } else {
        let list: Vec<String> = req
            .methods
            .iter()
            .map(|m| format!("'{}'", m.as_str()))
            .collect();
        format!("method IN ({})", list.join(", "))
    };
    Ok((from, to, filter))
}

impl Book {
    /// Totals by method over `req`'s period: DHMAD first, then the recorded methods in order.
    pub fn totals_by_method(&self, req: &BooksRequest, tz: Tz) -> Result<Vec<MethodTotals>> {
        let (from, to, filter) = bounds(req, tz)?;
        // `+role`: the period's escrows are read from the covering `escrows_report` index; by
        // `escrows_role_created` each of them cost a lookup of its row (4 × slower over a year).
        let sql = format!(
            "SELECT method, SUM(kind = 'sale'), SUM(CASE kind WHEN 'sale' THEN amount END),
                    SUM(kind = 'refund'), SUM(CASE kind WHEN 'refund' THEN amount END)
             FROM (SELECT 'dhmad' AS method, 'sale' AS kind, amount_tnd AS amount FROM escrows
                   WHERE +role = 'seller' AND status != 'cancelled'
                     AND created_at >= ?1 AND created_at < ?2
                   UNION ALL
                   SELECT method, kind, amount_millimes FROM day_entries
                   WHERE kind IN ('sale', 'refund') AND at >= ?1 AND at < ?2)
             WHERE {filter} GROUP BY method"
        );
        let mut lines: Vec<MethodTotals> = self.read(|c| {
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map([from, to], |r| {
                let method: String = r.get(0)?;
                let sales: Option<i64> = r.get(2)?;
                let refunds: Option<i64> = r.get(4)?;
                Ok((
                    method,
                    r.get::<_, i64>(1)?,
                    sales,
                    r.get::<_, i64>(3)?,
                    refunds,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (method, sales_count, sales, refunds_count, refunds) = row?;
                let (sales, refunds) = (sales.unwrap_or(0), refunds.unwrap_or(0));
                out.push(MethodTotals {
                    method: PaymentMethod::parse(&method)?,
                    sales_count: u64::try_from(sales_count).unwrap_or_default(),
                    sales,
                    refunds_count: u64::try_from(refunds_count).unwrap_or_default(),
                    refunds,
                    net: sales - refunds,
                });
            }
            Ok(out)
        })?;
        lines.sort_by(|a, b| a.method.cmp(&b.method));
        Ok(lines)
    }

    /// Writes `req`'s escrows and recorded sales and refunds to `out` as CSV (see the module
    /// docs); the file appears only when complete. Gives the rows written.
    pub fn export_books_csv(
        &self,
        req: &BooksRequest,
        delimiter: CsvDelimiter,
        out: &Path,
        tz: Tz,
        progress: &mut dyn FnMut(ExportProgress) -> ControlFlow<()>,
    ) -> Result<(u64, PathBuf)> {
        let (from, to, filter) = bounds(req, tz)?;
        let rows = write_atomically(out, |file| {
            self.read(|c| {
                // One read transaction: the count and the rows see the same snapshot.
                c.execute_batch("BEGIN")?;
                let out = write_file(c, file, (from, to, &filter), delimiter, tz, progress);
                c.execute_batch("COMMIT")?;
                out
            })
        })?;
        Ok((rows, out.to_owned()))
    }
}

fn write_file(
    c: &rusqlite::Connection,
    file: &std::fs::File,
    period: (i64, i64, &str),
    delimiter: CsvDelimiter,
    tz: Tz,
    progress: &mut dyn FnMut(ExportProgress) -> ControlFlow<()>,
) -> Result<u64> {
    let mut buf = std::io::BufWriter::new(file);
    std::io::Write::write_all(&mut buf, "\u{FEFF}".as_bytes())
        .map_err(|e| MerchantError::io("export", e))?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    w.write_record(COLUMNS.iter().chain(METHOD_COLUMNS.iter()))?;
    let n = write_rows(c, &mut w, period, delimiter, tz, progress)?;
    w.flush().map_err(|e| MerchantError::io("export", e))?;
    Ok(n)
}

/// One row's 20 cells.
fn csv_record(r: &rusqlite::Row<'_>, sep: char, tz: Tz) -> Result<Vec<String>> {
    let time = |ms: Option<i64>| -> String {
        ms.and_then(DateTime::<Utc>::from_timestamp_millis)
            .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default()
    };
    let text = |i: usize| -> Result<String> {
        Ok(escape_formula(r.get_ref(i)?.as_str_or_null()?.unwrap_or("")).into_owned())
    };
    let amount = |i: usize| -> Result<String> {
        Ok(r.get::<_, Option<i64>>(i)?
            .map(|m| money(m, sep))
            .unwrap_or_default())
    };
    let receipt: Option<i64> = r.get(18)?;
    Ok(vec![
        text(1)?,
        time(r.get(0)?),
        text(2)?,
        text(3)?,
        text(4)?,
        text(5)?,
        text(6)?,
        amount(7)?,
        text(8)?,
        amount(9)?,
        amount(10)?,
        amount(11)?,
        amount(12)?,
        time(r.get(13)?),
        time(r.get(14)?),
        time(r.get(15)?),
        time(r.get(16)?),
        text(17)?,
        receipt.map(|n| n.to_string()).unwrap_or_default(),
        text(19)?,
    ])
}

/// The rows of both sources in time order (then escrows before entries, each in the order
/// stored), 20 cells each and two for the order.
const ROWS_SQL: &str = "
SELECT * FROM (
  SELECT created_at AS t, id, status, mode, title, coalesce(buyer_user_email, buyer_email),
         coalesce(seller_user_email, seller_email), amount, currency, amount_tnd, escrow_fee,
         developer_fee,
         CASE WHEN status = 'cancelled' THEN NULL ELSE amount_tnd - escrow_fee - developer_fee END,
         paid_at, delivered_at, completed_at, cancelled_at, 'dhmad' AS method,
         (SELECT r.number FROM counter_sales s JOIN receipts r ON r.entry_id = s.id
          WHERE s.escrow_id = escrows.id LIMIT 1), NULL, 0 AS src, rowid AS ord
  FROM escrows WHERE created_at >= ?1 AND created_at < ?2
  UNION ALL
  SELECT at, id, kind, NULL, coalesce(title, reason), customer, NULL,
         CASE kind WHEN 'refund' THEN -amount_millimes ELSE amount_millimes END, 'TND',
         CASE kind WHEN 'refund' THEN -amount_millimes ELSE amount_millimes END, 0, 0,
         CASE kind WHEN 'refund' THEN -amount_millimes ELSE amount_millimes END,
         NULL, NULL, NULL, NULL, method, receipt_no, reference, 1, seq
  FROM day_entries WHERE kind IN ('sale', 'refund') AND at >= ?1 AND at < ?2
) WHERE {filter} ORDER BY t, src, ord";

fn write_rows<W: std::io::Write>(
    c: &rusqlite::Connection,
    w: &mut csv::Writer<W>,
    (from, to, filter): (i64, i64, &str),
    delimiter: CsvDelimiter,
    tz: Tz,
    progress: &mut dyn FnMut(ExportProgress) -> ControlFlow<()>,
) -> Result<u64> {
    let sql = ROWS_SQL.replace("{filter}", filter);
    let total: i64 = c.query_row(&format!("SELECT COUNT(*) FROM ({sql})"), [from, to], |r| {
        r.get(0)
    })?;
    let total = u64::try_from(total).unwrap_or_default();
    if progress(ExportProgress { done: 0, total }).is_break() {
        return Err(MerchantError::Cancelled);
    }
    let mut stmt = c.prepare(&sql)?;
    let mut rows = stmt.query([from, to])?;
    let sep = delimiter.decimal_separator();
    let mut done = 0_u64;
    while let Some(r) = rows.next()? {
        let record = csv_record(r, sep, tz)?;
        w.write_record(record.iter().map(|c| c.as_bytes()))?;
        done += 1;
        if done.is_multiple_of(1000) && progress(ExportProgress { done, total }).is_break() {
            return Err(MerchantError::Cancelled);
        }
    }
    if progress(ExportProgress { done, total }).is_break() {
        return Err(MerchantError::Cancelled);
    }
    Ok(done)
}

/// The dashboard's "today" with every method: what each method brought in today, and DHMAD
/// money still held apart (not the merchant's until released, so never in the totals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TodayFigures {
    /// Today's totals by method ([`Book::totals_by_method`] for today).
    pub by_method: Vec<MethodTotals>,
    /// Σ net of the recorded methods (cash, card, wallets, cheques, custom), millimes.
    pub recorded_net: i64,
    /// The merchant's DHMAD escrows paid and not yet released or cancelled, now.
    pub dhmad_held: super::EscrowFigure,
}

impl Book {
    /// Today's figures at `now` in `tz`.
    pub fn today_figures(&self, now: DateTime<Utc>, tz: Tz) -> Result<TodayFigures> {
        let by_method = self.totals_by_method(&BooksRequest::day_of(now, tz), tz)?;
        let recorded_net = by_method
            .iter()
            .filter(|l| l.method != PaymentMethod::Dhmad)
            .map(|l| l.net)
            .sum();
        let dhmad_held = self.read(|c| super::dhmad::section(c, now, now))?.held;
        Ok(TodayFigures {
            by_method,
            recorded_net,
            dhmad_held,
        })
    }
}
