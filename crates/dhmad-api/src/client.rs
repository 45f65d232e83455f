//! The client: configuration, the auth header, and the one request loop that applies the rate
//! budget, retries and the "never re-send a write" rule.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

use crate::error::{ApiError, ServerError};
use crate::key::{ApiKey, AuthScheme, Environment};
use crate::origin::{check_base_url, checkout_origins};
use crate::rate_limit::{
    Priority, RateBudget, RateLimitConfig, RateLimitState, reset_header, retry_after_header,
    until_utc,
};
use crate::retry::RetryConfig;
use crate::server_seen::{LastSeen, ServerSeen};
use crate::transport::{
    DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, ReqwestTransport, Transport,
    TransportError,
};

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

    /// Sends with the budget, retries and write-safety rules; returns a 2xx response.
    async fn execute(
        &self,
        method: &Method,
        path: &str,
        url: Url,
        body: Option<Bytes>,
    ) -> Result<HttpResponse, ApiError> {
        let call = CallInfo {
            method,
            path,
            read: *method == Method::GET,
        };
        let span = tracing::Span::current();
        let mut resends = Resends::default();
        loop {
            let next = match self.attempt(method, &url, body.as_ref()).await? {
                Ok(response) => self.judge_answer(&call, response, &mut resends)?,
                Err(e) => Next::RetryAfterPause(transport_failure(&call, e)?),
            };
            match next {
                Next::Done(response) => return Ok(response),
                Next::Resend => {}
                Next::RetryAfterPause(failure) => {
                    self.pause_before_retry(failure, &resends).await?
                }
            }
            resends.total += 1;
            span.record("retries", resends.total);
        }
    }

    /// One send: a slot of the rate budget, then the transport. Its own span (debug level)
    /// says where the time went: waiting for the budget, then on the network.
    async fn attempt(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&Bytes>,
    ) -> Result<Result<HttpResponse, TransportError>, ApiError> {
        let inner = &self.inner;
        let span = tracing::debug_span!(
            "dhmad_attempt",
            budget_wait_ms = tracing::field::Empty,
            network_ms = tracing::field::Empty,
        );
        async {
            let queued = tokio::time::Instant::now();
            inner
                .budget
                .acquire(inner.rate.max_wait, self.priority)
                .await?;
            let sent = tokio::time::Instant::now();
            span.record("budget_wait_ms", millis(sent - queued));
            let outcome = inner.transport.send(self.request(method, url, body)).await;
            span.record("network_ms", millis(sent.elapsed()));
            Ok(outcome)
        }
        .instrument(span.clone())
        .await
    }

    /// Reads an answer: a usable 2xx, a 429 to re-send after its reset, a failure worth a retry,
    /// or the error to return.
    fn judge_answer(
        &self,
        call: &CallInfo<'_>,
        response: HttpResponse,
        resends: &mut Resends,
    ) -> Result<Next, ApiError> {
        let inner = &self.inner;
        inner.budget.observe(&response.headers);
        inner
            .last_seen
            .observe(&response.headers, chrono::Utc::now());
        let status = response.status.as_u16();
        tracing::Span::current().record("status", status);
        let too_large = response.body.len() > inner.max_response_bytes;
        if response.status.is_success() {
            return self
                .usable_success(call, response, too_large)
                .map(Next::Done);
        }
        if response.status.is_redirection() {
            return Err(redirect_refused(
                call.method,
                call.path,
                &response,
                call.read,
            ));
        }
        let server = server_error(&response, too_large, inner.max_response_bytes);
        if status == 429 {
            return self.wait_out_429(server, &response, resends);
        }
        if status < 500 {
            return Err(server.into());
        }
        if !call.read {
            return Err(outcome_unknown(
                call.method,
                call.path,
                format!("server answered {status}"),
                Some(server),
            ));
        }
        Ok(Next::RetryAfterPause(ApiError::Server(Box::new(server))))
    }

    /// A 2xx answer, unless its body went over the size limit.
    fn usable_success(
        &self,
        call: &CallInfo<'_>,
        response: HttpResponse,
        too_large: bool,
    ) -> Result<HttpResponse, ApiError> {
        if !too_large {
            return Ok(response);
        }
        let status = response.status.as_u16();
        if !call.read {
            // Applied, but its answer is not readable: not a failure to retry.
            return Err(outcome_unknown(
                call.method,
                call.path,
                format!("answered {status} with a body over the size limit"),
                None,
            ));
        }
        Err(ApiError::ResponseTooLarge {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            status,
            limit: self.inner.max_response_bytes,
        })
    }

    /// The server refused the request, so re-sending is safe even for a write: the budget is
    /// blocked until the reset it asks for, which is bounded by `max_wait`.
    fn wait_out_429(
        &self,
        server: ServerError,
        response: &HttpResponse,
        resends: &mut Resends,
    ) -> Result<Next, ApiError> {
        let rate = &self.inner.rate;
        let wait = server
            .rate_limit_reset
            .map(until_utc)
            .or(server.retry_after.map(Duration::from_secs))
            .or_else(|| retry_after_header(&response.headers))
            .unwrap_or(rate.window);
        if resends.after_429 >= rate.max_429_retries || wait > rate.max_wait {
            return Err(server.into());
        }
        tracing::warn!(
            wait_ms = millis(wait),
            "429 rate limited; waiting for the reset"
        );
        self.inner.budget.block_for(wait);
        resends.after_429 += 1;
        Ok(Next::Resend)
    }

    /// Sleeps the backoff before retrying `failure`, or returns it when the retries are spent.
    /// Re-sends after a 429 do not count against the retries.
    async fn pause_before_retry(
        &self,
        failure: ApiError,
        resends: &Resends,
    ) -> Result<(), ApiError> {
        let retry = &self.inner.retry;
        let failed = resends.total - resends.after_429;
        if failed >= retry.max_retries {
            return Err(failure);
        }
        let pause = retry.backoff(failed);
        tracing::warn!(error = %failure, pause_ms = millis(pause), "retrying");
        tokio::time::sleep(pause).await;
        Ok(())
    }
}

