//! Counter sales against dhmad-sim: happy paths, reconciliation, watchers.

use std::time::Duration;

use chrono::Utc;
use dhmad_api::{ListEscrows, Money};
use futures::StreamExt;
use merchant_core::book::{EscrowStatus, SaleState};
use merchant_core::{
    Book, SaleEvent, SaleMode, SaleRequest, WatchConfig, complete_link, mark_delivered,
    reconcile_sale, resume_unfinished, start_sale, watch_sale,
};
use serde_json::json;

use crate::common::instant;
use crate::sim::Sim;

const RETURN: &str = "https://merchant.example/return";
const BUYER: &str = "amine@example.tn";
const FAST: WatchConfig = WatchConfig {
    fast: Duration::from_millis(50),
    idle_max: Duration::from_millis(200),
};

async fn sim_with_buyer() -> Sim {
    let sim = Sim::start(0).await;
    sim.post(
        "/users",
        json!({"email": BUYER, "firstName": "Amine", "lastName": "Trabelsi", "balance": 500}),
    )
    .await;
    sim
}

fn req(title: &str, mode: SaleMode) -> SaleRequest {
    SaleRequest {
        amount: Money::from_millimes(12_500),
        title: title.into(),
        buyer_email: BUYER.into(),
        mode,
    }
}

async fn next(events: &mut (impl futures::Stream<Item = SaleEvent> + Unpin)) -> SaleEvent {
    tokio::time::timeout(Duration::from_secs(20), events.next())
        .await
        .expect("no event within 20 s")
        .expect("the watcher ended")
}

