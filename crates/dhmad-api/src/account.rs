//! `GET /me`: the API key and developer account behind the key (works without association).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::decode::{null_as_default, with_either_id};
use crate::enums::ApiKeyEnvironment;
use crate::error::ApiError;
use crate::ids::{ApiKeyId, DeveloperId};

/// `GET /me` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    /// The key used.
    pub api_key: ApiKeyInfo,
    /// Its developer account.
    pub developer: DeveloperInfo,
}

with_either_id! {
/// The API key record (never the secret).
#[serde(rename_all = "camelCase")]
pub struct ApiKeyInfo via ApiKeyInfoWire = "ApiKeyInfoWire" as "apiKey object" {
    /// Key record id (`id` or `_id`).
    pub id: ApiKeyId,
    /// Name given in the dashboard.
    #[serde(default)]
    pub name: Option<String>,
    /// First characters of the key.
    #[serde(default)]
    pub key_prefix: Option<String>,
    /// `live` or `sandbox`.
    #[serde(default)]
    pub environment: Option<ApiKeyEnvironment>,
    /// Active.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// Last use.
    #[serde(default)]
    pub last_used_at: Option<DateTime<Utc>>,
    /// Expiry, if any.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// Requests per minute for this key.
    #[serde(default)]
    pub rate_limit: Option<u32>,
    /// Free metadata (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}
}

with_either_id! {
/// The developer account.
#[serde(rename_all = "camelCase")]
pub struct DeveloperInfo via DeveloperInfoWire = "DeveloperInfoWire" as "developer object" {
    /// Developer id (`id` or `_id`).
    pub id: DeveloperId,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Company.
    #[serde(default)]
    pub company_name: Option<String>,
}
}

impl Client {
    /// `GET /me`: checks the key and shows its account.
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// let me = client.me().await?;
    /// println!("{:?} key for {:?}", me.api_key.environment, me.developer.company_name);
    /// # Ok(()) }
    /// ```
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.get(&["me"], &[]).await
    }
}
