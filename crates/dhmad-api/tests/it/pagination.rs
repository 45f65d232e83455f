//! `list_all` walks every page and stops on servers that never end.

use dhmad_api::{ApiError, EscrowStatus, ListEscrows};
use futures::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::client_for;

fn page_body(ids: &[String], page: u32, total: u64, pages: u32) -> Value {
    let escrows: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "title": "t", "amount": 10.5, "status": "paid", "seller": null, "buyer": null}))
        .collect();
    json!({"escrows": escrows, "pagination": {"page": page, "limit": 100, "total": total, "pages": pages}})
}

fn page_of(req: &Request) -> u32 {
    req.url
        .query_pairs()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(1)
}

#[tokio::test]
async fn streams_three_pages_in_order_and_stops() {
    let server = MockServer::start().await;
    for page in 1..=3u32 {
        let ids: Vec<String> = (0..2).map(|i| format!("p{page}e{i}")).collect();
        Mock::given(method("GET"))
            .and(path("/api/v1/escrows"))
            .and(query_param("page", page.to_string().as_str()))
            .and(query_param("limit", "100"))
            .and(query_param("status", "paid"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page_body(&ids, page, 6, 3)))
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
    let items: Vec<_> = client_for(&server)
        .escrows()
        .list_all(filter)
        .collect()
        .await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|r| r.unwrap().id.to_string())
        .collect();
    assert_eq!(ids, ["p1e0", "p1e1", "p2e0", "p2e1", "p3e0", "p3e1"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn an_empty_page_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_body(&[], 1, 0, 0)))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<_> = client_for(&server)
        .escrows()
        .list_all(ListEscrows::default())
        .collect()
        .await;
    assert!(items.is_empty());
}

/// Every page announces one more page than the current one, with fresh ids.
struct EndlessPages;

impl Respond for EndlessPages {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let page = page_of(req);
        let ids = vec![format!("e{page}")];
        ResponseTemplate::new(200).set_body_json(page_body(
            &ids,
            page,
            u64::from(page) + 1,
            page + 1,
        ))
    }
}

#[tokio::test]
async fn a_server_that_keeps_announcing_more_pages_is_cut_off() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(EndlessPages)
        .mount(&server)
        .await;
    let items: Vec<_> = client_for(&server)
        .escrows()
        .list_all(ListEscrows::default())
        .collect()
        .await;
    assert_eq!(
        items.len(),
        3,
        "two pages of escrows, then the error: {items:?}"
    );
    assert!(items[0].is_ok() && items[1].is_ok());
    assert!(matches!(&items[2], Err(ApiError::Protocol(m)) if m.contains("announced 2 pages")));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "page 3 never requested"
    );
}

/// Every page is the same page (a server ignoring `page`).
struct SamePage;

impl Respond for SamePage {
    fn respond(&self, _req: &Request) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(page_body(&["a".into(), "b".into()], 1, 1000, 10))
    }
}

#[tokio::test]
async fn a_repeated_page_is_cut_off() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(SamePage)
        .mount(&server)
        .await;
    let items: Vec<_> = client_for(&server)
        .escrows()
        .list_all(ListEscrows::default())
        .collect()
        .await;
    assert_eq!(items.len(), 3);
    assert!(matches!(&items[2], Err(ApiError::Protocol(m)) if m.contains("repeated")));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_error_mid_stream_ends_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_body(&["a".into()], 1, 2, 2)))
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
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1].as_ref().unwrap_err().kind(),
        dhmad_api::ErrorKind::NotAssociated
    );
}