/// What one call is: its method and logged path, and whether it is a read (safe to re-send).
struct CallInfo<'a> {
    method: &'a Method,
    path: &'a str,
    read: bool,
}

/// How often one call was re-sent: in all, and after a 429.
#[derive(Debug, Default)]
struct Resends {
    total: u32,
    after_429: u32,
}

/// What follows one attempt.
enum Next {
    /// A usable answer.
    Done(HttpResponse),
    /// Send again once the budget allows (after a 429).
    Resend,
    /// A failure that may be retried after a backoff pause.
    RetryAfterPause(ApiError),
}

/// A transport failure: the error to retry (nothing reached the server, or a read), or to
/// return at once (a write the server may have acted on).
fn transport_failure(call: &CallInfo<'_>, error: TransportError) -> Result<ApiError, ApiError> {
    let (method, path) = (call.method, call.path);
    match error {
        // Nothing reached the server: safe to retry for every method.
        TransportError::Connect(message) => Ok(ApiError::Transport {
            method: method.to_string(),
            path: path.to_owned(),
            message,
        }),
        TransportError::Timeout if !call.read => Err(outcome_unknown(
            method,
            path,
            "no answer before the timeout".into(),
            None,
        )),
        TransportError::Timeout => Ok(ApiError::Timeout {
            method: method.to_string(),
            path: path.to_owned(),
        }),
        TransportError::Io(message) if !call.read => Err(outcome_unknown(
            method,
            path,
            format!("connection lost after sending: {message}"),
            None,
        )),
        TransportError::Io(message) => Ok(ApiError::Transport {
            method: method.to_string(),
            path: path.to_owned(),
            message,
        }),
    }
}

/// Whole milliseconds, for logs.
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The error of a non-2xx answer. An oversized error body is not parsed: the status alone still
/// classifies it (and drives retries), and the message says why there is no server text.
fn server_error(response: &HttpResponse, too_large: bool, limit: usize) -> ServerError {
    let reset = reset_header(&response.headers);
    let status = response.status.as_u16();
    if !too_large {
        return ServerError::parse(status, &response.body, reset);
    }
    let mut server = ServerError::parse(status, &[], reset);
    server.message = Some(format!(
        "the error body is larger than {limit} bytes and was not read"
    ));
    server
}

/// A redirect the transport did not follow (another origin, or https → http): the key was not
/// sent there. For a write the server may already have acted, so its outcome is unknown.
fn redirect_refused(method: &Method, path: &str, response: &HttpResponse, read: bool) -> ApiError {
    let target = response
        .headers
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| Url::parse(l).ok())
        .map_or_else(
            || "an unknown place".to_owned(),
            |u| u.origin().ascii_serialization(),
        );
    let reason = format!(
        "the server redirected to {target} (HTTP {}); the redirect was not followed and the key was not sent there",
        response.status.as_u16()
    );
    if read {
        tracing::warn!(%method, path, %target, "redirect refused");
        ApiError::Protocol(reason)
    } else {
        outcome_unknown(method, path, reason, None)
    }
}

fn outcome_unknown(
    method: &Method,
    path: &str,
    reason: String,
    server: Option<ServerError>,
) -> ApiError {
    tracing::error!(%method, path, %reason, "write outcome unknown; not re-sent");
    ApiError::OutcomeUnknown {
        method: method.to_string(),
        path: path.to_owned(),
        reason,
        server: server.map(Box::new),
    }
}

impl ClientBuilder {
    fn from_key_result(key: Result<ApiKey, ApiError>) -> Self {
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

/// Decodes a success body, which the API always sends as a JSON object. serde's derived structs
/// would also take a JSON array, field by field in order; such a body is garbage here, not an
/// answer, so anything but an object is refused before decoding. The envelopes the documents
/// allow (contract §1.4) are read in [`crate::decode`].
fn decode_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    crate::decode::decode_answer(body)
}
