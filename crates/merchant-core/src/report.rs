//! Bookkeeping totals for a period, by day, by month and by status, in local time.
//!
//! # Which escrows count, and how
//!
//! * An escrow belongs to a period, day and month by its **`createdAt`**, read in the report's
//!   time zone (Africa/Tunis for the app): an escrow created at 23:30 UTC on 31 January is a
//!   1 February escrow in Tunis (UTC+1). Periods are `[from, to)` in local calendar days.
//! * `count` counts every escrow, whatever its status; `cancelled_count` and `completed_count`
//!   say how many of them are cancelled / completed.
//! * Money leaves **cancelled** escrows out: the buyer is refunded, and DHMAD documents no fee on
//!   cancellation. For the others: `gross` = Σ `amountTnd`, `escrow_fee` = Σ `escrowFee` (DHMAD),
//!   `developer_fee` = Σ `developerFee`, `net` = gross − both fees — what the seller receives
//!   once they all complete. `completed_net` is the same net over **completed** escrows only:
//!   money actually released.
//! * So every view adds up: Σ by day = Σ by month = Σ by status = `total`.
//!
//! All money is integer millimes.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::book::{Book, EscrowRole, EscrowStatus};
use crate::error::{MerchantError, Result};
use crate::tz::{day_start, local_day};

/// A report's period and scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRequest {
    /// First local day (inclusive).
    pub from: NaiveDate,
    /// Last local day (exclusive).
    pub to: NaiveDate,
    /// Only escrows where the profile has this role (`None`: all).
    pub role: Option<EscrowRole>,
}

/// Sums over a set of escrows (see the module docs for the rules); the app's figures show them
/// as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Escrows, any status.
    pub count: u64,
    /// Of which cancelled.
    pub cancelled_count: u64,
    /// Of which completed.
    pub completed_count: u64,
    /// Σ amountTnd of non-cancelled escrows (millimes).
    pub gross: i64,
    /// Σ escrowFee of non-cancelled escrows.
    pub escrow_fee: i64,
    /// Σ developerFee of non-cancelled escrows.
    pub developer_fee: i64,
    /// gross − escrow_fee − developer_fee.
    pub net: i64,
    /// net over completed escrows only.
    pub completed_net: i64,
}

impl Totals {
    fn add(
        &mut self,
        status: &str,
        amount_tnd: i64,
        escrow_fee: i64,
        developer_fee: i64,
    ) -> Result<()> {
        self.count = self.count.saturating_add(1);
        if status == "cancelled" {
            self.cancelled_count = self.cancelled_count.saturating_add(1);
            return Ok(());
        }
        let net = sum(
            amount_tnd,
            -i128::from(escrow_fee) - i128::from(developer_fee),
        )?;
        self.gross = sum(self.gross, amount_tnd.into())?;
        self.escrow_fee = sum(self.escrow_fee, escrow_fee.into())?;
        self.developer_fee = sum(self.developer_fee, developer_fee.into())?;
        self.net = sum(self.net, net.into())?;
        if status == "completed" {
            self.completed_count = self.completed_count.saturating_add(1);
            self.completed_net = sum(self.completed_net, net.into())?;
        }
        Ok(())
    }
}

/// `a + b` in millimes, or a clear refusal when the total no longer fits: a wrong total is
/// worse than none, and only absurd stored amounts (far beyond any real escrow) get here.
fn sum(a: i64, b: i128) -> Result<i64> {
    i64::try_from(i128::from(a) + b).map_err(|_| {
        MerchantError::InvalidInput(
            "the totals are too large to add up exactly; the book holds amounts no real escrow \
             has — check the escrows of this period"
                .into(),
        )
    })
}

/// Totals of one local day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayTotals {
    /// The local day.
    pub day: NaiveDate,
    /// Its totals.
    pub totals: Totals,
}

/// Totals of one local month (the part of it inside the period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthTotals {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Its totals.
    pub totals: Totals,
}

/// Totals of one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusTotals {
    /// The status.
    pub status: EscrowStatus,
    /// Its totals.
    pub totals: Totals,
}

/// A period's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// First day.
    pub from: NaiveDate,
    /// Day after the last.
    pub to: NaiveDate,
    /// The whole period.
    pub total: Totals,
    /// Every day of the period, zeros included, in order.
    pub by_day: Vec<DayTotals>,
    /// Every month the period touches, in order.
    pub by_month: Vec<MonthTotals>,
    /// Statuses that occur, in lifecycle order (unknown statuses last, alphabetically).
    pub by_status: Vec<StatusTotals>,
}

/// The dashboard's figures: the profile's **sales** (escrows where it is the seller), by the
/// report's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DashboardFigures {
    /// Today (local).
    pub today: Totals,
    /// This month so far (local).
    pub month: Totals,
}

