//! What a busy shop adds to its book beside the escrows: a year of sales recorded by payment
//! method, and records a sync could not read (deterministic).

use chrono::{DateTime, Duration, Utc};
use dhmad_api::Money;
use merchant_core::Book;
use merchant_core::day::{PaymentMethod, SaleEntry, record_sale};
use merchant_core::settings::Settings;
use serde_json::json;

/// Sales recorded over 2025: about 60 a day.
pub const RECORDED_SALES: u64 = 22_000;
/// Records set aside by syncs.
pub const UNREADABLE: u64 = 1_000;

const METHODS: [PaymentMethod; 4] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::D17,
    PaymentMethod::Cheque,
];

/// Records [`RECORDED_SALES`] sales spread over 2025 and notes [`UNREADABLE`] unreadable records.
pub fn add_day_data(book: &Book, year_start: DateTime<Utc>) {
    let settings = Settings {
        till_id: "till-1".into(),
        cashier_name: "Sami".into(),
        ..Settings::default()
    };
    let step = Duration::seconds(365 * 24 * 3600 / RECORDED_SALES as i64);
    for i in 0..RECORDED_SALES {
        let sale = SaleEntry {
            amount: Money::from_millimes(500 + (i as i64 * 7_919) % 300_000),
            title: format!("sale {i}"),
            method: METHODS[(i % 4) as usize].clone(),
            reference: None,
            customer: None,
            tendered: None,
        };
        record_sale(book, &settings, &sale, year_start + step * i as i32).unwrap();
    }
    book.write(|tx| {
        for i in 0..UNREADABLE {
            let id = format!("{:024x}", 0x75f1_0000_0000_0000_u64 + i);
            let raw = json!({ "id": id, "amount": "12.5001", "status": "paid" });
            let reason = "`amount`: more than 3 decimals (finer than a millime): 12.5001";
            tx.note_unreadable("GET /escrows", Some(&id), &raw, reason, year_start)?;
        }
        Ok(())
    })
    .unwrap();
}
