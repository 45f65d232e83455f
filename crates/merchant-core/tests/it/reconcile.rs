//! A lost "Charge" or New escrow answer, for good: the escrow is looked up by the reference in
//! its title, patiently, and the create is never sent twice — when DHMAD commits seconds after the
//! answer was lost, when this computer's clock is minutes ahead, when a 2xx answer is unreadable.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use dhmad_api::{CreateEscrow, EscrowMode, ListEscrows, Money};
use merchant_core::book::SaleState;
use merchant_core::{
    Book, Charge, Created, SaleMode, SaleRequest, charge, create_escrow, reconcile_create,
    reconcile_sale,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{brisk, instant};
use crate::sim::Sim;

const RETURN: &str = "https://merchant.example/return";
const BUYER: &str = "amine@example.tn";

fn req(title: &str) -> SaleRequest {
    SaleRequest {
        amount: Money::from_millimes(12_500),
        title: title.into(),
        buyer_email: BUYER.into(),
        mode: SaleMode::Instant,
    }
}

/// The next POST /escrows is processed `ms` after its answer was dropped.
fn late_commit(ms: u64) -> Value {
    json!({"lateCommitRate": 1.0, "lateCommitMs": ms, "paths": ["/api/v1/escrows"],
        "methods": ["POST"]})
}

/// Every escrow the simulator holds whose title ends with `tag`.
async fn escrows_tagged(sim: &Sim, tag: &str) -> Vec<dhmad_api::Escrow> {
    let mut out = Vec::new();
    for page in 1.. {
        let q = ListEscrows {
            page: Some(page),
            limit: Some(100),
            ..ListEscrows::default()
        };
        let got = sim.client().escrows().list(&q).await.unwrap();
        let n = got.escrows.len();
        out.extend(
            got.escrows
                .into_iter()
                .filter(|e| e.title.as_deref().is_some_and(|t| t.ends_with(tag))),
        );
        if n < 100 {
            break;
        }
    }
    out
}

/// How many `POST /api/v1/escrows` (creates) the simulator received.
async fn creates_sent(sim: &Sim) -> usize {
    sim.requests()
        .await
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"] == "/api/v1/escrows")
        .count()
}

/// Records every state the sale shows in the book until dropped (as the counter screen would).
struct StateLog {
    seen: Arc<Mutex<Vec<SaleState>>>,
    task: tokio::task::JoinHandle<()>,
}

impl StateLog {
    fn watch(book: &Book, sale_id: Uuid) -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (book, log) = (book.clone(), seen.clone());
        let task = tokio::spawn(async move {
            loop {
                if let Some(s) = book.sale(sale_id).unwrap() {
                    let mut log = log.lock().unwrap();
                    if log.last() != Some(&s.state) {
                        log.push(s.state);
                    }
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        });
        Self { seen, task }
    }

    fn states(self) -> Vec<SaleState> {
        self.task.abort();
        self.seen.lock().unwrap().clone()
    }
}

/// A sale whose create DHMAD commits 4 s after dropping the answer, charged with `now` as this
/// computer's clock: looked up until found, never failed, exactly one escrow; pressing "Check
/// now" afterwards sends nothing.
async fn late_commit_sale(now: DateTime<Utc>) {
    let sim = Sim::start(0).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.post("/faults", late_commit(4_000)).await;

    let outcome = charge(&book, &api, req("Late tagine"), RETURN, now)
        .await
        .unwrap();
    let Charge::Unsure { sale_id, .. } = outcome else {
        panic!("the answer was dropped: {outcome:?}")
    };
    sim.delete("/faults").await;
    let states = StateLog::watch(&book, sale_id);
    let sale = book.sale(sale_id).unwrap().unwrap();
    assert_eq!(sale.state, SaleState::CreateUnknown);
    let tag = format!("#{}", sale.reference.clone().unwrap());
    assert!(
        escrows_tagged(&sim, &tag).await.is_empty(),
        "not committed yet when the lookup starts"
    );

    let started = reconcile_sale(&book, &api, sale_id, RETURN, now, &brisk())
        .await
        .unwrap();
    let made = escrows_tagged(&sim, &tag).await;
    assert_eq!(made.len(), 1, "exactly one escrow: {made:?}");
    assert_eq!(made[0].id.as_str(), started.escrow_id);
    assert_eq!(
        made[0].title.as_deref(),
        Some(format!("Late tagine · {tag}").as_str())
    );
    let sale = book.sale(sale_id).unwrap().unwrap();
    assert_eq!(sale.state, SaleState::AwaitingPayment);
    assert_eq!(
        sale.checkout_url.as_deref(),
        Some(started.checkout_url.as_str())
    );

    // The merchant presses "Check now" again: refused, nothing is sent.
    let again = reconcile_sale(&book, &api, sale_id, RETURN, now, &instant()).await;
    assert!(
        again.is_err(),
        "a sale with its link is not looked up again"
    );
    tokio::time::sleep(Duration::from_millis(50)).await;
    let states = states.states();
    assert!(
        !states.contains(&SaleState::Failed) && !states.contains(&SaleState::NotCreated),
        "the sale never looked failed: {states:?}"
    );
    assert_eq!(
        states.last(),
        Some(&SaleState::AwaitingPayment),
        "{states:?}"
    );
    assert_eq!(creates_sent(&sim).await, 1, "the create was sent once");
    assert_eq!(escrows_tagged(&sim, &tag).await.len(), 1);
}

#[tokio::test]
async fn a_sale_dhmad_commits_seconds_after_dropping_the_answer_ends_with_exactly_one_escrow() {
    late_commit_sale(Utc::now()).await;
}

#[tokio::test]
async fn a_clock_five_minutes_ahead_changes_nothing_for_a_late_committed_sale() {
    late_commit_sale(Utc::now() + chrono::Duration::minutes(5)).await;
}

#[tokio::test]
async fn an_unreadable_2xx_create_is_unsure_then_reconciled_to_exactly_one_escrow() {
    let sim = Sim::start(0).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.post(
        "/faults",
        json!({"garbleResponseRate": 1.0, "paths": ["/api/v1/escrows"], "methods": ["POST"]}),
    )
    .await;
    let outcome = charge(&book, &api, req("Garbled"), RETURN, Utc::now())
        .await
        .unwrap();
    sim.delete("/faults").await;
    let Charge::Unsure { sale_id, error } = outcome else {
        panic!("the answer was unreadable: {outcome:?}")
    };
    assert_eq!(
        error.kind(),
        dhmad_api::ErrorKind::OutcomeUnknown,
        "{error}"
    );
    assert_eq!(
        book.sale(sale_id).unwrap().unwrap().state,
        SaleState::CreateUnknown,
        "unsure, not failed"
    );
    let started = reconcile_sale(&book, &api, sale_id, RETURN, Utc::now(), &instant())
        .await
        .unwrap();
    let tag = format!(
        "#{}",
        book.sale(sale_id).unwrap().unwrap().reference.unwrap()
    );
    let made = escrows_tagged(&sim, &tag).await;
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].id.as_str(), started.escrow_id);
    assert_eq!(creates_sent(&sim).await, 1);
}

