//! Builders for small hand-made books.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use merchant_core::book::{EscrowMode, EscrowRecord, EscrowRole, EscrowStatus, Party};
use merchant_core::{Book, Patience};

pub fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A TND escrow with a 5 % DHMAD fee, the profile as seller.
pub fn rec(
    id: &str,
    title: &str,
    status: EscrowStatus,
    created: &str,
    amount: i64,
) -> EscrowRecord {
    EscrowRecord {
        id: id.into(),
        title: title.into(),
        description: None,
        amount,
        currency: "TND".into(),
        amount_tnd: amount,
        escrow_fee: amount / 20,
        developer_fee: 0,
        developer_fee_bp: None,
        status,
        mode: Some(EscrowMode::Instant),
        role: Some(EscrowRole::Seller),
        seller: Some(Party {
            id: Some("507f1f77bcf86cd799439013".into()),
            email: Some("shop@example.tn".into()),
            first_name: Some("Sami".into()),
            last_name: Some("Ben Ali".into()),
        }),
        buyer: None,
        seller_email: None,
        buyer_email: Some(format!("buyer-{id}@example.com")),
        estimated_delivery_days: Some(1),
        expires_at: None,
        paid_at: None,
        delivered_at: None,
        completed_at: None,
        cancelled_at: None,
        created_at: t(created),
        updated_at: Some(t(created)),
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

pub fn open_book(dir: &tempfile::TempDir) -> Book {
    Book::open(dir.path().join("book.sqlite3")).unwrap()
}

fn no_pause(_: Duration) -> BoxFuture<'static, ()> {
    Box::pin(async {})
}

/// The app's two-minute reconcile window with pauses that return at once: a create DHMAD never
/// got is declared "not created" after the same dozen looks, without the wait.
pub fn instant() -> Patience {
    Patience {
        sleep: no_pause,
        ..Patience::default()
    }
}

/// Real, short pauses (a look every second at most) within the app's two-minute window: for a
/// create DHMAD commits seconds late.
pub fn brisk() -> Patience {
    Patience {
        first_pause: Duration::from_millis(250),
        max_pause: Duration::from_secs(1),
        ..Patience::default()
    }
}
