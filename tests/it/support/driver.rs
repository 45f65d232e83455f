//! The real window's driver: tauri-driver over WebKitWebDriver, a WebDriver session on the app
//! binary, screenshots into artifacts/e2e/, and reading the page and the app's logs.

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

pub(crate) const ARTIFACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts/e2e");

/// tauri-driver, killed with its process group (WebKitWebDriver, the app) when the test ends,
/// pass or fail.
/// A system locale as the environment gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Locale {
    /// `LANG`.
    pub lang: &'static str,
    /// `LANGUAGE`, the list GNU programs prefer.
    pub language: &'static str,
}

/// The locale most tests run in.
pub(crate) const ENGLISH: Locale = Locale {
    lang: "en_US.UTF-8",
    language: "en",
};

/// Which of WebKit's renderers the app draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Renderer {
    /// The DMA-BUF renderer, which the app turns off by itself: WebKitWebDriver's screenshots
    /// need it under Xvfb.
    ForScreenshots,
    /// The app's own choice, what its users get: for figures measured in the window. Under Xvfb
    /// the DMA-BUF renderer draws no frame for one to two seconds after the window opens (a first
    /// sale charged then showed its QR 1–2 s late, every sale after it at once).
    AsShipped,
}

pub(crate) struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// tauri-driver with its stderr (and what the app prints there) sent to `stderr`, in English.
    pub(crate) fn start_with_stderr(home: &Path, stderr: Stdio) -> Driver {
        Driver::start_in(home, stderr, ENGLISH)
    }

    /// [`Driver::start_with_stderr`] on a system whose locale is `locale`.
    pub(crate) fn start_in(home: &Path, stderr: Stdio, locale: Locale) -> Driver {
        Driver::start_with(home, stderr, locale, Renderer::ForScreenshots)
    }

    /// [`Driver::start_in`] with the app drawing with `renderer`.
    pub(crate) fn start_with(
        home: &Path,
        stderr: Stdio,
        locale: Locale,
        renderer: Renderer,
    ) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let program = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let mut command = Command::new(&program);
        if renderer == Renderer::ForScreenshots {
            // The app turns WebKit's DMA-BUF renderer off when this is unset (blank windows on
            // some GPUs); with it off, WebKitWebDriver's screenshot never answers under Xvfb
            // (checked with WebKitGTK 2.50.6). Xvfb's software GL renders fine with it on.
            command.env("WEBKIT_DISABLE_DMABUF_RENDERER", "0");
        } else {
            command.env_remove("WEBKIT_DISABLE_DMABUF_RENDERER");
        }
        let child = command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // The app (started by WebKitWebDriver, started by tauri-driver) inherits this: a
            // fresh data, config and cache folder, and the system's locale.
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("LANG", locale.lang)
            .env("LANGUAGE", locale.language)
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
    in_window_in(home, ENGLISH, body);
}

/// [`in_window`] on a system whose locale is `locale`.
pub(crate) fn in_window_in<F, Fut>(home: &Path, locale: Locale, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    in_window_with(home, locale, Renderer::ForScreenshots, body);
}

/// [`in_window`] drawn as the app's users see it ([`Renderer::AsShipped`]): no screenshots.
pub(crate) fn in_window_as_shipped<F, Fut>(home: &Path, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    in_window_with(home, ENGLISH, Renderer::AsShipped, body);
}

fn in_window_with<F, Fut>(home: &Path, locale: Locale, renderer: Renderer, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let driver = Driver::start_with(home, Stdio::inherit(), locale, renderer);
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
