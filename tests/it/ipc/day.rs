//! The shop's day over IPC, as the Day screen drives it: the drawer, sales in other methods with
//! change, a refund, and the close whose Z adds up what was recorded.

use serde_json::{Value, json};
use tauri::Manager;

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
    assert_eq!(day["drawer"]["floatMillimes"], 50_000);
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
    let refunded = call(
        "refund_sale",
        json!({"receiptNo": cash["receiptNo"], "amount": 2_350, "reason": "one loaf back"}),
    )
    .unwrap();
    let x = &refunded["day"]["x"]["byMethod"];
    // Cash expected: float + sale − refund − paid out.
    assert_eq!(x["cash"]["expected"], 50_000 + 12_350 - 2_350 - 5_000);
    assert_eq!(x["d17"]["sales"], 8_000);

    let z = call("drawer_close", json!({"counted": [{"method": "cash", "amount": 54_500}], "blind": true, "cashier": "Sami"})).unwrap();
    let cash_line = &z["byMethod"]["cash"];
    assert_eq!(cash_line["counted"], 54_500);
    assert_eq!(cash_line["difference"], 54_500 - 55_000);
    assert_eq!(z["blind"], true);
    assert_eq!(z["receipts"]["count"], 3, "two sales and a refund");
    assert_eq!(z["hash"].as_str().unwrap().len(), 64);

    let again = call("z_report", json!({"number": z["number"]})).unwrap();
    assert_eq!(again, z, "a past Z reads back as it was closed");
    let day = invoke(&t.window, "day_status", json!({})).unwrap();
    assert_eq!(day["drawer"], Value::Null);
    assert_eq!(day["zNumbers"], json!([z["number"]]));
    assert_eq!(
        day["denominations"][0],
        json!({"millimes": 50_000, "note": true}),
        "the counting sheet starts with the 50-dinar note"
    );

    // The Z as CSV, only to a file the save dialog gave.
    let out = t._dirs.path().join("z.csv");
    let to_csv =
        json!({"number": z["number"], "path": out.display().to_string(), "delimiter": ","});
    let refused = call("z_csv", to_csv.clone()).unwrap_err();
    assert_eq!(refused["code"], "validation");
    assert!(!out.exists());
    t.window
        .state::<dhmad_merchant_lib::app::App>()
        .chosen_paths()
        .remember(out.clone());
    call("z_csv", to_csv).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("cash.counted,54.500\r\n"), "{text}");
    assert!(
        text.contains(&format!("hash,{}", z["hash"].as_str().unwrap())),
        "{text}"
    );
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

/// Recorded sales in the Books and on the dashboard: the period's totals by method, the day's
/// till apart from DHMAD, and the CSV of one method holding exactly its rows.
#[test]
fn recorded_sales_are_in_the_books_by_method_the_dashboard_and_the_csv() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);
    let call = |cmd: &str, request: Value| invoke(&t.window, cmd, json!({ "request": request }));
    let cash = call(
        "record_sale",
        json!({"method": "cash", "amount": 12_350, "title": "Bread"}),
    )
    .unwrap();
    call(
        "record_sale",
        json!({"method": "d17", "amount": 8_000, "title": "Dates", "reference": "TX-9"}),
    )
    .unwrap();
    call(
        "refund_sale",
        json!({"receiptNo": cash["receiptNo"], "amount": 2_350, "reason": "one loaf back"}),
    )
    .unwrap();

    let today = chrono::Utc::now()
        .with_timezone(&merchant_core::tz::TUNIS)
        .format("%Y-%m-%d")
        .to_string();
    let period = json!({ "fromDay": today, "toDay": today, "by": "day" });
    let report = call("report", period).unwrap();
    let line = |code: &str| {
        report["byMethod"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["method"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("no {code} line in {report}"))
    };
    assert_eq!(
        line("cash"),
        json!({"method": "cash", "salesCount": 1, "sales": 12_350, "refundsCount": 1,
               "refunds": 2_350, "net": 10_000})
    );
    assert_eq!(line("d17")["net"], 8_000);

    let dash = invoke(&t.window, "dashboard", json!({})).unwrap();
    let till: Vec<(String, i64)> = dash["tillToday"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["method"].as_str().unwrap().to_owned(),
                l["net"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        till,
        [("cash".to_owned(), 10_000), ("d17".to_owned(), 8_000)],
        "the till, DHMAD apart"
    );

    let out = t._dirs.path().join("cash.csv");
    t.window
        .state::<dhmad_merchant_lib::app::App>()
        .chosen_paths()
        .remember(out.clone());
    let export = json!({ "fromDay": today, "toDay": today, "path": out.display().to_string(),
                         "delimiter": ",", "methods": ["cash"] });
    assert_eq!(call("export_csv", export).unwrap()["rows"], 2);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with("method,receipt,reference"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows.iter().all(|r| r.contains(",cash,")), "{text}");
    assert!(
        rows[0].contains("12.350") && rows[1].contains("-2.350"),
        "{text}"
    );
}
