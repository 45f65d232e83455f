//! Auth (§1.2, §1.5), `GET /me`, `GET /balance`, association 403s, rate limit (§1.7).

use crate::common::*;
use dhmad_sim::SimConfig;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn auth_errors_have_exact_bodies() {
    let t = Ctx::new().await;
    let (s, v) = t.call_as(None, Method::GET, "/me", None).await;
    assert_eq!(
        (s, v),
        (
            401,
            json!({"error": "Unauthorized", "message": "Missing API key. Please include X-API-Key header."})
        )
    );
    let (s, v) = t
        .call_as(Some("sk_sandbox_nope"), Method::GET, "/me", None)
        .await;
    assert_eq!(
        (s, v),
        (
            401,
            json!({"error": "Unauthorized", "message": "Invalid or expired API key"})
        )
    );
    let live = format!("sk_live_{}", "a".repeat(64));
    let (s, v) = t.call_as(Some(&live), Method::GET, "/me", None).await;
    assert_eq!(
        (s, v),
        (
            401,
            json!({"error": "Unauthorized", "message": "This is the sandbox environment. Use a sandbox API key (sk_sandbox_...)."})
        )
    );
    // X-API-Key works as well as Bearer.
    let r =
        t.c.get(format!("{}/me", t.base))
            .header("X-API-Key", &t.key)
            .send()
            .await
            .unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn me_describes_key_and_developer() {
    let t = Ctx::new().await;
    let (s, v) = t.get("/me").await;
    assert_eq!(s, 200);
    assert!(t.key.starts_with("sk_sandbox_") && t.key.len() == 11 + 64);
    assert!(t.key[11..].bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(v["apiKey"]["environment"], json!("sandbox"));
    assert_eq!(v["apiKey"]["keyPrefix"], json!(&t.key[..17]));
    assert_eq!(v["apiKey"]["isActive"], json!(true));
    assert_eq!(v["apiKey"]["expiresAt"], json!(null));
    assert_eq!(v["apiKey"]["rateLimit"], json!(100));
    assert_eq!(v["developer"]["email"], json!("dev@demo.dhmad.test"));
    assert_eq!(v["developer"]["companyName"], json!("Demo Merchant"));
    assert_eq!(v["developer"]["id"].as_str().unwrap().len(), 24);
}

#[tokio::test]
async fn unassociated_developer_gets_documented_403s() {
    let t = Ctx::new().await;
    let key = t.developer("lonely@x.tn", None).await;
    let k = Some(key.as_str());
    assert_eq!(t.call_as(k, Method::GET, "/me", None).await.0, 200);
    let assoc = json!({"error": "Forbidden", "message": "Developer account must be associated with a user account. Please associate your account in the developer dashboard."});
    assert_eq!(
        t.call_as(k, Method::GET, "/balance", None).await,
        (403, assoc.clone())
    );
    assert_eq!(
        t.call_as(k, Method::GET, "/escrows", None).await,
        (403, assoc.clone())
    );
    let (s, v) = t
        .call_as(k, Method::POST, "/escrows", Some(quick("b@x.tn", 10.0)))
        .await;
    assert_eq!(
        (s, v),
        (
            403,
            json!({"error": "Forbidden", "message": "Developer account must be associated with a user account to create escrows. Please associate your account in the developer dashboard."})
        )
    );
    let mut body = quick("b@x.tn", 10.0);
    body["sellerEmail"] = json!("s@x.tn");
    body["developerFeePercentage"] = json!(5);
    let (s, v) = t
        .call_as(k, Method::POST, "/escrows", Some(body.clone()))
        .await;
    assert_eq!(
        (s, v),
        (
            403,
            json!({"error": "Forbidden", "message": "Developer account must be associated with a user account to collect developer fees. Please associate your account in the developer dashboard."})
        )
    );
    // With a sellerEmail and no fee, an unassociated developer may create (and view) it.
    body["developerFeePercentage"] = json!(0);
    let (s, v) = t.call_as(k, Method::POST, "/escrows", Some(body)).await;
    assert_eq!(s, 201, "{v}");
    let id = v["escrow"]["id"].as_str().unwrap();
    assert_eq!(
        t.call_as(k, Method::GET, &format!("/escrows/{id}"), None)
            .await
            .0,
        200
    );
    assert_eq!(
        t.call_as(k, Method::GET, &format!("/escrows/{id}/contract"), None)
            .await,
        (403, assoc.clone())
    );
    assert_eq!(
        t.call_as(
            k,
            Method::PUT,
            &format!("/escrows/{id}"),
            Some(json!({"title": "x"}))
        )
        .await,
        (403, assoc.clone())
    );
    assert_eq!(
        t.call_as(k, Method::POST, &format!("/escrows/{id}/deliver"), None)
            .await,
        (403, assoc.clone())
    );
    assert_eq!(
        t.call_as(k, Method::POST, &format!("/escrows/{id}/cancel"), None)
            .await,
        (403, assoc)
    );
}

#[tokio::test]
async fn balance_of_fresh_merchant_is_zero() {
    let t = Ctx::new().await;
    assert_eq!(
        t.get("/balance").await,
        (
            200,
            json!({"balance": {"available": 0, "pending": 0, "escrow": 0}})
        )
    );
}

#[tokio::test]
async fn hundred_and_first_request_gets_429_with_headers() {
    let t = Ctx::with(SimConfig::default()).await;
    for n in 1..=100u32 {
        let r =
            t.c.get(format!("{}/me", t.base))
                .bearer_auth(&t.key)
                .send()
                .await
                .unwrap();
        assert_eq!(r.status().as_u16(), 200, "request {n}");
        let h = r.headers();
        assert_eq!(h["x-ratelimit-limit"], "100");
        assert_eq!(
            h["x-ratelimit-remaining"].to_str().unwrap(),
            (100 - n).to_string()
        );
        let reset = h["x-ratelimit-reset"].to_str().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(reset).is_ok() && reset.ends_with('Z'),
            "{reset}"
        );
    }
    let r =
        t.c.get(format!("{}/escrows", t.base))
            .bearer_auth(&t.key)
            .send()
            .await
            .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["x-ratelimit-limit"], "100");
    assert_eq!(r.headers()["x-ratelimit-remaining"], "0");
    assert!(r.headers().contains_key("x-ratelimit-reset"));
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        v,
        json!({"error": "Too Many Requests", "message": "Rate limit exceeded. Please try again later."})
    );
    // The window slides with the simulated clock.
    t.advance(61).await;
    assert_eq!(t.get("/me").await.0, 200);
}
