//! The commands' flows over IPC on the mock runtime, against the embedded demo simulator and an
//! in-memory keychain: what the UI would see.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dhmad_sim::{Dialect, SimConfig, Simulator};
use serde_json::{Value, json};
use tauri::test::MockRuntime;
use tauri::{Manager, WebviewWindow};

use crate::support::app::{FlowApp, invoke, sim_post, start_with_memory_keychain, wait_for_sync};

#[test]
fn the_demo_opens_syncs_and_fills_the_dashboard_and_the_escrow_list() {
    let t = start_with_memory_keychain();
    let profile = invoke(&t.window, "start_demo", json!({})).unwrap();
    assert_eq!(profile["environment"], "demo");
    let profiles = invoke(&t.window, "profiles_list", json!({})).unwrap();
    assert_eq!(profiles["activeId"], profile["id"]);

    let status = wait_for_sync(&t.window);
    assert_eq!(status["lastError"], Value::Null, "{status}");
    assert!(status["escrowCount"].as_u64().unwrap() >= 300, "{status}");
    assert!(status["lastSyncAt"].is_string());

    let dash = invoke(&t.window, "dashboard", json!({})).unwrap();
    assert_eq!(dash["offline"], false);
    let balance = &dash["balance"];
    assert!(
        balance["available"].is_i64(),
        "balance read after the sync: {dash}"
    );
    let needs = dash["needsAction"].as_array().unwrap();
    assert!(
        !needs.is_empty(),
        "a 300-escrow history has unfinished escrows"
    );
    assert!(needs.iter().all(|n| n["nextAction"].is_string()));

    let request = json!({ "request": {
        "statuses": ["completed"], "modes": [], "sort": "amount", "ascending": false,
        "offset": 0, "limit": 20
    }});
    let page = invoke(&t.window, "escrows_list", request).unwrap();
    let rows = page["rows"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.len() <= 20);
    assert!(rows.iter().all(|r| r["status"] == "completed"));
    let amounts: Vec<i64> = rows
        .iter()
        .map(|r| r["amountTnd"].as_i64().unwrap())
        .collect();
    assert!(
        amounts.windows(2).all(|w| w[0] >= w[1]),
        "sorted by amount: {amounts:?}"
    );
    for r in rows {
        let net = r["amountTnd"].as_i64().unwrap()
            - r["escrowFee"].as_i64().unwrap()
            - r["developerFee"].as_i64().unwrap();
        assert_eq!(r["net"].as_i64().unwrap(), net);
    }

    let id = rows[0]["id"].clone();
    let detail = invoke(
        &t.window,
        "escrow_detail",
        json!({ "request": { "id": id } }),
    )
    .unwrap();
    assert_eq!(detail["escrow"]["row"]["id"], id);
    assert_eq!(
        detail["history"][0]["newStatus"], "completed",
        "first observation: {detail}"
    );

    let missing = invoke(
        &t.window,
        "escrow_detail",
        json!({ "request": { "id": "nope" } }),
    );
    assert_eq!(missing.unwrap_err()["code"], "notFound");

    let bad = json!({ "request": {
        "statuses": [], "modes": [], "sort": "created", "ascending": false,
        "offset": 0, "limit": 10, "fromDay": "31/12/2026"
    }});
    let refused = invoke(&t.window, "escrows_list", bad).unwrap_err();
    assert_eq!(refused["code"], "validation");
}

#[test]
fn a_sandbox_key_is_checked_and_removing_the_profile_forgets_it() {
    let t = start_with_memory_keychain();
    let bad = json!({ "request": { "environment": "sandbox", "apiKey": "not-a-key" } });
    let refused = invoke(&t.window, "connect_key", bad).unwrap_err();
    assert_eq!(refused["code"], "invalidKey", "{refused}");
    let profiles = invoke(&t.window, "profiles_list", json!({})).unwrap();
    assert_eq!(
        profiles["profiles"],
        json!([]),
        "nothing saved for a refused key"
    );

    // Removing the demo profile takes it out of the list.
    let demo = invoke(&t.window, "start_demo", json!({})).unwrap();
    let left = invoke(
        &t.window,
        "remove_profile",
        json!({ "request": { "id": demo["id"] } }),
    );
    assert_eq!(left.unwrap(), json!({ "profiles": [], "activeId": null }));
}

