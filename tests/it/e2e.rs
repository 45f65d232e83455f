//! The real app window under Xvfb, driven through tauri-driver and WebKitWebDriver.
//!
//! Built only into a useful test when `DHMAD_E2E=1` is set at build time (build.rs turns it into
//! `cfg(dhmad_e2e)`); otherwise `#[ignore]`d so plain `cargo test` needs no display.
//! Run it with `scripts/test-e2e`, which builds the UI and this binary with
//! `--features custom-protocol` (so the window serves ui/dist instead of the Vite dev URL).

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

// Without it the window would load the Vite dev URL and show a blank page.
#[cfg(all(dhmad_e2e, not(feature = "custom-protocol")))]
compile_error!("the end-to-end tests need `--features custom-protocol` (see scripts/test-e2e)");

const ARTIFACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts/e2e");

/// tauri-driver, killed with its process group (WebKitWebDriver, the app) when the test ends,
/// pass or fail.
pub(crate) struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub(crate) fn start(home: &Path) -> Driver {
        Driver::start_with_stderr(home, Stdio::inherit())
    }

    /// [`Driver::start`] with tauri-driver's stderr (and what the app prints there) sent to
    /// `stderr`.
    pub(crate) fn start_with_stderr(home: &Path, stderr: Stdio) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let program = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let child = Command::new(&program)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // The app (started by WebKitWebDriver, started by tauri-driver) inherits this: a
            // fresh data, config and cache folder, English first.
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("LANG", "en_US.UTF-8")
            // The app turns WebKit's DMA-BUF renderer off when this is unset (blank windows on
            // some GPUs); with it off, WebKitWebDriver's screenshot never answers under Xvfb
            // (checked with WebKitGTK 2.50.6). Xvfb's software GL renders fine with it on.
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "0")
            .env("LANGUAGE", "en")
            // Its own process group, so WebKitWebDriver and the app go down with it.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program} (run scripts/setup): {e}"));
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group's id is tauri-driver's PID (`process_group(0)`).
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary the window runs: this build's, or `DHMAD_APP_BINARY` (the benchmark's release build,
/// the package test's installed `/usr/bin/dhmad-merchant`).
pub(crate) fn application() -> String {
    std::env::var("DHMAD_APP_BINARY")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_dhmad-merchant").into())
}

pub(crate) async fn session(driver: &Driver) -> Client {
    session_with_args(driver, &[]).await
}

/// A WebDriver session on a new app process started with `args`.
pub(crate) async fn session_with_args(driver: &Driver, args: &[&str]) -> Client {
    let mut caps = Capabilities::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": application(), "args": args }),
    );
    let url = format!("http://127.0.0.1:{}", driver.port);
    // tauri-driver listens before its WebKitWebDriver does; until then it drops the connection.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await;
        match attempt {
            Ok(client) => return client,
            Err(e) if Instant::now() < deadline => {
                eprintln!("no WebDriver session yet ({e}); retrying");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => panic!("no WebDriver session with the app: {e}"),
        }
    }
}

/// Waits for the page to paint what the DOM says (WebDriver screenshots can lag a frame), then
/// saves a screenshot.
pub(crate) async fn screenshot(client: &Client, name: &str) -> PathBuf {
    // A synchronous script that returns a promise: WebDriver waits for it to settle.
    client
        .execute(
            "return new Promise((done) =>\
               requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
            vec![],
        )
        .await
        .unwrap();
    let png = client.screenshot().await.unwrap();
    std::fs::create_dir_all(ARTIFACTS).unwrap();
    let path = Path::new(ARTIFACTS).join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    path
}

pub(crate) async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(element.text().await.unwrap());
    }
    out
}

pub(crate) async fn document_attr(client: &Client, name: &str) -> String {
    let script = format!("return document.documentElement.getAttribute('{name}');");
    client
        .execute(&script, vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Waits until the page's h1 reads `expected`.
pub(crate) async fn wait_for_title(client: &Client, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let h1 = texts(client, "h1").await;
        if h1.first().map(String::as_str) == Some(expected) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "h1 is {h1:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) fn read_logs(data_home: &Path) -> String {
    let dir = data_home.join("tn.dhmad.merchant").join("logs");
    let mut all = String::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    all
}

/// A fresh app with its data, config and cache under `home`, in the real window, given to `body`;
/// tauri-driver and the app are gone when it returns.
pub(crate) fn in_window<F, Fut>(home: &Path, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let driver = Driver::start(home);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = session(&driver).await;
        body(client).await;
    });
}

/// The first-run screen in English: the three doors.
pub(crate) async fn expect_onboarding_in_english(client: &Client) {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-door]"))
        .await
        .expect("the onboarding screen appears");
    wait_for_title(client, "Welcome to DHMAD Merchant").await;
    assert_eq!(
        texts(client, ".door h2").await,
        [
            "Try the demo",
            "Connect a sandbox key",
            "Connect a live key"
        ]
    );
}

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
