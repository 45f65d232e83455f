//! A counter sale paid while the merchant looks at another program shows an OS notification in
//! the shop's language; paid while the window is in front, it does not. Played on the demo's
//! embedded simulator, the buyer paying through the simulator's own endpoints.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use merchant_app::about::Install;
use merchant_app::host::Host;
use merchant_app::views::counter::{CounterSaleRequest, SaleEventKind, SaleView};
use merchant_app::{App, AppEvent};
use merchant_core::{Language, MemoryStore};
use serde_json::json;

/// The shell's part, played by a collector: whether the window is in front is the test's to say.
struct Collector {
    in_front: bool,
    events: Mutex<Vec<AppEvent>>,
    notifications: Mutex<Vec<(String, String)>>,
}

impl Host for Collector {
    fn emit(&self, event: AppEvent) {
        self.events.lock().unwrap().push(event);
    }
    fn notify(&self, title: &str, body: &str) {
        let shown = (title.to_owned(), body.to_owned());
        self.notifications.lock().unwrap().push(shown);
    }
    fn main_window_in_front(&self) -> bool {
        self.in_front
    }
    fn open_url(&self, url: &str) -> Result<(), String> {
        Err(format!("no browser in this test: {url}"))
    }
}

impl Collector {
    fn heard_paid(&self) -> bool {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .any(|e| matches!(e, AppEvent::Sale(change) if change.kind == SaleEventKind::Paid))
    }
}

fn start(dir: &tempfile::TempDir, in_front: bool) -> (App, Arc<Collector>) {
    let host = Arc::new(Collector {
        in_front,
        events: Mutex::default(),
        notifications: Mutex::default(),
    });
    let install = Install {
        name: "DHMAD Merchant".into(),
        version: "0.0.0".into(),
        data_dir: dir.path().join("data"),
        log_dir: dir.path().join("logs"),
        started: Instant::now(),
    };
    let keychain = Arc::new(MemoryStore::new());
    let runtime = tokio::runtime::Handle::current();
    let app = App::open(install, keychain, host.clone(), runtime).unwrap();
    app.set_demo_escrows(0);
    (app, host)
}

/// Opens the demo shop in French and charges 12.500 TND for a coffee.
async fn charge_a_coffee_in_french(app: &App) -> SaleView {
    app.start_demo().await.unwrap();
    let mut settings = app.workspace().active_profile().unwrap().settings;
    settings.language = Language::Fr;
    app.update_settings(settings).await.unwrap();
    let request = CounterSaleRequest {
        amount: 12_500,
        title: "Coffee".into(),
        buyer_email: "coffee-buyer@example.tn".into(),
        mode: None,
    };
    app.counter_start(request).await.unwrap()
}

/// The buyer pays through the sale's link, and the app's watcher sees it paid.
async fn buyer_pays(app: &App, host: &Collector, sale: &SaleView) {
    let origin = app.demo_origin().await.expect("the demo simulator runs");
    let client = reqwest::Client::new();
    let session = sale.session_id.as_deref().expect("a pay link");
    for (path, body) in [
        (
            "/users".to_owned(),
            json!({ "email": sale.buyer_email, "balance": 100 }),
        ),
        (format!("/sessions/{session}/complete"), json!({})),
    ] {
        let answer = client
            .post(format!("{origin}/__sim{path}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "{path}: {}", answer.status());
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !host.heard_paid() {
        assert!(Instant::now() < deadline, "no paid event within 10 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_paid_while_the_window_is_behind_notifies_in_the_shops_language() {
    let dir = tempfile::tempdir().unwrap();
    let (app, host) = start(&dir, false);
    let sale = charge_a_coffee_in_french(&app).await;
    buyer_pays(&app, &host, &sale).await;
    let shown = host.notifications.lock().unwrap().clone();
    assert_eq!(
        shown,
        vec![("Vente payée".to_owned(), "TND 12.500 — Coffee".to_owned())]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_paid_while_the_window_is_in_front_shows_no_notification() {
    let dir = tempfile::tempdir().unwrap();
    let (app, host) = start(&dir, true);
    let sale = charge_a_coffee_in_french(&app).await;
    buyer_pays(&app, &host, &sale).await;
    assert!(host.notifications.lock().unwrap().is_empty());
}
