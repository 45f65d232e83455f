//! CSV export of escrows, streamed from the SQLite cursor to a file (flat memory).
//!
//! Format decisions:
//! * UTF-8 with a BOM (Excel otherwise reads UTF-8 as the ANSI code page and breaks Arabic and
//!   accents), CRLF line ends (RFC 4180), quoting only where needed.
//! * The decimal separator follows the delimiter: `,` files use `1234.500`, `;` files use
//!   `1234,500`. That is the pairing spreadsheets expect: a French/Arabic-locale Excel reads `;`
//!   files with comma decimals as numbers, while an English-locale one reads `,` files with dot
//!   decimals. (A dot decimal in a French-locale Excel would be read as text or a date.) Money
//!   has exactly 3 decimals (millimes), no thousands separator.
//! * Times in the export's time zone (Africa/Tunis for the app) as `YYYY-MM-DD HH:MM:SS`; empty
//!   when unknown.
//! * Text cells a spreadsheet could run as a formula (starting with `=`, `+`, `-`, `@`, tab or
//!   CR) get a leading `'` (OWASP "CSV injection"). Number and time cells are ours and never
//!   start with those characters.
//! * `net` = amountTnd − escrowFee − developerFee, empty for cancelled escrows (no money moved;
//!   same rule as the reports).
//! * Rows in creation order (oldest first).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono_tz::Tz;

use crate::book::{Book, EscrowFilter};
use crate::error::{MerchantError, Result};
use crate::settings::CsvDelimiter;

/// The header, exactly.
pub const COLUMNS: [&str; 17] = [
    "id",
    "created",
    "status",
    "mode",
    "title",
    "buyer",
    "seller",
    "amount",
    "currency",
    "amountTnd",
    "escrowFee",
    "developerFee",
    "net",
    "paidAt",
    "deliveredAt",
    "completedAt",
    "cancelledAt",
];

/// How often progress is reported.
const PROGRESS_EVERY: u64 = 1000;

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportRequest {
    /// Which escrows (e.g. a created period).
    pub filter: EscrowFilter,
    /// Delimiter (and with it the decimal separator).
    pub delimiter: CsvDelimiter,
}

/// Progress of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportProgress {
    /// Rows written.
    pub done: u64,
    /// Rows to write.
    pub total: u64,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// Rows written (header excluded).
    pub rows: u64,
    /// The file.
    pub path: PathBuf,
}

impl Book {
    /// Writes the escrows matching `req` to `out` as CSV. The file appears only when complete
    /// (written to a temp file beside it, then renamed). `progress` is called at the start,
    /// every 1000 rows and at the end; returning `ControlFlow::Break` cancels the export
    /// ([`MerchantError::Cancelled`], nothing is left behind).
    pub fn export_csv(
        &self,
        req: &ExportRequest,
        out: &Path,
        tz: Tz,
        progress: &mut dyn FnMut(ExportProgress) -> ControlFlow<()>,
    ) -> Result<ExportSummary> {
        let rows = write_atomically(out, |file| {
            let file = file.try_clone().map_err(|e| MerchantError::io(out, e))?;
            self.read(|c| {
                // One read transaction: the count and the rows see the same snapshot.
                c.execute_batch("BEGIN")?;
                let out = write_csv(c, req, file, tz, progress);
                c.execute_batch("COMMIT")?;
                out
            })
        })?;
        Ok(ExportSummary {
            rows,
            path: out.to_owned(),
        })
    }
}

/// The export's columns in [`COLUMNS`] order, read in one query in creation order.
const EXPORT_SELECT: &str =
    "SELECT id, created_at, status, mode, title, coalesce(buyer_user_email, buyer_email),
                coalesce(seller_user_email, seller_email), amount, currency, amount_tnd,
                escrow_fee, developer_fee, paid_at, delivered_at, completed_at, cancelled_at
         FROM escrows";