#[tokio::test]
async fn instant_sale_paid_then_delivered_completes() {
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();

    sim.reset_requests().await;
    let started = start_sale(
        &book,
        &api,
        req("Phone case", SaleMode::Instant),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap();
    let reqs = sim.requests().await;
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(reqs[0]["method"], "POST");
    assert_eq!(reqs[0]["path"], "/api/v1/escrows");
    assert!(reqs[1]["path"].as_str().unwrap().ends_with("/sessions"));
    let sale = book.sale(started.sale_id).unwrap().unwrap();
    assert_eq!(sale.state, SaleState::AwaitingPayment);
    assert_eq!(
        sale.checkout_url.as_deref(),
        Some(started.checkout_url.as_str())
    );
    assert!(started.qr_svg.starts_with("<?xml") && started.qr_svg.contains("#000000"));

    let mut events = Box::pin(watch_sale(
        book.clone(),
        api.clone(),
        started.sale_id,
        FAST,
        Utc::now,
    ));
    sim.complete_session(&started.session_id).await;
    assert_eq!(
        next(&mut events).await,
        SaleEvent::Paid {
            sale_id: started.sale_id
        }
    );
    let hist = book.history(&started.escrow_id).unwrap();
    let last = hist.last().unwrap();
    assert_eq!(last.new_status, EscrowStatus::Paid);
    assert_eq!(last.source, merchant_core::book::ChangeSource::Watcher);

    let state = mark_delivered(&book, &api, started.sale_id, Utc::now())
        .await
        .unwrap();
    assert_eq!(state, SaleState::Completed);
    let e = api
        .escrows()
        .get(&dhmad_api::EscrowId::new(started.escrow_id.clone()))
        .await
        .unwrap();
    assert_eq!(e.status, Some(dhmad_api::EscrowStatus::Completed));
    assert_eq!(
        next(&mut events).await,
        SaleEvent::Completed {
            sale_id: started.sale_id
        }
    );
}

#[tokio::test]
async fn quick_sale_waits_for_the_buyers_complete_link() {
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    let started = start_sale(
        &book,
        &api,
        req("Shoes", SaleMode::Quick),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap();
    let mut events = Box::pin(watch_sale(
        book.clone(),
        api.clone(),
        started.sale_id,
        FAST,
        Utc::now,
    ));
    sim.complete_session(&started.session_id).await;
    assert_eq!(
        next(&mut events).await,
        SaleEvent::Paid {
            sale_id: started.sale_id
        }
    );
    let state = mark_delivered(&book, &api, started.sale_id, Utc::now())
        .await
        .unwrap();
    assert_eq!(state, SaleState::Delivered);
    assert_eq!(
        next(&mut events).await,
        SaleEvent::Delivered {
            sale_id: started.sale_id
        }
    );
    let (link, svg) = complete_link(&book, &api, started.sale_id, RETURN, Utc::now())
        .await
        .unwrap();
    assert!(svg.contains("<svg"));
    sim.complete_session(&link.session_id).await;
    assert_eq!(
        next(&mut events).await,
        SaleEvent::Completed {
            sale_id: started.sale_id
        }
    );
    assert_eq!(
        book.sale(started.sale_id).unwrap().unwrap().state,
        SaleState::Completed
    );
}

#[tokio::test]
async fn dropped_create_response_is_reconciled_to_one_escrow() {
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();

    sim.post(
        "/faults",
        json!({"dropResponseRate": 1.0, "paths": ["/api/v1/escrows"]}),
    )
    .await;
    let err = start_sale(
        &book,
        &api,
        req("Lost response", SaleMode::Instant),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap_err();
    sim.delete("/faults").await;
    // The answer was lost: the sale waits to be looked up, it is not failed nor re-sent.
    let sale = book.recent_sales(1).unwrap().remove(0);
    assert_eq!(sale.state, SaleState::CreateUnknown, "{err}");

    let started = reconcile_sale(&book, &api, sale.id, RETURN, Utc::now(), &instant())
        .await
        .unwrap();
    assert!(started.checkout_url.starts_with("http"));
    let q = ListEscrows {
        limit: Some(100),
        ..ListEscrows::default()
    };
    let page = api.escrows().list(&q).await.unwrap();
    let tagged = format!("Lost response · #{}", sale.reference.unwrap());
    let same: Vec<_> = page
        .escrows
        .iter()
        .filter(|e| e.title.as_deref() == Some(tagged.as_str()))
        .collect();
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].id.as_str(), started.escrow_id);
    assert_eq!(
        book.sale(sale.id).unwrap().unwrap().state,
        SaleState::AwaitingPayment
    );
}

#[tokio::test]
async fn expired_session_is_reported() {
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    let started = start_sale(
        &book,
        &api,
        req("Late", SaleMode::Instant),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap();
    sim.post("/clock/advance", json!({"seconds": 1900})).await;
    let mut events = Box::pin(watch_sale(
        book.clone(),
        api.clone(),
        started.sale_id,
        FAST,
        Utc::now,
    ));
    assert_eq!(
        next(&mut events).await,
        SaleEvent::SessionExpired {
            sale_id: started.sale_id,
            session_id: started.session_id.clone()
        }
    );
    let s = book.session(&started.session_id).unwrap().unwrap();
    assert_eq!(s.status, merchant_core::book::SessionStatus::Expired);
}

#[tokio::test]
async fn watchers_resume_after_a_restart() {
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    let started = {
        let book = Book::open(&path).unwrap();
        start_sale(
            &book,
            &api,
            req("Resumed", SaleMode::Instant),
            RETURN,
            Utc::now(),
        )
        .await
        .unwrap()
    };
    // The app is closed; the buyer pays meanwhile; the app starts again.
    sim.complete_session(&started.session_id).await;
    let book = Book::open(&path).unwrap();
    let mut events = Box::pin(resume_unfinished(&book, &api, FAST, Utc::now).unwrap());
    assert_eq!(
        next(&mut events).await,
        SaleEvent::Paid {
            sale_id: started.sale_id
        }
    );
    assert_eq!(
        book.sale(started.sale_id).unwrap().unwrap().state,
        SaleState::Paid
    );
}

#[tokio::test]
async fn unknown_create_that_made_nothing_is_not_created_after_the_window_without_stealing_another()
{
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    // A first sale with the same title, amount and buyer: its escrow must not be taken.
    let first = start_sale(
        &book,
        &api,
        req("Same", SaleMode::Instant),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap();

    // A 500 on the create: the server did not process it, but the client cannot know.
    sim.post(
        "/faults",
        json!({"errorRate": 1.0, "errorStatus": 500, "paths": ["/api/v1/escrows"]}),
    )
    .await;
    let err = start_sale(
        &book,
        &api,
        req("Same", SaleMode::Instant),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap_err();
    sim.delete("/faults").await;
    let second = book.recent_sales(1).unwrap().remove(0);
    assert_ne!(second.id, first.sale_id);
    assert_eq!(second.state, SaleState::CreateUnknown, "{err}");

    let err = reconcile_sale(&book, &api, second.id, RETURN, Utc::now(), &instant())
        .await
        .unwrap_err();
    assert_eq!(err.code(), merchant_core::ErrorCode::SaleFailed);
    assert!(err.to_string().contains("You can charge again"), "{err}");
    let second = book.sale(second.id).unwrap().unwrap();
    assert_eq!(second.state, SaleState::NotCreated);
    let said = second.last_error.unwrap();
    assert!(said.starts_with("Not created"), "{said}");
    assert!(
        said.contains(&format!("#{}", second.reference.unwrap())),
        "{said}"
    );
    assert_eq!(second.escrow_id, None);
    let first_sale = book.sale(first.sale_id).unwrap().unwrap();
    assert_eq!(
        first_sale.escrow_id.as_deref(),
        Some(first.escrow_id.as_str())
    );
}

#[tokio::test]
async fn actions_the_escrow_does_not_allow_are_refused_locally() {
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    let started = start_sale(
        &book,
        &api,
        req("Unpaid", SaleMode::Quick),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap();
    sim.reset_requests().await;
    // Not paid yet: nothing to deliver (the Escrows screen's rule), no completion link.
    let err = mark_delivered(&book, &api, started.sale_id, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), merchant_core::ErrorCode::NotAllowed);
    assert!(err.to_string().contains("must be paid before"), "{err}");
    let err = complete_link(&book, &api, started.sale_id, RETURN, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), merchant_core::ErrorCode::InvalidInput);
    assert!(
        sim.requests().await.is_empty(),
        "refused before any request"
    );

    // Pending: cancelling works, and a second cancel is refused locally.
    let state = merchant_core::cancel_sale(&book, &api, started.sale_id, Utc::now())
        .await
        .unwrap();
    assert_eq!(state, SaleState::Cancelled);
    let err = merchant_core::cancel_sale(&book, &api, started.sale_id, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), merchant_core::ErrorCode::NotAllowed);
    assert!(err.to_string().contains("Only a pending escrow"), "{err}");
    assert_eq!(sim.requests().await.len(), 1);
}

#[tokio::test]
async fn an_expired_link_is_renewed_with_one_call_and_then_paid() {
    let sim = sim_with_buyer().await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    let started = start_sale(
        &book,
        &api,
        req("Renewed", SaleMode::Instant),
        RETURN,
        Utc::now(),
    )
    .await
    .unwrap();
    sim.post("/clock/advance", json!({"seconds": 1900})).await;
    sim.reset_requests().await;
    let renewed = merchant_core::renew_session(&book, &api, started.sale_id, RETURN, Utc::now())
        .await
        .unwrap();
    assert_eq!(sim.requests().await.len(), 1);
    assert_ne!(renewed.session_id, started.session_id);
    assert_eq!(renewed.escrow_id, started.escrow_id);
    let sale = book.sale(started.sale_id).unwrap().unwrap();
    assert_eq!(
        sale.session_id.as_deref(),
        Some(renewed.session_id.as_str())
    );
    assert_eq!(
        sale.checkout_url.as_deref(),
        Some(renewed.checkout_url.as_str())
    );

    let mut events = Box::pin(watch_sale(
        book.clone(),
        api.clone(),
        started.sale_id,
        FAST,
        Utc::now,
    ));
    sim.complete_session(&renewed.session_id).await;
    assert_eq!(
        next(&mut events).await,
        SaleEvent::Paid {
            sale_id: started.sale_id
        }
    );
}
