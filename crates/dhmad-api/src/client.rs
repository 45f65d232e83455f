//! The client: configuration, the auth header, and the one request loop that applies the rate
//! budget, retries and the "never re-send a write" rule.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

use crate::error::ApiError;
use crate::key::{ApiKey, Environment};
use crate::rate_limit::{Priority, RateBudget, RateLimitConfig, RateLimitState};
use crate::retry::RetryConfig;
use crate::server_seen::{LastSeen, ServerSeen};
use crate::transport::{HttpRequest, Transport};

pub use builder::ClientBuilder;
use execute::{millis, outcome_unknown};

mod builder;
mod execute;

/// Default total timeout of one HTTP exchange.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The DHMAD API client. Cheap to clone; clones share the connection pool and the rate budget.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// Whether this handle's requests may take the budget's foreground reserve.
    priority: Priority,
}

#[derive(Debug)]
struct Inner {
    environment: Environment,
    base_url: Url,
    /// Origins a checkout link may have (see [`crate::origin::checkout_origins`]).
    checkout_origins: Vec<url::Origin>,
    auth_header: (HeaderName, HeaderValue),
    transport: Arc<dyn Transport>,
    budget: RateBudget,
    rate: RateLimitConfig,
    retry: RetryConfig,
    max_response_bytes: usize,
    last_seen: LastSeen,
}

impl Client {
    /// Starts building a client for `api_key` (`sk_live_…` or `sk_sandbox_…`).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), dhmad_api::ApiError> {
    /// let client = dhmad_api::Client::builder("sk_sandbox_0123…").build()?;
    /// # Ok(()) }
    /// ```
    pub fn builder(api_key: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder::from_key_result(ApiKey::parse(api_key.as_ref()))
    }

    /// A handle on the same client (pool and budget) whose requests leave the budget's
    /// foreground reserve free: for work nobody waits on, such as a sync, so that however many
    /// requests it makes, a sale charged meanwhile is sent at once.
    pub fn background(&self) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            priority: Priority::Background,
        }
    }

    /// Whether this handle's requests are foreground (the default) or background.
    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// The environment named by the key's prefix.
    pub fn environment(&self) -> Environment {
        self.inner.environment
    }

    /// The versioned API root requests go to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The origins a checkout link may point to (DHMAD's, or the base URL's).
    pub(crate) fn checkout_origins(&self) -> &[url::Origin] {
        &self.inner.checkout_origins
    }

    /// The shared request budget as last known (for a UI).
    pub fn rate_limit_state(&self) -> RateLimitState {
        self.inner.budget.state()
    }

    /// What the last answer showed about the server: its `Date` (clock skew) and whether it
    /// sent rate-limit headers.
    pub fn server_seen(&self) -> ServerSeen {
        self.inner.last_seen.get()
    }

    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        self.call(Method::GET, segments, query, None).await
    }

    pub(crate) async fn send_json<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        method: Method,
        segments: &[&str],
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let bytes = match body {
            Some(b) => {
                Some(Bytes::from(serde_json::to_vec(b).map_err(|e| {
                    ApiError::Config(format!("encoding the body: {e}"))
                })?))
            }
            None => None,
        };
        self.call(method, segments, &[], bytes).await
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<Bytes>,
    ) -> Result<T, ApiError> {
        let url = self.url(segments, query)?;
        // The logged path has ids but never the query (it may hold an e-mail) or the key.
        let path = format!("/{}", segments.join("/"));
        let span = tracing::info_span!(
            "dhmad_request",
            method = %method,
            path = %path,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            retries = 0u32,
        );
        let started = tokio::time::Instant::now();
        let result = self
            .execute(&method, &path, url, body)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", millis(started.elapsed()));
        let response = result?;
        decode_object(&response.body).map_err(|e| {
            let status = response.status.as_u16();
            if method == Method::GET {
                return ApiError::decode(status, &e, &response.body);
            }
            // The server accepted the write but its answer is unreadable: the write may well
            // have been applied, so it is an unknown outcome to reconcile, never a failure to
            // retry.
            outcome_unknown(
                &method,
                &path,
                format!("answered {status} with a body that could not be read: {e}"),
                None,
            )
        })
    }

    fn url(&self, segments: &[&str], query: &[(&str, String)]) -> Result<Url, ApiError> {
        let mut url = self.inner.base_url.clone();
        url.path_segments_mut()
            .map_err(|()| ApiError::Config("the base URL cannot take a path".into()))?
            .pop_if_empty()
            .extend(segments);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    fn request(&self, method: &Method, url: &Url, body: Option<&Bytes>) -> HttpRequest {
        let mut headers = HeaderMap::new();
        let (name, value) = &self.inner.auth_header;
        headers.insert(name.clone(), value.clone());
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        if body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        HttpRequest {
            method: method.clone(),
            url: url.clone(),
            headers,
            body: body.cloned(),
        }
    }
}

/// Decodes a success body, which the API always sends as a JSON object. serde's derived structs
/// would also take a JSON array, field by field in order; such a body is garbage here, not an
/// answer, so anything but an object is refused before decoding. The envelopes the documents
/// allow (contract §1.4) are read in [`crate::decode`].
fn decode_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    crate::decode::decode_answer(body)
}