fn write_csv(
    c: &rusqlite::Connection,
    req: &ExportRequest,
    file: File,
    tz: Tz,
    progress: &mut dyn FnMut(ExportProgress) -> ControlFlow<()>,
) -> Result<u64> {
    let total = crate::book::query::count(c, &req.filter)?;
    let mut done = 0u64;
    if progress(ExportProgress { done, total }).is_break() {
        return Err(MerchantError::Cancelled);
    }
    let mut w = csv_writer(file, req)?;
    let (where_sql, params) = crate::book::query::where_clause(&req.filter);
    let mut stmt = c.prepare(&format!(
        "{EXPORT_SELECT} WHERE {where_sql} ORDER BY created_at, id"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let sep = req.delimiter.decimal_separator();
    while let Some(r) = rows.next()? {
        w.write_record(csv_record(r, tz, sep)?.iter().map(|c| c.as_bytes()))?;
        done += 1;
        if done.is_multiple_of(PROGRESS_EVERY)
            && progress(ExportProgress { done, total }).is_break()
        {
            return Err(MerchantError::Cancelled);
        }
    }
    let buf = w
        .into_inner()
        .map_err(|e| MerchantError::io("export", e.into_error()))?;
    buf.into_inner()
        .map_err(|e| MerchantError::io("export", e.into_error()))?;
    if progress(ExportProgress { done, total }).is_break() {
        return Err(MerchantError::Cancelled);
    }
    Ok(done)
}

/// A CSV writer with the header written: a UTF-8 BOM first so spreadsheet programs read the
/// accents and Arabic right, CRLF lines, the merchant's delimiter.
fn csv_writer(file: File, req: &ExportRequest) -> Result<csv::Writer<BufWriter<File>>> {
    let mut buf = BufWriter::with_capacity(256 * 1024, file);
    buf.write_all("\u{FEFF}".as_bytes())
        .map_err(|e| MerchantError::io("export", e))?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(req.delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    w.write_record(COLUMNS)?;
    Ok(w)
}

/// A time in the shop's zone as a spreadsheet reads it; empty when unset.
fn local_time(ms: Option<i64>, tz: Tz) -> Cow<'static, str> {
    match ms.and_then(DateTime::from_timestamp_millis) {
        Some(t) => Cow::Owned(t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()),
        None => Cow::Borrowed(""),
    }
}

/// One escrow's cells, text cells guarded against formulas; the net is what the seller
/// receives, left empty for a cancelled escrow (nothing is paid out).
fn csv_record<'r>(r: &'r rusqlite::Row<'_>, tz: Tz, sep: char) -> Result<[Cow<'r, str>; 17]> {
    let text = |i: usize| -> Result<Cow<'r, str>> {
        Ok(escape_formula(
            r.get_ref(i)?.as_str_or_null()?.unwrap_or(""),
        ))
    };
    let status = r.get_ref(2)?.as_str()?;
    let (amount_tnd, escrow_fee, developer_fee): (i64, i64, i64) =
        (r.get(9)?, r.get(10)?, r.get(11)?);
    let net = if status == "cancelled" {
        String::new()
    } else {
        money(amount_tnd - escrow_fee - developer_fee, sep)
    };
    Ok([
        text(0)?,
        local_time(Some(r.get(1)?), tz),
        escape_formula(status),
        text(3)?,
        text(4)?,
        text(5)?,
        text(6)?,
        Cow::Owned(money(r.get(7)?, sep)),
        text(8)?,
        Cow::Owned(money(amount_tnd, sep)),
        Cow::Owned(money(escrow_fee, sep)),
        Cow::Owned(money(developer_fee, sep)),
        Cow::Owned(net),
        local_time(r.get(12)?, tz),
        local_time(r.get(13)?, tz),
        local_time(r.get(14)?, tz),
        local_time(r.get(15)?, tz),
    ])
}

/// Writes `out` through a temporary file beside it, renamed into place once `write` succeeded
/// and the data is on disk: nobody ever reads half a file, and a failure leaves nothing behind.
pub fn write_atomically<T>(
    out: &Path,
    write: impl FnOnce(&std::fs::File) -> Result<T>,
) -> Result<T> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".dhmad-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| MerchantError::io(dir, e))?;
    let value = write(tmp.as_file())?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| MerchantError::io(tmp.path(), e))?;
    tmp.persist(out)
        .map_err(|e| MerchantError::io(out, e.error))?;
    Ok(value)
}

/// Millimes as a plain decimal with 3 places: `1234500` → `1234.500` (or `1234,500`).
pub fn money(millimes: i64, decimal_separator: char) -> String {
    let sign = if millimes < 0 { "-" } else { "" };
    let abs = millimes.unsigned_abs();
    format!("{sign}{}{decimal_separator}{:03}", abs / 1000, abs % 1000)
}

/// OWASP CSV-injection rule: a cell a spreadsheet would run as a formula gets a leading `'`.
pub fn escape_formula(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}
