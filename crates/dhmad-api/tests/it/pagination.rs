//! `list_all` reads until a short or empty page whatever `pages`/`total` say, reports a `total`
//! that disagrees, keeps unreadable records, and stops servers that never end.

use dhmad_api::escrows::{ListSummary, Listed};
use dhmad_api::{ApiError, EscrowPage, EscrowStatus, ListEscrows, PageGuard};
use futures::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client_for;

fn escrow(id: &str) -> Value {
    json!({"id": id, "title": "t", "amount": 10.5, "status": "paid", "seller": null, "buyer": null})
}

/// A page of `count` escrows numbered from `first`, with the given `pagination` (or none).
fn page_body(first: usize, count: usize, pagination: Option<Value>) -> Value {
    let escrows: Vec<Value> = (first..first + count)
        .map(|i| escrow(&format!("e{i}")))
        .collect();
    match pagination {
        Some(p) => json!({"escrows": escrows, "pagination": p}),
        None => json!({"escrows": escrows}),
    }
}

fn page_of(req: &Request) -> usize {
    req.url
        .query_pairs()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(1)
}

/// Serves `total_records` escrows 100 per page, with pagination from `meta(page)`.
struct Pages<F> {
    total_records: usize,
    meta: F,
}

impl<F: Fn(usize) -> Option<Value> + Send + Sync> Respond for Pages<F> {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let page = page_of(req);
        let first = (page - 1) * 100;
        let count = self.total_records.saturating_sub(first).min(100);
        ResponseTemplate::new(200).set_body_json(page_body(first, count, (self.meta)(page)))
    }
}

async fn serve<F: Fn(usize) -> Option<Value> + Send + Sync + 'static>(
    total_records: usize,
    meta: F,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/escrows"))
        .respond_with(Pages {
            total_records,
            meta,
        })
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

async fn read_all(server: &MockServer) -> dhmad_api::escrows::AllEscrows {
    client_for(server)
        .escrows()
        .read_all(ListEscrows::default())
        .await
        .unwrap()
}

#[tokio::test]
async fn reads_three_pages_in_order_with_the_filter_and_says_it_agrees() {
    let server = MockServer::start().await;
    for page in 1..=3usize {
        let count = if page == 3 { 2 } else { 100 };
        let meta = json!({"page": page, "limit": 100, "total": 202, "pages": 3});
        Mock::given(method("GET"))
            .and(path("/api/v1/escrows"))
            .and(query_param("page", page.to_string().as_str()))
            .and(query_param("limit", "100"))
            .and(query_param("status", "paid"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page_body(
                (page - 1) * 100,
                count,
                Some(meta),
            )))
            .expect(1)
            .mount(&server)
            .await;
    }
    let filter = ListEscrows {
        status: Some(EscrowStatus::Paid),
        page: Some(7),
        limit: Some(5),
        ..Default::default()
    };
    let all = client_for(&server)
        .escrows()
        .read_all(filter)
        .await
        .unwrap();
    let ids: Vec<String> = all.escrows.iter().map(|e| e.id.to_string()).collect();
    let expected: Vec<String> = (0..202).map(|i| format!("e{i}")).collect();
    assert_eq!(ids, expected);
    assert_eq!(
        all.summary,
        ListSummary {
            received: 202,
            announced_total: Some(202)
        }
    );
    assert_eq!(all.summary.shortfall(), None);
}

/// Pages without `pages` must not end the read after page one (a silent loss of escrows).
#[tokio::test]
async fn pages_without_pages_are_read_to_the_short_page() {
    let server = serve(250, |page| {
        Some(json!({"page": page, "limit": 100, "total": 250}))
    })
    .await;
    let all = read_all(&server).await;
    assert_eq!(all.escrows.len(), 250);
    assert_eq!(all.summary.shortfall(), None);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn pages_without_pages_and_total_are_read_to_the_short_page() {
    let server = serve(300, |page| Some(json!({"page": page, "limit": 100}))).await;
    let all = read_all(&server).await;
    assert_eq!(all.escrows.len(), 300);
    assert_eq!(all.summary.announced_total, None);
    // 300 is three full pages: the fourth, empty, ends the read.
    assert_eq!(requests(&server).await, 4);
}

#[tokio::test]
async fn pages_with_no_pagination_at_all_are_read_to_the_short_page() {
    let server = serve(150, |_| None).await;
    assert_eq!(read_all(&server).await.escrows.len(), 150);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_total_that_is_too_small_does_not_stop_the_read_and_is_reported() {
    let server = serve(250, |page| {
        Some(json!({"page": page, "limit": 100, "total": 150, "pages": 2}))
    })
    .await;
    let all = read_all(&server).await;
    assert_eq!(
        all.escrows.len(),
        250,
        "page 3 is read although `pages` is 2"
    );
    assert_eq!(all.summary.shortfall(), Some((250, 150)));
}

#[tokio::test]
async fn a_total_that_is_too_large_is_reported_after_the_short_page() {
    let server = serve(120, |page| {
        Some(json!({"page": page, "limit": 100, "total": 1000, "pages": 10}))
    })
    .await;
    let all = read_all(&server).await;
    assert_eq!(all.escrows.len(), 120);
    assert_eq!(all.summary.shortfall(), Some((120, 1000)));
    assert_eq!(requests(&server).await, 2, "the short page ends it");
}

/// A server that ignores `page` and serves the same full page forever.
struct SamePage;

impl Respond for SamePage {
    fn respond(&self, _req: &Request) -> ResponseTemplate {
        let meta = json!({"page": 1, "limit": 100, "total": 100000, "pages": 1000});
        ResponseTemplate::new(200).set_body_json(page_body(0, 100, Some(meta)))
    }
}

#[tokio::test]
async fn a_server_repeating_the_same_full_page_forever_is_an_error_not_a_hang() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(SamePage)
        .mount(&server)
        .await;
    let items: Vec<_> = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        client_for(&server)
            .escrows()
            .list_all(ListEscrows::default())
            .collect(),
    )
    .await
    .expect("the read ended");
    assert_eq!(items.len(), 101, "one page of escrows, then the error");
    assert!(
        matches!(&items[100], Err(ApiError::Protocol(m)) if m.contains("repeated")),
        "{:?}",
        items[100]
    );
    assert_eq!(requests(&server).await, 2);
}

