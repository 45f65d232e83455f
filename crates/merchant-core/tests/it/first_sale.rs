//! The first sale after a start is not held behind the start's first sync: with 150 ms of
//! latency on every request (the simulator's fault injection) and a sync that has used every
//! request slot it may take, "Charge" sends `POST /escrows` within 20 ms.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use dhmad_api::transport::{
    BoxFuture, HttpRequest, HttpResponse, ReqwestTransport, Transport, TransportError,
};
use dhmad_api::{Client, Money, RateLimitConfig};
use merchant_core::book::SaleState;
use merchant_core::settings::SaleMode;
use merchant_core::{Book, Charge, SaleRequest, charge};
use reqwest::Method;
use serde_json::json;

use crate::sim::Sim;

const RETURN: &str = "https://merchant.example/return";
const BUYER: &str = "amine@example.tn";
const LATENCY_MS: u64 = 150;
/// Longest time from "Charge" to the create leaving the app.
const SENT_WITHIN: Duration = Duration::from_millis(20);
/// Past escrows: 15 pages, more than the sync can read before its budget is spent.
const HISTORY: usize = 1_500;
/// No request for this long: the sync is waiting (a page and its store take far less).
const QUIET: Duration = Duration::from_millis(4 * LATENCY_MS);

/// DHMAD's limit (100 requests a minute) scaled down, in the simulator and the client's budget
/// alike, so the sync spends what it may use in about a second and a half instead of fifteen.
const PER_MINUTE: u32 = 10;

/// The foreground reserve scaled with it: the two requests of one sale.
fn scaled_budget() -> RateLimitConfig {
    RateLimitConfig {
        requests_per_window: PER_MINUTE,
        foreground_reserve: 2,
        ..RateLimitConfig::default()
    }
}

/// The real HTTP stack, noting when each request is handed to it (after the client's budget).
#[derive(Debug)]
struct Recording {
    inner: ReqwestTransport,
    sent: Mutex<Vec<(Instant, Method, String)>>,
}

impl Recording {
    fn first(&self, method: &Method, path: &str) -> Option<Instant> {
        let sent = self.sent.lock().unwrap();
        sent.iter()
            .find(|(_, m, p)| m == method && p == path)
            .map(|(at, _, _)| *at)
    }

    fn count(&self) -> usize {
        self.sent.lock().unwrap().len()
    }
}

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let entry = (
            Instant::now(),
            request.method.clone(),
            request.url.path().to_owned(),
        );
        self.sent.lock().unwrap().push(entry);
        self.inner.send(request)
    }
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "{what} did not happen in 20 s");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

// Two workers, as the app's runtime has on a two-core machine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_charged_during_the_first_sync_is_sent_at_once() {
    let sim = Sim::start_with(HISTORY, Some(PER_MINUTE)).await;
    sim.post(
        "/users",
        json!({"email": BUYER, "firstName": "Amine", "lastName": "Trabelsi", "balance": 500}),
    )
    .await;
    sim.post("/faults", json!({ "latencyMs": LATENCY_MS }))
        .await;
    let transport = Arc::new(Recording {
        inner: ReqwestTransport::new(Duration::from_secs(10), Duration::from_secs(30), "test")
            .unwrap(),
        sent: Mutex::new(Vec::new()),
    });
    let client = Client::builder(sim.sim.demo().api_key)
        .base_url(sim.sim.base_url().parse().unwrap())
        .rate_limit(scaled_budget())
        .transport(transport.clone())
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("b.sqlite3")).unwrap();

    let sync = tokio::spawn({
        let (book, client) = (book.clone(), client.clone());
        async move {
            let cancel = AtomicBool::new(false);
            merchant_core::sync(&book, &client, |_| {}, &cancel, Utc::now()).await
        }
    });
    // The sync has sent what it may and now waits for a slot, as a first sync of a large book
    // does once it has read 100 pages in a minute: nothing sent for four round trips.
    let mut last = (0, Instant::now());
    until("the sync spending its budget", || {
        let sent = transport.count();
        if sent != last.0 {
            last = (sent, Instant::now());
        }
        sent > 0 && last.1.elapsed() >= QUIET
    })
    .await;
    assert!(!sync.is_finished(), "the first sync is still running");

    let charged_at = Instant::now();
    let sale = SaleRequest {
        amount: Money::from_millimes(4_200),
        title: "First sale".into(),
        buyer_email: BUYER.into(),
        mode: SaleMode::Instant,
    };
    let charged = tokio::time::timeout(
        Duration::from_secs(5),
        charge(&book, &client, sale, RETURN, Utc::now()),
    )
    .await;
    let create_sent = transport.first(&Method::POST, "/api/v1/escrows");
    sync.abort();
    let Some(create_sent) = create_sent else {
        panic!("POST /escrows was not sent within 5 s of Charge (the sync holds the budget)");
    };
    let waited = create_sent - charged_at;
    assert!(
        waited <= SENT_WITHIN,
        "POST /escrows sent {waited:?} after Charge (at most {SENT_WITHIN:?})"
    );
    let Ok(Ok(Charge::Started(started))) = charged else {
        panic!("the sale did not get its link: {charged:?}");
    };
    let stored = book.sale(started.sale_id).unwrap().unwrap();
    assert_eq!(stored.state, SaleState::AwaitingPayment);
    assert!(started.checkout_url.starts_with("http"));
}
