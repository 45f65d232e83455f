//! What only the desktop shell can do for the app: reach the UI, the OS's notifications, the
//! window and the system browser. The shell implements [`Host`] with Tauri; tests with a
//! collector. What to send, when to notify and which links may open is decided here, not there.

use merchant_core::Language;

use crate::app::{App, AppEvent};
use crate::error::{CommandError, CommandResult};
use crate::views::counter::{SaleEventKind, SaleEventView};
use crate::views::links::OpenLinkRequest;

/// The shell's side of the app.
pub trait Host: Send + Sync {
    /// Sends an event to the UI (best effort: a closed window hears nothing).
    fn emit(&self, event: AppEvent);
    /// Shows an OS notification (best effort: a desktop without a notification service shows
    /// nothing).
    fn notify(&self, title: &str, body: &str);
    /// Whether the main window is the one the merchant is looking at.
    fn main_window_in_front(&self) -> bool;
    /// Opens a link, already checked, in the system browser.
    fn open_url(&self, url: &str) -> Result<(), String>;
}

impl App {
    /// Sends `event` to the UI; a counter sale paid while the main window is not in front also
    /// shows an OS notification, so the merchant serving at another program learns it.
    pub fn emit(&self, event: AppEvent) {
        if let AppEvent::Sale(change) = &event {
            self.notify_paid_in_background(change);
        }
        self.host().emit(event);
    }

    /// Opens a DHMAD page (or the running demo simulator's, or a `mailto:`) in the system
    /// browser, once checked: [`crate::error::ErrorCode::LinkRefused`] for any other link.
    pub async fn open_link(&self, request: OpenLinkRequest) -> CommandResult<()> {
        let url = self.link_to_open(&request).await?;
        self.host()
            .open_url(&url)
            .map_err(|e| CommandError::internal(format!("open the link: {e}")))
    }

    fn notify_paid_in_background(&self, change: &SaleEventView) {
        if change.kind != SaleEventKind::Paid || self.host().main_window_in_front() {
            return;
        }
        let language = self
            .workspace()
            .active_profile()
            .ok()
            .map(|p| p.settings.language);
        let body = format!(
            "TND {} — {}",
            dhmad_api::Money::from_millimes(change.sale.amount),
            change.sale.title
        );
        self.host().notify(paid_title(language), &body);
    }
}

/// The notification's title in the shop's language. Three fixed strings: the app has no
/// translation files (the web view owns those).
fn paid_title(language: Option<Language>) -> &'static str {
    match language {
        Some(Language::Ar) => "تم دفع البيع",
        Some(Language::Fr) => "Vente payée",
        _ => "Sale paid",
    }
}
