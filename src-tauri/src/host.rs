//! The app's [`Host`] on Tauri: events to the web view, OS notifications, the main window's
//! focus, the system browser. Only Tauri calls here; the decisions are the app's.

use merchant_app::host::Host;
use tauri::{AppHandle, Emitter as _, Manager, Runtime};
use tauri_plugin_opener::OpenerExt;

use crate::app::AppEvent;

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

/// The running app's handle, as the app's host.
pub struct TauriHost<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> std::fmt::Debug for TauriHost<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TauriHost")
    }
}

impl<R: Runtime> Host for TauriHost<R> {
    fn emit(&self, event: AppEvent) {
        let app = &self.0;
        let sent = match event {
            AppEvent::Sync(status) => app.emit(events::SYNC_STATUS, status),
            AppEvent::Share(change) => app.emit(events::SHARE_STATUS, change),
            AppEvent::Sale(change) => app.emit(events::SALE_EVENT, change),
            AppEvent::Export(progress) => app.emit(events::EXPORT_PROGRESS, progress),
        };
        if let Err(e) = sent {
            tracing::warn!("could not send an event to the UI: {e}");
        }
    }

    fn notify(&self, title: &str, body: &str) {
        // Only the real app registers the plugin (the mock-runtime tests do not).
        let Some(notification) = self
            .0
            .try_state::<tauri_plugin_notification::Notification<R>>()
        else {
            return;
        };
        if let Err(e) = notification.builder().title(title).body(body).show() {
            tracing::debug!("no OS notification: {e}");
        }
    }

    fn main_window_in_front(&self) -> bool {
        self.0
            .get_webview_window("main")
            .and_then(|w| w.is_focused().ok())
            .unwrap_or(false)
    }

    fn open_url(&self, url: &str) -> Result<(), String> {
        self.0
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| e.to_string())
    }
}
