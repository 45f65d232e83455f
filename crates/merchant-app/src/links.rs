//! Which links the app opens in the system browser: DHMAD's pages, the running demo simulator's,
//! and `mailto:`. The webview has no opener permission, so every link passes this check first.

use merchant_core::links::check_external_url;

use crate::app::App;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::links::OpenLinkRequest;

impl App {
    /// The link the UI asked to open, once checked; [`ErrorCode::LinkRefused`] for any other.
    pub(crate) async fn link_to_open(&self, request: &OpenLinkRequest) -> CommandResult<String> {
        let demo = self.demo_origin().await;
        let url = check_external_url(&request.url, demo.as_deref()).map_err(|e| {
            tracing::warn!(reason = %e, "link refused");
            CommandError::new(ErrorCode::LinkRefused, e.to_string())
        })?;
        Ok(url.to_string())
    }
}
