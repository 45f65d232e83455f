//! CSV export checked byte for byte: BOM, header, quoting, formula escaping, both delimiters.

use std::ops::ControlFlow;

use merchant_core::CsvDelimiter;
use merchant_core::book::{ChangeSource, EscrowFilter, EscrowMode, EscrowStatus};
use merchant_core::export::{ExportProgress, ExportRequest};
use merchant_core::tz::TUNIS;

use crate::common::{open_book, rec, t};

const HEADER: &str = "id,created,status,mode,title,buyer,seller,amount,currency,amountTnd,\
escrowFee,developerFee,net,paidAt,deliveredAt,completedAt,cancelledAt\r\n";

fn book(dir: &tempfile::TempDir) -> merchant_core::Book {
    let book = open_book(dir);
    let mut x1 = rec(
        "x1",
        "=SUM(A1)",
        EscrowStatus::Completed,
        "2026-01-31T23:30:00Z",
        12_500,
    );
    x1.buyer_email = Some("buyer@example.com".into());
    x1.paid_at = Some(t("2026-02-01T00:00:00Z"));
    x1.delivered_at = Some(t("2026-02-01T00:10:00Z"));
    x1.completed_at = Some(t("2026-02-01T00:10:00Z"));
    let mut x2 = rec(
        "x2",
        "Café, \"best\"; -50%",
        EscrowStatus::Cancelled,
        "2026-02-02T08:00:00Z",
        0,
    );
    x2.mode = Some(EscrowMode::Quick);
    x2.buyer_email = Some("@evil@example.com".into());
    x2.currency = "EUR".into();
    x2.amount = 400_000;
    x2.amount_tnd = 1_234_567;
    x2.escrow_fee = 61_728;
    x2.developer_fee = 12_345;
    x2.cancelled_at = Some(t("2026-02-02T09:00:00Z"));
    let mut x3 = rec(
        "x3",
        "\tTabbed",
        EscrowStatus::Pending,
        "2026-02-03T10:00:00Z",
        5,
    );
    x3.mode = None;
    x3.buyer_email = Some("+216@example.com".into());
    book.upsert_escrows(&[x3, x1, x2], t("2026-02-04T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    book
}

fn export(
    b: &merchant_core::Book,
    req: &ExportRequest,
    out: &std::path::Path,
) -> (u64, Vec<ExportProgress>) {
    let mut seen = Vec::new();
    let summary = b
        .export_csv(req, out, TUNIS, &mut |p| {
            seen.push(p);
            ControlFlow::Continue(())
        })
        .unwrap();
    (summary.rows, seen)
}

#[test]
fn comma_csv_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let out = dir.path().join("escrows.csv");
    let (rows, progress) = export(&b, &ExportRequest::default(), &out);
    let want = format!(
        "\u{FEFF}{HEADER}\
x1,2026-02-01 00:30:00,completed,instant,'=SUM(A1),buyer@example.com,shop@example.tn,12.500,TND,12.500,0.625,0.000,11.875,2026-02-01 01:00:00,2026-02-01 01:10:00,2026-02-01 01:10:00,\r\n\
x2,2026-02-02 09:00:00,cancelled,quick,\"Café, \"\"best\"\"; -50%\",'@evil@example.com,shop@example.tn,400.000,EUR,1234.567,61.728,12.345,,,,,2026-02-02 10:00:00\r\n\
x3,2026-02-03 11:00:00,pending,,'\tTabbed,'+216@example.com,shop@example.tn,0.005,TND,0.005,0.000,0.000,0.005,,,,\r\n"
    );
    assert_eq!(
        String::from_utf8(std::fs::read(&out).unwrap()).unwrap(),
        want
    );
    assert_eq!(std::fs::read(&out).unwrap()[..3], [0xEF, 0xBB, 0xBF]);
    assert_eq!(rows, 3);
    assert_eq!(
        progress.first(),
        Some(&ExportProgress { done: 0, total: 3 })
    );
    assert_eq!(progress.last(), Some(&ExportProgress { done: 3, total: 3 }));
}

#[test]
fn semicolon_csv_uses_comma_decimals_and_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let out = dir.path().join("escrows-fr.csv");
    let req = ExportRequest {
        delimiter: CsvDelimiter::Semicolon,
        ..ExportRequest::default()
    };
    export(&b, &req, &out);
    let want = format!(
        "\u{FEFF}{}\
x1;2026-02-01 00:30:00;completed;instant;'=SUM(A1);buyer@example.com;shop@example.tn;12,500;TND;12,500;0,625;0,000;11,875;2026-02-01 01:00:00;2026-02-01 01:10:00;2026-02-01 01:10:00;\r\n\
x2;2026-02-02 09:00:00;cancelled;quick;\"Café, \"\"best\"\"; -50%\";'@evil@example.com;shop@example.tn;400,000;EUR;1234,567;61,728;12,345;;;;;2026-02-02 10:00:00\r\n\
x3;2026-02-03 11:00:00;pending;;'\tTabbed;'+216@example.com;shop@example.tn;0,005;TND;0,005;0,000;0,000;0,005;;;;\r\n",
        HEADER.replace(',', ";")
    );
    assert_eq!(
        String::from_utf8(std::fs::read(&out).unwrap()).unwrap(),
        want
    );
}

#[test]
fn export_follows_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let out = dir.path().join("pending.csv");
    let req = ExportRequest {
        filter: EscrowFilter {
            statuses: vec![EscrowStatus::Pending],
            ..EscrowFilter::default()
        },
        ..ExportRequest::default()
    };
    let (rows, _) = export(&b, &req, &out);
    assert_eq!(rows, 1);
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().nth(1).unwrap().starts_with("x3,"));
}

#[test]
fn a_cancelled_export_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("escrows.csv");
    let err = b
        .export_csv(&ExportRequest::default(), &out, TUNIS, &mut |_| {
            ControlFlow::Break(())
        })
        .unwrap_err();
    assert_eq!(err.code(), merchant_core::ErrorCode::Cancelled);
    assert_eq!(
        std::fs::read_dir(&out_dir).unwrap().count(),
        0,
        "no file, no temp file"
    );
}
