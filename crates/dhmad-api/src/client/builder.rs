//! Building a [`Client`]: the key, the address, the timeouts, the budget and the transport.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};
use url::Url;

use super::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, Inner};
use crate::error::ApiError;
use crate::key::{ApiKey, AuthScheme};
use crate::origin::{check_base_url, checkout_origins};
use crate::rate_limit::{Priority, RateBudget, RateLimitConfig};
use crate::retry::RetryConfig;
use crate::server_seen::LastSeen;
use crate::transport::{DEFAULT_MAX_RESPONSE_BYTES, ReqwestTransport, Transport};

/// Builds a [`Client`]. The key is checked by [`ClientBuilder::build`], before any request.
#[derive(Debug)]
pub struct ClientBuilder {
    key: Result<ApiKey, ApiError>,
    base_url: Option<Url>,
    proxy_confirmed: bool,
    auth_scheme: AuthScheme,
    timeout: Duration,
    connect_timeout: Duration,
    rate_limit: RateLimitConfig,
    retry: RetryConfig,
    transport: Option<Arc<dyn Transport>>,
    user_agent: String,
    max_response_bytes: usize,
}

impl ClientBuilder {
    pub(super) fn from_key_result(key: Result<ApiKey, ApiError>) -> Self {
        ClientBuilder {
            key,
            base_url: None,
            proxy_confirmed: false,
            auth_scheme: AuthScheme::default(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            rate_limit: RateLimitConfig::default(),
            retry: RetryConfig::default(),
            transport: None,
            user_agent: format!("dhmad-api-rust/{}", env!("CARGO_PKG_VERSION")),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Starts from an already validated key.
    pub fn from_key(key: ApiKey) -> Self {
        Self::from_key_result(Ok(key))
    }

    /// Overrides the versioned API root (the simulator: `http://127.0.0.1:PORT/api/v1`).
    /// It must be `https://`, or `http://` on loopback; for a live key it must be
    /// `https://dhmad.tn` unless [`ClientBuilder::confirm_proxy`] is set.
    pub fn base_url(mut self, url: Url) -> Self {
        self.base_url = Some(url);
        self
    }

    /// The merchant confirmed, in a clearly worded step, that a base URL other than
    /// `https://dhmad.tn` is a proxy they trust with their live key. Without it a live key is
    /// never sent anywhere else.
    pub fn confirm_proxy(mut self, confirmed: bool) -> Self {
        self.proxy_confirmed = confirmed;
        self
    }

    /// `Authorization: Bearer` (default) or `X-API-Key`.
    pub fn auth_scheme(mut self, scheme: AuthScheme) -> Self {
        self.auth_scheme = scheme;
        self
    }

    /// Total timeout of one HTTP exchange (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Rate-limit behaviour.
    pub fn rate_limit(mut self, config: RateLimitConfig) -> Self {
        self.rate_limit = config;
        self
    }

    /// Retry behaviour of reads.
    pub fn retry(mut self, config: RetryConfig) -> Self {
        self.retry = config;
        self
    }

    /// Replaces the HTTP stack (tests). Timeouts set here then do not apply.
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The `User-Agent` sent.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Largest response body accepted (default [`DEFAULT_MAX_RESPONSE_BYTES`]). The default
    /// transport stops reading one byte past it; a longer success body is
    /// [`ApiError::ResponseTooLarge`], a longer error body keeps its status-based error without
    /// the server's text. A transport set with [`ClientBuilder::transport`] is checked after it
    /// returns (it does its own reading).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Validates the key and the base URL and builds the client. No request is made.
    pub fn build(self) -> Result<Client, ApiError> {
        let key = self.key?;
        let environment = key.environment();
        let base_url = self
            .base_url
            .unwrap_or_else(|| environment.default_base_url());
        check_base_url(&base_url, environment, self.proxy_confirmed)?;
        let (name, prefix) = match self.auth_scheme {
            AuthScheme::Bearer => (AUTHORIZATION, "Bearer "),
            AuthScheme::XApiKey => (HeaderName::from_static("x-api-key"), ""),
        };
        let mut value = HeaderValue::from_str(&format!("{prefix}{}", key.expose_secret()))
            .map_err(|_| {
                ApiError::InvalidKeyFormat("the API key is not a valid header value".into())
            })?;
        value.set_sensitive(true);
        let transport: Arc<dyn Transport> = match self.transport {
            Some(t) => t,
            None => Arc::new(
                ReqwestTransport::new(self.connect_timeout, self.timeout, &self.user_agent)
                    .map_err(ApiError::Config)?
                    .max_body_bytes(self.max_response_bytes),
            ),
        };
        Ok(Client {
            priority: Priority::Foreground,
            inner: Arc::new(Inner {
                environment,
                checkout_origins: checkout_origins(&base_url, environment),
                base_url,
                auth_header: (name, value),
                transport,
                budget: RateBudget::new(&self.rate_limit),
                rate: self.rate_limit,
                retry: self.retry,
                max_response_bytes: self.max_response_bytes,
                last_seen: LastSeen::default(),
            }),
        })
    }
}