#[test]
fn the_new_escrow_form_previews_fees_creates_and_refuses_what_the_api_would() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);

    let preview = invoke(
        &t.window,
        "fee_preview",
        json!({ "request": { "amountTnd": 120_000, "mode": "quick" } }),
    )
    .unwrap();
    assert_eq!(preview["rateObserved"], true, "{preview}");
    let fee = preview["escrowFee"].as_i64().unwrap();
    assert_eq!(fee, 120_000 * preview["rateBp"].as_i64().unwrap() / 10_000);
    assert_eq!(preview["net"].as_i64().unwrap(), 120_000 - fee);

    let created = invoke(
        &t.window,
        "create_escrow",
        json!({ "request": {
            "mode": "quick", "title": "Handmade rug", "amount": 120_000, "currency": "TND",
            "buyerEmail": "amine@example.tn", "estimatedDeliveryDays": 3
        }}),
    )
    .unwrap();
    assert_eq!(created["pending"], Value::Null, "DHMAD answered: {created}");
    let created = &created["escrow"];
    assert_eq!(created["row"]["status"], "pending");
    assert!(
        created["row"]["title"]
            .as_str()
            .unwrap()
            .starts_with("Handmade rug · #"),
        "the title carries the reference: {created}"
    );
    assert_eq!(
        created["row"]["escrowFee"].as_i64().unwrap(),
        fee,
        "preview = DHMAD's fee"
    );
    let page = invoke(
        &t.window,
        "escrows_list",
        json!({ "request": { "text": "Handmade", "statuses": [], "modes": [], "sort": "created",
            "ascending": false, "offset": 0, "limit": 10 } }),
    )
    .unwrap();
    assert_eq!(page["total"], 1, "the new escrow is in the book: {page}");

    let refused = invoke(
        &t.window,
        "create_escrow",
        json!({ "request": {
            "mode": "standard", "title": "No terms", "amount": 4_000, "currency": "TND",
            "buyerEmail": "amine@example.tn", "estimatedDeliveryDays": 3
        }}),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "validation", "{refused}");
    let fields = &refused["details"]["fields"];
    assert!(
        fields["amount"].is_string() && fields["contractTerms"].is_string(),
        "{refused}"
    );
}

fn detail(window: &WebviewWindow<MockRuntime>, id: &Value) -> Value {
    invoke(window, "escrow_detail", json!({ "request": { "id": id } })).unwrap()
}

#[test]
fn a_shared_pay_link_is_watched_until_paid_then_the_merchant_delivers() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);
    share_flow(&t);
}

#[test]
fn a_counter_sale_is_charged_paid_through_its_link_delivered_and_has_a_receipt() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    counter_sale_flow(&t, "Demo shop");
}

/// The shop's name on receipts when connected to a simulator of our own.
const SIM_SHOP: &str = "Dialect test shop";

/// Connects a sandbox key of a simulator answering in `dialect` (a fresh one, with a short
/// history to sync) and names the shop; the simulator lives as long as the returned handle.
fn connect_to_sim(t: &FlowApp, dialect: Dialect) -> Simulator {
    let sim = tauri::async_runtime::block_on(Simulator::start(SimConfig {
        history: 12,
        dialect,
        ..SimConfig::default()
    }))
    .unwrap();
    let request = json!({ "request": {
        "environment": "sandbox", "apiKey": sim.demo().api_key, "baseUrl": sim.base_url(),
        "redirectUrl": "https://merchant.example/return"
    }});
    let profile = invoke(&t.window, "connect_key", request)
        .unwrap_or_else(|e| panic!("connect against the {dialect} dialect: {e}"));
    let status = wait_for_sync(&t.window);
    assert_eq!(status["lastError"], Value::Null, "{dialect}: {status}");
    assert_eq!(
        status["escrowCount"], 12,
        "{dialect}: every escrow read: {status}"
    );
    let mut settings = profile["settings"].clone();
    settings["shopName"] = json!(SIM_SHOP);
    invoke(
        &t.window,
        "update_settings",
        json!({ "settings": settings }),
    )
    .unwrap();
    sim
}

/// The harness of the dialect run: the same flows against a plain simulator of our own.
#[test]
fn the_counter_sale_and_share_flows_against_a_plain_simulator() {
    let t = start_with_memory_keychain();
    let _sim = connect_to_sim(&t, Dialect::Plain);
    counter_sale_flow(&t, SIM_SHOP);
    share_flow(&t);
}

/// The whole counter sale and share flow against a server that uses every variant the
/// documents allow at once: `{data}` envelope, nulls, both ids, decimal strings and offsets.
#[test]
fn the_counter_sale_and_share_flows_against_the_mixed_dialect() {
    let t = start_with_memory_keychain();
    let _sim = connect_to_sim(&t, Dialect::Mixed);
    counter_sale_flow(&t, SIM_SHOP);
    share_flow(&t);
}

