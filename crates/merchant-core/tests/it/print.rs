//! Printing from the book: receipts of every kind found by number, the first print of a cash
//! sale opening the drawer and a reprint marked as a copy, the X and Z in the receipt's words,
//! a KYC slip, and a printer that is off — to a virtual ESC/POS printer on loopback.

use std::time::Duration as StdDuration;

use chrono::Duration;
use merchant_core::book::{ChangeSource, CounterSale, EscrowStatus, SaleState};
use merchant_core::day::{
    CloseRequest, PaymentMethod, RefundRequest, close_drawer, open_drawer, record_sale, refund_sale,
};
use merchant_core::print::{
    self, Document, PaperWidth, PrinterSetting, PrintingSettings, ReceiptLanguage, ReceiptRef,
};
use merchant_core::{Book, Environment, ErrorCode, Profile, ProfileId, SaleMode, Settings, Shop};
use receipt::VirtualPrinter;

use crate::common::{open_book, rec, t};
use crate::day_gen::{m, sale, shop_settings};

fn printer_at(uri: String) -> PrinterSetting {
    PrinterSetting {
        name: "Counter".into(),
        uri,
        paper: PaperWidth::Mm58,
    }
}

fn shop(book: Book, mut settings: Settings, printer: Option<PrinterSetting>) -> Shop {
    settings.shop_name = "Épicerie Ben Salah".into();
    settings.printing = PrintingSettings {
        printers: printer.into_iter().collect(),
        kick_drawer_on_cash: true,
        language: ReceiptLanguage::Fr,
        ..PrintingSettings::default()
    };
    let mut profile = Profile::new(ProfileId::generate(), "Shop", Environment::Demo);
    profile.settings = settings;
    let client = dhmad_api::Client::builder(format!("sk_sandbox_{}", "0".repeat(64)))
        .base_url("http://127.0.0.1:9/api/v1".parse().unwrap())
        .build()
        .unwrap();
    Shop {
        profile,
        client,
        book,
    }
}

fn sale_receipt(document: &Document) -> &receipt::SaleReceipt {
    match document {
        Document::Sale(s) => s,
        other => panic!("not a sale receipt: {other:?}"),
    }
}

#[test]
fn a_cash_sale_prints_once_with_the_drawer_then_as_a_copy_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let printer = VirtualPrinter::start(0, None).unwrap();
    let shop = shop(
        open_book(&dir),
        shop_settings(),
        Some(printer_at(printer.uri().to_string())),
    );
    let at = t("2026-06-01T08:00:00Z");
    let settings = &shop.profile.settings;
    let recorded = record_sale(
        &shop.book,
        settings,
        &sale(&PaymentMethod::Cash, 12_500, Some(20_000)),
        at,
    )
    .unwrap();
    let number = recorded.entry.receipt_no.unwrap();

    let source = shop.print_source();
    let first = source
        .receipt(ReceiptRef::Number(number), receipt::Language::Fr)
        .unwrap();
    let doc = sale_receipt(&first.document);
    assert_eq!(
        (
            doc.receipt_number.as_str(),
            doc.total,
            doc.method.as_str(),
            doc.copy
        ),
        (number.to_string().as_str(), 12_500, "Espèces", false)
    );
    assert_eq!(
        doc.cash.map(|c| (c.tendered, c.change)),
        Some((20_000, 7_500))
    );
    assert_eq!(doc.shop.name, "Épicerie Ben Salah");
    assert!(first.cash);

    let printed = print::print_receipt(&shop, ReceiptRef::Number(number), None, at).unwrap();
    assert_eq!(
        (printed.printer.as_str(), printed.width_dots),
        ("Counter", 384)
    );
    let reprinted = print::print_receipt(&shop, ReceiptRef::Number(number), None, at).unwrap();
    let jobs = printer.wait_for_jobs(2, StdDuration::from_secs(10));
    assert_eq!(jobs.len(), 2, "rejected: {:?}", printer.rejected());
    assert!(
        jobs[0].drawer_kicked,
        "the sale's first print opens the drawer"
    );
    assert!(!jobs[1].drawer_kicked, "a reprint does not");
    assert_eq!(jobs[0].bitmap.height(), printed.height_dots);
    assert!(
        reprinted.height_dots > printed.height_dots,
        "the copy carries its mark"
    );
    let again = source
        .receipt(ReceiptRef::Number(number), receipt::Language::Fr)
        .unwrap();
    assert!(sale_receipt(&again.document).copy);
}

