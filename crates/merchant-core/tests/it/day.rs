//! The shop's day: recorded sales in every method, refunds, the drawer, X and Z reports and the
//! Z chain, on a real SQLite book.

use chrono::Duration;
use merchant_core::book::{ChangeSource, CounterSale, EscrowStatus, SaleState};
use merchant_core::day::{
    CashMove, CloseRequest, Counted, Denomination, DhmadRefundWay, PaymentMethod, RefundRequest,
    close_drawer, move_cash, open_drawer, record_sale, refund_sale, write_z_csv, x_report,
};
use merchant_core::settings::CsvDelimiter;
use merchant_core::{ErrorCode, SaleMode};
use rusqlite::Connection;

use crate::common::{open_book, rec, t};
use crate::day_gen::{generate_day, m, methods, sale, shop_settings};

#[test]
fn a_day_in_every_method_adds_up_per_method_to_the_millime_in_x_and_z() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let open = t("2026-06-01T07:00:00Z");
    open_drawer(&book, "1", m(50_000), "Amel", open).unwrap();
    let want = generate_day(&book, &settings, 7, 120, open);
    let close_at = open + Duration::hours(11);

    let x = x_report(&book, &settings, close_at).unwrap();
    let cash_expected = 50_000 + want.sales["cash"] - want.refunds.get("cash").unwrap_or(&0)
        + want.paid_in
        - want.paid_out;
    for method in methods(&settings) {
        let key = method.to_string();
        let line = x.by_method.get(&method).copied().unwrap_or_default();
        assert_eq!(line.sales, want.sales[&key], "{key} sales");
        assert_eq!(
            line.refunds,
            *want.refunds.get(&key).unwrap_or(&0),
            "{key} refunds"
        );
        if method != PaymentMethod::Cash {
            assert_eq!(line.expected, line.sales - line.refunds, "{key} expected");
        }
        assert_eq!(line.counted, None);
    }
    assert_eq!(x.by_method[&PaymentMethod::Cash].expected, cash_expected);
    assert_eq!((x.paid_in, x.paid_out), (want.paid_in, want.paid_out));
    assert_eq!(
        book.z_numbers().unwrap(),
        Vec::<i64>::new(),
        "an X stores nothing"
    );

    let counted = vec![
        (PaymentMethod::Cash, Counted::Total(cash_expected - 1_500)),
        (
            PaymentMethod::Card,
            Counted::Total(want.sales["card"] - want.refunds.get("card").unwrap_or(&0)),
        ),
    ];
    let req = CloseRequest {
        counted,
        blind: false,
        cashier: None,
    };
    let z = close_drawer(&book, &settings, &req, close_at).unwrap();
    let (xr, zr) = (
        serde_json::to_value(&x).unwrap(),
        serde_json::to_value(&z.report).unwrap(),
    );
    assert_eq!(xr["byMethod"]["d17"], zr["byMethod"]["d17"]);
    let cash = z.report.by_method[&PaymentMethod::Cash];
    assert_eq!(
        (cash.expected, cash.counted, cash.difference),
        (cash_expected, Some(cash_expected - 1_500), Some(-1_500))
    );
    assert_eq!(z.report.by_method[&PaymentMethod::Card].difference, Some(0));
    let cheque = z.report.by_method[&PaymentMethod::Cheque];
    assert_eq!(
        (cheque.counted, cheque.difference),
        (None, None),
        "not counted: no difference"
    );
    assert!(!z.report.by_method.contains_key(&PaymentMethod::Dhmad));
    assert_eq!(z.report.receipts.first, Some(1));
    assert_eq!(z.report.receipts.last, Some(want.receipts));
    assert_eq!(z.report.receipts.count, want.receipts as u64);
    assert_eq!(
        (z.report.number, z.report.cashier.as_str(), z.report.blind),
        (1, "Amel", false)
    );
    assert_eq!(book.z_report(1).unwrap().unwrap(), z, "stored as returned");
    assert!(book.open_drawer_of("1").unwrap().is_none(), "closed");
}

