//! Report totals against hand-computed values: two months and the Tunis midnight boundary.

use chrono::NaiveDate;
use merchant_core::book::{ChangeSource, EscrowRole, EscrowStatus};
use merchant_core::report::{ReportRequest, Totals};
use merchant_core::tz::TUNIS;

use crate::common::{open_book, rec, t};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Escrows (amounts in millimes; fee 5 %, developer fee set on r3):
/// r1 2026-01-30 12:00Z completed 100.000 fee 5.000        → Tunis 2026-01-30
/// r2 2026-01-31 22:59Z paid       40.000 fee 2.000        → Tunis 2026-01-31 (23:59 local)
/// r3 2026-01-31 23:30Z completed  200.000 fee 10.000 dev 4.000 → Tunis 2026-02-01 (00:30 local)
/// r4 2026-02-01 10:00Z cancelled  60.000 fee 3.000        → Tunis 2026-02-01, no money
/// r5 2026-02-27 23:00Z pending    20.000 fee 1.000 (buyer role) → Tunis 2026-02-28 00:00
/// r6 2026-02-28 23:00Z completed  999.000                 → Tunis 2026-03-01: outside [Jan 30, Mar 1)
/// r7 2026-01-29 22:59Z completed  1.000                   → Tunis 2026-01-29 23:59: outside
fn book(dir: &tempfile::TempDir) -> merchant_core::Book {
    use EscrowStatus::*;
    let book = open_book(dir);
    let mut r3 = rec("r3", "Three", Completed, "2026-01-31T23:30:00Z", 200_000);
    r3.developer_fee = 4_000;
    let mut r5 = rec("r5", "Five", Pending, "2026-02-27T23:00:00Z", 20_000);
    r5.role = Some(EscrowRole::Buyer);
    let batch = vec![
        rec("r1", "One", Completed, "2026-01-30T12:00:00Z", 100_000),
        rec("r2", "Two", Paid, "2026-01-31T22:59:00Z", 40_000),
        r3,
        rec("r4", "Four", Cancelled, "2026-02-01T10:00:00Z", 60_000),
        r5,
        rec("r6", "Six", Completed, "2026-02-28T23:00:00Z", 999_000),
        rec("r7", "Seven", Completed, "2026-01-29T22:59:00Z", 1_000),
    ];
    book.upsert_escrows(&batch, t("2026-03-05T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    book
}

fn totals(
    count: u64,
    cancelled: u64,
    completed: u64,
    gross: i64,
    fee: i64,
    dev: i64,
    completed_net: i64,
) -> Totals {
    Totals {
        count,
        cancelled_count: cancelled,
        completed_count: completed,
        gross,
        escrow_fee: fee,
        developer_fee: dev,
        net: gross - fee - dev,
        completed_net,
    }
}

#[test]
fn report_totals_match_hand_computed_values() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let req = ReportRequest {
        from: d("2026-01-30"),
        to: d("2026-03-01"),
        role: None,
    };
    let r = b.report(&req, TUNIS).unwrap();

    // r1..r5: gross excludes cancelled r4 = 100 + 40 + 200 + 20 = 360.000
    assert_eq!(
        r.total,
        totals(5, 1, 2, 360_000, 18_000, 4_000, 95_000 + 186_000)
    );
    assert_eq!(r.by_day.len(), 30, "Jan 30 .. Feb 28, zeros included");
    let day = |s: &str| r.by_day.iter().find(|x| x.day == d(s)).unwrap().totals;
    assert_eq!(
        day("2026-01-30"),
        totals(1, 0, 1, 100_000, 5_000, 0, 95_000)
    );
    assert_eq!(day("2026-01-31"), totals(1, 0, 0, 40_000, 2_000, 0, 0));
    // 23:30 UTC on Jan 31 is 00:30 on Feb 1 in Tunis; r4 is cancelled: counted, no money.
    assert_eq!(
        day("2026-02-01"),
        totals(2, 1, 1, 200_000, 10_000, 4_000, 186_000)
    );
    assert_eq!(day("2026-02-28"), totals(1, 0, 0, 20_000, 1_000, 0, 0));
    assert_eq!(day("2026-02-15"), Totals::default());

    let months: Vec<(i32, u32, Totals)> = r
        .by_month
        .iter()
        .map(|m| (m.year, m.month, m.totals))
        .collect();
    assert_eq!(
        months,
        [
            (2026, 1, totals(2, 0, 1, 140_000, 7_000, 0, 95_000)),
            (2026, 2, totals(3, 1, 1, 220_000, 11_000, 4_000, 186_000)),
        ]
    );
    let statuses: Vec<(String, Totals)> = r
        .by_status
        .iter()
        .map(|s| (s.status.as_str().to_owned(), s.totals))
        .collect();
    assert_eq!(
        statuses,
        [
            ("pending".to_owned(), totals(1, 0, 0, 20_000, 1_000, 0, 0)),
            ("paid".to_owned(), totals(1, 0, 0, 40_000, 2_000, 0, 0)),
            (
                "completed".to_owned(),
                totals(2, 0, 2, 300_000, 15_000, 4_000, 281_000)
            ),
            ("cancelled".to_owned(), totals(1, 1, 0, 0, 0, 0, 0)),
        ]
    );
}

#[test]
fn report_can_be_limited_to_a_role_and_refuses_an_empty_period() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let req = ReportRequest {
        from: d("2026-01-30"),
        to: d("2026-03-01"),
        role: Some(EscrowRole::Buyer),
    };
    assert_eq!(
        b.report(&req, TUNIS).unwrap().total,
        totals(1, 0, 0, 20_000, 1_000, 0, 0)
    );
    let empty = ReportRequest {
        from: d("2026-02-01"),
        to: d("2026-02-01"),
        role: None,
    };
    assert_eq!(
        b.report(&empty, TUNIS).unwrap_err().code(),
        merchant_core::ErrorCode::InvalidInput
    );
}

