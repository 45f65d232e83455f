//! Accessibility in the real window: axe-core on every screen in English, French and Arabic, in
//! the light and the dark theme, with no serious or critical violation; the whole sidebar within
//! reach in the default and in the smallest window; and a counter sale from the keypad to "Paid"
//! to the receipt with the keyboard alone, in English and in Arabic, where every control that
//! takes the focus shows it.

use std::time::{Duration, Instant};

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::json;

use crate::support::axe::{Violation, report, serious_violations};
use crate::support::driver::{in_window, screenshot};
use crate::support::page::{
    buyer_pays, choose_language, click, in_demo, start_demo, wait_for, wait_text,
};

/// The screens of an open shop: the navigation entry and what shows once it is loaded.
const SCREENS: [(&str, &str); 8] = [
    ("dashboard", "[data-testid=balance-available]"),
    ("escrows", "[data-testid=escrow-row]"),
    ("new-escrow", "[data-testid=new-escrow-form]"),
    ("counter", "[data-testid=counter-screen]"),
    ("day", "[data-testid=day-screen]"),
    ("kyc", "[data-testid=kyc-screen]"),
    ("books", "[data-testid=books-total-gross]"),
    ("settings", "[data-testid=settings-screen]"),
];

const LANGUAGES: [&str; 3] = ["en", "fr", "ar"];

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn every_screen_passes_axe_in_three_languages_and_both_themes() {
    let home = tempfile::tempdir().unwrap();
    in_window(home.path(), |client| async move {
        axe_reports_a_nameless_button(&client).await;
        let mut found = Vec::new();
        for theme in ["light", "dark"] {
            for language in LANGUAGES {
                choose_language(&client, language).await;
                wait_for(&client, ".door").await;
                check(
                    &client,
                    &format!("onboarding-{language}-{theme}"),
                    &mut found,
                )
                .await;
            }
            switch_theme(&client).await;
        }
        start_demo(&client).await;
        for theme in ["light", "dark"] {
            for language in LANGUAGES {
                choose_language(&client, language).await;
                if theme == "light" {
                    sidebar_within_reach(&client, language).await;
                }
                for (screen, ready) in SCREENS {
                    click(&client, &format!("[data-testid=nav-{screen}]")).await;
                    wait_for(&client, ready).await;
                    check(&client, &format!("{screen}-{language}-{theme}"), &mut found).await;
                }
                click(&client, "[data-testid=nav-escrows]").await;
                click(&client, "[data-testid=escrow-row]").await;
                wait_for(&client, "[data-testid=escrow-detail]").await;
                check(
                    &client,
                    &format!("escrow-detail-{language}-{theme}"),
                    &mut found,
                )
                .await;
            }
            switch_theme(&client).await;
        }
        client.close().await.unwrap();
        assert!(found.is_empty(), "axe found:{}", report(&found));
    });
}

/// The sidebar shows whole in the default window (1280 × 800); in the smallest the app allows
/// (960 × 640) it scrolls on its own, the page does not, and its last control scrolls into view.
async fn sidebar_within_reach(client: &Client, language: &str) {
    let measure = "const side = document.querySelector('.sidebar');
        const last = side.querySelector('.preferences button');
        if (arguments[0]) last.scrollIntoView({ block: 'nearest' });
        return { last: last.getBoundingClientRect().bottom, window: innerHeight,
                 page: document.documentElement.scrollHeight,
                 side: side.scrollHeight, sideShown: side.clientHeight, sideScrolled: side.scrollTop };";
    let whole = client.execute(measure, vec![json!(false)]).await.unwrap();
    assert!(
        px(&whole, "last") <= px(&whole, "window"),
        "{language}: the sidebar runs past the default window: {whole}"
    );
    resize(client, 960, 640).await;
    let small = client.execute(measure, vec![json!(true)]).await.unwrap();
    resize(client, 1280, 800).await;
    let window = px(&small, "window");
    assert!(
        px(&small, "page") <= window
            && px(&small, "last") <= window
            && px(&small, "sideScrolled") > 0.0,
        "{language}: in the smallest window the sidebar's end is out of reach: {small}"
    );
}

