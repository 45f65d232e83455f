//! The synthetic 100,000-escrow book shared by the benchmark (deterministic).
#![allow(dead_code)]

use std::time::Instant;

use chrono::{DateTime, Utc};
use merchant_core::Book;
use merchant_core::book::{
    ChangeSource, EscrowMode, EscrowRecord, EscrowRole, EscrowStatus, Party,
};

pub const ROWS: u64 = 100_000;
const BATCH: u64 = 10_000;
const WORDS: [&str; 20] = [
    "phone",
    "laptop",
    "coffee",
    "repair",
    "shoes",
    "dress",
    "tablet",
    "camera",
    "watch",
    "books",
    "chair",
    "table",
    "lamp",
    "bag",
    "perfume",
    "olive oil",
    "dates",
    "carpet",
    "bike",
    "guitar",
];

/// A small deterministic generator (xorshift), so every run builds the same book.
pub struct Rng(pub u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub fn year_start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

pub fn synthetic(i: u64, rng: &mut Rng) -> EscrowRecord {
    // Spread over 2025 in creation order, like a real account.
    let created = year_start() + chrono::Duration::milliseconds((i * 315_360) as i64);
    let status = match rng.below(10) {
        0..=5 => EscrowStatus::Completed,
        6 => EscrowStatus::Cancelled,
        7 => EscrowStatus::Pending,
        8 => EscrowStatus::Paid,
        _ => EscrowStatus::Delivered,
    };
    let amount = 1_000 + rng.below(2_000_000) as i64;
    let title = format!(
        "{} {} #{i}",
        WORDS[rng.below(20) as usize],
        WORDS[rng.below(20) as usize]
    );
    EscrowRecord {
        id: format!("{:024x}", 0x65f1_0000_0000_0000_u64 + i),
        title,
        description: None,
        amount,
        currency: "TND".into(),
        amount_tnd: amount,
        escrow_fee: amount / 20,
        developer_fee: if rng.below(4) == 0 { amount / 50 } else { 0 },
        developer_fee_bp: None,
        status: status.clone(),
        mode: Some(if rng.below(2) == 0 {
            EscrowMode::Instant
        } else {
            EscrowMode::Quick
        }),
        role: Some(if rng.below(10) == 0 {
            EscrowRole::Buyer
        } else {
            EscrowRole::Seller
        }),
        seller: Some(Party {
            id: Some("507f1f77bcf86cd799439013".into()),
            email: Some("shop@example.tn".into()),
            first_name: Some("Sami".into()),
            last_name: Some("Ben Ali".into()),
        }),
        buyer: None,
        seller_email: None,
        buyer_email: Some(format!("buyer{}@example.com", rng.below(5_000))),
        estimated_delivery_days: Some(1),
        expires_at: None,
        paid_at: (status != EscrowStatus::Pending).then_some(created),
        delivered_at: None,
        completed_at: (status == EscrowStatus::Completed).then_some(created),
        cancelled_at: (status == EscrowStatus::Cancelled).then_some(created),
        created_at: created,
        updated_at: Some(created),
        completion_deadline: None,
        created_via_third_party: Some(true),
        created_by_application_name: Some("DHMAD Merchant".into()),
        dispute_ticket_id: None,
        dispute_ticket: None,
        signatures: None,
        proof_info: None,
        fulfillment_policy: None,
        delivery_rejections: None,
        cancellation: None,
        raw_json: None,
    }
}

pub fn build_book(dir: &std::path::Path) -> Book {
    let book = Book::open(dir.join("book.sqlite3")).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = Utc::now();
    for start in (0..ROWS).step_by(BATCH as usize) {
        let batch: Vec<_> = (start..start + BATCH)
            .map(|i| synthetic(i, &mut rng))
            .collect();
        let t = Instant::now();
        book.upsert_escrows(&batch, now, ChangeSource::Sync)
            .unwrap();
        if start == 0 || start + BATCH == ROWS {
            println!(
                "upsert_escrows: {BATCH} rows in one transaction: {:?}",
                t.elapsed()
            );
        }
    }
    book
}
