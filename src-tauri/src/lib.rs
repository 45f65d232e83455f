//! The DHMAD Merchant desktop shell: thin Tauri commands over merchant-core and the app's state.
//! Every command is declared once in `commands/list.rs`; errors cross IPC as
//! [`error::CommandError`]; the TypeScript types come from [`bindings`].

pub mod bindings;
pub mod chosen_paths;
pub mod commands;
pub mod logging;
pub mod private_files;
pub mod start;
pub mod state;

pub use merchant_app::{error, hub, views};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use merchant_core::{KeyringStore, MemoryStore, SecretStore, Workspace};
use tauri::{Emitter as _, Manager, Runtime};

use crate::hub::{Hub, HubEvent, LayeredStore};
use crate::start::StartOptions;
use crate::state::AppState;

/// Starts the app and blocks until it quits. `started` is taken at the top of `main`.
pub fn run(started: Instant) {
    let options = match StartOptions::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("DHMAD Merchant: {e}");
            std::process::exit(2);
        }
    };
    logging::install_panic_hook();
    // Before GTK and WebKit start: they create their cache and data folders as they initialise.
    private_files::restrict_new_files();
    disable_dmabuf_renderer_unless_set();
    let app = tauri::Builder::default()
        // First plugin: a second launch focuses the running window instead of opening another.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        // The save dialog of the CSV export.
        .plugin(tauri_plugin_dialog::init())
        // "Paid" while the window is behind another program (sent from Rust, not the webview).
        .plugin(tauri_plugin_notification::init());
    let keychain: Arc<dyn SecretStore> = Arc::new(KeyringStore::new());
    let result = builder_for(app, started, None, keychain, options).run(context());
    if let Err(e) = result {
        tracing::error!("the app stopped with an error: {e}");
        eprintln!("DHMAD Merchant could not start: {e}");
        std::process::exit(1);
    }
}

/// Where the app keeps its data and logs.
#[derive(Debug, Clone)]
pub struct AppDirs {
    /// The local book and settings.
    pub data: PathBuf,
    /// The rotating log files.
    pub logs: PathBuf,
}

/// Adds the app's commands, state and logging to `builder` (any runtime, so tests can use the
/// mock runtime). `dirs` overrides the platform's folders (tests); `None` uses the OS's app data
/// and log folders for the app's identifier. Keys go to the OS keychain.
pub fn builder<R: Runtime>(
    builder: tauri::Builder<R>,
    started: Instant,
    dirs: Option<AppDirs>,
) -> tauri::Builder<R> {
    builder_with(builder, started, dirs, Arc::new(KeyringStore::new()))
}

/// [`builder`] with another persistent secret store (tests use an in-memory one).
pub fn builder_with<R: Runtime>(
    builder: tauri::Builder<R>,
    started: Instant,
    dirs: Option<AppDirs>,
    keychain: Arc<dyn SecretStore>,
) -> tauri::Builder<R> {
    builder_for(builder, started, dirs, keychain, StartOptions::default())
}

/// [`builder_with`] for a start with `options` from the command line.
pub fn builder_for<R: Runtime>(
    builder: tauri::Builder<R>,
    started: Instant,
    dirs: Option<AppDirs>,
    keychain: Arc<dyn SecretStore>,
    options: StartOptions,
) -> tauri::Builder<R> {
    builder
        .plugin(system_language_plugin())
        .invoke_handler(commands::handler())
        .setup(move |app| {
            let AppDirs { data: data_dir, logs: log_dir } = match dirs.clone() {
                Some(dirs) => dirs,
                None => AppDirs {
                    data: app.path().app_data_dir()?,
                    logs: app.path().app_log_dir()?,
                },
            };
            private_files::restrict_new_files();
            // The app's own folders: created owner-only, and narrowed when an older version
            // left them open to other users.
            for dir in [&data_dir, &log_dir] {
                merchant_core::private_fs::ensure_private_dir(dir)?;
                merchant_core::private_fs::restrict(dir, 0o700)?;
            }
            if let Err(e) = logging::init(&log_dir) {
                // Not fatal: the app works without a log file, and says why on stderr.
                eprintln!("logging: {e}");
            }
            let info = app.package_info();
            let name = app.config().product_name.clone().unwrap_or_else(|| info.name.clone());
            tracing::info!(version = %info.version, data_dir = %data_dir.display(), "starting {name}");
            app.manage(chosen_paths::ChosenPaths::default());
            app.manage(AppState::new(name, info.version.to_string(), data_dir.clone(), log_dir, started));
            let hub = make_hub(app.handle(), data_dir, keychain.clone())?;
            hub.set_demo_escrows(options.demo_escrows);
            if options.demo && hub.workspace().profiles().active().is_none() {
                open_demo_at_start(&hub)?;
            }
            app.manage(hub);
            Ok(())
        })
}