#[tokio::test]
async fn a_lost_sale_is_found_beyond_the_first_page() {
    let sim = Sim::start(0).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.post(
        "/faults",
        json!({"dropResponseRate": 1.0, "paths": ["/api/v1/escrows"], "methods": ["POST"]}),
    )
    .await;
    let outcome = charge(&book, &api, req("Buried"), RETURN, Utc::now())
        .await
        .unwrap();
    sim.delete("/faults").await;
    let Charge::Unsure { sale_id, .. } = outcome else {
        panic!("the answer was dropped: {outcome:?}")
    };
    // 120 newer escrows with the same title, amount and buyer push it to the second page.
    for _ in 0..120 {
        let mut other = CreateEscrow::new("Buried", Money::from_millimes(12_500), BUYER);
        other.mode = Some(EscrowMode::Instant);
        api.escrows().create(&other).await.unwrap();
    }
    let started = reconcile_sale(&book, &api, sale_id, RETURN, Utc::now(), &instant())
        .await
        .unwrap();
    let tag = format!(
        "#{}",
        book.sale(sale_id).unwrap().unwrap().reference.unwrap()
    );
    let made = escrows_tagged(&sim, &tag).await;
    assert_eq!(made.len(), 1);
    assert_eq!(
        made[0].id.as_str(),
        started.escrow_id,
        "its own escrow, not a look-alike"
    );
}

