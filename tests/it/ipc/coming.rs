//! "Coming to you" over IPC against a simulator of our own: the dashboard's held money equals the
//! book's held sales counted one by one, its buckets share that money out, and a counter sale
//! adds to it when the buyer pays and leaves it when it is delivered (and so released).

use std::time::{Duration, Instant};

use dhmad_sim::{SimConfig, Simulator};
use serde_json::{Value, json};
use tauri::WebviewWindow;
use tauri::test::MockRuntime;

use crate::support::app::{invoke, sim_post, start_with_memory_keychain, wait_for_sync};

const SALE: i64 = 12_500;
const BUCKETS: [&str; 4] = [
    "awaitingDelivery",
    "awaitingBuyer",
    "disputed",
    "cancellationRequested",
];

#[test]
fn coming_to_you_is_the_held_sales_and_follows_a_sale_paid_then_delivered() {
    let t = start_with_memory_keychain();
    let sim = tauri::async_runtime::block_on(Simulator::start(SimConfig {
        history: 60,
        ..SimConfig::default()
    }))
    .unwrap();
    let request = json!({ "request": {
        "environment": "sandbox", "apiKey": sim.demo().api_key, "baseUrl": sim.base_url(),
        "redirectUrl": "https://merchant.example/return"
    }});
    invoke(&t.window, "connect_key", request).unwrap();
    wait_for_sync(&t.window);

    let before = coming(&t.window);
    assert_eq!(before["held"], held_in_the_list(&t.window), "{before}");
    assert!(before["held"]["count"].as_u64().unwrap() > 0, "{before}");
    assert_buckets_share_the_held_money(&before);

    let sale = invoke(
        &t.window,
        "counter_start",
        json!({ "request": { "amount": SALE, "title": "Coffee", "buyerEmail": "held@example.tn" } }),
    )
    .unwrap();
    let session = sale["sessionId"].as_str().unwrap();
    sim_post(
        &sim.origin(),
        "/users",
        json!({ "email": "held@example.tn", "balance": 100 }),
    );
    sim_post(
        &sim.origin(),
        &format!("/sessions/{session}/complete"),
        json!({}),
    );

    let paid = wait_for_coming(&t.window, |c| c["held"]["count"] != before["held"]["count"]);
    let sale_net = paid["held"]["net"].as_i64().unwrap() - before["held"]["net"].as_i64().unwrap();
    assert!(sale_net > 0 && sale_net < SALE, "net of fees: {sale_net}");
    assert_eq!(plus(&before["held"], 1, SALE, sale_net), paid["held"]);
    assert_eq!(
        plus(&before["awaitingDelivery"], 1, SALE, sale_net),
        paid["awaitingDelivery"],
        "paid, the merchant delivers next"
    );
    assert_eq!(paid["held"], held_in_the_list(&t.window));
    assert_buckets_share_the_held_money(&paid);

    let done = invoke(
        &t.window,
        "counter_deliver",
        json!({ "request": { "saleId": sale["saleId"] } }),
    )
    .unwrap();
    assert_eq!(done["state"], "completed", "instant completes on delivery");
    assert_eq!(coming(&t.window), before, "released: no longer coming");
}

fn coming(window: &WebviewWindow<MockRuntime>) -> Value {
    invoke(window, "dashboard", json!({})).unwrap()["comingToYou"].clone()
}

fn wait_for_coming(window: &WebviewWindow<MockRuntime>, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = coming(window);
        if ok(&now) {
            return now;
        }
        assert!(Instant::now() < deadline, "coming to you stayed {now}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The merchant's sales the escrow list shows as paid, delivered or disputed, added up.
fn held_in_the_list(window: &WebviewWindow<MockRuntime>) -> Value {
    let request = json!({ "request": {
        "statuses": ["paid", "delivered", "disputed"], "modes": [], "sort": "created",
        "ascending": false, "offset": 0, "limit": 1000
    }});
    let page = invoke(window, "escrows_list", request).unwrap();
    let sales = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["role"] == "seller");
    let (mut count, mut amount, mut net) = (0, 0, 0);
    for r in sales {
        count += 1;
        amount += r["amountTnd"].as_i64().unwrap();
        net += r["net"].as_i64().unwrap();
    }
    json!({ "count": count, "amount": amount, "net": net })
}

fn assert_buckets_share_the_held_money(coming: &Value) {
    for field in ["count", "amount", "net"] {
        let sum: i64 = BUCKETS
            .iter()
            .map(|b| coming[b][field].as_i64().unwrap())
            .sum();
        assert_eq!(
            Some(sum),
            coming["held"][field].as_i64(),
            "{field}: {coming}"
        );
    }
}

fn plus(bucket: &Value, count: i64, amount: i64, net: i64) -> Value {
    let field = |f: &str| bucket[f].as_i64().unwrap();
    json!({
        "count": field("count") + count,
        "amount": field("amount") + amount,
        "net": field("net") + net,
    })
}
