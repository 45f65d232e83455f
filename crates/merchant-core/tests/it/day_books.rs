//! The Books with every method: totals by method and the CSV with escrows and recorded sales.

use std::ops::ControlFlow;

use chrono::NaiveDate;
use dhmad_api::Money;
use merchant_core::book::{ChangeSource, EscrowStatus};
use merchant_core::day::{
    BooksRequest, PaymentMethod, RefundRequest, SaleEntry, record_sale, refund_sale,
};
use merchant_core::tz::TUNIS;
use merchant_core::{CsvDelimiter, Settings};

use crate::common::{open_book, rec, t};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn recorded(method: PaymentMethod, amount: i64, title: &str) -> SaleEntry {
    SaleEntry {
        amount: Money::from_millimes(amount),
        title: title.into(),
        method,
        reference: Some("R-1".into()),
        customer: Some("Mme Trabelsi".into()),
        tendered: None,
    }
}

/// A book with two DHMAD sales (one cancelled), three recorded sales and a refund on 2 Feb.
fn book(dir: &tempfile::TempDir) -> merchant_core::Book {
    let book = open_book(dir);
    let settings = Settings::default();
    let paid = rec(
        "e1",
        "Jebba",
        EscrowStatus::Completed,
        "2026-02-02T09:00:00Z",
        90_000,
    );
    let gone = rec(
        "e2",
        "Gone",
        EscrowStatus::Cancelled,
        "2026-02-02T09:30:00Z",
        15_000,
    );
    book.upsert_escrows(&[paid, gone], t("2026-02-03T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    let at = t("2026-02-02T10:00:00Z");
    record_sale(
        &book,
        &settings,
        &recorded(PaymentMethod::Cash, 12_500, "Pain"),
        at,
    )
    .unwrap();
    record_sale(
        &book,
        &settings,
        &recorded(PaymentMethod::Cash, 7_500, "=cmd"),
        at,
    )
    .unwrap();
    record_sale(
        &book,
        &settings,
        &recorded(PaymentMethod::D17, 30_000, "Dattes"),
        at,
    )
    .unwrap();
    let back = RefundRequest {
        receipt_no: 3,
        amount: Some(Money::from_millimes(10_000)),
        reason: "abîmé".into(),
    };
    refund_sale(&book, &settings, &back, t("2026-02-02T11:00:00Z")).unwrap();
    // Another day: outside the period.
    record_sale(
        &book,
        &settings,
        &recorded(PaymentMethod::Card, 1_000, "x"),
        t("2026-02-05T10:00:00Z"),
    )
    .unwrap();
    book
}

#[test]
fn totals_by_method_add_dhmad_sales_and_recorded_sales_and_refunds() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let mut req = BooksRequest {
        from: day("2026-02-02"),
        to: day("2026-02-03"),
        methods: vec![],
    };
    let lines = b.totals_by_method(&req, TUNIS).unwrap();
    let seen: Vec<(String, u64, i64, u64, i64, i64)> = lines
        .iter()
        .map(|l| {
            (
                l.method.to_string(),
                l.sales_count,
                l.sales,
                l.refunds_count,
                l.refunds,
                l.net,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("dhmad".into(), 1, 90_000, 0, 0, 90_000),
            ("cash".into(), 2, 20_000, 0, 0, 20_000),
            ("d17".into(), 1, 30_000, 1, 10_000, 20_000),
        ]
    );
    req.methods = vec![PaymentMethod::D17];
    let only = b.totals_by_method(&req, TUNIS).unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].method, PaymentMethod::D17);
}

#[test]
fn books_csv_has_the_escrow_columns_then_method_receipt_and_reference() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let out = dir.path().join("books.csv");
    let req = BooksRequest {
        from: day("2026-02-02"),
        to: day("2026-02-03"),
        methods: vec![],
    };
    let (rows, _) = b
        .export_books_csv(&req, CsvDelimiter::Comma, &out, TUNIS, &mut |_| {
            ControlFlow::Continue(())
        })
        .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "\u{FEFF}id,created,status,mode,title,buyer,seller,amount,currency,amountTnd,\
escrowFee,developerFee,net,paidAt,deliveredAt,completedAt,cancelledAt,method,receipt,reference"
    );
    assert_eq!(rows, 6);
    assert!(
        lines[1].starts_with("e1,2026-02-02 10:00:00,completed,instant,Jebba,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",dhmad,,"), "{}", lines[1]);
    assert!(lines[2].starts_with("e2,") && lines[2].contains(",15.000,TND,15.000,0.750,0.000,,"));
    let pain: Vec<&str> = lines[3].split(',').collect();
    assert_eq!(
        &pain[2..],
        [
            "sale",
            "",
            "Pain",
            "Mme Trabelsi",
            "",
            "12.500",
            "TND",
            "12.500",
            "0.000",
            "0.000",
            "12.500",
            "",
            "",
            "",
            "",
            "cash",
            "1",
            "R-1"
        ]
    );
    assert!(
        lines[4].contains(",'=cmd,"),
        "formula escaped: {}",
        lines[4]
    );
    let refund: Vec<&str> = lines[6].split(',').collect();
    assert_eq!(refund[1], "2026-02-02 12:00:00");
    assert_eq!(&refund[2..5], ["refund", "", "abîmé"]);
    assert_eq!(
        (refund[7], refund[12], refund[17], refund[18]),
        ("-10.000", "-10.000", "d17", "4")
    );

    let only_cash = BooksRequest {
        methods: vec![PaymentMethod::Cash],
        ..req
    };
    let (rows, _) = b
        .export_books_csv(
            &only_cash,
            CsvDelimiter::Semicolon,
            &out,
            TUNIS,
            &mut |_| ControlFlow::Continue(()),
        )
        .unwrap();
    assert_eq!(rows, 2);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(";12,500;TND;12,500;"), "{text}");
}

#[test]
fn today_adds_every_method_and_shows_held_dhmad_money_apart() {
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir);
    let mut held = rec(
        "e3",
        "Held",
        EscrowStatus::Paid,
        "2026-02-02T08:00:00Z",
        40_000,
    );
    held.paid_at = Some(t("2026-02-02T08:01:00Z"));
    b.upsert_escrow(&held, t("2026-02-02T08:02:00Z"), ChangeSource::Sync)
        .unwrap();
    let today = b.today_figures(t("2026-02-02T20:00:00Z"), TUNIS).unwrap();
    assert_eq!(today.recorded_net, 20_000 + 20_000);
    assert_eq!(
        (today.dhmad_held.count, today.dhmad_held.amount),
        (1, 40_000)
    );
    let dhmad = today
        .by_method
        .iter()
        .find(|l| l.method == PaymentMethod::Dhmad)
        .unwrap();
    assert_eq!(
        dhmad.sales,
        90_000 + 40_000,
        "DHMAD sales of the day, held or released"
    );
}