/// Fresh full pages forever: the hard cap ends it (the guard alone, so the test needs no
/// 10,000 requests).
#[test]
fn fresh_full_pages_forever_stop_at_the_hard_cap() {
    let mut guard = PageGuard::with_max_pages(100, 5);
    let mut result = Ok(true);
    let mut page = 0;
    while let Ok(true) = result {
        let body = page_body(page * 100, 100, None);
        let decoded: EscrowPage = serde_json::from_value(body).unwrap();
        result = guard.after_page(&decoded);
        page += 1;
    }
    assert_eq!(page, 5);
    assert!(matches!(result, Err(ApiError::Protocol(m)) if m.contains("more than 5 pages")));
}

#[tokio::test]
async fn an_unreadable_record_is_listed_apart_and_counts_as_received() {
    let server = MockServer::start().await;
    let mut body = page_body(0, 100, Some(json!({"page": 1, "limit": 100, "total": 101})));
    body["escrows"][5]["amount"] = json!("12.3456");
    body["escrows"][6] = json!({"title": "no id", "buyer": {"email": "x@y.tn"}});
    Mock::given(method("GET"))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_body(100, 1, None)))
        .mount(&server)
        .await;
    let items: Vec<Listed> = client_for(&server)
        .escrows()
        .list_all(ListEscrows::default())
        .map(Result::unwrap)
        .collect()
        .await;
    let bad: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Listed::Unreadable(u) => Some(u),
            _ => None,
        })
        .collect();
    assert_eq!(bad.len(), 2);
    assert_eq!(bad[0].id.as_deref(), Some("e5"));
    assert!(bad[0].reason.contains("amount"), "{}", bad[0].reason);
    assert!(bad[0].reason.contains("more than 3 decimals"));
    assert_eq!(bad[1].id, None);
    assert_eq!(bad[1].raw["title"], "no id");
    let good = items
        .iter()
        .filter(|i| matches!(i, Listed::Escrow(_)))
        .count();
    assert_eq!(good, 99, "98 of page one and the one of page two");
    assert_eq!(
        items.last(),
        Some(&Listed::End(ListSummary {
            received: 101,
            announced_total: Some(101)
        })),
        "a page of 98 readable + 2 unreadable is full, so page two is read"
    );
}

#[tokio::test]
async fn an_empty_page_ends_the_stream() {
    let server = serve(0, |_| {
        Some(json!({"page": 1, "limit": 100, "total": 0, "pages": 0}))
    })
    .await;
    let all = read_all(&server).await;
    assert!(all.escrows.is_empty() && all.unreadable.is_empty());
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_server_serving_fewer_than_asked_says_so_in_limit_and_is_read_on() {
    // Asked 100, the server caps at 20 and says so: a page of 20 is full.
    let server = MockServer::start().await;
    for page in 1..=3usize {
        let count = if page == 3 { 5 } else { 20 };
        Mock::given(method("GET"))
            .and(query_param("page", page.to_string().as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(page_body(
                (page - 1) * 20,
                count,
                Some(json!({"page": page, "limit": 20})),
            )))
            .mount(&server)
            .await;
    }
    assert_eq!(read_all(&server).await.escrows.len(), 45);
}

#[tokio::test]
async fn an_error_mid_stream_ends_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_body(0, 100, None)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(403).set_body_string(crate::fixture("error_403_not_associated")),
        )
        .mount(&server)
        .await;
    let items: Vec<_> = client_for(&server)
        .escrows()
        .list_all(ListEscrows::default())
        .collect()
        .await;
    assert_eq!(items.len(), 101);
    assert_eq!(
        items[100].as_ref().unwrap_err().kind(),
        dhmad_api::ErrorKind::NotAssociated
    );
}