impl Book {
    /// The report for `req` in `tz` (see the module docs for what counts).
    pub fn report(&self, req: &ReportRequest, tz: Tz) -> Result<Report> {
        if req.from >= req.to {
            return Err(MerchantError::InvalidInput(format!(
                "the report period must end after it starts ({} → {})",
                req.from, req.to
            )));
        }
        let days: Vec<NaiveDate> = req.from.iter_days().take_while(|d| *d < req.to).collect();
        // Local midnights in UTC ms: day i is [starts[i], starts[i + 1]).
        let starts = days
            .iter()
            .chain(std::iter::once(&req.to))
            .map(|d| day_start(tz, *d).map(|t| t.timestamp_millis()))
            .collect::<Result<Vec<i64>>>()?;
        let mut by_day: Vec<Totals> = vec![Totals::default(); days.len()];
        let mut by_status: Vec<(String, Totals)> = Vec::new();
        let (first, last) = (starts[0], starts[starts.len() - 1]);
        self.scan_period(
            first,
            last,
            req.role.as_ref(),
            |created, status, amount, fee, dev| {
                let day = starts.partition_point(|s| *s <= created).saturating_sub(1);
                if let Some(t) = by_day.get_mut(day) {
                    t.add(status, amount, fee, dev)?;
                }
                match by_status.iter_mut().find(|(s, _)| s == status) {
                    Some((_, t)) => t.add(status, amount, fee, dev),
                    None => {
                        let mut t = Totals::default();
                        t.add(status, amount, fee, dev)?;
                        by_status.push((status.to_owned(), t));
                        Ok(())
                    }
                }
            },
        )?;
        assemble(req, days, by_day, by_status)
    }

    /// Today's and this month's sales at `now` in `tz`.
    pub fn dashboard_figures(&self, now: DateTime<Utc>, tz: Tz) -> Result<DashboardFigures> {
        let today = local_day(tz, now);
        let month_start = today.with_day(1).unwrap_or(today);
        let next_month = month_start
            .checked_add_months(Months::new(1))
            .unwrap_or(today);
        let tomorrow = today.succ_opt().unwrap_or(today);
        let range = |a: NaiveDate, b: NaiveDate| -> Result<(i64, i64)> {
            Ok((
                day_start(tz, a)?.timestamp_millis(),
                day_start(tz, b)?.timestamp_millis(),
            ))
        };
        let seller = Some(&EscrowRole::Seller);
        let mut figures = DashboardFigures {
            today: Totals::default(),
            month: Totals::default(),
        };
        let (a, b) = range(today, tomorrow)?;
        self.scan_period(a, b, seller, |_, s, amt, fee, dev| {
            figures.today.add(s, amt, fee, dev)
        })?;
        let (a, b) = range(month_start, next_month)?;
        self.scan_period(a, b, seller, |_, s, amt, fee, dev| {
            figures.month.add(s, amt, fee, dev)
        })?;
        Ok(figures)
    }

    /// Streams `(created_at ms, status, amount_tnd, escrow_fee, developer_fee)` of the escrows
    /// created in `[from_ms, to_ms)`, oldest first, through the covering report index.
    fn scan_period(
        &self,
        from_ms: i64,
        to_ms: i64,
        role: Option<&EscrowRole>,
        mut each: impl FnMut(i64, &str, i64, i64, i64) -> Result<()>,
    ) -> Result<()> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT created_at, status, amount_tnd, escrow_fee, developer_fee
                 FROM escrows INDEXED BY escrows_report
                 WHERE created_at >= ?1 AND created_at < ?2 AND (?3 IS NULL OR role = ?3)
                 ORDER BY created_at",
            )?;
            let mut rows = stmt.query(rusqlite::params![
                from_ms,
                to_ms,
                role.map(EscrowRole::as_str)
            ])?;
            while let Some(r) = rows.next()? {
                let status = r.get_ref(1)?.as_str()?;
                each(r.get(0)?, status, r.get(2)?, r.get(3)?, r.get(4)?)?;
            }
            Ok(())
        })
    }
}

fn assemble(
    req: &ReportRequest,
    days: Vec<NaiveDate>,
    by_day: Vec<Totals>,
    mut by_status: Vec<(String, Totals)>,
) -> Result<Report> {
    let mut total = Totals::default();
    let mut by_month: Vec<MonthTotals> = Vec::new();
    for (day, t) in days.iter().zip(&by_day) {
        merge(&mut total, t)?;
        match by_month.last_mut() {
            Some(m) if m.year == day.year() && m.month == day.month() => merge(&mut m.totals, t)?,
            _ => by_month.push(MonthTotals {
                year: day.year(),
                month: day.month(),
                totals: *t,
            }),
        }
    }
    let rank = |s: &str| {
        EscrowStatus::KNOWN
            .iter()
            .position(|k| k.as_str() == s)
            .unwrap_or(EscrowStatus::KNOWN.len())
    };
    by_status.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    Ok(Report {
        from: req.from,
        to: req.to,
        total,
        by_day: days
            .into_iter()
            .zip(by_day)
            .map(|(day, totals)| DayTotals { day, totals })
            .collect(),
        by_month,
        by_status: by_status
            .into_iter()
            .map(|(s, totals)| StatusTotals {
                status: EscrowStatus::parse(&s),
                totals,
            })
            .collect(),
    })
}

fn merge(into: &mut Totals, t: &Totals) -> Result<()> {
    into.count = into.count.saturating_add(t.count);
    into.cancelled_count = into.cancelled_count.saturating_add(t.cancelled_count);
    into.completed_count = into.completed_count.saturating_add(t.completed_count);
    into.gross = sum(into.gross, t.gross.into())?;
    into.escrow_fee = sum(into.escrow_fee, t.escrow_fee.into())?;
    into.developer_fee = sum(into.developer_fee, t.developer_fee.into())?;
    into.net = sum(into.net, t.net.into())?;
    into.completed_net = sum(into.completed_net, t.completed_net.into())?;
    Ok(())
}