#[test]
fn a_refund_prints_with_the_sale_it_refunds_and_a_card_sale_never_opens_the_drawer() {
    let dir = tempfile::tempdir().unwrap();
    let printer = VirtualPrinter::start(0, None).unwrap();
    let shop = shop(
        open_book(&dir),
        shop_settings(),
        Some(printer_at(printer.uri().to_string())),
    );
    let at = t("2026-06-01T08:00:00Z");
    let settings = shop.profile.settings.clone();
    let card = record_sale(
        &shop.book,
        &settings,
        &sale(&PaymentMethod::Card, 30_000, None),
        at,
    )
    .unwrap();
    let sold = card.entry.receipt_no.unwrap();
    let refund = RefundRequest {
        receipt_no: sold,
        amount: Some(m(10_000)),
        reason: "Taille".into(),
    };
    let refunded = refund_sale(&shop.book, &settings, &refund, at + Duration::minutes(5)).unwrap();
    let number = refunded.entry.receipt_no.unwrap();

    let found = shop
        .print_source()
        .receipt(ReceiptRef::Number(number), receipt::Language::Ar)
        .unwrap();
    let Document::Refund(doc) = &found.document else {
        panic!("not a refund: {:?}", found.document);
    };
    assert_eq!(
        (
            doc.original_receipt.clone(),
            doc.total,
            doc.method.as_str(),
            doc.reason.as_deref()
        ),
        (sold.to_string(), 10_000, "بطاقة بنكية", Some("Taille"))
    );
    print::print_receipt(&shop, ReceiptRef::Number(sold), None, at).unwrap();
    let jobs = printer.wait_for_jobs(1, StdDuration::from_secs(10));
    assert!(!jobs[0].drawer_kicked);
    let unknown = print::print_receipt(&shop, ReceiptRef::Number(999), None, at).unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::NotFound);
}

#[test]
fn a_dhmad_sale_prints_once_paid_with_its_escrow_and_the_escrow_page_as_qr() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let at = t("2026-06-01T08:00:00Z");
    let sale = CounterSale {
        id: uuid::Uuid::from_u128(7),
        created_at: at,
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
        updated_at: at,
        reference: Some("K7F3QXM2".into()),
    };
    book.insert_sale(&sale).unwrap();
    let mut escrow = rec(
        "held1",
        "Jebba",
        EscrowStatus::Pending,
        "2026-06-01T08:00:00Z",
        90_000,
    );
    book.upsert_escrow(&escrow, at, ChangeSource::Sync).unwrap();
    let shop = shop(book, Settings::default(), None);
    let which = ReceiptRef::CounterSale(sale.id);

    let unpaid = shop
        .print_source()
        .receipt(which, receipt::Language::En)
        .unwrap_err();
    assert!(unpaid.to_string().contains("not paid yet"), "{unpaid}");

    escrow.status = EscrowStatus::Paid;
    escrow.paid_at = Some(at + Duration::minutes(1));
    escrow.updated_at = escrow.paid_at;
    shop.book
        .upsert_escrow(&escrow, at, ChangeSource::Sync)
        .unwrap();
    let found = shop
        .print_source()
        .receipt(which, receipt::Language::En)
        .unwrap();
    let doc = sale_receipt(&found.document);
    assert_eq!(
        (
            doc.method.as_str(),
            doc.total,
            doc.time,
            doc.escrow_reference.as_deref(),
            doc.reference.as_deref()
        ),
        (
            "DHMAD",
            90_000,
            at + Duration::minutes(1),
            Some("held1"),
            Some("K7F3QXM2")
        )
    );
    assert_eq!(
        doc.qr_payload.as_deref(),
        Some("http://127.0.0.1:9/dashboard/escrow/held1")
    );
    // DHMAD's own link for the escrow is printed, never a link elsewhere.
    for (given, printed) in [
        (
            "https://dhmad.tn/dashboard/escrow/held1",
            "https://dhmad.tn/dashboard/escrow/held1",
        ),
        (
            "https://evil.example/pay",
            "http://127.0.0.1:9/dashboard/escrow/held1",
        ),
    ] {
        escrow.raw_json = Some(serde_json::json!({ "url": given }));
        escrow.updated_at = escrow.updated_at.map(|u| u + Duration::seconds(1));
        shop.book
            .upsert_escrow(&escrow, at, ChangeSource::Sync)
            .unwrap();
        let found = shop
            .print_source()
            .receipt(which, receipt::Language::En)
            .unwrap();
        assert_eq!(
            sale_receipt(&found.document).qr_payload.as_deref(),
            Some(printed)
        );
    }
    escrow.status = EscrowStatus::Cancelled;
    escrow.updated_at = escrow.updated_at.map(|u| u + Duration::seconds(1));
    shop.book
        .upsert_escrow(&escrow, at, ChangeSource::Sync)
        .unwrap();
    let refunded = shop.print_source().receipt(which, receipt::Language::En);
    assert!(
        refunded.is_err(),
        "a cancelled sale's money went back: no receipt"
    );
    assert!(!found.cash);

    let none = print::print_receipt(&shop, which, None, at).unwrap_err();
    assert_eq!(
        none.to_string(),
        format!("invalid input: {}", print::NO_PRINTER)
    );
}

