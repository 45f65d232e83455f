//! Every kind of document composes what a cashier expects to read, and renders in every
//! language at both widths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use chrono::{TimeZone, Utc};
use receipt::blocks::Block;
use receipt::compose::{compose, format_time};
use receipt::{
    Document, KycSlip, Language, Paper, ReceiptLine, RefundReceipt, RenderError, RenderOptions,
    Renderer, Report, ReportRow, ReportSection,
};

fn refund() -> RefundReceipt {
    let sale = support::sale();
    RefundReceipt {
        shop: sale.shop,
        refund_number: "R-2026-000007".to_owned(),
        original_receipt: sale.receipt_number,
        till: Some("1".to_owned()),
        time: sale.time,
        lines: vec![ReceiptLine {
            label: "خبز طابونة".to_owned(),
            quantity: None,
            amount: 1_500,
        }],
        total: 1_500,
        method: "Espèces".to_owned(),
        reason: Some("Produit abîmé".to_owned()),
        footer: vec![],
        copy: false,
    }
}

fn z_report() -> Report {
    let row = |label: &str, value: &str| ReportRow {
        label: label.to_owned(),
        value: value.to_owned(),
    };
    Report {
        shop: support::sale().shop,
        title: "Z 0042".to_owned(),
        period: "05/12/2026 08:00 – 20:14".to_owned(),
        printed_at: Utc.with_ymd_and_hms(2026, 12, 5, 19, 15, 0).unwrap(),
        sections: vec![ReportSection {
            heading: Some("Ventes".to_owned()),
            rows: vec![row("Espèces", "420.500"), row("D17", "35.000")],
        }],
        footer: vec![],
    }
}

fn kyc() -> KycSlip {
    KycSlip {
        shop: support::sale().shop,
        name: Some("Amira Ben Salah".to_owned()),
        email: Some("amira@example.tn".to_owned()),
        link: "https://dhmad.tn/kyc/ivs_7Hq2".to_owned(),
        time: Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap(),
    }
}

fn rows(blocks: &[Block]) -> Vec<(String, String)> {
    let rows = blocks.iter().filter_map(|block| match block {
        Block::Row { label, value, .. } => Some((label.join(" | "), value.clone())),
        _ => None,
    });
    rows.collect()
}

#[test]
fn refund_names_the_sale_and_prints_a_negative_total() {
    let rows = rows(&compose(
        &Document::Refund(refund()),
        Language::Fr,
        Paper::Mm58,
    ));
    assert!(rows.contains(&("Pour le reçu".to_owned(), "2026-000142".to_owned())));
    assert!(rows.contains(&("Total".to_owned(), "-1.500 DT".to_owned())));
    assert!(rows.contains(&("Motif".to_owned(), "Produit abîmé".to_owned())));
}

#[test]
fn bilingual_labels_carry_arabic_then_french() {
    let document = Document::Sale(support::sale());
    let rows = rows(&compose(&document, Language::ArFr, Paper::Mm80));
    assert!(rows.contains(&("المجموع | Total".to_owned(), "32.500 DT".to_owned())));
    assert!(rows.contains(&("الباقي | Monnaie rendue".to_owned(), "17.500".to_owned())));
    assert!(rows.contains(&("التاريخ | Date".to_owned(), "05/12/2026 14:05".to_owned())));
}

#[test]
fn report_keeps_the_callers_rows_in_order() {
    let rows = rows(&compose(
        &Document::Report(z_report()),
        Language::Fr,
        Paper::Mm80,
    ));
    let labels: Vec<&str> = rows.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["Date", "Espèces", "D17"]);
    assert_eq!(rows[1].1, "420.500");
}

#[test]
fn kyc_slip_carries_the_link_as_a_qr_code() {
    let blocks = compose(&Document::Kyc(kyc()), Language::Ar, Paper::Mm58);
    assert!(blocks.contains(&Block::Qr("https://dhmad.tn/kyc/ivs_7Hq2".to_owned())));
    let rows = rows(&blocks);
    assert!(rows.contains(&("البريد الإلكتروني".to_owned(), "amira@example.tn".to_owned())));
}

#[test]
fn every_document_renders_in_every_language_and_width() {
    let mut renderer = Renderer::new();
    let documents = [
        Document::Sale(support::sale()),
        Document::Refund(refund()),
        Document::Report(z_report()),
        Document::Kyc(kyc()),
        Document::Calibration,
    ];
    for document in &documents {
        for language in [Language::En, Language::Fr, Language::Ar, Language::ArFr] {
            for paper in [Paper::Mm58, Paper::Mm80] {
                let options = RenderOptions { paper, language };
                let bitmap = renderer.render(document, options).unwrap();
                assert_eq!(bitmap.width(), paper.dots());
                assert!(bitmap.height() > 200 && bitmap.black_dots() > 2_000);
            }
        }
    }
}

#[test]
fn a_qr_payload_too_long_is_an_error_not_a_crash() {
    let mut slip = kyc();
    slip.link = "x".repeat(8_000);
    let options = RenderOptions {
        paper: Paper::Mm58,
        language: Language::Fr,
    };
    let error = Renderer::new()
        .render(&Document::Kyc(slip), options)
        .unwrap_err();
    assert!(matches!(error, RenderError::Qr { length: 8_000, .. }));
}

#[test]
fn times_print_in_tunis() {
    // Tunisia keeps UTC+1 all year.
    let summer = Utc.with_ymd_and_hms(2026, 7, 1, 23, 30, 0).unwrap();
    assert_eq!(format_time(summer), "02/07/2026 00:30");
    let winter = Utc.with_ymd_and_hms(2026, 1, 15, 8, 5, 0).unwrap();
    assert_eq!(format_time(winter), "15/01/2026 09:05");
}
