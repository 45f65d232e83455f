//! Printing in the real window: a receipt printer set up in Settings (a virtual ESC/POS printer
//! on loopback, test page first), then a counter sale paid by the buyer prints by itself. What
//! the paper would show — the raster decoded back to an image — lands in artifacts/e2e/ for
//! each receipt language.

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;
use receipt::{Print, VirtualPrinter};

use crate::support::driver::{ARTIFACTS, screenshot};
use crate::support::page::{
    buyer_pays, choose_language, click, fill, in_demo, wait_for, wait_text,
};

const SOON: Duration = Duration::from_secs(15);

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn a_paid_counter_sale_prints_by_itself_in_each_receipt_language() {
    let printer = VirtualPrinter::start(0, None).unwrap();
    let uri = printer.uri().to_string();
    in_demo(|client| async move {
        set_up_printer(&client, &uri).await;
        let test_page = next_print(&printer, 1);
        assert_eq!(test_page.bitmap.width(), 576, "80 mm: 576 dots");
        keep(&test_page, "printed-test-page");

        for (n, (ui, paper)) in [("en", "en"), ("fr", "fr"), ("ar", "ar"), ("ar", "ar+fr")]
            .into_iter()
            .enumerate()
        {
            choose_language(&client, ui).await;
            choose_receipt_language(&client, paper).await;
            sell_at_the_counter(&client, &format!("print-{n}@example.tn")).await;
            let status = wait_text(&client, "[data-testid=print-status]", SOON, |t| {
                t.chars().any(|c| c.is_alphabetic()) && !t.contains('…')
            })
            .await;
            let receipt = next_print(&printer, n + 2);
            assert!(!receipt.drawer_kicked, "a DHMAD sale is not cash");
            assert!(
                receipt.bitmap.height() > 400,
                "a whole receipt, QR included"
            );
            assert!(status.contains("Counter"), "names the printer: {status}");
            keep(
                &receipt,
                &format!("printed-sale-{}", paper.replace('+', "-")),
            );
            screenshot(&client, &format!("print-paid-{}", paper.replace('+', "-"))).await;
            // The receipt printed once: back on the counter, nothing more comes.
            click(&client, "[data-testid=counter-new]").await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(
            printer.prints().len(),
            5,
            "one test page, one receipt per sale"
        );
        assert!(printer.rejected().is_empty(), "{:?}", printer.rejected());
        client.close().await.unwrap();
    });
}

async fn set_up_printer(client: &Client, uri: &str) {
    click(client, "[data-testid=nav-settings]").await;
    wait_for(client, "[data-testid=settings-printers]").await;
    fill(client, "[data-testid=printer-name]", "Counter").await;
    fill(client, "[data-testid=printer-uri]", uri).await;
    wait_for(client, "[data-testid=printer-paper]")
        .await
        .select_by_value("80")
        .await
        .unwrap();
    click(client, "[data-testid=printer-test]").await;
    wait_text(
        client,
        "[data-testid=settings-printers] [data-testid=print-status]",
        SOON,
        |t| t.contains("Counter"),
    )
    .await;
    click(client, "[data-testid=printer-add]").await;
    wait_for(client, "[data-testid=printer-row]").await;
    click(client, "[data-testid=print-auto]").await;
    save_settings(client).await;
}

async fn choose_receipt_language(client: &Client, language: &str) {
    click(client, "[data-testid=nav-settings]").await;
    wait_for(client, "[data-testid=print-language]")
        .await
        .select_by_value(language)
        .await
        .unwrap();
    save_settings(client).await;
    let scroll = "document.querySelector('[data-testid=settings-printers]').scrollIntoView();";
    client.execute(scroll, vec![]).await.unwrap();
    screenshot(
        client,
        &format!("print-settings-{}", language.replace('+', "-")),
    )
    .await;
}

async fn save_settings(client: &Client) {
    click(client, "[data-testid=settings-save]").await;
    wait_for(client, "[data-testid=settings-saved]").await;
}

/// A DHMAD QR sale, paid by the buyer on the phone.
async fn sell_at_the_counter(client: &Client, buyer: &str) {
    click(client, "[data-testid=nav-counter]").await;
    click(client, "[data-testid=counter-method-dhmad]").await;
    for key in ["1", "2", "decimal", "5"] {
        click(client, &format!("[data-testid=keypad-key-{key}]")).await;
    }
    fill(client, "[data-testid=counter-title]", "Café").await;
    fill(client, "[data-testid=counter-email]", buyer).await;
    click(client, "[data-testid=counter-charge]").await;
    let url = wait_for(client, ".sale__link").await.text().await.unwrap();
    buyer_pays(url.trim(), buyer).await;
    wait_for(client, "[data-testid=counter-paid]").await;
}

/// The `count`th print the printer received.
fn next_print(printer: &VirtualPrinter, count: usize) -> Print {
    let prints = printer.wait_for_jobs(count, SOON);
    assert!(
        prints.len() >= count,
        "{} prints, expected {count}; refused: {:?}",
        prints.len(),
        printer.rejected()
    );
    prints[count - 1].clone()
}

/// Saves what the paper shows, to be looked at.
fn keep(print: &Print, name: &str) {
    std::fs::create_dir_all(ARTIFACTS).unwrap();
    let png = print.bitmap.to_png().unwrap();
    std::fs::write(Path::new(ARTIFACTS).join(format!("{name}.png")), png).unwrap();
}
