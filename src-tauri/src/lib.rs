//! The DHMAD Merchant desktop shell: the window, the plugins, and thin Tauri commands, each one
//! call of merchant-app's [`App`] (the one managed state).
//! Every command is declared once in `commands/list.rs`; errors cross IPC as
//! [`error::CommandError`]; the TypeScript types come from [`bindings`].

pub mod bindings;
pub mod commands;
pub mod host;
pub mod logging;
pub mod private_files;
pub mod start;

pub use host::events;
pub use merchant_app::{about, app, chosen_paths, error, print, views};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use merchant_core::{KeyringStore, SecretStore};
use tauri::{Manager, Runtime};

use crate::about::Install;
use crate::app::App;
use crate::start::StartOptions;

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
            let install = prepare_folders(app, dirs.clone(), started)?;
            let host = Arc::new(host::TauriHost(app.handle().clone()));
            let runtime = tauri::async_runtime::handle().inner().clone();
            let state = App::open(install, keychain.clone(), host, runtime)?;
            state.set_demo_escrows(options.demo_escrows);
            if options.demo && state.workspace().profiles().active().is_none() {
                crate::app::demo_profile(state.workspace())?;
            }
            app.manage(state);
            Ok(())
        })
}

/// The app's folders (`dirs`, or the OS's for the app's identifier), made private, the log file
/// started in them, and the facts the app is opened with.
fn prepare_folders<R: Runtime>(
    app: &tauri::App<R>,
    dirs: Option<AppDirs>,
    started: Instant,
) -> Result<Install, Box<dyn std::error::Error>> {
    let AppDirs {
        data: data_dir,
        logs: log_dir,
    } = match dirs {
        Some(dirs) => dirs,
        None => AppDirs {
            data: app.path().app_data_dir()?,
            logs: app.path().app_log_dir()?,
        },
    };
    private_files::restrict_new_files();
    // The app's own folders: created owner-only, and narrowed when an older version left them
    // open to other users.
    for dir in [&data_dir, &log_dir] {
        merchant_core::private_fs::ensure_private_dir(dir)?;
        merchant_core::private_fs::restrict(dir, 0o700)?;
    }
    if let Err(e) = logging::init(&log_dir) {
        // Not fatal: the app works without a log file, and says why on stderr.
        eprintln!("logging: {e}");
    }
    let info = app.package_info();
    let name = app
        .config()
        .product_name
        .clone()
        .unwrap_or_else(|| info.name.clone());
    tracing::info!(version = %info.version, data_dir = %data_dir.display(), "starting {name}");
    Ok(Install {
        name,
        version: info.version.to_string(),
        data_dir,
        log_dir,
        started,
    })
}

/// Tells the page the system's language before its first render (an initialization script runs
/// before the page's own), so a first run is greeted in the merchant's language.
fn system_language_plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    let tag = merchant_core::Language::of_system().tag();
    tauri::plugin::Builder::new("system-language")
        .js_init_script(format!("window.__DHMAD_SYSTEM_LANGUAGE__ = \"{tag}\";"))
        .build()
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
