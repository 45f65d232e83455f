//! The first run in the real window: the three doors of the onboarding, in English then Arabic.

use fantoccini::{Client, Locator};

use crate::support::driver::{
    Locale, document_attr, expect_onboarding_in_english, in_window, in_window_in, read_logs,
    screenshot, texts, wait_for_title,
};
use crate::support::page::start_demo;

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn first_run_shows_the_three_doors_in_english_then_arabic() {
    let home = tempfile::tempdir().unwrap();
    in_window(home.path(), |client| async move {
        expect_onboarding_in_english(&client).await;
        assert_eq!(
            texts(&client, ".door button").await,
            ["Start the demo", "Enter a sandbox key", "Enter a live key"]
        );
        assert_eq!(document_attr(&client, "dir").await, "ltr");
        assert_eq!(client.title().await.unwrap(), "DHMAD Merchant");
        // The first screen's script is two files (the app's and the libraries'), and index.html's
        // early script ran under the window's content security policy: it preloaded the English
        // texts (two files) while those loaded. The first screen's preloads precede the
        // stylesheet; the other screens' code, fetched once the page idles, comes after it.
        let preloads = client
            .execute(
                "const css = document.querySelector('link[rel=stylesheet]');\
                 return [...document.querySelectorAll('link[rel=modulepreload]')]\
                 .filter((link) => link.compareDocumentPosition(css) & Node.DOCUMENT_POSITION_FOLLOWING)\
                 .map((link) => new URL(link.href).pathname.replace(/-[^/]*$/, ''));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            preloads,
            serde_json::json!(["/assets/en", "/assets/en", "/assets/i18n"]),
            "the first screen's module preloads"
        );
        eprintln!("e2e: English asserted, taking a screenshot");
        screenshot(&client, "onboarding-en").await;

        // The language control switches the whole window to Arabic, right to left.
        eprintln!("e2e: switching to Arabic");
        let select = client
            .find(Locator::Css(".preferences select"))
            .await
            .unwrap();
        select.select_by_value("ar").await.unwrap();
        wait_for_title(&client, "مرحبًا بك في DHMAD للتجّار").await;
        assert_eq!(document_attr(&client, "dir").await, "rtl");
        assert_eq!(document_attr(&client, "lang").await, "ar");
        assert_eq!(
            texts(&client, ".door h2").await,
            [
                "جرّب العرض التجريبي",
                "اربط مفتاح بيئة الاختبار",
                "اربط مفتاحًا حقيقيًا"
            ]
        );
        // In RTL the sidebar sits on the right of the content.
        let sidebar_is_right: bool = client
            .execute(
                "const s = document.querySelector('.sidebar').getBoundingClientRect();\
                 const c = document.querySelector('.content').getBoundingClientRect();\
                 return s.left >= c.right - 1;",
                vec![],
            )
            .await
            .unwrap()
            .as_bool()
            .unwrap();
        assert!(
            sidebar_is_right,
            "the sidebar mirrors to the right in Arabic"
        );
        screenshot(&client, "onboarding-ar").await;

        client.close().await.unwrap();
    });

    // The UI told the shell it was ready, and the shell logged it (the startup benchmark's mark).
    let logs = read_logs(&home.path().join("data"));
    assert!(logs.contains("ui ready after"), "log:\n{logs}");
}

#[test]
#[cfg_attr(
    not(dhmad_e2e),
    ignore = "needs a display and tauri-driver: run scripts/test-e2e (DHMAD_E2E=1)"
)]
fn first_run_greets_in_the_system_language_and_the_demo_keeps_it() {
    let cases = [
        (
            Locale {
                lang: "fr_FR.UTF-8",
                language: "",
            },
            "fr",
            "ltr",
            "Bienvenue dans DHMAD Merchant",
        ),
        (
            Locale {
                lang: "ar_TN.UTF-8",
                language: "",
            },
            "ar",
            "rtl",
            "مرحبًا بك في DHMAD للتجّار",
        ),
    ];
    for (locale, lang, dir, title) in cases {
        let home = tempfile::tempdir().unwrap();
        in_window_in(home.path(), locale, |client| async move {
            expect_language(&client, title, lang, dir).await;
            screenshot(&client, &format!("onboarding-system-{lang}")).await;
            start_demo(&client).await;
            assert_eq!(document_attr(&client, "lang").await, lang, "the demo shop");
            assert_eq!(document_attr(&client, "dir").await, dir);
            screenshot(&client, &format!("dashboard-system-{lang}")).await;
            client.close().await.unwrap();
        });
    }
}

/// The onboarding screen in `lang`: its title, `lang` and `dir` on the document.
async fn expect_language(client: &Client, title: &str, lang: &str, dir: &str) {
    client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Css("[data-door]"))
        .await
        .expect("the onboarding screen appears");
    wait_for_title(client, title).await;
    assert_eq!(document_attr(client, "lang").await, lang);
    assert_eq!(document_attr(client, "dir").await, dir);
}