/// `--demo` with no active profile: the demo shop becomes the active one before the UI asks.
fn open_demo_at_start(hub: &Hub) -> Result<(), error::CommandError> {
    hub::demo_profile(hub.workspace())?;
    Ok(())
}

/// Tells the page the system's language before its first render (an initialization script runs
/// before the page's own), so a first run is greeted in the merchant's language.
fn system_language_plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    let tag = merchant_core::Language::of_system().tag();
    tauri::plugin::Builder::new("system-language")
        .js_init_script(format!("window.__DHMAD_SYSTEM_LANGUAGE__ = \"{tag}\";"))
        .build()
}

fn make_hub<R: Runtime>(
    app: &tauri::AppHandle<R>,
    data_dir: PathBuf,
    keychain: Arc<dyn SecretStore>,
) -> Result<Hub, merchant_core::MerchantError> {
    let session_keys = MemoryStore::new();
    let store = LayeredStore::new(session_keys.clone(), keychain);
    let workspace = Workspace::open(data_dir, Arc::new(store))?;
    let handle = app.clone();
    let emit = Arc::new(move |event: HubEvent| {
        let sent = match event {
            HubEvent::Sync(status) => handle.emit(events::SYNC_STATUS, status),
            HubEvent::Share(change) => handle.emit(events::SHARE_STATUS, change),
            HubEvent::Sale(change) => {
                notify_paid_in_background(&handle, &change);
                handle.emit(events::SALE_EVENT, change)
            }
            HubEvent::Export(progress) => handle.emit(events::EXPORT_PROGRESS, progress),
        };
        if let Err(e) = sent {
            tracing::warn!("could not send an event to the UI: {e}");
        }
    });
    let runtime = tauri::async_runtime::handle().inner().clone();
    Ok(Hub::new(workspace, session_keys, emit, runtime))
}

/// An OS notification when a counter sale is paid while the main window is not in front. Best
/// effort: a desktop without a notification service simply shows nothing (the counter screen
/// still shows PAID when the merchant comes back).
fn notify_paid_in_background<R: Runtime>(
    app: &tauri::AppHandle<R>,
    change: &views::counter::SaleEventView,
) {
    if change.kind != views::counter::SaleEventKind::Paid {
        return;
    }
    let in_front = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    if in_front {
        return;
    }
    let language = app
        .try_state::<Hub>()
        .and_then(|hub| hub.workspace().active_profile().ok())
        .map(|p| p.settings.language);
    // Three fixed strings: the shell has no translation files (the webview owns those).
    let title = match language {
        Some(merchant_core::Language::Ar) => "تم دفع البيع",
        Some(merchant_core::Language::Fr) => "Vente payée",
        _ => "Sale paid",
    };
    let body = format!(
        "TND {} — {}",
        dhmad_api::Money::from_millimes(change.sale.amount),
        change.sale.title
    );
    // Only the real app registers the plugin (the mock-runtime tests do not).
    let Some(notification) = app.try_state::<tauri_plugin_notification::Notification<R>>() else {
        return;
    };
    if let Err(e) = notification.builder().title(title).body(body).show() {
        tracing::debug!("no OS notification: {e}");
    }
}

/// Names of the events the backend sends to the UI.
pub mod events {
    /// A [`crate::views::dashboard::SyncStatusView`] on every sync progress step and at its end.
    pub const SYNC_STATUS: &str = "sync://status";
    /// A [`crate::views::actions::ShareStatusEvent`] when a watched checkout link changes.
    pub const SHARE_STATUS: &str = "share://status";
    /// A [`crate::views::counter::SaleEventView`] when a counter sale is paid, delivered, …
    pub const SALE_EVENT: &str = "sale://event";
    /// An [`crate::views::books::ExportProgressView`] while a CSV export runs.
    pub const EXPORT_PROGRESS: &str = "export://progress";
}

/// The app's generated context: `tauri.conf.json`, the embedded front end, icons and the ACL.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

fn focus_main_window<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        // Best effort: a window manager may refuse focus; nothing useful to do about it.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// WebKitGTK's DMA-BUF renderer shows a blank window on some GPU drivers; turn it off unless the
/// user chose otherwise. Must run before GTK or WebKit start (first thing in `run`, while the
/// process has a single thread). `std::env::set_var` is `unsafe` in edition 2024 and our lints
/// forbid unsafe code, so this uses GLib's own `g_setenv`, which GTK reads the variable through.
fn disable_dmabuf_renderer_unless_set() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none()
        && let Err(e) = glib::setenv("WEBKIT_DISABLE_DMABUF_RENDERER", "1", false)
    {
        eprintln!("could not set WEBKIT_DISABLE_DMABUF_RENDERER: {e}");
    }
}
