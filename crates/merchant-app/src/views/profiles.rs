//! Profiles, connecting a key, and settings.

use merchant_core::{Environment, Profile, Settings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The environment of a key the merchant types in (demo has no key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum KeyEnvironment {
    /// An `sk_live_` key.
    Live,
    /// An `sk_sandbox_` key.
    Sandbox,
}

impl From<KeyEnvironment> for Environment {
    fn from(e: KeyEnvironment) -> Self {
        match e {
            KeyEnvironment::Live => Self::Live,
            KeyEnvironment::Sandbox => Self::Sandbox,
        }
    }
}

/// A profile as the switcher and settings show it. Never carries the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    /// Stable id.
    pub id: String,
    /// Name shown in the switcher.
    pub display_name: String,
    /// Live, sandbox or demo.
    pub environment: Environment,
    /// The developer account's e-mail (from `GET /me`).
    pub developer_email: Option<String>,
    /// The developer's company.
    pub company_name: Option<String>,
    /// The DHMAD user the account acts for, when known.
    pub associated_user_email: Option<String>,
    /// Requests per minute allowed for the key.
    pub rate_limit: Option<u32>,
    /// The profile's settings.
    pub settings: Settings,
}

impl From<&Profile> for ProfileView {
    fn from(p: &Profile) -> Self {
        Self {
            id: p.id.as_str().to_owned(),
            display_name: p.display_name.clone(),
            environment: p.environment,
            developer_email: p.connect.developer_email.clone(),
            company_name: p.connect.company_name.clone(),
            associated_user_email: p.connect.associated_user_email.clone(),
            rate_limit: p.connect.rate_limit,
            settings: p.settings.clone(),
        }
    }
}

/// All profiles and which one is in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesView {
    /// In creation order.
    pub profiles: Vec<ProfileView>,
    /// The profile in use (`null`: show onboarding).
    pub active_id: Option<String>,
}

/// "Connect a sandbox/live key". The key travels once from the key field to the keychain; its
/// `Debug` (what `tracing` and error reports print) never shows it.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectRequest {
    /// Which kind of key the merchant chose (checked against the key's prefix and `GET /me`).
    pub environment: KeyEnvironment,
    /// The key as typed.
    pub api_key: String,
    /// Name for the profile (default: the company or the environment).
    #[ts(optional)]
    pub display_name: Option<String>,
    /// Redirect URL allowed in the developer dashboard.
    #[ts(optional)]
    pub redirect_url: Option<String>,
    /// Another API address (a local simulator for testing, or a proxy).
    #[ts(optional)]
    pub base_url: Option<String>,
    /// The merchant ticked "I trust this address with my live key" for `base_url`. A live key is
    /// never sent anywhere but `https://dhmad.tn` without it.
    #[serde(default)]
    #[ts(optional)]
    pub confirm_proxy: Option<bool>,
    /// Keep the key in memory for this session only (when no keychain is available).
    #[serde(default)]
    #[ts(optional)]
    pub session_only: Option<bool>,
    /// An existing profile that asks for its key again (its id, settings and book are kept).
    #[serde(default)]
    #[ts(optional)]
    pub profile_id: Option<String>,
}

impl std::fmt::Debug for ConnectRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectRequest")
            .field("environment", &self.environment)
            .field("api_key", &merchant_core::secrets::REDACTED)
            .field("display_name", &self.display_name)
            .field("redirect_url", &self.redirect_url)
            .field("base_url", &self.base_url)
            .field("session_only", &self.session_only)
            .field("profile_id", &self.profile_id)
            .finish()
    }
}

/// Which profile a command is about.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileRequest {
    /// The profile's id.
    pub id: String,
}
