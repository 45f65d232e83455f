//! The shop's day in the real window: open the drawer, a cash sale with change, a refund, close
//! with the counted cash; the Z on screen adds up. Screenshots of the day and its Z in English,
//! French and Arabic land in artifacts/e2e/.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::support::driver::screenshot;
use crate::support::page::{click, fill, in_demo, wait_for, wait_for_dir, wait_text};

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn a_day_with_the_drawer_a_cash_sale_a_refund_and_the_z_in_three_languages() {
    in_demo(|client| async move {
        click(&client, "[data-testid=nav-day]").await;
        wait_for(&client, "[data-testid=day-screen]").await;
        fill(&client, "[data-testid=day-drawer-amount]", "50").await;
        fill(&client, "[data-testid=day-drawer-text]", "Sami").await;
        click(&client, "[data-testid=day-drawer-open]").await;
        wait_for(&client, "[data-testid=day-close]").await;

        fill(&client, "[data-testid=day-amount]", "12.350").await;
        fill(&client, "[data-testid=day-tendered]", "20").await;
        let change = wait_text(&client, "[data-testid=day-change]", SOON, |t| {
            t.contains("7.650")
        })
        .await;
        assert!(change.contains("7.650"), "{change}");
        screenshot(&client, "day-record-en").await;
        click(&client, "[data-testid=day-record-submit]").await;
        let recorded = wait_text(&client, "[data-testid=day-recorded]", SOON, |t| {
            t.contains("No")
        })
        .await;
        let receipt = receipt_number(&recorded);

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
        screenshot(&client, "day-z-en").await;

        for (language, dir) in [("fr", "ltr"), ("ar", "rtl")] {
            choose_language(&client, language).await;
            wait_for_dir(&client, dir).await;
            wait_for(&client, "[data-testid=day-z]").await;
            screenshot(&client, &format!("day-z-{language}")).await;
        }
        client.close().await.unwrap();
    });
}

const SOON: Duration = Duration::from_secs(10);

/// The number in "Recorded: receipt No 7, …".
fn receipt_number(text: &str) -> u64 {
    text.split("No ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no receipt number in {text:?}"))
}

async fn choose_language(client: &Client, language: &str) {
    client
        .find(Locator::Css(".preferences select"))
        .await
        .unwrap()
        .select_by_value(language)
        .await
        .unwrap();
}
