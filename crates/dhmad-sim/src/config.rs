//! Simulator configuration.

use crate::dialect::Dialect;
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// How to start a simulator. `SimConfig::default()` binds 127.0.0.1 on a free port.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Interface to bind (default 127.0.0.1).
    pub host: String,
    /// Port (0 = any free port).
    pub port: u16,
    /// Seed for the demo key, ids and history.
    pub seed: u64,
    /// Where to persist state (loaded at start when present).
    pub state_file: Option<PathBuf>,
    /// Requests per minute per key (`None` disables rate limiting).
    pub rate_limit: Option<u32>,
    /// Platform fee percentage.
    pub fee_percent: u32,
    /// Past escrows to seed for the demo merchant.
    pub history: usize,
    /// TND per USD × 1000 (3.10 → 3100).
    pub usd_rate_thousandths: i64,
    /// TND per EUR × 1000 (3.35 → 3350).
    pub eur_rate_thousandths: i64,
    /// Origin used in checkout URLs (e.g. `http://192.168.1.20:4010` for a phone on the Wi-Fi).
    pub public_url: Option<String>,
    /// Simulated time at start (default: real time).
    pub clock_start: Option<DateTime<Utc>>,
    /// How `/api/v1` writes its answers (default: the plain style of the endpoint pages).
    pub dialect: Dialect,
    /// The token `/__sim` asks for off loopback (see `control_access`); a bind other than
    /// loopback with none set gets a random one at start.
    pub control_token: Option<String>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 0,
            seed: 42,
            state_file: None,
            rate_limit: Some(100),
            fee_percent: 5,
            history: 0,
            usd_rate_thousandths: 3100,
            eur_rate_thousandths: 3350,
            public_url: None,
            clock_start: None,
            dialect: Dialect::Plain,
            control_token: None,
        }
    }
}

/// The seeded demo credentials.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Demo {
    /// `sk_sandbox_` + 64 hex.
    pub api_key: String,
    /// Developer token for webhook management.
    pub developer_token: String,
    /// Developer login.
    pub developer_email: String,
    /// The developer's associated user (the merchant).
    pub merchant_email: String,
    /// Developer id.
    pub developer_id: String,
}
