//! The connection check of the active profile, with the key it is really used with: the
//! keychain's (or the session's) for a live or sandbox profile, the embedded simulator's for the
//! demo.

use merchant_core::{ApiKeySecret, doctor};

use super::App;
use crate::error::{CommandError, ErrorCode};
use crate::views::doctor::ConnectionCheckView;

impl App {
    /// Runs merchant-core's doctor for the active profile, as it is opened (the same check as
    /// `dhmad doctor`).
    pub async fn check_connection(&self) -> Result<ConnectionCheckView, CommandError> {
        let shop = self.shop().await?;
        let key = {
            let open = self.0.open.lock().await;
            match open.as_ref().and_then(|o| o.sim.as_ref()) {
                Some(sim) => Some(ApiKeySecret::new(sim.demo().api_key)),
                None => self.0.workspace.key(&shop.profile)?,
            }
        };
        let key = key.ok_or_else(|| {
            CommandError::new(
                ErrorCode::NotFound,
                format!("no API key saved for profile {}", shop.profile.id),
            )
        })?;
        let report = doctor(&shop.profile, &key, shop.book.unreadable_count().ok()).await;
        tracing::info!(passed = report.passed(), "connection checked");
        Ok(ConnectionCheckView::from(&report))
    }
}