#[test]
fn change_comes_from_the_amount_tendered_and_too_little_is_refused_without_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let at = t("2026-06-01T08:00:00Z");
    let short = record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 12_350, Some(10_000)),
        at,
    );
    assert_eq!(short.unwrap_err().code(), ErrorCode::InvalidInput);
    let card_tender = record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Card, 5_000, Some(10_000)),
        at,
    );
    assert_eq!(card_tender.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(book.receipt_numbers("1").unwrap(), Vec::<i64>::new());
    let paid = record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 12_350, Some(20_000)),
        at,
    )
    .unwrap();
    assert_eq!(paid.change_millimes, Some(7_650));
    assert_eq!(paid.entry.receipt_no, Some(1));
    let stored = book.day_entries("1").unwrap();
    assert_eq!(stored[0].tendered_millimes, Some(20_000));
    assert_eq!(stored[0].change_millimes(), Some(7_650));
}

#[test]
fn a_blind_close_by_denomination_is_recorded_as_blind() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let open = t("2026-06-01T07:00:00Z");
    open_drawer(&book, "1", m(20_000), "Amel", open).unwrap();
    record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 35_500, Some(50_000)),
        open,
    )
    .unwrap();
    let pieces = Counted::Pieces(vec![
        (Denomination::Note50, 1),
        (Denomination::Coin5, 1),
        (Denomination::Coin500m, 1),
    ]);
    let req = CloseRequest {
        counted: vec![(PaymentMethod::Cash, pieces)],
        blind: true,
        cashier: Some("Karim".into()),
    };
    let z = close_drawer(&book, &settings, &req, open + Duration::hours(9)).unwrap();
    let cash = z.report.by_method[&PaymentMethod::Cash];
    assert_eq!(
        (cash.expected, cash.counted, cash.difference),
        (55_500, Some(55_500), Some(0))
    );
    assert!(z.report.blind);
    assert_eq!(z.report.cashier, "Karim");
    let coins_for_card = CloseRequest {
        counted: vec![(
            PaymentMethod::Card,
            Counted::Pieces(vec![(Denomination::Coin1, 1)]),
        )],
        ..CloseRequest::default()
    };
    open_drawer(&book, "1", m(0), "", open + Duration::days(1)).unwrap();
    let refused = close_drawer(&book, &settings, &coins_for_card, open + Duration::days(1));
    assert_eq!(refused.unwrap_err().code(), ErrorCode::InvalidInput);
}

#[test]
fn refunds_are_new_linked_entries_and_never_exceed_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let at = t("2026-06-01T09:00:00Z");
    let sold = record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cheque, 80_000, None),
        at,
    )
    .unwrap();
    let part = RefundRequest {
        receipt_no: 1,
        amount: Some(m(30_000)),
        reason: "one item back".into(),
    };
    let first = refund_sale(&book, &settings, &part, at).unwrap();
    assert_eq!(
        (first.entry.receipt_no, first.left_millimes),
        (Some(2), 50_000)
    );
    assert_eq!(first.entry.refund_of, Some(sold.entry.id));
    assert_eq!(first.entry.method, Some(PaymentMethod::Cheque));
    let too_much = RefundRequest {
        amount: Some(m(50_001)),
        ..part.clone()
    };
    assert_eq!(
        refund_sale(&book, &settings, &too_much, at)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );
    let no_reason = RefundRequest {
        reason: " ".into(),
        amount: None,
        ..part.clone()
    };
    assert_eq!(
        refund_sale(&book, &settings, &no_reason, at)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );
    let void = RefundRequest {
        amount: None,
        ..part.clone()
    };
    assert_eq!(
        refund_sale(&book, &settings, &void, at)
            .unwrap()
            .entry
            .amount_millimes,
        50_000
    );
    assert_eq!(
        refund_sale(&book, &settings, &void, at).unwrap_err().code(),
        ErrorCode::NotAllowed
    );
    let stored = book.day_entries("1").unwrap();
    assert_eq!(stored.len(), 3);
    assert_eq!(
        stored[0].amount_millimes, 80_000,
        "the sale itself never changes"
    );
    assert_eq!(book.receipt_numbers("1").unwrap(), vec![1, 2, 3]);
}