#[test]
fn dashboard_counts_todays_and_this_months_sales_in_tunis_time() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    // 2026-02-01 08:00 Tunis: today = Feb 1 (r3 seller + r4 cancelled); month = February's
    // seller escrows r3, r4 (r5 is a purchase, not a sale).
    let f = b
        .dashboard_figures(t("2026-02-01T07:00:00Z"), TUNIS)
        .unwrap();
    assert_eq!(f.today, totals(2, 1, 1, 200_000, 10_000, 4_000, 186_000));
    assert_eq!(f.month, totals(2, 1, 1, 200_000, 10_000, 4_000, 186_000));
    // 2026-01-31 23:45 UTC is already Feb 1 00:45 in Tunis.
    let late = b
        .dashboard_figures(t("2026-01-31T23:45:00Z"), TUNIS)
        .unwrap();
    assert_eq!(late.today, f.today);
    let jan = b
        .dashboard_figures(t("2026-01-31T12:00:00Z"), TUNIS)
        .unwrap();
    assert_eq!(jan.today, totals(1, 0, 0, 40_000, 2_000, 0, 0));
    assert_eq!(jan.month, totals(3, 0, 2, 141_000, 7_050, 0, 95_000 + 950));
}

#[test]
fn totals_that_overflow_are_refused_clearly_not_wrapped() {
    use EscrowStatus::*;
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let huge = i64::MAX / 2 + 1;
    let batch = vec![
        rec("h1", "Huge one", Paid, "2026-01-30T12:00:00Z", huge),
        rec("h2", "Huge two", Paid, "2026-01-31T13:00:00Z", huge),
    ];
    book.upsert_escrows(&batch, t("2026-03-05T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    let both_days = ReportRequest {
        from: d("2026-01-30"),
        to: d("2026-02-01"),
        role: None,
    };
    let err = book.report(&both_days, TUNIS).unwrap_err();
    assert!(err.to_string().contains("too large to add up"), "{err}");
    let err = book
        .dashboard_figures(t("2026-01-31T15:00:00Z"), TUNIS)
        .unwrap_err();
    assert!(err.to_string().contains("too large to add up"), "{err}");

    // One such escrow alone still adds up exactly.
    let one_day = ReportRequest {
        to: d("2026-01-31"),
        ..both_days
    };
    let report = book.report(&one_day, TUNIS).unwrap();
    assert_eq!(report.total.gross, huge);
}