#[tokio::test]
async fn a_sale_being_checked_stays_unsure_when_the_lookups_fail() {
    let sim = Sim::start(0).await;
    // Short read retries: each of the dozen looks fails anyway.
    let api = dhmad_api::Client::builder(&sim.sim.demo().api_key)
        .base_url(sim.sim.base_url().parse().unwrap())
        .retry(dhmad_api::RetryConfig {
            max_retries: 1,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(10),
        })
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    // Every request to /escrows fails: the create's answer, then every lookup.
    sim.post(
        "/faults",
        json!({"errorRate": 1.0, "errorStatus": 503, "paths": ["/api/v1/escrows"]}),
    )
    .await;
    let outcome = charge(&book, &api, req("Offline"), RETURN, Utc::now())
        .await
        .unwrap();
    let Charge::Unsure { sale_id, .. } = outcome else {
        panic!("a 503 on a create is an unknown outcome: {outcome:?}")
    };
    let err = reconcile_sale(&book, &api, sale_id, RETURN, Utc::now(), &instant())
        .await
        .unwrap_err();
    sim.delete("/faults").await;
    assert_ne!(err.code(), merchant_core::ErrorCode::SaleFailed, "{err}");
    let sale = book.sale(sale_id).unwrap().unwrap();
    assert_eq!(
        sale.state,
        SaleState::CreateUnknown,
        "still not sure, never failed"
    );
    assert!(sale.last_error.unwrap().starts_with("Not sure yet"));
    assert_eq!(creates_sent(&sim).await, 1);
}

fn quick(title: &str) -> CreateEscrow {
    let mut r = CreateEscrow::new(title, Money::from_millimes(45_000), BUYER);
    r.mode = Some(EscrowMode::Quick);
    r.estimated_delivery_days = Some(2);
    r
}

#[tokio::test]
async fn new_escrow_with_a_late_committed_create_is_reconciled_through_the_same_path() {
    let sim = Sim::start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.post("/faults", late_commit(3_000)).await;
    let created = create_escrow(&sim.client(), &book, &quick("Carpet"), Utc::now())
        .await
        .unwrap();
    sim.delete("/faults").await;
    let Created::Unsure(pending) = created else {
        panic!("the answer was dropped: {created:?}")
    };
    let rec = reconcile_create(&sim.client(), &book, &pending, Utc::now(), &brisk())
        .await
        .unwrap();
    let tag = pending.reference.tag();
    assert_eq!(rec.title, format!("Carpet · {tag}"));
    let made = escrows_tagged(&sim, &tag).await;
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].id.as_str(), rec.id);
    assert!(book.escrow(&rec.id).unwrap().is_some(), "in the book");
    assert_eq!(creates_sent(&sim).await, 1);
}

#[tokio::test]
async fn new_escrow_dhmad_never_got_is_not_created_after_the_window() {
    let sim = Sim::start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();
    sim.post(
        "/faults",
        json!({"errorRate": 1.0, "errorStatus": 502, "paths": ["/api/v1/escrows"],
            "methods": ["POST"]}),
    )
    .await;
    let created = create_escrow(&sim.client(), &book, &quick("Never"), Utc::now())
        .await
        .unwrap();
    sim.delete("/faults").await;
    let Created::Unsure(pending) = created else {
        panic!("a 502 on a create is an unknown outcome: {created:?}")
    };
    sim.reset_requests().await;
    let err = reconcile_create(&sim.client(), &book, &pending, Utc::now(), &instant())
        .await
        .unwrap_err();
    assert_eq!(err.code(), merchant_core::ErrorCode::SaleFailed);
    assert!(err.to_string().starts_with("Not created"), "{err}");
    let looks = sim.requests().await;
    assert!(looks.len() >= 10, "looked again and again: {}", looks.len());
    assert!(
        looks.iter().all(|r| r["method"] == "GET"),
        "nothing re-sent"
    );
}
