//! Printing over IPC as the screens drive it, to a virtual ESC/POS printer on loopback: the
//! printer saved in the settings, a cash sale's receipt (the drawer opens once, a reprint is a
//! copy), a refund, the X and the Z, a paid DHMAD sale; a printer that is off says so for the
//! cashier and changes nothing; a mistyped printer is refused before it is saved.

use std::time::{Duration, Instant};

use receipt::VirtualPrinter;
use serde_json::{Value, json};
use tauri::WebviewWindow;
use tauri::test::MockRuntime;

use crate::support::app::{invoke, sim_post, start_with_memory_keychain, wait_for_sync};

const SOON: Duration = Duration::from_secs(10);

fn save_printing(window: &WebviewWindow<MockRuntime>, printing: Value) -> Result<Value, Value> {
    let profiles = invoke(window, "profiles_list", json!({})).unwrap();
    let mut settings = profiles["profiles"][0]["settings"].clone();
    settings["printing"] = printing;
    invoke(window, "update_settings", json!({ "settings": settings }))
}

#[test]
fn receipts_reports_and_a_paid_sale_print_and_a_printer_that_is_off_changes_nothing() {
    let printer = VirtualPrinter::start(0, None).unwrap();
    let off = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    wait_for_sync(&t.window);
    let call = |cmd: &str, request: Value| invoke(&t.window, cmd, json!({ "request": request }));

    let mistyped = save_printing(
        &t.window,
        json!({"printers": [{"name": "Counter", "uri": "192.168.1.50", "paper": "80"}]}),
    );
    assert_eq!(mistyped.unwrap_err()["code"], "validation");
    let printing = json!({
        "printers": [
            {"name": "Counter", "uri": printer.uri().to_string(), "paper": "80"},
            {"name": "Off", "uri": format!("tcp://127.0.0.1:{off}"), "paper": "58"},
        ],
        "defaultPrinter": null, "autoPrint": true, "kickDrawerOnCash": true, "language": "ar+fr",
    });
    let saved = save_printing(&t.window, printing.clone()).unwrap();
    assert_eq!(saved["settings"]["printing"], printing, "saved as sent");

    call("drawer_open", json!({"float": 20_000, "cashier": "Sami"})).unwrap();
    let cash = call(
        "record_sale",
        json!({"method": "cash", "amount": 12_350, "title": "Bread", "tendered": 20_000}),
    )
    .unwrap();
    let number = cash["receiptNo"].clone();
    let first = call("print_receipt", json!({"receiptNo": number})).unwrap();
    assert_eq!(
        (first["printer"].as_str(), first["widthDots"].as_u64()),
        (Some("Counter"), Some(576))
    );
    call("print_receipt", json!({"receiptNo": number})).unwrap();
    let refunded = call(
        "refund_sale",
        json!({"receiptNo": number, "amount": 2_350, "reason": "one loaf"}),
    )
    .unwrap();
    assert_eq!(
        refunded["receiptNo"],
        number.as_i64().unwrap() + 1,
        "the refund's own number"
    );
    assert_eq!(refunded["day"]["x"]["byMethod"]["cash"]["refunds"], 2_350);
    call("print_receipt", json!({"receiptNo": refunded["receiptNo"]})).unwrap();
    call("print_day_report", json!({})).unwrap();
    let jobs = printer.wait_for_jobs(4, SOON);
    let kicked: Vec<bool> = jobs.iter().map(|j| j.drawer_kicked).collect();
    assert_eq!(
        kicked,
        [true, false, true, false],
        "sale, its copy, the cash refund, the X"
    );
    assert!(
        jobs[1].bitmap.height() > jobs[0].bitmap.height(),
        "the copy is marked"
    );

    let failed = call(
        "print_receipt",
        json!({"receiptNo": number, "printer": "Off"}),
    )
    .unwrap_err();
    assert_eq!(failed["code"], "printer", "{failed}");
    let said = failed["userMessage"].as_str().unwrap();
    assert!(
        said.starts_with("The printer at tcp://127.0.0.1:") && said.contains("switched on"),
        "{said}"
    );
    let day = invoke(&t.window, "day_status", json!({})).unwrap();
    assert_eq!(
        day["x"]["byMethod"]["cash"]["sales"], 12_350,
        "the sale is as it was"
    );

    let z = call("drawer_close", json!({"counted": [{"method": "cash", "amount": 30_000}], "blind": false, "cashier": "Sami"})).unwrap();
    call("print_day_report", json!({"z": z["number"]})).unwrap();
    let missing = call("print_day_report", json!({"z": 999})).unwrap_err();
    assert_eq!(missing["code"], "notFound");

    let sale = paid_counter_sale(&t.window);
    let printed = call("print_receipt", json!({"saleId": sale})).unwrap();
    assert_eq!(printed["printer"], "Counter");
    let jobs = printer.wait_for_jobs(6, SOON);
    assert_eq!(jobs.len(), 6, "refused: {:?}", printer.rejected());
    assert!(!jobs[5].drawer_kicked, "a DHMAD sale is not cash");
}

#[test]
fn printing_with_no_printer_set_up_asks_for_one_in_the_settings() {
    let t = start_with_memory_keychain();
    invoke(&t.window, "start_demo", json!({})).unwrap();
    let refused = invoke(&t.window, "print_day_report", json!({"request": {}})).unwrap_err();
    assert_eq!(refused["code"], "validation");
    assert_eq!(
        refused["userMessage"],
        "Add a receipt printer in Settings first."
    );
}

/// A counter sale charged and paid by the buyer, seen paid by the app; its id.
fn paid_counter_sale(window: &WebviewWindow<MockRuntime>) -> Value {
    let buyer = "print-buyer@example.tn";
    let request = json!({ "request": { "amount": 9_000, "title": "Dates", "buyerEmail": buyer } });
    let sale = invoke(window, "counter_start", request).unwrap();
    let unpaid = invoke(
        window,
        "print_receipt",
        json!({"request": {"saleId": sale["saleId"]}}),
    )
    .unwrap_err();
    assert!(
        unpaid["userMessage"]
            .as_str()
            .unwrap()
            .contains("not paid yet"),
        "{unpaid}"
    );
    let url = sale["checkoutUrl"].as_str().unwrap();
    let origin = url.split("/checkout/").next().unwrap();
    sim_post(origin, "/users", json!({ "email": buyer, "balance": 100 }));
    let session = sale["sessionId"].as_str().unwrap();
    sim_post(origin, &format!("/sessions/{session}/complete"), json!({}));
    let deadline = Instant::now() + SOON;
    while invoke(window, "counter_sales", json!({})).unwrap()["recent"][0]["state"] != "paid" {
        assert!(Instant::now() < deadline, "not seen paid");
        std::thread::sleep(Duration::from_millis(100));
    }
    sale["saleId"].clone()
}
