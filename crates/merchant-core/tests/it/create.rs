//! Creating an escrow from the form: the book holds it at once, local validation sends nothing,
//! and a lost response is reconciled to exactly one escrow.

use chrono::Utc;
use dhmad_api::{CreateEscrow, ErrorKind, EscrowMode, ListEscrows, Money};
use merchant_core::book::{EscrowMode as BookMode, EscrowStatus};
use merchant_core::{Book, Created, ErrorCode, MerchantError, create_escrow, reconcile_create};
use serde_json::json;

use crate::common::instant;
use crate::sim::Sim;

fn quick(title: &str) -> CreateEscrow {
    let mut r = CreateEscrow::new(title, Money::from_millimes(45_000), "amine@example.tn");
    r.mode = Some(EscrowMode::Quick);
    r.estimated_delivery_days = Some(2);
    r
}

/// Escrows the simulator holds whose title is `title` with the app's reference after it.
async fn count_titled(sim: &Sim, title: &str) -> usize {
    let q = ListEscrows {
        limit: Some(100),
        ..ListEscrows::default()
    };
    let page = sim.client().escrows().list(&q).await.unwrap();
    let prefix = format!("{title} · #");
    page.escrows
        .iter()
        .filter(|e| e.title.as_deref().is_some_and(|t| t.starts_with(&prefix)))
        .count()
}

#[tokio::test]
async fn a_created_escrow_is_in_the_book_with_its_first_status() {
    let sim = Sim::start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    let created = create_escrow(&sim.client(), &book, &quick("Tapis"), Utc::now())
        .await
        .unwrap();
    let Created::New(rec) = created else {
        panic!("answered normally: {created:?}")
    };
    assert_eq!(rec.status, EscrowStatus::Pending);
    assert_eq!(rec.mode, Some(BookMode::Quick));
    assert_eq!(rec.amount_tnd, 45_000);
    let detail = book.escrow_detail(&rec.id).unwrap().unwrap();
    assert_eq!(detail.history.len(), 1);
    assert_eq!(detail.history[0].new_status, EscrowStatus::Pending);
}

#[tokio::test]
async fn an_invalid_request_is_refused_before_sending() {
    let sim = Sim::start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.reset_requests().await;
    let mut r = quick("Too cheap");
    r.amount = Money::from_millimes(4_999);
    let err = create_escrow(&sim.client(), &book, &r, Utc::now())
        .await
        .unwrap_err();
    let MerchantError::Api(api) = &err else {
        panic!("{err}")
    };
    assert_eq!(api.kind(), ErrorKind::Validation);
    assert!(api.details().contains_key("amount"), "{:?}", api.details());
    assert!(sim.requests().await.is_empty(), "nothing sent");
}

#[tokio::test]
async fn a_lost_response_is_reconciled_to_exactly_one_escrow() {
    let sim = Sim::start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.post(
        "/faults",
        json!({"dropResponseRate": 1.0, "paths": ["/api/v1/escrows"], "methods": ["POST"]}),
    )
    .await;
    let created = create_escrow(&sim.client(), &book, &quick("Lost answer"), Utc::now())
        .await
        .unwrap();
    sim.delete("/faults").await;
    let Created::Unsure(pending) = created else {
        panic!("the answer was dropped: {created:?}")
    };
    let rec = reconcile_create(&sim.client(), &book, &pending, Utc::now(), &instant())
        .await
        .unwrap();
    assert_eq!(count_titled(&sim, "Lost answer").await, 1);
    assert_eq!(
        rec.title,
        format!("Lost answer · {}", pending.reference.tag())
    );
    assert!(book.escrow(&rec.id).unwrap().is_some());
}

#[tokio::test]
async fn when_the_lookups_fail_too_the_outcome_stays_unknown_and_nothing_is_resent() {
    let sim = Sim::start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.post(
        "/faults",
        json!({"dropResponseRate": 1.0, "paths": ["/api/v1/escrows"]}),
    )
    .await;
    let client = fast_retry_client(&sim);
    let created = create_escrow(&client, &book, &quick("Twice lost"), Utc::now())
        .await
        .unwrap();
    let Created::Unsure(pending) = created else {
        panic!("the answer was dropped: {created:?}")
    };
    let err = reconcile_create(&client, &book, &pending, Utc::now(), &instant())
        .await
        .unwrap_err();
    sim.delete("/faults").await;
    assert_ne!(
        err.code(),
        ErrorCode::SaleFailed,
        "never 'not created': {err}"
    );
    assert_eq!(
        count_titled(&sim, "Twice lost").await,
        1,
        "created once, never re-sent"
    );
}

/// Reads retried once, quickly: every look of the dozen fails anyway.
fn fast_retry_client(sim: &Sim) -> dhmad_api::Client {
    dhmad_api::Client::builder(&sim.sim.demo().api_key)
        .base_url(sim.sim.base_url().parse().unwrap())
        .retry(dhmad_api::RetryConfig {
            max_retries: 1,
            initial_backoff: std::time::Duration::from_millis(5),
            max_backoff: std::time::Duration::from_millis(10),
        })
        .build()
        .unwrap()
}
