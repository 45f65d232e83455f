//! The documents the tests print.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use receipt::{CashTendered, ReceiptLine, SaleReceipt, ShopHeader};

/// A cash sale at a Tunis grocer's, with an Arabic item name, a long French one that wraps and
/// the escrow link as a QR code.
pub fn sale() -> SaleReceipt {
    SaleReceipt {
        shop: ShopHeader {
            name: "Épicerie Ennour".to_owned(),
            lines: vec![
                "12 rue de Marseille, Tunis".to_owned(),
                "Tél. 71 234 567".to_owned(),
            ],
        },
        receipt_number: "2026-000142".to_owned(),
        till: Some("1".to_owned()),
        // 14:05 in Tunis (UTC+1).
        time: Utc
            .with_ymd_and_hms(2026, 12, 5, 13, 5, 0)
            .single()
            .unwrap_or_default(),
        lines: vec![
            ReceiptLine {
                label: "Huile d'olive extra vierge Chemlali 1 L".to_owned(),
                quantity: Some(2),
                amount: 31_000,
            },
            ReceiptLine {
                label: "خبز طابونة".to_owned(),
                quantity: None,
                amount: 1_500,
            },
        ],
        total: 32_500,
        method: "Espèces / نقدا".to_owned(),
        reference: None,
        escrow_reference: None,
        cash: Some(CashTendered {
            tendered: 50_000,
            change: 17_500,
        }),
        qr_payload: Some("https://dhmad.tn/r/2026-000142".to_owned()),
        footer: vec!["Merci de votre visite — شكرا لزيارتكم".to_owned()],
        copy: false,
    }
}
