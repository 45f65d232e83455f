//! The app on Tauri's mock runtime: started with temporary folders (and an in-memory keychain
//! against the embedded simulator), and commands invoked as the UI would.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dhmad_merchant_lib::{AppDirs, builder, builder_with, context};
use merchant_core::MemoryStore;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow};

pub struct TestApp {
    pub dirs: tempfile::TempDir,
    pub _app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
}

pub fn start() -> TestApp {
    let dirs = tempfile::tempdir().unwrap();
    let app_dirs = AppDirs {
        data: dirs.path().join("data"),
        logs: dirs.path().join("logs"),
    };
    let started = Instant::now() - Duration::from_millis(5);
    let mut app = builder(mock_builder(), started, Some(app_dirs))
        .build(context())
        .unwrap();
    // One iteration runs the app's setup as `run` would: the configured windows open and the
    // setup hook manages the state. (Deprecated for loops only; it is called once here.)
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app
        .get_webview_window("main")
        .expect("tauri.conf.json declares the main window");
    TestApp {
        dirs,
        _app: app,
        window,
    }
}

pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

pub struct FlowApp {
    pub _dirs: tempfile::TempDir,
    pub _app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
}

pub fn start_with_memory_keychain() -> FlowApp {
    let dirs = tempfile::tempdir().unwrap();
    let app_dirs = AppDirs {
        data: dirs.path().join("data"),
        logs: dirs.path().join("logs"),
    };
    let mut app = builder_with(
        mock_builder(),
        Instant::now(),
        Some(app_dirs),
        Arc::new(MemoryStore::new()),
    )
    .build(context())
    .unwrap();
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app.get_webview_window("main").unwrap();
    FlowApp {
        _dirs: dirs,
        _app: app,
        window,
    }
}

/// Polls `sync_status` until the sync stops (the demo's first sync reads ~300 escrows).
pub fn wait_for_sync(window: &WebviewWindow<MockRuntime>) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = invoke(window, "sync_status", json!({})).unwrap();
        if status["running"] == false {
            return status;
        }
        assert!(Instant::now() < deadline, "sync still running: {status}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `POST <simulator>/__sim<path>`; the simulator's origin comes from a checkout URL it made.
pub fn sim_post(origin: &str, path: &str, body: Value) -> Value {
    let url = format!("{origin}/__sim{path}");
    tauri::async_runtime::block_on(async move {
        let r = reqwest::Client::new()
            .post(&url)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{url}: {}", r.status());
        r.json().await.unwrap_or(Value::Null)
    })
}
