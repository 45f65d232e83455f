//! Control API: faults (drop after processing, late commit, garbled answers, injected errors),
//! request log, clock.

use crate::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn dropped_response_still_creates_the_escrow() {
    let t = Ctx::new().await;
    let (s, _) = t
        .sim_post(
            "/faults",
            json!({"dropResponseRate": 1.0, "paths": ["/api/v1/escrows"]}),
        )
        .await;
    assert_eq!(s, 200);
    let r =
        t.c.post(format!("{}/escrows", t.base))
            .bearer_auth(&t.key)
            .json(&quick("b@x.tn", 10.0))
            .send()
            .await;
    let err = r.expect_err("the connection must close without a response");
    assert!(!err.is_status() && !err.is_timeout(), "{err:?}");
    // Other paths are untouched; the escrow exists.
    let (s, v) = t.get("/me").await;
    assert_eq!(s, 200, "{v}");
    t.sim(Method::DELETE, "/faults", None).await;
    let (_, list) = t.get("/escrows").await;
    assert_eq!(list["pagination"]["total"], json!(1));
    let (_, reqs) = t.sim(Method::GET, "/requests", None).await;
    let first = &reqs["requests"][0];
    assert_eq!(
        (
            first["method"].clone(),
            first["path"].clone(),
            first["status"].clone()
        ),
        (json!("POST"), json!("/api/v1/escrows"), json!(0))
    );
}

#[tokio::test]
async fn injected_errors_are_not_processed_and_requests_are_counted() {
    let t = Ctx::new().await;
    t.sim(Method::DELETE, "/requests", None).await;
    t.sim_post("/faults", json!({"errorRate": 1.0, "errorStatus": 503}))
        .await;
    let (s, v) = t.post("/escrows", quick("b@x.tn", 10.0)).await;
    assert_eq!(
        (s, v),
        (
            503,
            json!({"error": "Service Unavailable", "message": "The service is temporarily unavailable. Please try again later."})
        )
    );
    t.sim_post("/faults", json!({"errorRate": 1.0, "errorStatus": 429}))
        .await;
    assert_eq!(
        t.get("/me").await,
        (
            429,
            json!({"error": "Too Many Requests", "message": "Rate limit exceeded. Please try again later."})
        )
    );
    t.sim(Method::DELETE, "/faults", None).await;
    let (_, list) = t.get("/escrows?status=pending").await;
    assert_eq!(list["pagination"]["total"], json!(0));
    let (_, reqs) = t.sim(Method::GET, "/requests", None).await;
    assert_eq!(reqs["count"], json!(3));
    assert_eq!(reqs["requests"][2]["query"], json!("status=pending"));
    let (s, _) = t.sim_post("/faults", json!({"errorRate": 2.0})).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn a_late_commit_drops_the_answer_then_creates_the_escrow_seconds_later() {
    let t = Ctx::new().await;
    let fault = json!({"lateCommitRate": 1.0, "lateCommitMs": 1500, "paths": ["/api/v1/escrows"],
        "methods": ["POST"]});
    assert_eq!(t.sim_post("/faults", fault).await.0, 200);
    let sent = std::time::Instant::now();
    let r =
        t.c.post(format!("{}/escrows", t.base))
            .bearer_auth(&t.key)
            .json(&quick("b@x.tn", 10.0))
            .send()
            .await;
    let err = r.expect_err("the connection must close without a response");
    assert!(!err.is_status() && !err.is_timeout(), "{err:?}");
    assert!(
        sent.elapsed() < std::time::Duration::from_millis(1000),
        "the answer is dropped at once, not after the commit"
    );
    t.sim(Method::DELETE, "/faults", None).await;
    let (_, list) = t.get("/escrows").await;
    assert_eq!(list["pagination"]["total"], json!(0), "not committed yet");
    tokio::time::sleep(std::time::Duration::from_millis(2000)).await;
    let (_, list) = t.get("/escrows").await;
    assert_eq!(list["pagination"]["total"], json!(1), "committed late");
    assert_eq!(list["escrows"][0]["buyerEmail"], json!("b@x.tn"));
}

#[tokio::test]
async fn a_garbled_answer_keeps_its_status_and_the_write() {
    let t = Ctx::new().await;
    let fault = json!({"garbleResponseRate": 1.0, "paths": ["/api/v1/escrows"],
        "methods": ["POST"]});
    assert_eq!(t.sim_post("/faults", fault).await.0, 200);
    let r =
        t.c.post(format!("{}/escrows", t.base))
            .bearer_auth(&t.key)
            .json(&quick("b@x.tn", 10.0))
            .send()
            .await
            .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let body = r.text().await.unwrap();
    assert!(body.starts_with("<html>"), "{body}");
    t.sim(Method::DELETE, "/faults", None).await;
    assert_eq!(t.get("/escrows").await.1["pagination"]["total"], json!(1));
}

#[tokio::test]
async fn fault_rates_and_delays_out_of_bounds_are_refused() {
    let t = Ctx::new().await;
    for bad in [
        json!({"lateCommitRate": 1.5}),
        json!({"garbleResponseRate": -0.1}),
        json!({"lateCommitMs": 120_001}),
    ] {
        let (s, v) = t.sim_post("/faults", bad.clone()).await;
        assert_eq!(s, 400, "{bad} → {v}");
    }
}

#[tokio::test]
async fn latency_is_applied() {
    let t = Ctx::new().await;
    t.sim_post("/faults", json!({"latencyMs": 300})).await;
    let start = std::time::Instant::now();
    assert_eq!(t.get("/me").await.0, 200);
    assert!(start.elapsed() >= std::time::Duration::from_millis(300));
}

#[tokio::test]
async fn clock_and_reset() {
    let t = Ctx::new().await;
    let (_, c0) = t.sim(Method::GET, "/clock", None).await;
    assert_eq!(c0["offsetSeconds"], json!(0));
    t.advance(86_400).await;
    let (_, c1) = t.sim(Method::GET, "/clock", None).await;
    assert_eq!(c1["offsetSeconds"], json!(86_400));
    t.escrow(quick("b@x.tn", 10.0)).await;
    let (s, v) = t.sim_post("/reset", json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(v["demo"]["apiKey"], json!(t.key));
    assert_eq!(t.get("/escrows").await.1["pagination"]["total"], json!(0));
    assert_eq!(
        t.sim(Method::GET, "/clock", None).await.1["offsetSeconds"],
        json!(0)
    );
    assert_eq!(
        t.sim(Method::GET, "/webhooks", None).await.1,
        json!({"count": 0, "deliveries": []})
    );
}

/// Seconds between the `Date` header of a `GET /me` answer and the real clock.
async fn date_ahead_of_real_time(t: &Ctx) -> i64 {
    let r =
        t.c.get(format!("{}/me", t.base))
            .bearer_auth(&t.key)
            .send()
            .await
            .unwrap();
    let date = r.headers()["date"].to_str().unwrap().to_owned();
    let server = chrono::DateTime::parse_from_rfc2822(&date)
        .unwrap_or_else(|e| panic!("Date {date:?} is not an HTTP date: {e}"));
    server.timestamp() - chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn the_date_header_follows_the_simulated_clock() {
    let t = Ctx::new().await;
    assert!(date_ahead_of_real_time(&t).await.abs() <= 2);
    t.advance(600).await;
    let ahead = date_ahead_of_real_time(&t).await;
    assert!((598..=601).contains(&ahead), "Date is {ahead} s ahead");
}
