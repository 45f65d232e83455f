//! The shop's day over IPC, as the Day screen drives it: the drawer, sales in other methods with
//! change, a refund, and the close whose Z adds up what was recorded.

use serde_json::{Value, json};

use crate::support::app::{invoke, start_with_memory_keychain, wait_for_sync};

#[test]
fn a_day_of_cash_and_wallet_sales_closes_into_a_z_that_adds_up() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);
    let call = |cmd: &str, request: Value| invoke(&t.window, cmd, json!({ "request": request }));

    let day = invoke(&t.window, "day_status", json!({})).unwrap();
    assert_eq!(day["drawer"], Value::Null);
    assert_eq!(day["x"], Value::Null, "no X report of a closed drawer");
    let codes: Vec<&str> = day["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "cash", "card", "d17", "flouci", "konnect", "edinar", "cheque"
        ]
    );

    let day = call("drawer_open", json!({"float": 50_000, "cashier": "Sami"})).unwrap();
    assert_eq!(day["drawer"]["float"], 50_000);
    let cash = call(
        "record_sale",
        json!({"method": "cash", "amount": 12_350, "title": "Bread", "tendered": 20_000}),
    )
    .unwrap();
    assert_eq!(cash["change"], 7_650);
    let wallet = call(
        "record_sale",
        json!({"method": "d17", "amount": 8_000, "title": "Dates", "reference": "TX-9"}),
    )
    .unwrap();
    assert_eq!(
        wallet["receiptNo"],
        cash["receiptNo"].as_i64().unwrap() + 1,
        "consecutive receipts"
    );
    let too_little = call(
        "record_sale",
        json!({"method": "cash", "amount": 5_000, "title": "Tea", "tendered": 2_000}),
    );
    assert!(too_little.is_err(), "less than the amount is refused");
    call(
        "drawer_move",
        json!({"intoDrawer": false, "amount": 5_000, "reason": "supplier"}),
    )
    .unwrap();
    let day = call(
        "refund_sale",
        json!({"receiptNo": cash["receiptNo"], "amount": 2_350, "reason": "one loaf back"}),
    )
    .unwrap();
    let x = &day["x"]["byMethod"];
    // Cash expected: float + sale − refund − paid out.
    assert_eq!(x["cash"]["expected"], 50_000 + 12_350 - 2_350 - 5_000);
    assert_eq!(x["d17"]["sales"], 8_000);

    let z = call("drawer_close", json!({"counted": [{"method": "cash", "amount": 54_500}], "blind": true, "cashier": "Sami"})).unwrap();
    let cash_line = &z["report"]["byMethod"]["cash"];
    assert_eq!(cash_line["counted"], 54_500);
    assert_eq!(cash_line["difference"], 54_500 - 55_000);
    assert_eq!(z["report"]["blind"], true);
    assert_eq!(z["report"]["receiptCount"], 3, "two sales and a refund");
    assert_eq!(z["hash"].as_str().unwrap().len(), 64);

    let again = call("z_report", json!({"number": z["report"]["number"]})).unwrap();
    assert_eq!(again, z, "a past Z reads back as it was closed");
    let day = invoke(&t.window, "day_status", json!({})).unwrap();
    assert_eq!(day["drawer"], Value::Null);
    assert_eq!(day["zNumbers"], json!([z["report"]["number"]]));
}

#[test]
fn a_method_added_in_the_settings_gets_a_fixed_code_and_is_offered_and_counted() {
    let t = start_with_memory_keychain();
    let profile = invoke(&t.window, "start_demo", json!({})).unwrap();
    let mut settings = profile["settings"].clone();
    settings["customMethods"] = json!([{"slug": "", "name": "Tickets resto", "inDrawer": true}]);
    let saved = invoke(
        &t.window,
        "update_settings",
        json!({ "settings": settings }),
    )
    .unwrap();
    let slug = saved["settings"]["customMethods"][0]["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!slug.is_empty(), "{saved}");

    // Saved again as the screen sends it back: the code stays.
    let again = invoke(
        &t.window,
        "update_settings",
        json!({ "settings": saved["settings"] }),
    )
    .unwrap();
    assert_eq!(again["settings"]["customMethods"][0]["slug"], slug.as_str());

    let day = invoke(&t.window, "day_status", json!({})).unwrap();
    let method = day["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == slug.as_str())
        .cloned();
    assert_eq!(
        method,
        Some(json!({"code": slug, "customName": "Tickets resto", "counted": true}))
    );
    let request = json!({"method": slug, "amount": 7_000, "title": "Lunch"});
    let recorded = invoke(&t.window, "record_sale", json!({ "request": request })).unwrap();
    assert_eq!(recorded["method"], slug.as_str());
}
