//! Steps in the real window a merchant takes (click, fill, wait for a text), and the buyer's
//! payment through the simulator's control API, shared by the end-to-end tests.

use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::support::driver::{document_attr, in_window, screenshot};

/// How long the buyer's payment may take to show ("Paid" within 10 s, plus the click).
pub(crate) const PAID_WITHIN: Duration = Duration::from_secs(10);

/// The element, once it appears; else the test fails with a screenshot of what the window
/// showed instead (`artifacts/e2e/never-appeared.png`) and its visible text.
pub(crate) async fn wait_for(client: &Client, css: &str) -> Element {
    let found = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await;
    match found {
        Ok(element) => element,
        Err(e) => {
            screenshot(client, "never-appeared").await;
            let shown = client.source().await.unwrap_or_default();
            let text = shown.chars().rev().take(3000).collect::<String>();
            let text: String = text.chars().rev().collect();
            panic!("{css} never appeared: {e}\nthe page's end:\n{text}")
        }
    }
}

pub(crate) async fn click(client: &Client, css: &str) {
    wait_for(client, css).await.click().await.unwrap();
}

pub(crate) async fn fill(client: &Client, css: &str, text: &str) {
    let input = wait_for(client, css).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Waits until the element's text satisfies `ok`, and returns it.
pub(crate) async fn wait_text(
    client: &Client,
    css: &str,
    within: Duration,
    ok: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + within;
    loop {
        if let Ok(e) = client.find(Locator::Css(css)).await
            && let Ok(text) = e.text().await
            && ok(&text)
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{css} did not reach the expected text"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the buyer does on the hosted page, through the simulator's control API. The origin
/// comes from the checkout link the app shows.
pub(crate) async fn buyer_pays(checkout_url: &str, buyer: &str) {
    let (origin, session) = checkout_url
        .split_once("/checkout/")
        .unwrap_or_else(|| panic!("not a checkout link: {checkout_url}"));
    let session = session.split(['?', '#']).next().unwrap();
    let http = reqwest::Client::new();
    let post = |path: String, body: Value| {
        let http = http.clone();
        async move {
            let r = http.post(path).json(&body).send().await.unwrap();
            assert!(r.status().is_success(), "{}", r.status());
        }
    };
    post(
        format!("{origin}/__sim/users"),
        json!({ "email": buyer, "balance": 1000 }),
    )
    .await;
    post(
        format!("{origin}/__sim/sessions/{session}/complete"),
        json!({}),
    )
    .await;
}

pub(crate) async fn start_demo(client: &Client) {
    click(
        client,
        "[data-testid=door-demo] button, button[data-testid=door-demo]",
    )
    .await;
    wait_for_balances(client).await;
}

/// Waits for the document's direction (a language change applies on the next render).
pub(crate) async fn wait_for_dir(client: &Client, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let dir = document_attr(client, "dir").await;
        if dir == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "dir is {dir:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The dashboard, once the first sync filled its balances.
pub(crate) async fn wait_for_balances(client: &Client) {
    wait_for(client, "[data-testid=dashboard]").await;
    wait_text(
        client,
        "[data-testid=balance-available]",
        Duration::from_secs(30),
        |t| t.chars().any(|c| c.is_ascii_digit()),
    )
    .await;
}

/// A fresh app (own data folder) in the real window, opened on the demo, given to `body`.
pub(crate) fn in_demo<F, Fut>(body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let home = tempfile::tempdir().unwrap();
    in_window(home.path(), |client| async move {
        start_demo(&client).await;
        body(client).await;
    });
}

/// Connects `key` through the onboarding form (with the simulator's `base_url`) and opens the
/// shop, which starts its first sync.
pub(crate) async fn submit_sandbox_key(client: &fantoccini::Client, key: &str, base_url: &str) {
    click(
        client,
        "[data-testid=door-sandbox] button, button[data-testid=door-sandbox]",
    )
    .await;
    fill(client, ".key-form input[type=password]", key).await;
    fill(
        client,
        "#connect-redirect-url",
        "https://merchant.example/return",
    )
    .await;
    click(client, ".key-form details summary").await;
    fill(client, ".key-form details input[type=url]", base_url).await;
    click(client, ".key-form button[type=submit]").await;
    wait_for(client, "#key-connected-title").await;
    click(client, ".card button.button--primary").await;
}

/// Switches the window's language from the preferences and waits for its direction.
pub(crate) async fn choose_language(client: &Client, language: &str) {
    wait_for(client, ".preferences select")
        .await
        .select_by_value(language)
        .await
        .unwrap();
    wait_for_dir(client, if language == "ar" { "rtl" } else { "ltr" }).await;
}
