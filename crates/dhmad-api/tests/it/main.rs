#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Integration tests of dhmad-api: fixtures from the contract, HTTP behaviour against wiremock
//! and raw sockets, money exactness, validation, webhooks.

mod decoding;
mod dialects;
mod errors;
mod fixtures;
mod http;
mod money;
mod net;
mod pagination;
mod resilience;
mod spans;
mod validation;
mod webhook;

use std::time::Duration;

use dhmad_api::{Client, RetryConfig, Url};
use wiremock::MockServer;

pub const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

pub fn sandbox_key() -> String {
    format!("sk_sandbox_{HEX}")
}

pub fn live_key() -> String {
    format!("sk_live_{HEX}")
}

/// Reads a fixture file's text.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The versioned root of a mock server.
pub fn api_root(uri: &str) -> Url {
    Url::parse(&format!("{uri}/api/v1")).unwrap()
}

/// Fast retries so tests do not wait on backoff.
pub fn fast_retry() -> RetryConfig {
    RetryConfig {
        max_retries: 3,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
    }
}

/// A sandbox client pointed at the mock server.
pub fn client_for(server: &MockServer) -> Client {
    Client::builder(sandbox_key())
        .base_url(api_root(&server.uri()))
        .retry(fast_retry())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}
