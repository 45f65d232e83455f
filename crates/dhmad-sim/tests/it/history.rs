//! `--history N`: deterministic, every status, consistent balances.

use crate::common::*;
use dhmad_sim::SimConfig;
use reqwest::Method;
use serde_json::{Value, json};

async fn summary(t: &Ctx) -> Vec<Value> {
    let (_, v) = t.get("/escrows?limit=100").await;
    v["escrows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            json!([
                e["title"],
                e["amount"],
                e["status"],
                e["mode"],
                e["buyer"]["email"]
            ])
        })
        .collect()
}

#[tokio::test]
async fn history_covers_every_status_and_is_deterministic() {
    let config = SimConfig {
        rate_limit: None,
        history: 600,
        seed: 3,
        ..SimConfig::default()
    };
    let t = Ctx::with(config.clone()).await;
    let (_, all) = t.get("/escrows?limit=1").await;
    assert_eq!(all["pagination"]["total"], json!(600));
    for status in ["pending", "paid", "delivered", "completed", "cancelled"] {
        let (_, v) = t.get(&format!("/escrows?status={status}&limit=1")).await;
        assert!(
            v["pagination"]["total"].as_u64().unwrap() > 10,
            "{status}: {v}"
        );
    }
    t.assert_invariant().await;
    // Buyers are registered users; disputes, cancellation requests, rejections and proofs occur.
    let (_, v) = t.get("/escrows?limit=100&page=2").await;
    let page = v["escrows"].as_array().unwrap();
    assert!(page.iter().all(|e| {
        e["buyer"]["email"]
            .as_str()
            .is_some_and(|m| m.ends_with("@clients.demo.tn"))
    }));
    let mut seen = std::collections::HashSet::new();
    for p in 1..=6 {
        let (_, v) = t.get(&format!("/escrows?limit=100&page={p}")).await;
        for e in v["escrows"].as_array().unwrap() {
            if e["disputeTicket"].is_object() {
                seen.insert("dispute");
            }
            if e["cancellationRequest"].is_object() {
                seen.insert("cancellation");
            }
            if !e["deliveryRejections"].as_array().unwrap().is_empty() {
                seen.insert("rejection");
            }
            if let Some(phase) = e["proofInfo"]["phase"].as_str() {
                seen.insert(if phase.starts_with("accepted") {
                    "proof-accepted"
                } else {
                    "proof-other"
                });
            }
            seen.insert(e["mode"].as_str().unwrap().to_owned().leak());
        }
    }
    for k in [
        "dispute",
        "cancellation",
        "rejection",
        "proof-accepted",
        "proof-other",
        "standard",
        "quick",
        "instant",
    ] {
        assert!(seen.contains(k), "{k} missing from {seen:?}");
    }
    let (_, wallet) = t.get("/balance").await;
    assert!(wallet["balance"]["available"].as_f64().unwrap() > 0.0);
    let t2 = Ctx::with(config).await;
    assert_eq!(summary(&t).await, summary(&t2).await);
    let (_, b) = t2.sim(Method::GET, "/balances", None).await;
    assert_eq!(b["invariantHolds"], json!(true));
}