/// A quick escrow's pay link is shared, paid, seen paid by the watcher, then delivered; a
/// delivered escrow's cancel is refused with the contract's advice.
fn share_flow(t: &FlowApp) {
    let buyer = "share-buyer@example.tn";
    let escrow = invoke(
        &t.window,
        "create_escrow",
        json!({ "request": {
            "mode": "quick", "title": "Shared link", "amount": 30_000, "currency": "TND",
            "buyerEmail": buyer, "estimatedDeliveryDays": 2
        }}),
    )
    .unwrap();
    let id = escrow["escrow"]["row"]["id"].clone();

    let before = detail(&t.window, &id);
    assert!(
        before["apiActions"]
            .as_array()
            .unwrap()
            .contains(&json!("cancel")),
        "{before}"
    );
    assert!(
        !before["apiActions"]
            .as_array()
            .unwrap()
            .contains(&json!("deliver"))
    );
    let pay = before["shareActions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "accept_pay")
        .unwrap_or_else(|| panic!("accept_pay offered: {before}"));
    assert_eq!(pay["party"], "buyer");
    assert_eq!(pay["targetEmail"], buyer);

    let share = invoke(
        &t.window,
        "create_share",
        json!({ "request": { "escrowId": id, "action": "accept_pay" } }),
    )
    .unwrap();
    let url = share["session"]["url"].as_str().unwrap().to_owned();
    assert!(
        share["qrSvg"].as_str().unwrap().starts_with("<svg")
            || share["qrSvg"].as_str().unwrap().contains("<svg")
    );
    assert_eq!(share["session"]["status"], "pending");
    assert_eq!(share["session"]["targetEmail"], buyer);

    // The buyer pays on the hosted page (here: the simulator's control API does it for them).
    let origin = url.split("/checkout/").next().unwrap().to_owned();
    sim_post(
        &origin,
        "/users",
        json!({ "email": buyer, "balance": 1000 }),
    );
    let session_id = share["session"]["sessionId"].as_str().unwrap();
    sim_post(
        &origin,
        &format!("/sessions/{session_id}/complete"),
        json!({}),
    );

    // The watcher notices and writes the paid escrow into the book.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let d = detail(&t.window, &id);
        if d["escrow"]["row"]["status"] == "paid" {
            assert_eq!(d["sessions"][0]["status"], "completed", "{d}");
            assert!(
                d["apiActions"]
                    .as_array()
                    .unwrap()
                    .contains(&json!("deliver")),
                "{d}"
            );
            break;
        }
        assert!(Instant::now() < deadline, "not paid within 10 s: {d}");
        std::thread::sleep(Duration::from_millis(200));
    }

    let delivered = invoke(
        &t.window,
        "escrow_action",
        json!({ "request": { "id": id, "action": "deliver" } }),
    )
    .unwrap();
    assert_eq!(delivered["row"]["status"], "delivered");
    let after = detail(&t.window, &id);
    let offers: Vec<&str> = after["shareActions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(
        offers.contains(&"complete"),
        "the buyer's confirmation can be shared: {offers:?}"
    );

    // Cancelling a delivered escrow is refused locally with the contract's advice.
    let refused = invoke(
        &t.window,
        "escrow_action",
        json!({ "request": { "id": id, "action": "cancel" } }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "conflict", "{refused}");
    assert!(
        refused["userMessage"].as_str().unwrap().contains("cancel"),
        "{refused}"
    );
}

/// A counter sale is charged, paid through its link, seen paid, delivered (instant: completed)
/// and has a receipt with `shop` on it.
fn counter_sale_flow(t: &FlowApp, shop: &str) {
    let buyer = "counter-buyer@example.tn";
    let sale = invoke(
        &t.window,
        "counter_start",
        json!({ "request": { "amount": 12_500, "title": "Coffee", "buyerEmail": buyer } }),
    )
    .unwrap();
    assert_eq!(sale["state"], "awaiting_payment", "{sale}");
    assert_eq!(sale["mode"], "instant", "the profile's default mode");
    assert!(sale["qrSvg"].as_str().unwrap().contains("<svg"));
    let url = sale["checkoutUrl"].as_str().unwrap().to_owned();
    let sale_id = sale["saleId"].clone();

    let listed = invoke(&t.window, "counter_sales", json!({})).unwrap();
    assert_eq!(listed["unfinished"][0]["saleId"], sale_id);

    let origin = url.split("/checkout/").next().unwrap().to_owned();
    sim_post(&origin, "/users", json!({ "email": buyer, "balance": 100 }));
    let session = sale["sessionId"].as_str().unwrap();
    sim_post(&origin, &format!("/sessions/{session}/complete"), json!({}));

    // The sale's watcher sees the payment.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = invoke(&t.window, "counter_sales", json!({})).unwrap();
        let state = now["recent"][0]["state"].clone();
        if state == "paid" {
            assert_eq!(now["recent"][0]["qrSvg"], Value::Null, "no QR once paid");
            break;
        }
        assert!(Instant::now() < deadline, "not paid within 10 s: {now}");
        std::thread::sleep(Duration::from_millis(200));
    }

    let done = invoke(
        &t.window,
        "counter_deliver",
        json!({ "request": { "saleId": sale_id } }),
    );
    assert_eq!(
        done.unwrap()["state"],
        "completed",
        "instant completes on delivery"
    );
    let receipt = invoke(
        &t.window,
        "receipt",
        json!({ "request": { "saleId": sale_id } }),
    )
    .unwrap();
    assert_eq!(receipt["shopName"], shop);
    assert_eq!(receipt["amount"], 12_500);
    // The counter sale took the shop's next receipt number: the first of a new shop's till.
    assert_eq!(receipt["receiptNo"], 1, "{receipt}");
    assert_eq!(receipt["till"], "1");
    assert_eq!(receipt["status"], "completed");
    assert!(receipt["paidAt"].is_string());
    assert!(
        receipt["escrowUrl"]
            .as_str()
            .unwrap()
            .ends_with(sale["escrowId"].as_str().unwrap())
    );

    let buyers = invoke(
        &t.window,
        "past_buyers",
        json!({ "request": { "prefix": "counter-" } }),
    );
    assert_eq!(buyers.unwrap()[0]["email"], buyer);
}

