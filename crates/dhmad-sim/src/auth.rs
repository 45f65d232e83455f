//! API-key authentication (contract §1.2, §1.5) and the rate-limit headers (§1.7).

use crate::clock::iso_secs;
use crate::error::ApiError;
use crate::faults::Conn;
use crate::rate_limit::Verdict;
use crate::state::AppState;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The authenticated caller, inserted into request extensions.
#[derive(Debug, Clone, Copy)]
pub struct Auth {
    /// Developer index.
    pub dev: usize,
    /// API key index.
    pub key: usize,
}

const MISSING: &str = "Missing API key. Please include X-API-Key header.";
const INVALID: &str = "Invalid or expired API key";
/// 401 text for production keys.
pub const LIVE_KEY: &str =
    "This is the sandbox environment. Use a sandbox API key (sk_sandbox_...).";

/// Key from `X-API-Key` or `Authorization: Bearer`.
pub fn presented_key(h: &HeaderMap) -> Option<String> {
    if let Some(k) = h.get("x-api-key").and_then(|v| v.to_str().ok()) {
        return Some(k.trim().to_owned());
    }
    let auth = h.get("authorization").and_then(|v| v.to_str().ok())?;
    let (scheme, token) = auth.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

fn unauthorized(message: &str) -> ApiError {
    ApiError::std(401, "Unauthorized", message)
}

/// Authenticates, applies the rate limit, runs the handler, adds the rate-limit headers.
pub async fn authenticate(st: &AppState, conn: &Conn, mut req: Request, next: Next) -> Response {
    let key = presented_key(req.headers());
    let found = {
        let store = st.read();
        key.as_deref()
            .and_then(|k| store.idx.key_by_secret.get(k).copied())
            .map(|k| {
                let dev = store.keys[k].developer;
                (Auth { dev, key: k }, store.developers[dev].rate_limit)
            })
    };
    let verdict = st.0.config.rate_limit.map(|default| {
        let (bucket, limit) = match (&found, &key) {
            (Some((_, custom)), Some(k)) => (k.clone(), custom.unwrap_or(default)),
            _ => (format!("ip:{}", conn.addr.ip()), default),
        };
        st.0.limiter.check(&bucket, limit, st.now())
    });
    let mut resp = if verdict.is_some_and(|v| !v.allowed) {
        too_many().into_response()
    } else {
        match (found, key) {
            (Some((auth, _)), _) => {
                req.extensions_mut().insert(auth);
                next.run(req).await
            }
            (None, None) => unauthorized(MISSING).into_response(),
            (None, Some(k)) if k.starts_with("sk_live_") => unauthorized(LIVE_KEY).into_response(),
            (None, Some(_)) => unauthorized(INVALID).into_response(),
        }
    };
    if let Some(v) = verdict {
        add_headers(resp.headers_mut(), v);
    }
    resp
}

/// The documented 429 body.
pub fn too_many() -> ApiError {
    ApiError::new(
        429,
        json!({ "error": "Too Many Requests", "message": "Rate limit exceeded. Please try again later." }),
    )
}

/// `X-RateLimit-Limit`, `-Remaining`, `-Reset` (ISO 8601 UTC).
pub fn add_headers(h: &mut HeaderMap, v: Verdict) {
    let pairs = [
        ("x-ratelimit-limit", v.limit.to_string()),
        ("x-ratelimit-remaining", v.remaining.to_string()),
        ("x-ratelimit-reset", iso_secs(v.reset_at)),
    ];
    for (name, value) in pairs {
        if let Ok(value) = HeaderValue::from_str(&value) {
            h.insert(name, value);
        }
    }
}
