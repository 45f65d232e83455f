//! Opening a link in the system browser.

use serde::Deserialize;
use ts_rs::TS;

/// A link to open (checkout, KYC, dashboard, or a `mailto:` to share one).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenLinkRequest {
    /// The link as the UI has it; checked in Rust before anything is opened.
    pub url: String,
}
