//! The shop's day in the real window: open the drawer, a cash sale with change and a DHMAD QR
//! sale at the counter, a refund, close with the counted cash; the Z on screen adds up and counts
//! the QR sale apart, as DHMAD's. Screenshots of the day and its Z in English,
//! French and Arabic land in artifacts/e2e/.

use std::time::Duration;

use crate::support::driver::screenshot;
use fantoccini::Client;

use crate::support::page::{
    buyer_pays, choose_language, click, fill, in_demo, wait_for, wait_text,
};

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn a_day_with_the_drawer_cash_and_qr_sales_a_refund_and_the_z_in_three_languages() {
    in_demo(|client| async move {
        click(&client, "[data-testid=nav-day]").await;
        wait_for(&client, "[data-testid=day-screen]").await;
        fill(&client, "[data-testid=day-drawer-amount]", "50").await;
        fill(&client, "[data-testid=day-drawer-text]", "Sami").await;
        click(&client, "[data-testid=day-drawer-open]").await;
        wait_for(&client, "[data-testid=day-close]").await;

        let paid_before = dhmad_paid_today(&client).await;

        // At the counter: cash, with the change from what was handed over…
        click(&client, "[data-testid=nav-counter]").await;
        click(&client, "[data-testid=counter-method-cash]").await;
        type_on_keypad(&client, "12.35").await;
        fill(&client, "[data-testid=counter-tendered]", "20").await;
        let change = wait_text(&client, "[data-testid=counter-change]", SOON, |t| {
            t.contains("7.650")
        })
        .await;
        assert!(change.contains("7.650"), "{change}");
        screenshot(&client, "counter-methods-en").await;
        click(&client, "[data-testid=counter-record]").await;
        let recorded = wait_text(&client, "[data-testid=counter-recorded]", SOON, |t| {
            t.contains("No")
        })
        .await;
        let receipt = receipt_number(&recorded);
        click(&client, "[data-testid=counter-new]").await;

        // …then a DHMAD QR sale the buyer pays on the phone.
        click(&client, "[data-testid=counter-method-dhmad]").await;
        type_on_keypad(&client, "12.5").await;
        fill(&client, "[data-testid=counter-title]", "Coffee").await;
        fill(
            &client,
            "[data-testid=counter-email]",
            "day-buyer@example.tn",
        )
        .await;
        click(&client, "[data-testid=counter-charge]").await;
        let url = wait_for(&client, ".sale__link").await.text().await.unwrap();
        buyer_pays(url.trim(), "day-buyer@example.tn").await;
        wait_for(&client, "[data-testid=counter-paid]").await;

        click(&client, "[data-testid=nav-day]").await;
        wait_for(&client, "[data-testid=day-screen]").await;
        fill(
            &client,
            "[data-testid=day-refund-receipt]",
            &receipt.to_string(),
        )
        .await;
        fill(&client, "[data-testid=day-refund-amount]", "2.350").await;
        fill(&client, "[data-testid=day-refund-reason]", "one loaf back").await;
        click(&client, "[data-testid=day-refund-submit]").await;
        // Cash expected: 50 + 12.350 − 2.350.
        wait_text(&client, "[data-testid=day-line-cash]", SOON, |t| {
            t.contains("60.000")
        })
        .await;

        fill(&client, "[data-testid=day-count-cash]", "59.500").await;
        click(&client, "[data-testid=day-close-submit]").await;
        wait_for(&client, "[data-testid=day-z]").await;
        let line = wait_text(
            &client,
            "[data-testid=day-z] [data-testid=day-line-cash]",
            SOON,
            |t| t.contains("59.500"),
        )
        .await;
        assert!(
            line.contains("12.350") && line.contains("2.350") && line.contains("60.000"),
            "{line}"
        );
        assert!(line.contains("0.500"), "the difference: {line}");
        // The paid escrow is DHMAD's to hold, apart from the cash.
        assert_eq!(dhmad_paid_today(&client).await, paid_before + 1);
        screenshot(&client, "day-z-en").await;

        for language in ["fr", "ar"] {
            choose_language(&client, language).await;
            wait_for(&client, "[data-testid=day-z]").await;
            screenshot(&client, &format!("day-z-{language}")).await;
        }
        // The counter's method picker, with cash chosen, in the other two languages.
        click(&client, "[data-testid=nav-counter]").await;
        for language in ["ar", "fr"] {
            choose_language(&client, language).await;
            click(&client, "[data-testid=counter-method-cash]").await;
            wait_for(&client, "[data-testid=counter-tendered]").await;
            screenshot(&client, &format!("counter-methods-{language}")).await;
        }
        client.close().await.unwrap();
    });
}

const SOON: Duration = Duration::from_secs(10);

async fn type_on_keypad(client: &Client, amount: &str) {
    for c in amount.chars() {
        let key = if c == '.' {
            "decimal".to_owned()
        } else {
            c.to_string()
        };
        click(client, &format!("[data-testid=keypad-key-{key}]")).await;
    }
}

/// How many escrows the day's report counts as paid today (the last report on screen).
async fn dhmad_paid_today(client: &Client) -> u64 {
    let text = wait_for(client, "[data-testid=day-dhmad-paid]")
        .await
        .text()
        .await
        .unwrap();
    text.split(|c: char| !c.is_ascii_digit())
        .find(|n| !n.is_empty())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {text:?}"))
}

/// The number in "Recorded: receipt No 7, …".
fn receipt_number(text: &str) -> u64 {
    text.split("No ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no receipt number in {text:?}"))
}