#[test]
fn entries_receipts_and_z_reports_refuse_update_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let at = t("2026-06-01T09:00:00Z");
    open_drawer(&book, "1", m(0), "Amel", at).unwrap();
    record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 1_000, None),
        at,
    )
    .unwrap();
    close_drawer(&book, &settings, &CloseRequest::default(), at).unwrap();
    let c = Connection::open(book.path()).unwrap();
    for sql in [
        "UPDATE day_entries SET amount_millimes = 1",
        "DELETE FROM day_entries",
        "UPDATE receipts SET number = 9",
        "DELETE FROM receipts",
        "UPDATE z_reports SET content = '{}'",
        "DELETE FROM z_reports",
        "DELETE FROM drawers",
    ] {
        let err = c.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("never"), "{sql}: {err}");
    }
}

#[test]
fn one_drawer_per_till_and_cash_moves_need_it_open_but_sales_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let at = t("2026-06-01T07:00:00Z");
    let moved = move_cash(&book, "1", CashMove::In, m(5_000), "change", at);
    assert_eq!(moved.unwrap_err().rule(), Some("DRAWER_NOT_OPEN"));
    let early = record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 4_000, None),
        at,
    )
    .unwrap();
    assert_eq!(early.entry.drawer_id, None);
    open_drawer(&book, "1", m(10_000), "Amel", at).unwrap();
    let twice = open_drawer(&book, "1", m(10_000), "Amel", at);
    assert_eq!(twice.unwrap_err().rule(), Some("DRAWER_ALREADY_OPEN"));
    open_drawer(&book, "2", m(10_000), "Sami", at).unwrap();
    let z = close_drawer(
        &book,
        &settings,
        &CloseRequest::default(),
        at + Duration::hours(1),
    )
    .unwrap();
    assert_eq!(
        z.report.by_method[&PaymentMethod::Cash].expected,
        14_000,
        "the early sale is in the next close"
    );
    assert_eq!(z.report.by_method[&PaymentMethod::Cash].sales, 4_000);
}

