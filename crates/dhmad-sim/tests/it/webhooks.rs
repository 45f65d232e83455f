//! Webhook management (§2.17) and signed deliveries to a local receiver (§6.2–6.4).

use crate::common::*;
use axum::extract::State;
use axum::http::HeaderMap;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A local webhook receiver: answers with queued statuses (then 200) and keeps every request.
#[derive(Default)]
struct Receiver {
    answers: Mutex<VecDeque<u16>>,
    hits: Mutex<Vec<(HeaderMap, Bytes, Instant)>>,
}

async fn receive(
    State(r): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::http::StatusCode {
    r.hits.lock().unwrap().push((headers, body, Instant::now()));
    let code = r.answers.lock().unwrap().pop_front().unwrap_or(200);
    axum::http::StatusCode::from_u16(code).unwrap()
}

/// Starts a receiver on 127.0.0.1:0; returns it and its URL.
async fn receiver(answers: &[u16]) -> (Arc<Receiver>, String) {
    let r = Arc::new(Receiver::default());
    r.answers.lock().unwrap().extend(answers);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks/dhmad", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .route("/hooks/dhmad", axum::routing::post(receive))
        .with_state(r.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (r, url)
}

impl Receiver {
    fn count(&self) -> usize {
        self.hits.lock().unwrap().len()
    }
    async fn wait_for(&self, n: usize) {
        let end = Instant::now() + Duration::from_secs(8);
        while self.count() < n {
            assert!(
                Instant::now() < end,
                "only {} of {n} deliveries arrived",
                self.count()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    fn hit(&self, k: usize) -> (HeaderMap, Bytes, Instant) {
        self.hits.lock().unwrap()[k].clone()
    }
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).map(|v| v.to_str().unwrap()).unwrap_or_default()
}

/// Calls `/api/developer/webhooks…` with a bearer token.
async fn dev(
    t: &Ctx,
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut rb =
        t.c.request(method, format!("{}/api/developer/webhooks{path}", t.origin));
    if let Some(tok) = token {
        rb = rb.bearer_auth(tok);
    }
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let r = rb.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn register(t: &Ctx, url: &str, events: Option<Value>) -> (String, String) {
    let token = t.sim.demo().developer_token;
    let mut body = json!({ "url": url });
    if let Some(e) = events {
        body["events"] = e;
    }
    let (s, v) = dev(t, Some(&token), Method::POST, "", Some(body)).await;
    assert_eq!(s, 201, "{v}");
    (
        v["webhook"]["id"].as_str().unwrap().to_owned(),
        v["webhook"]["secret"].as_str().unwrap().to_owned(),
    )
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[tokio::test]
async fn management_crud_and_errors() {
    let t = Ctx::new().await;
    let token = t.sim.demo().developer_token;
    let tok = Some(token.as_str());
    let unauthorized =
        json!({"error": "Unauthorized", "message": "Invalid or missing developer token"});
    assert_eq!(
        dev(&t, None, Method::GET, "", None).await,
        (401, unauthorized.clone())
    );
    assert_eq!(
        dev(&t, Some(&t.key), Method::GET, "", None).await,
        (401, unauthorized.clone())
    );

    let hook = "http://127.0.0.1:9/hooks";
    let (s, v) = dev(&t, tok, Method::POST, "", Some(json!({"url": hook}))).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["message"], json!("Webhook created successfully"));
    let w = v["webhook"].as_object().unwrap();
    let mut keys: Vec<&str> = w.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["createdAt", "events", "id", "isActive", "secret", "url"]
    );
    assert_eq!(w["events"], json!(["escrow.status.updated"]));
    assert_eq!(
        (w["url"].clone(), w["isActive"].clone()),
        (json!(hook), json!(true))
    );
    assert!(is_hex64(w["secret"].as_str().unwrap()), "{v}");
    let id = w["id"].as_str().unwrap().to_owned();

    for (body, error) in [
        (json!({"url": "not a url"}), "Invalid URL format"),
        (json!({"url": "ftp://127.0.0.1/x"}), "Invalid URL format"),
        (
            json!({"url": "https://example.com/hook"}),
            "The sandbox simulator only delivers webhooks to loopback URLs (127.0.0.0/8, ::1, localhost)",
        ),
        (
            json!({"url": hook, "events": ["escrow.paid"]}),
            "Invalid event type: escrow.paid",
        ),
        (
            json!({"url": hook, "events": []}),
            "At least one event type is required",
        ),
        (json!({}), "URL is required"),
    ] {
        assert_eq!(
            dev(&t, tok, Method::POST, "", Some(body.clone())).await,
            (400, json!({"error": error})),
            "{body}"
        );
    }
    let (s, v) = dev(&t, tok, Method::POST, "", Some(json!({"url": "http://localhost:8080/h", "events": ["contract.signed", "escrow.proof.submitted", "contract.signed"]}))).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(
        v["webhook"]["events"],
        json!(["contract.signed", "escrow.proof.submitted"])
    );
    let (s, v) = dev(
        &t,
        tok,
        Method::POST,
        "",
        Some(json!({"url": "http://[::1]:8080/h"})),
    )
    .await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"error": "Maximum 2 webhooks allowed per developer"})
        )
    );

    let (s, v) = dev(&t, tok, Method::GET, "", None).await;
    assert_eq!(s, 200);
    let list = v["webhooks"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], json!(id));
    assert!(list[0].get("secret").is_none(), "{v}");
    assert_eq!(
        (
            list[0]["lastTriggeredAt"].clone(),
            list[0]["lastResponseStatus"].clone(),
            list[0]["failureCount"].clone()
        ),
        (Value::Null, Value::Null, json!(0))
    );
    assert!(list[0]["updatedAt"].is_string());

    let (s, v) = dev(&t, tok, Method::GET, &format!("/{id}"), None).await;
    assert_eq!((s, v["webhook"].clone()), (200, list[0].clone()));
    let not_found = (404, json!({"error": "Webhook not found"}));
    assert_eq!(
        dev(&t, tok, Method::GET, "/0123456789abcdef01234567", None).await,
        not_found
    );
    // Another developer cannot see it.
    let (_, other) = t
        .sim_post(
            "/developers",
            json!({"email": "other@dev.tn", "companyName": "Other"}),
        )
        .await;
    let other_token = other["developerToken"].as_str().unwrap();
    assert_eq!(
        dev(&t, Some(other_token), Method::GET, &format!("/{id}"), None).await,
        not_found
    );
    assert_eq!(
        dev(&t, Some(other_token), Method::GET, "", None).await,
        (200, json!({"webhooks": []}))
    );

    let (s, v) = dev(
        &t,
        tok,
        Method::PUT,
        &format!("/{id}"),
        Some(json!({"isActive": false, "events": ["escrow.updated"]})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["message"], json!("Webhook updated successfully"));
    assert_eq!(
        (
            v["webhook"]["isActive"].clone(),
            v["webhook"]["events"].clone()
        ),
        (json!(false), json!(["escrow.updated"]))
    );
    assert_eq!(
        dev(
            &t,
            tok,
            Method::PUT,
            &format!("/{id}"),
            Some(json!({"isActive": "no"}))
        )
        .await,
        (400, json!({"error": "isActive must be a boolean"}))
    );
    assert_eq!(
        dev(
            &t,
            tok,
            Method::PUT,
            &format!("/{id}"),
            Some(json!({"url": "http://10.0.0.1/h"}))
        )
        .await
        .0,
        400
    );

    let (s, v) = dev(
        &t,
        tok,
        Method::POST,
        &format!("/{id}/regenerate-secret"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["message"],
        json!("Webhook secret regenerated successfully")
    );
    let secret = v["secret"].as_str().unwrap();
    assert!(is_hex64(secret) && secret != w["secret"].as_str().unwrap());

    assert_eq!(
        dev(&t, tok, Method::DELETE, &format!("/{id}"), None).await,
        (200, json!({"message": "Webhook deleted successfully"}))
    );
    assert_eq!(
        dev(&t, tok, Method::GET, &format!("/{id}"), None).await,
        not_found
    );
    assert_eq!(
        dev(&t, tok, Method::DELETE, &format!("/{id}"), None).await,
        not_found
    );
}

#[tokio::test]
async fn delivery_is_signed_over_the_exact_bytes_with_headers() {
    let t = Ctx::new().await;
    let (rx, url) = receiver(&[]).await;
    let (wid, secret) = register(&t, &url, None).await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(quick("buyer@x.tn", 100.0)).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    rx.wait_for(1).await;
    let (h, raw, _) = rx.hit(0);

    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(&raw);
    let expected = hex::encode(mac.finalize().into_bytes());
    assert_eq!(header(&h, "x-webhook-signature"), expected);
    assert_eq!(header(&h, "x-webhook-event"), "escrow.status.updated");
    assert_eq!(header(&h, "content-type"), "application/json");
    let delivery_id = header(&h, "x-webhook-id").to_owned();
    assert!(uuid::Uuid::parse_str(&delivery_id).is_ok(), "{delivery_id}");
    assert!(chrono::DateTime::parse_from_rfc3339(header(&h, "x-webhook-timestamp")).is_ok());

    let body: Value = serde_json::from_slice(&raw).unwrap();
    // Compact JSON: re-serialising compactly gives the same length.
    assert_eq!(serde_json::to_vec(&body).unwrap().len(), raw.len());
    assert_eq!(body["type"], json!("escrow.status.updated"));
    assert!(uuid::Uuid::parse_str(body["id"].as_str().unwrap()).is_ok());
    assert!(body["timestamp"].is_string());
    let e = &body["data"]["escrow"];
    assert_eq!(
        (
            e["id"].clone(),
            e["status"].clone(),
            e["oldStatus"].clone(),
            e["amount"].clone(),
            e["escrowFee"].clone()
        ),
        (
            json!(id),
            json!("paid"),
            json!("pending"),
            json!(100),
            json!(5)
        )
    );
    assert_eq!(e["buyer"]["email"], json!("buyer@x.tn"));

    // Statistics and the control log.
    let token = t.sim.demo().developer_token;
    let (_, v) = dev(&t, Some(&token), Method::GET, &format!("/{wid}"), None).await;
    assert_eq!(
        (
            v["webhook"]["lastResponseStatus"].clone(),
            v["webhook"]["failureCount"].clone()
        ),
        (json!(200), json!(0))
    );
    assert!(v["webhook"]["lastTriggeredAt"].is_string());
    let (_, log) = t.sim(Method::GET, "/webhooks", None).await;
    assert_eq!(log["count"], json!(1), "{log}");
    let d = &log["deliveries"][0];
    assert_eq!(
        (
            d["webhookId"].clone(),
            d["deliveryId"].clone(),
            d["eventType"].clone(),
            d["attempt"].clone(),
            d["status"].clone(),
            d["ok"].clone()
        ),
        (
            json!(wid),
            json!(delivery_id),
            json!("escrow.status.updated"),
            json!(1),
            json!(200),
            json!(true)
        )
    );
    assert_eq!(d["body"].as_str().unwrap().as_bytes(), &raw[..]);
    assert_eq!(d["url"], json!(url));
}

#[tokio::test]
async fn subscriptions_scope_and_proof_events() {
    let t = Ctx::new().await;
    let (rx, url) = receiver(&[]).await;
    register(&t, &url, Some(json!(["escrow.status.updated"]))).await;
    t.user("buyer@x.tn", 500.0).await;
    let mut body = quick("buyer@x.tn", 100.0);
    body["fulfillmentPolicy"] =
        json!({"type": "purchase_proof_required", "proofUploadDeadlineHours": 12});
    let id = t.escrow(body).await;
    // contract.signed is not subscribed: a standard escrow's signature sends nothing.
    let std_id = t.escrow(standard("buyer@x.tn", 50.0)).await;
    t.act(&std_id, "sign_contract", "buyer@x.tn", json!({}))
        .await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    rx.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut types: Vec<String> = (0..rx.count())
        .map(|k| header(&rx.hit(k).0, "x-webhook-event").to_owned())
        .collect();
    types.sort();
    // Proof events come whatever the subscription says.
    assert_eq!(types, ["escrow.proof.required", "escrow.status.updated"]);
    let proof_hit = (0..2)
        .map(|k| rx.hit(k))
        .find(|h| header(&h.0, "x-webhook-event") == "escrow.proof.required")
        .unwrap();
    let b: Value = serde_json::from_slice(&proof_hit.1).unwrap();
    assert_eq!(b["data"]["proof"]["phase"], json!("waiting_seller_proof"));
    assert_eq!(
        b["data"]["proof"]["checkoutActions"][0]["action"],
        json!("submit_proof")
    );
    assert_eq!(b["data"]["escrow"]["id"], json!(id));

    // Another developer's escrow between two strangers is out of this developer's scope.
    let other_key = t.developer("other@dev.tn", None).await;
    let (s, v) = t.call_as(Some(&other_key), Method::POST, "/escrows", json!({"title": "X", "amount": 10, "buyerEmail": "a@b.tn", "sellerEmail": "c@d.tn", "mode": "quick", "estimatedDeliveryDays": 1}).into()).await;
    assert_eq!(s, 201, "{v}");
    let (s, _) = t
        .call_as(
            Some(&other_key),
            Method::POST,
            &format!("/escrows/{}/cancel", v["escrow"]["id"].as_str().unwrap()),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 403);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rx.count(), 2);
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff_then_failure_count_resets() {
    let t = Ctx::new().await;
    let (rx, url) = receiver(&[500, 503]).await;
    let (wid, _) = register(&t, &url, None).await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(quick("buyer@x.tn", 100.0)).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    let token = t.sim.demo().developer_token;

    rx.wait_for(1).await;
    // The record appears once the statistics are updated.
    let end = Instant::now() + Duration::from_secs(2);
    loop {
        let (_, log) = t.sim(Method::GET, "/webhooks", None).await;
        if log["count"] == json!(1) {
            break;
        }
        assert!(Instant::now() < end);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let (_, v) = dev(&t, Some(&token), Method::GET, &format!("/{wid}"), None).await;
    assert_eq!(
        (
            v["webhook"]["failureCount"].clone(),
            v["webhook"]["lastResponseStatus"].clone()
        ),
        (json!(1), json!(500))
    );

    rx.wait_for(3).await;
    let hits: Vec<_> = (0..3).map(|k| rx.hit(k)).collect();
    let ids: Vec<&str> = hits.iter().map(|h| header(&h.0, "x-webhook-id")).collect();
    assert!(
        ids.iter().all(|i| *i == ids[0]),
        "same delivery id across retries: {ids:?}"
    );
    assert!(
        hits.iter().all(|h| h.1 == hits[0].1),
        "same body across retries"
    );
    let gap1 = hits[1].2 - hits[0].2;
    let gap2 = hits[2].2 - hits[1].2;
    assert!(
        gap1 >= Duration::from_millis(950) && gap2 >= Duration::from_millis(1950),
        "{gap1:?} {gap2:?}"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (_, v) = dev(&t, Some(&token), Method::GET, &format!("/{wid}"), None).await;
    assert_eq!(
        (
            v["webhook"]["failureCount"].clone(),
            v["webhook"]["lastResponseStatus"].clone()
        ),
        (json!(0), json!(200))
    );
    let (_, log) = t.sim(Method::GET, "/webhooks", None).await;
    let attempts: Vec<(Value, Value)> = log["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["attempt"].clone(), d["status"].clone()))
        .collect();
    assert_eq!(
        attempts,
        [
            (json!(1), json!(500)),
            (json!(2), json!(503)),
            (json!(3), json!(200))
        ]
    );
}

#[tokio::test]
async fn client_errors_are_not_retried_and_dead_receivers_are_recorded() {
    let t = Ctx::new().await;
    let (rx, url) = receiver(&[400]).await;
    let (wid, _) = register(&t, &url, None).await;
    // Nothing listens on port 9 of 127.0.0.1: connection refused, retried, recorded as errors.
    let (dead, _) = register(&t, "http://127.0.0.1:9/hook", None).await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(quick("buyer@x.tn", 100.0)).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    rx.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(3300)).await;
    assert_eq!(rx.count(), 1, "a 4xx is not retried");
    let token = t.sim.demo().developer_token;
    let (_, v) = dev(&t, Some(&token), Method::GET, &format!("/{wid}"), None).await;
    assert_eq!(
        (
            v["webhook"]["failureCount"].clone(),
            v["webhook"]["lastResponseStatus"].clone()
        ),
        (json!(1), json!(400))
    );
    let (_, v) = dev(&t, Some(&token), Method::GET, &format!("/{dead}"), None).await;
    assert_eq!(
        (
            v["webhook"]["failureCount"].clone(),
            v["webhook"]["lastResponseStatus"].clone()
        ),
        (json!(3), Value::Null)
    );
    let (_, log) = t.sim(Method::GET, "/webhooks", None).await;
    let dead_attempts: Vec<&Value> = log["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["webhookId"] == json!(dead))
        .collect();
    assert_eq!(dead_attempts.len(), 3, "{log}");
    assert!(
        dead_attempts
            .iter()
            .all(|d| d["status"].is_null() && d["error"] == json!("connection failed"))
    );
    let (s, v) = t.sim(Method::DELETE, "/webhooks", None).await;
    assert_eq!((s, v), (200, json!({"count": 0, "deliveries": []})));
}

#[tokio::test]
async fn staff_review_of_a_proof_in_dhmad_review() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let mut body = quick("buyer@x.tn", 100.0);
    body["fulfillmentPolicy"] =
        json!({"type": "purchase_proof_required", "proofUploadDeadlineHours": 12});
    let mut ids = Vec::new();
    for _ in 0..2 {
        let id = t.escrow(body.clone()).await;
        t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
        let (s, v) = t
            .sim_post(&format!("/proofs/{id}/review"), json!({"accept": true}))
            .await;
        assert_eq!(
            (s, v),
            (
                409,
                json!({"error": "Conflict", "message": "The proof is not waiting for DHMAD review"})
            )
        );
        for _ in 0..4 {
            t.act(&id, "submit_proof", MERCHANT, json!({"fileName": "r.jpg"}))
                .await;
            t.act(&id, "review_proof", "buyer@x.tn", json!({"accept": false}))
                .await;
        }
        let (_, p) = t.get(&format!("/escrows/{id}/proof")).await;
        assert_eq!(p["proof"]["phase"], json!("needs_dhmad_review"));
        ids.push(id);
    }
    let (s, v) = t
        .sim_post(&format!("/proofs/{}/review", ids[0]), json!({}))
        .await;
    assert_eq!(
        (s, v["message"].clone()),
        (400, json!("accept must be a boolean"))
    );

    let (s, v) = t
        .sim_post(
            &format!("/proofs/{}/review", ids[0]),
            json!({"accept": true}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["escrow"]["proofInfo"]["phase"], json!("accepted"));
    let (s, v) = t
        .post(&format!("/escrows/{}/deliver", ids[0]), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");

    let before = t.wallet("buyer@x.tn").await;
    let (s, v) = t
        .sim_post(
            &format!("/proofs/{}/review", ids[1]),
            json!({"accept": false}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (
            v["escrow"]["status"].clone(),
            v["escrow"]["proofInfo"]["phase"].clone()
        ),
        (json!("cancelled"), json!("rejected"))
    );
    // Both escrows held 100 TND; the rejected one is refunded, the delivered one stays held.
    assert_eq!(before[2], json!(200));
    assert_eq!(
        t.wallet("buyer@x.tn").await,
        json!([before[0].as_i64().unwrap() + 100, 0, 100])
    );
    t.assert_invariant().await;
}

#[tokio::test]
async fn webhooks_survive_a_restart_with_their_secret() {
    let dir = tempfile::tempdir().unwrap();
    let config = dhmad_sim::SimConfig {
        rate_limit: None,
        state_file: Some(dir.path().join("sim.json")),
        ..dhmad_sim::SimConfig::default()
    };
    let t = Ctx::with(config.clone()).await;
    let (wid, secret) = register(&t, "http://localhost:9/h", None).await;
    let token = t.sim.demo().developer_token;
    let (_, listed) = dev(&t, Some(&token), Method::GET, "", None).await;
    t.sim.shutdown().await;

    let t2 = Ctx::with(config).await;
    let (rx, url) = receiver(&[]).await;
    assert_eq!(
        dev(&t2, Some(&token), Method::GET, "", None).await.1,
        listed
    );
    let (s, _) = dev(
        &t2,
        Some(&token),
        Method::PUT,
        &format!("/{wid}"),
        Some(json!({"url": url})),
    )
    .await;
    assert_eq!(s, 200);
    t2.user("buyer@x.tn", 500.0).await;
    let id = t2.escrow(quick("buyer@x.tn", 10.0)).await;
    t2.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    rx.wait_for(1).await;
    let (h, raw, _) = rx.hit(0);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(&raw);
    assert_eq!(
        header(&h, "x-webhook-signature"),
        hex::encode(mac.finalize().into_bytes())
    );
}
