//! Rendering a sale receipt at 576 dots (80 mm), Arabic and French, with its QR code: the time a
//! cashier waits between "paid" and the printer starting. Target: under 20 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use receipt::{
    CashTendered, Document, JobOptions, Language, Paper, ReceiptLine, RenderOptions, Renderer,
    SaleReceipt, ShopHeader, escpos,
};

fn sale() -> Document {
    let line = |label: &str, amount| ReceiptLine {
        label: label.to_owned(),
        quantity: Some(1),
        amount,
    };
    Document::Sale(SaleReceipt {
        shop: ShopHeader {
            name: "Épicerie Ennour".to_owned(),
            lines: vec!["12 rue de Marseille, Tunis".to_owned()],
        },
        receipt_number: "2026-000142".to_owned(),
        till: Some("1".to_owned()),
        time: Utc.with_ymd_and_hms(2026, 12, 5, 13, 5, 0).unwrap(),
        lines: vec![
            line("Huile d'olive 1 L", 15_500),
            line("خبز طابونة", 1_500),
            line("Harissa du Cap Bon", 3_200),
            line("حليب 1 لتر", 1_350),
        ],
        total: 21_550,
        method: "Espèces / نقدا".to_owned(),
        reference: None,
        escrow_reference: Some("esc_5f2a9c".to_owned()),
        cash: Some(CashTendered {
            tendered: 30_000,
            change: 8_450,
        }),
        qr_payload: Some("https://dhmad.tn/r/2026-000142".to_owned()),
        footer: vec!["Merci — شكرا".to_owned()],
        copy: false,
    })
}

fn render(c: &mut Criterion) {
    let mut renderer = Renderer::new();
    let document = sale();
    let options = RenderOptions {
        paper: Paper::Mm80,
        language: Language::ArFr,
    };
    c.bench_function("render sale receipt 576 dots ar+fr", |b| {
        b.iter(|| renderer.render(&document, options).unwrap());
    });
    c.bench_function("render + ESC/POS encode 576 dots ar+fr", |b| {
        b.iter(|| {
            let bitmap = renderer.render(&document, options).unwrap();
            escpos::encode(&bitmap, JobOptions { drawer_kick: true })
        });
    });
    // The first print after start: the font is loaded and the glyph cache is empty.
    c.bench_function("cold: new renderer + render 576 dots ar+fr", |b| {
        b.iter(|| Renderer::new().render(&document, options).unwrap());
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