#[test]
fn counter_sales_share_the_receipt_sequence_and_dhmad_money_is_shown_apart() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let open = t("2026-06-01T07:00:00Z");
    open_drawer(&book, "1", m(0), "Amel", open).unwrap();
    record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 2_000, None),
        open,
    )
    .unwrap();
    let counter = CounterSale {
        id: uuid::Uuid::from_u128(7),
        created_at: open + Duration::minutes(5),
        amount_millimes: 90_000,
        title: "Jebba".into(),
        buyer_email: "buyer@example.com".into(),
        mode: SaleMode::Instant,
        state: SaleState::AwaitingPayment,
        escrow_id: Some("held1".into()),
        session_id: None,
        checkout_url: None,
        session_expires_at: None,
        last_error: None,
        updated_at: open,
        reference: Some("K7F3QXM2".into()),
    };
    assert_eq!(book.insert_sale(&counter).unwrap(), 2);
    record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Card, 3_000, None),
        open,
    )
    .unwrap();
    let mut held = rec(
        "held1",
        "Jebba",
        EscrowStatus::Paid,
        "2026-06-01T07:05:00Z",
        90_000,
    );
    held.paid_at = Some(t("2026-06-01T07:06:00Z"));
    let mut released = rec(
        "rel1",
        "Old",
        EscrowStatus::Completed,
        "2026-05-30T10:00:00Z",
        40_000,
    );
    released.paid_at = Some(t("2026-05-30T10:01:00Z"));
    released.completed_at = Some(t("2026-06-01T09:00:00Z"));
    let mut gone = rec(
        "can1",
        "Gone",
        EscrowStatus::Cancelled,
        "2026-06-01T08:00:00Z",
        15_000,
    );
    gone.cancelled_at = Some(t("2026-06-01T08:10:00Z"));
    for r in [&held, &released, &gone] {
        book.upsert_escrow(r, open, ChangeSource::Sync).unwrap();
    }
    let refund_dhmad = RefundRequest {
        receipt_no: 2,
        amount: None,
        reason: "no".into(),
    };
    let err = refund_sale(&book, &settings, &refund_dhmad, open).unwrap_err();
    assert_eq!(err.rule(), Some("DHMAD_SALE"));
    assert!(err.to_string().contains("cancellation link"), "{err}");
    let advice = merchant_core::day::dhmad_refund_advice(&EscrowStatus::Pending);
    assert_eq!(advice.way, DhmadRefundWay::Cancel);
    // Delivered, the buyer's cancellation request gives the money back; in dispute, nothing can.
    let mut delivered = rec(
        "d1",
        "Rug",
        EscrowStatus::Delivered,
        "2026-06-01T08:00:00Z",
        90_000,
    );
    let advice = merchant_core::day::refund_advice_for(&delivered);
    assert_eq!(advice.way, DhmadRefundWay::BuyerCancellation);
    // A list gives the ticket's id only; a detail gives the ticket and its status.
    delivered.dispute_ticket_id = Some("t1".into());
    let advice = merchant_core::day::refund_advice_for(&delivered);
    assert_eq!(advice.way, DhmadRefundWay::Nothing);
    delivered.dispute_ticket = Some(merchant_core::book::DisputeTicket {
        status: Some("closed".into()),
        ..Default::default()
    });
    let advice = merchant_core::day::refund_advice_for(&delivered);
    assert_eq!(
        advice.way,
        DhmadRefundWay::BuyerCancellation,
        "a closed dispute"
    );

    let z = close_drawer(
        &book,
        &settings,
        &CloseRequest::default(),
        open + Duration::hours(10),
    )
    .unwrap();
    assert_eq!(
        (
            z.report.receipts.first,
            z.report.receipts.last,
            z.report.receipts.count
        ),
        (Some(1), Some(3), 3)
    );
    assert_eq!(
        z.report.by_method[&PaymentMethod::Cash].expected,
        2_000,
        "held money is not cash"
    );
    let d = z.report.dhmad;
    assert_eq!((d.paid_today.count, d.paid_today.amount), (1, 90_000));
    assert_eq!((d.held.count, d.held.amount), (1, 90_000));
    assert_eq!(
        (d.released_today.count, d.released_today.amount),
        (1, 40_000)
    );
    assert_eq!((d.cancelled.count, d.cancelled.amount), (1, 15_000));
}

#[test]
fn a_z_as_csv_holds_every_figure_of_the_z_and_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let open = t("2026-06-01T07:00:00Z");
    open_drawer(&book, "1", m(20_000), "Amel", open).unwrap();
    let bread = record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 35_500, None),
        open,
    )
    .unwrap();
    let stale = RefundRequest {
        receipt_no: bread.entry.receipt_no.unwrap(),
        amount: Some(m(500)),
        reason: "stale".into(),
    };
    refund_sale(&book, &settings, &stale, open + Duration::hours(1)).unwrap();
    let req = CloseRequest {
        counted: vec![(PaymentMethod::Cash, Counted::Total(55_000))],
        blind: false,
        cashier: Some("=HYPERLINK(\"x\")".into()),
    };
    let z = close_drawer(&book, &settings, &req, open + Duration::hours(9)).unwrap();

    let out = dir.path().join("z.csv");
    write_z_csv(&z, CsvDelimiter::Semicolon, merchant_core::tz::TUNIS, &out).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    let rows: std::collections::HashMap<&str, &str> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(';'))
        .collect();
    assert_eq!(rows["z"], z.report.number.to_string());
    // Tunis is UTC+1: the drawer opened at 08:00 there.
    assert_eq!(rows["opened_at"], "2026-06-01 08:00:00");
    assert_eq!(rows["float"], "20,000");
    assert_eq!(rows["cash.sales"], "35,500");
    assert_eq!(rows["cash.refunds"], "0,500");
    assert_eq!(rows["cash.expected"], "55,000");
    assert_eq!(rows["cash.counted"], "55,000");
    assert_eq!(rows["cash.difference"], "0,000");
    assert_eq!(rows["hash"], z.hash);
    assert_eq!(rows["previous_hash"], z.previous_hash);
    assert!(
        rows["cashier"].starts_with("\"'=HYPERLINK"),
        "a typed name is never a formula: {}",
        rows["cashier"]
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}