fn px(measured: &serde_json::Value, key: &str) -> f64 {
    measured[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no {key} in {measured}"))
}

/// Resizes the window and waits until the page has the new height.
async fn resize(client: &Client, width: u32, height: u32) {
    let before = client.execute("return innerHeight;", vec![]).await.unwrap();
    client.set_window_size(width, height).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while client.execute("return innerHeight;", vec![]).await.unwrap() == before {
        assert!(Instant::now() < deadline, "the window kept its size");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The engine runs in this window and reports what it must: a button with no name, added for
/// the check and removed after it.
async fn axe_reports_a_nameless_button(client: &Client) {
    wait_for(client, ".door").await;
    let add = "const b = document.createElement('button'); b.id = 'axe-canary';
               document.body.appendChild(b); return true;";
    client.execute(add, vec![]).await.unwrap();
    let found = serious_violations(client).await;
    assert!(
        found.iter().any(|v| v.id == "button-name"),
        "axe did not report a nameless button: {found:?}"
    );
    let remove = "document.getElementById('axe-canary').remove(); return true;";
    client.execute(remove, vec![]).await.unwrap();
}

/// Runs axe on the screen as it is (after its data has painted) and keeps what it finds; each
/// screen is saved as a screenshot, for the eye that checks what axe cannot.
async fn check(client: &Client, screen: &str, found: &mut Vec<(String, Violation)>) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    screenshot(client, &format!("a11y-{screen}")).await;
    for v in serious_violations(client).await {
        found.push((screen.to_owned(), v));
    }
    eprintln!("e2e: axe on {screen}: {} so far", found.len());
}

async fn switch_theme(client: &Client) {
    let before = theme(client).await;
    click(client, ".preferences button").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while theme(client).await == before {
        assert!(Instant::now() < deadline, "the theme stayed {before}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn theme(client: &Client) -> String {
    let script = "return document.documentElement.dataset.theme || \
                  getComputedStyle(document.body).backgroundColor;";
    let v = client.execute(script, vec![]).await.unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn a_counter_sale_with_the_keyboard_alone_in_english_and_arabic() {
    in_demo(|client| async move {
        let mut unseen_focus = Vec::new();
        for language in ["en", "ar"] {
            choose_language(&client, language).await;
            keyboard_sale(&client, language, &mut unseen_focus).await;
        }
        client.close().await.unwrap();
        assert!(
            unseen_focus.is_empty(),
            "focused without a visible focus indicator: {unseen_focus:#?}"
        );
    });
}

async fn keyboard_sale(client: &Client, language: &str, unseen_focus: &mut Vec<String>) {
    tab_to(client, "[data-testid=nav-counter]", unseen_focus).await;
    press(client, &Key::Enter).await;
    wait_for(client, "[data-testid=counter-screen]").await;
    // The amount is typed anywhere outside a field.
    press(client, "12.5").await;
    wait_text(client, "[data-testid=counter-amount]", SOON, |t| {
        t.contains("12") && t.contains("500")
    })
    .await;
    tab_to(client, "[data-testid=counter-title]", unseen_focus).await;
    press(client, "Coffee").await;
    tab_to(client, "[data-testid=counter-email]", unseen_focus).await;
    let buyer = format!("keyboard-{language}@example.tn");
    press(client, &buyer).await;
    press(client, &Key::Enter).await;

    wait_for(client, "[data-testid=counter-qr]").await;
    let url = wait_for(client, ".sale__link").await.text().await.unwrap();
    buyer_pays(url.trim(), &buyer).await;
    wait_for(client, "[data-testid=counter-paid]").await;
    assert!(
        announced(client, "[data-testid=counter-status]").await,
        "the sale's status is not in a live region"
    );
    screenshot(client, &format!("keyboard-paid-{language}")).await;

    tab_to(client, "[data-testid=counter-deliver]", unseen_focus).await;
    press(client, &Key::Enter).await;
    // The demo's quick sale completes as soon as it is delivered.
    wait_for(client, ".sale--completed").await;
    tab_to(client, "[data-testid=counter-receipt]", unseen_focus).await;
    press(client, &Key::Enter).await;
    wait_for(client, "[data-testid=receipt]").await;
    screenshot(client, &format!("keyboard-receipt-{language}")).await;
    // Back to the dashboard, so the next sale starts from the navigation again.
    tab_to(client, "[data-testid=nav-dashboard]", unseen_focus).await;
    press(client, &Key::Enter).await;
    wait_for(client, "[data-testid=dashboard]").await;
}

const SOON: Duration = Duration::from_secs(10);

/// Types into whatever has the focus, as a keyboard does.
async fn press(client: &Client, keys: &str) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Presses Tab until `css` has the focus; each control passed on the way must show its focus.
async fn tab_to(client: &Client, css: &str, unseen_focus: &mut Vec<String>) {
    for _ in 0..80 {
        let focus = client
            .execute(FOCUS_SCRIPT, vec![json!(css)])
            .await
            .unwrap();
        if focus["visible"] == false {
            unseen_focus.push(focus["name"].as_str().unwrap_or_default().to_owned());
        }
        if focus["matches"] == true {
            return;
        }
        press(client, &Key::Tab).await;
    }
    panic!("{css} never took the focus from the keyboard");
}

/// What has the focus: whether it is the target, its description, and whether it shows a focus
/// ring (an outline or a box shadow) — nothing focused (the page itself) counts as visible.
const FOCUS_SCRIPT: &str = "
    const e = document.activeElement;
    if (!e || e === document.body) return { matches: false, visible: true, name: 'body' };
    const s = getComputedStyle(e);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    const name = e.tagName + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + ' ' + (e.textContent || '').trim().slice(0, 30);
    return { matches: e.matches(arguments[0]), visible: ring, name };";

/// Whether `css` sits in a live region, so a screen reader announces its changes.
async fn announced(client: &Client, css: &str) -> bool {
    let script = "const e = document.querySelector(arguments[0]);
        return !!(e && e.closest('[aria-live]:not([aria-live=off]), [role=status], [role=alert]'));";
    client.execute(script, vec![json!(css)]).await.unwrap() == true
}