#[test]
fn a_renewed_sale_has_one_watcher_and_the_ui_hears_paid_once() {
    use std::sync::Mutex;
    use tauri::Listener as _;

    let t = start_with_memory_keychain();
    let heard: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = heard.clone();
    t.window
        .app_handle()
        .listen_any("sale://event", move |event| {
            let v: Value = serde_json::from_str(event.payload()).unwrap();
            log.lock()
                .unwrap()
                .push(v["kind"].as_str().unwrap_or_default().to_owned());
        });
    invoke(&t.window, "start_demo", json!({})).unwrap();
    let buyer = "renew-buyer@example.tn";
    let sale = invoke(
        &t.window,
        "counter_start",
        json!({ "request": { "amount": 3_000, "title": "Tea", "buyerEmail": buyer } }),
    )
    .unwrap();
    let sale_id = sale["saleId"].clone();
    let mut renewed = sale;
    for _ in 0..2 {
        renewed = invoke(
            &t.window,
            "counter_renew",
            json!({ "request": { "saleId": sale_id } }),
        )
        .unwrap();
    }
    let app = t.window.state::<dhmad_merchant_lib::app::App>();
    assert_eq!(
        app.sale_watchers().count(),
        1,
        "one watcher for the one sale"
    );

    let url = renewed["checkoutUrl"].as_str().unwrap().to_owned();
    let origin = url.split("/checkout/").next().unwrap().to_owned();
    sim_post(&origin, "/users", json!({ "email": buyer, "balance": 100 }));
    let session = renewed["sessionId"].as_str().unwrap();
    sim_post(&origin, &format!("/sessions/{session}/complete"), json!({}));

    let deadline = Instant::now() + Duration::from_secs(10);
    while !heard.lock().unwrap().iter().any(|k| k == "paid") {
        assert!(Instant::now() < deadline, "no paid event within 10 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Long enough for a second watcher's poll (every 2 s while a link is pending) to report too.
    std::thread::sleep(Duration::from_secs(5));
    let paid = heard
        .lock()
        .unwrap()
        .iter()
        .filter(|k| *k == "paid")
        .count();
    assert_eq!(paid, 1, "events heard: {:?}", heard.lock().unwrap());
}

#[test]
fn a_kyc_invite_is_approved_at_once_in_the_demo_and_listed() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    let email = "new-person@example.tn";
    let out = invoke(
        &t.window,
        "kyc_invite",
        json!({ "request": { "email": email } }),
    )
    .unwrap();
    assert_eq!(out["invite"]["email"], email);
    let id = out["invite"]["id"].clone();
    let now = invoke(&t.window, "kyc_refresh", json!({ "request": { "id": id } })).unwrap();
    assert_eq!(now["status"], "approved", "sandbox approves at once: {now}");
    let listed = invoke(&t.window, "kyc_list", json!({ "request": {} })).unwrap();
    assert_eq!(listed[0]["id"], id);
    let by_mail = invoke(
        &t.window,
        "kyc_list",
        json!({ "request": { "email": email } }),
    )
    .unwrap();
    assert_eq!(by_mail[0]["id"], id);
}

#[test]
fn the_books_report_matches_merchant_core_and_the_csv_has_one_row_per_escrow() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);
    let period = json!({ "fromDay": "2000-01-01", "toDay": "2100-12-31", "by": "month" });
    let report = invoke(&t.window, "report", json!({ "request": period })).unwrap();
    let count = report["totals"]["count"].as_u64().unwrap();
    let status = wait_for_sync(&t.window);
    assert_eq!(
        count,
        status["escrowCount"].as_u64().unwrap(),
        "every escrow is in the period"
    );
    let by_month: u64 = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["totals"]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_month, count);
    let dash = invoke(&t.window, "dashboard", json!({})).unwrap();
    assert_eq!(
        report["comingToYou"], dash["comingToYou"],
        "the books show the held money as the dashboard does"
    );
    assert!(report["comingToYou"]["held"]["count"].as_u64().unwrap() > 0);

    let out = t._dirs.path().join("books.csv");
    let export = json!({ "request": {
        "fromDay": "2000-01-01", "toDay": "2100-12-31", "path": out.display().to_string(),
        "delimiter": ";"
    }});
    // What the save dialog does when the merchant picks the file (the mock runtime has none).
    t.window
        .state::<dhmad_merchant_lib::app::App>()
        .chosen_paths()
        .remember(out.clone());
    let done = invoke(&t.window, "export_csv", export).unwrap();
    assert_eq!(done["rows"].as_u64().unwrap(), count);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().trim_start_matches('\u{feff}');
    assert!(
        header.starts_with("id;created;status;mode;title"),
        "{header}"
    );
    assert_eq!(lines.count() as u64, count);
}

