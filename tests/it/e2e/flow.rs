//! The merchant's day in the real window, against the demo's embedded
//! simulator: demo → dashboard → a quick escrow → its pay link shared as a QR → the buyer pays
//! (through the simulator's control API, as the hosted page would) → "Paid" within 10 s →
//! delivered; then a counter sale with the customer display and the receipt, a KYC invite, and
//! the dashboard and counter in Arabic. Screenshots land in artifacts/e2e/.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::support::driver::{document_attr, screenshot};
use crate::support::page::{
    PAID_WITHIN, buyer_pays, click, fill, in_demo, wait_for, wait_for_balances, wait_for_dir,
    wait_text,
};

async fn share_flow(client: &Client) {
    click(client, "[data-testid=nav-new-escrow]").await;
    click(client, "[data-testid=new-escrow-mode-quick]").await;
    fill(client, "#ne-title", "Handmade rug").await;
    fill(client, "#ne-amount", "45").await;
    fill(client, "#ne-buyer", "rug-buyer@example.tn").await;
    fill(client, "#ne-days", "2").await;
    wait_text(
        client,
        "[data-testid=new-escrow-net]",
        Duration::from_secs(10),
        |t| t.chars().any(|c| c.is_ascii_digit()),
    )
    .await;
    screenshot(client, "new-escrow-en").await;
    click(client, "[data-testid=new-escrow-submit]").await;

    wait_for(client, "[data-testid=share-dialog]").await;
    wait_for(client, "[data-testid=share-qr]").await;
    let url = wait_for(client, "[data-testid=share-url]")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    screenshot(client, "share-en").await;

    let paid_at = Instant::now();
    buyer_pays(url.trim(), "rug-buyer@example.tn").await;
    let status = wait_text(client, "[data-testid=share-status]", PAID_WITHIN, |t| {
        t.contains("Paid") || t.contains("paid")
    })
    .await;
    eprintln!("e2e: share status {status:?} after {:?}", paid_at.elapsed());
    screenshot(client, "share-paid-en").await;
    click(client, "[data-testid=share-close]").await;
}

async fn deliver_from_detail(client: &Client) {
    click(client, "[data-testid=nav-escrows]").await;
    wait_for(client, "[data-testid=escrow-table]").await;
    // The newest escrow is first (sorted by creation, newest first).
    click(client, "[data-testid=escrow-row]").await;
    wait_for(client, "[data-testid=escrow-detail]").await;
    wait_text(
        client,
        "[data-testid=escrow-status]",
        Duration::from_secs(5),
        |t| t == "Paid",
    )
    .await;
    screenshot(client, "escrow-detail-en").await;
    click(client, "[data-testid=action-deliver]").await;
    wait_text(
        client,
        "[data-testid=escrow-status]",
        Duration::from_secs(10),
        |t| t == "Delivered",
    )
    .await;
}

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn demo_escrow_shared_paid_and_delivered_in_the_real_window() {
    in_demo(|client| async move {
        wait_for(&client, "[data-testid=env-banner]").await;
        screenshot(&client, "dashboard-en").await;
        eprintln!("e2e: demo dashboard shown");
        share_flow(&client).await;
        eprintln!("e2e: shared link paid");
        deliver_from_detail(&client).await;
        eprintln!("e2e: delivered");
        client.close().await.unwrap();
    });
}

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn counter_sale_paid_delivered_with_customer_display_receipt_kyc_and_arabic() {
    in_demo(|client| async move {
        click(&client, "[data-testid=nav-counter]").await;
        wait_for(&client, "[data-testid=counter-screen]").await;
        for key in ["1", "2", "decimal", "5"] {
            click(&client, &format!("[data-testid=keypad-key-{key}]")).await;
        }
        wait_text(
            &client,
            "[data-testid=counter-amount]",
            Duration::from_secs(5),
            |t| t.contains("12") && t.contains("500"),
        )
        .await;
        fill(&client, "[data-testid=counter-title]", "Coffee").await;
        fill(
            &client,
            "[data-testid=counter-email]",
            "cafe-buyer@example.tn",
        )
        .await;
        click(&client, "[data-testid=counter-charge]").await;
        wait_for(&client, "[data-testid=counter-qr]").await;
        let url = wait_for(&client, ".sale__link").await.text().await.unwrap();
        screenshot(&client, "counter-qr-en").await;

        // The customer display follows the sale.
        let main = client.window().await.unwrap();
        click(&client, "[data-testid=counter-open-display]").await;
        let deadline = Instant::now() + Duration::from_secs(10);
        let customer = loop {
            let windows = client.windows().await.unwrap();
            if let Some(w) = windows.into_iter().find(|w| *w != main) {
                break w;
            }
            assert!(
                Instant::now() < deadline,
                "the customer display did not open"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        };

        let paid_at = Instant::now();
        buyer_pays(url.trim(), "cafe-buyer@example.tn").await;
        wait_for(&client, "[data-testid=counter-paid]").await;
        assert!(
            paid_at.elapsed() < PAID_WITHIN,
            "paid shown after {:?}",
            paid_at.elapsed()
        );
        screenshot(&client, "counter-paid-en").await;

        client.switch_to_window(customer.clone()).await.unwrap();
        wait_for(&client, "[data-testid=customer-display]").await;
        wait_for(&client, "[data-testid=customer-paid]").await;
        screenshot(&client, "customer-display-paid-en").await;
        client.switch_to_window(main.clone()).await.unwrap();

        click(&client, "[data-testid=counter-deliver]").await;
        wait_text(
            &client,
            "[data-testid=counter-status]",
            Duration::from_secs(10),
            |t| t == "Completed",
        )
        .await;
        click(&client, "[data-testid=counter-receipt]").await;
        wait_for(&client, "[data-testid=receipt]").await;
        screenshot(&client, "receipt-en").await;

        // KYC: invited and approved at once in the demo.
        click(&client, "[data-testid=nav-kyc]").await;
        fill(&client, "[data-testid=kyc-email]", "new-person@example.tn").await;
        click(&client, "[data-testid=kyc-invite]").await;
        wait_text(
            &client,
            "[data-testid=kyc-status]",
            Duration::from_secs(10),
            |t| t.contains("Approved"),
        )
        .await;
        screenshot(&client, "kyc-en").await;

        // Arabic: right to left, dashboard and counter.
        client
            .find(Locator::Css(".preferences select"))
            .await
            .unwrap()
            .select_by_value("ar")
            .await
            .unwrap();
        wait_for_dir(&client, "rtl").await;
        click(&client, "[data-testid=nav-dashboard]").await;
        wait_for_balances(&client).await;
        // Saved into the profile: it stays Arabic when the screens reload.
        assert_eq!(document_attr(&client, "dir").await, "rtl");
        screenshot(&client, "dashboard-ar").await;
        click(&client, "[data-testid=nav-counter]").await;
        wait_for(&client, "[data-testid=counter-screen]").await;
        screenshot(&client, "counter-ar").await;

        // French: the books and the settings.
        client
            .find(Locator::Css(".preferences select"))
            .await
            .unwrap()
            .select_by_value("fr")
            .await
            .unwrap();
        wait_for_dir(&client, "ltr").await;
        click(&client, "[data-testid=nav-books]").await;
        wait_for(&client, "[data-testid=books-total-gross]").await;
        screenshot(&client, "books-fr").await;
        click(&client, "[data-testid=nav-settings]").await;
        wait_for(&client, "[data-testid=settings-screen]").await;
        screenshot(&client, "settings-fr").await;
        client.close().await.unwrap();
    });
}
