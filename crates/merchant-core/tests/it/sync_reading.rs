//! The sync reads every page whatever `pages`/`total` say, reports a `total` that disagrees,
//! keeps unreadable escrows in the book until a later sync reads them well, and stops a server
//! that repeats a page (wiremock: answers the simulator never gives).

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use dhmad_api::{Client, RetryConfig, Url};
use merchant_core::sync::ListShortfall;
use merchant_core::{Book, MerchantError, SyncReport, sync};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "sk_sandbox_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// What the mock server's `GET /escrows` answers.
struct Lists {
    /// Every escrow, newest first; the status lists are filtered from it.
    escrows: Vec<Value>,
    /// The `pagination` object of a page (`page`, records in the list); `None` leaves it out.
    meta: fn(usize, usize) -> Option<Value>,
    /// Ignore `page` and always answer the first page.
    repeat: bool,
}

#[derive(Clone)]
struct Server(Arc<Mutex<Lists>>);

impl Respond for Server {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let lists = self.0.lock().unwrap();
        let query = |key: &str| {
            req.url
                .query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        };
        let status = query("status");
        let mut page: usize = query("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        if lists.repeat {
            page = 1;
        }
        let list: Vec<&Value> = lists
            .escrows
            .iter()
            .filter(|e| status.as_deref().is_none_or(|s| e["status"] == s))
            .collect();
        let items: Vec<&Value> = list
            .iter()
            .skip((page - 1) * 100)
            .take(100)
            .copied()
            .collect();
        let mut body = json!({ "escrows": items });
        if let Some(meta) = (lists.meta)(page, list.len()) {
            body["pagination"] = meta;
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}

fn completed(i: usize) -> Value {
    json!({
        "id": format!("e{i:04}"), "title": format!("Sale {i}"), "amount": 12.5, "escrowFee": 0.625,
        "status": "completed", "mode": "instant", "buyer": null,
        "createdAt": format!("2026-01-01T00:{:02}:{:02}Z", i / 60 % 60, i % 60),
    })
}

async fn start(
    escrows: Vec<Value>,
    meta: fn(usize, usize) -> Option<Value>,
) -> (MockServer, Server) {
    let server = MockServer::start().await;
    let lists = Server(Arc::new(Mutex::new(Lists {
        escrows,
        meta,
        repeat: false,
    })));
    Mock::given(method("GET"))
        .and(path("/api/v1/escrows"))
        .respond_with(lists.clone())
        .mount(&server)
        .await;
    (server, lists)
}

fn client(server: &MockServer) -> Client {
    Client::builder(KEY)
        .base_url(Url::parse(&format!("{}/api/v1", server.uri())).unwrap())
        .retry(RetryConfig {
            max_retries: 0,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
        })
        .build()
        .unwrap()
}

async fn run_sync(book: &Book, server: &MockServer) -> merchant_core::Result<SyncReport> {
    let cancel = AtomicBool::new(false);
    sync(book, &client(server), |_| {}, &cancel, Utc::now()).await
}

fn book(dir: &tempfile::TempDir) -> Book {
    Book::open(dir.path().join("book.sqlite")).unwrap()
}

fn count(book: &Book) -> u64 {
    book.freshness().unwrap().escrow_count
}

fn history(n: usize) -> Vec<Value> {
    (0..n).rev().map(completed).collect()
}

#[tokio::test]
async fn pages_without_pages_are_all_read() {
    let (server, _) = start(history(250), |page, total| {
        Some(json!({"page": page, "limit": 100, "total": total}))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir);
    let report = run_sync(&book, &server).await.unwrap();
    assert_eq!(count(&book), 250);
    assert_eq!(report.new, 250);
    assert!(report.shortfalls.is_empty(), "{report:?}");
    // Three pages of the whole list, one empty page for each active list.
    assert_eq!(report.requests, 6);
}

#[tokio::test]
async fn pages_without_pages_and_total_are_all_read() {
    let (server, _) = start(history(230), |page, _| Some(json!({"page": page}))).await;
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir);
    run_sync(&book, &server).await.unwrap();
    assert_eq!(count(&book), 230);
}

#[tokio::test]
async fn a_total_too_small_is_read_past_and_reported() {
    let (server, _) = start(history(250), |page, _| {
        Some(json!({"page": page, "limit": 100, "total": 150, "pages": 2}))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir);
    let report = run_sync(&book, &server).await.unwrap();
    assert_eq!(count(&book), 250);
    assert_eq!(
        report.shortfalls[0],
        ListShortfall {
            endpoint: "GET /escrows".into(),
            read: 250,
            announced: 150
        }
    );
    // The (empty) status lists announce 150 too: each disagreement is reported.
    assert_eq!(report.shortfalls.len(), 4, "{:?}", report.shortfalls);
}

#[tokio::test]
async fn a_total_too_large_is_reported_as_n_of_m_read() {
    let (server, _) = start(history(120), |page, _| {
        Some(json!({"page": page, "limit": 100, "total": 1000, "pages": 10}))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir);
    let report = run_sync(&book, &server).await.unwrap();
    assert_eq!(count(&book), 120);
    let all = &report.shortfalls[0];
    assert_eq!(
        (all.endpoint.as_str(), all.read, all.announced),
        ("GET /escrows", 120, 1000)
    );
    // The (empty) status lists also announce 1000: each is reported.
    assert_eq!(report.shortfalls.len(), 4, "{:?}", report.shortfalls);
}

#[tokio::test]
async fn a_server_repeating_the_same_full_page_is_an_error_not_a_hang() {
    let (server, lists) = start(history(300), |page, total| {
        Some(json!({"page": page, "limit": 100, "total": total, "pages": 3}))
    })
    .await;
    lists.0.lock().unwrap().repeat = true;
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir);
    let result = tokio::time::timeout(Duration::from_secs(10), run_sync(&book, &server))
        .await
        .expect("the sync ended");
    let err = result.unwrap_err();
    assert!(
        matches!(&err, MerchantError::Api(e) if e.to_string().contains("repeated")),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_malformed_escrow_is_kept_aside_until_the_server_sends_it_well_formed() {
    let mut escrows = history(3);
    escrows[1]["amount"] = json!("12.5001");
    escrows[1]["buyer"] = json!({"_id": "u1", "email": "amira@example.tn"});
    let (server, lists) = start(escrows, |page, total| {
        Some(json!({"page": page, "limit": 100, "total": total}))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir);

    let report = run_sync(&book, &server).await.unwrap();
    assert_eq!(report.unreadable, 1);
    assert_eq!(report.new, 2, "the others are stored");
    assert!(book.escrow("e0000").unwrap().is_some());
    assert!(book.escrow("e0002").unwrap().is_some());
    assert!(book.escrow("e0001").unwrap().is_none());
    let bad = book.unreadable_records().unwrap();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].record_id.as_deref(), Some("e0001"));
    assert_eq!(bad[0].endpoint, "GET /escrows");
    assert!(
        bad[0].reason.contains("more than 3 decimals"),
        "{}",
        bad[0].reason
    );
    assert!(!bad[0].raw.contains("amira@example.tn"), "{}", bad[0].raw);
    assert!(bad[0].raw.contains("<redacted e-mail>"), "{}", bad[0].raw);
    assert_eq!(bad[0].first_seen, bad[0].last_seen);

    // Still malformed: still one record, seen again.
    run_sync(&book, &server).await.unwrap();
    let again = book.unreadable_records().unwrap();
    assert_eq!(again.len(), 1);
    assert!(again[0].last_seen >= bad[0].last_seen);
    assert_eq!(again[0].first_seen, bad[0].first_seen);

    // The server sends it well-formed: stored, and gone from the unreadable table.
    lists.0.lock().unwrap().escrows[1]["amount"] = json!("12.500");
    let report = run_sync(&book, &server).await.unwrap();
    assert_eq!(report.unreadable, 0);
    assert_eq!(book.escrow("e0001").unwrap().unwrap().amount, 12_500);
    assert!(book.unreadable_records().unwrap().is_empty());
    assert_eq!(book.unreadable_count().unwrap(), 0);
}

#[tokio::test]
async fn an_unreadable_record_without_id_leaves_once_a_full_read_no_longer_meets_it() {
    let mut escrows = history(2);
    escrows.push(json!({"title": "no id at all"}));
    let (server, lists) = start(escrows, |page, _| Some(json!({"page": page}))).await;
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir);
    run_sync(&book, &server).await.unwrap();
    let bad = book.unreadable_records().unwrap();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].record_id, None);
    assert!(
        bad[0].reason.contains("without `id` or `_id`"),
        "{}",
        bad[0].reason
    );
    lists.0.lock().unwrap().escrows.pop();
    // A full read (a fresh book) of the same endpoint no longer meets it.
    book.write(|tx| {
        let mut state = tx.sync_state()?;
        state.last_full_sync_at = None;
        tx.set_sync_state(&state)
    })
    .unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await;
    run_sync(&book, &server).await.unwrap();
    assert!(book.unreadable_records().unwrap().is_empty());
}