#[test]
fn an_export_to_a_file_not_chosen_in_the_save_dialog_is_refused_and_nothing_is_written() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);
    let chosen = t._dirs.path().join("chosen.csv");
    t.window
        .state::<dhmad_merchant_lib::app::App>()
        .chosen_paths()
        .remember(chosen);
    // A page that names a file itself, even one beside the chosen file.
    let target = t._dirs.path().join(".bashrc");
    std::fs::write(&target, "untouched").unwrap();
    let export = json!({ "request": {
        "fromDay": "2000-01-01", "toDay": "2100-12-31", "path": target.display().to_string(),
        "delimiter": ","
    }});
    let refused = invoke(&t.window, "export_csv", export).unwrap_err();
    assert_eq!(refused["code"], "validation", "{refused}");
    assert!(
        refused["userMessage"]
            .as_str()
            .unwrap()
            .contains("chosen in the save dialog"),
        "{refused}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
}

#[test]
fn saved_settings_apply_at_once_and_a_bad_redirect_url_is_refused() {
    let t = start_with_memory_keychain();
    let profile = invoke(&t.window, "start_demo", json!({})).unwrap();
    let mut settings = profile["settings"].clone();
    settings["shopName"] = json!("Épicerie Ben Ali");
    settings["language"] = json!("ar");
    let saved = invoke(
        &t.window,
        "update_settings",
        json!({ "settings": settings }),
    )
    .unwrap();
    assert_eq!(saved["settings"]["shopName"], "Épicerie Ben Ali");
    assert_eq!(saved["settings"]["language"], "ar");

    // The open shop uses the new settings right away (the receipt reads the shop name).
    let sale = invoke(
        &t.window,
        "counter_start",
        json!({ "request": { "amount": 2_000, "title": "Tea", "buyerEmail": "tea@example.tn" } }),
    )
    .unwrap();
    let receipt = invoke(
        &t.window,
        "receipt",
        json!({ "request": { "saleId": sale["saleId"] } }),
    );
    assert_eq!(receipt.unwrap()["shopName"], "Épicerie Ben Ali");

    let mut bad = saved["settings"].clone();
    bad["redirectUrl"] = json!("http://example.com/return");
    let refused = invoke(&t.window, "update_settings", json!({ "settings": bad })).unwrap_err();
    assert_eq!(refused["code"], "validation");
    assert!(
        refused["userMessage"]
            .as_str()
            .unwrap()
            .contains("https://")
    );
}