#[test]
fn the_z_prints_every_method_and_dhmad_apart_in_the_receipt_language() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let settings = shop_settings();
    let open = t("2026-06-01T07:00:00Z");
    open_drawer(&book, "1", m(50_000), "Amel", open).unwrap();
    record_sale(
        &book,
        &settings,
        &sale(&PaymentMethod::Cash, 12_500, None),
        open,
    )
    .unwrap();
    let vouchers = settings.custom_methods[0].method();
    record_sale(&book, &settings, &sale(&vouchers, 8_000, None), open).unwrap();
    let z = close_drawer(
        &book,
        &settings,
        &CloseRequest::default(),
        open + Duration::hours(9),
    )
    .unwrap();

    let Document::Report(report) = print::z_document(&z, &settings, receipt::Language::Fr, open)
    else {
        panic!("not a report");
    };
    assert_eq!(report.title, "Rapport Z 1");
    let headings: Vec<_> = report
        .sections
        .iter()
        .filter_map(|s| s.heading.clone())
        .collect();
    assert_eq!(
        headings,
        [
            "Espèces",
            "Carte bancaire",
            "Chèque",
            "Tickets restaurant",
            "DHMAD (séquestre, hors caisse)"
        ],
        "the methods counted at close, every method with sales, DHMAD apart"
    );
    let cash = &report.sections[1].rows;
    assert_eq!(
        (cash[0].label.as_str(), cash[0].value.as_str()),
        ("Ventes", "12.500")
    );
    assert_eq!(cash[2].value, "62.500", "expected: the float and the sale");
    let hash = report.sections.last().unwrap().rows[0].value.clone();
    assert!(z.hash.starts_with(&hash) && hash.len() == 16);

    let Document::Report(ar) = print::z_document(&z, &settings, receipt::Language::ArFr, open)
    else {
        panic!("not a report");
    };
    assert_eq!(ar.title, "تقرير Z 1\nRapport Z 1", "one line per language");
}

#[test]
fn a_printer_that_is_off_says_so_and_the_sale_stays_unprinted() {
    let dir = tempfile::tempdir().unwrap();
    // A port nothing listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let shop = shop(
        open_book(&dir),
        shop_settings(),
        Some(printer_at(format!("tcp://127.0.0.1:{port}"))),
    );
    let at = t("2026-06-01T08:00:00Z");
    let recorded = record_sale(
        &shop.book,
        &shop.profile.settings,
        &sale(&PaymentMethod::Cash, 5_000, None),
        at,
    )
    .unwrap();
    let number = recorded.entry.receipt_no.unwrap();

    let err = print::print_receipt(&shop, ReceiptRef::Number(number), None, at).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Printer);
    assert!(
        err.to_string()
            .starts_with("The printer at tcp://127.0.0.1:"),
        "{err}"
    );
    assert!(err.to_string().contains("switched on"), "{err}");
    let again = shop
        .print_source()
        .receipt(ReceiptRef::Number(number), receipt::Language::Fr)
        .unwrap();
    assert!(
        !sale_receipt(&again.document).copy,
        "a failed print is not a print"
    );
}

#[test]
fn printer_settings_refuse_a_bad_address_a_twice_used_name_and_a_missing_default() {
    let good = printer_at("tcp://192.168.1.50".into());
    let ok = PrintingSettings {
        printers: vec![
            good.clone(),
            PrinterSetting {
                name: "USB".into(),
                uri: "/dev/usb/lp0".into(),
                paper: PaperWidth::Mm80,
            },
        ],
        default_printer: Some("USB".into()),
        ..PrintingSettings::default()
    };
    ok.validate().unwrap();
    assert_eq!(ok.printer(None).unwrap().name, "USB");
    assert_eq!(ok.printer(Some("Counter")).unwrap().name, "Counter");

    let mut bad = ok.clone();
    bad.printers[1].uri = "192.168.1.50".into();
    assert!(
        bad.validate()
            .unwrap_err()
            .to_string()
            .contains("not a printer address")
    );
    let mut twice = ok.clone();
    twice.printers[1].name = "Counter".into();
    assert!(
        twice
            .validate()
            .unwrap_err()
            .to_string()
            .contains("two printers")
    );
    let mut gone = ok.clone();
    gone.default_printer = Some("Kitchen".into());
    assert!(gone.validate().is_err());

    let json = serde_json::to_value(&ok).unwrap();
    assert_eq!(json["printers"][1]["paper"], "80");
    assert_eq!(json["language"], "ar+fr", "Arabic and French by default");
}
