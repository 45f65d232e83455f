//! The HTTP seam: one small trait so tests (or another stack) can replace reqwest.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use url::Url;

/// Default cap on one response body: 32 MiB. The largest real answer, a page of 100 escrows, is
/// about 120 KB, so this leaves a wide margin for growth while keeping a broken or hostile
/// server (an endless stream, a lying `Content-Length`) from exhausting the app's memory.
/// Change it with [`crate::ClientBuilder::max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// A request ready to send (auth header already set).
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Full URL.
    pub url: Url,
    /// Headers (the auth header is marked sensitive).
    pub headers: HeaderMap,
    /// JSON body, if any.
    pub body: Option<Bytes>,
}

/// A response with its body read: whole, or — when it is longer than the transport's limit —
/// only its first `limit + 1` bytes, so the client can tell "too large" from "exactly at the
/// limit" without ever holding more than the limit plus one byte.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Bytes,
}

/// How sending failed. The distinction decides whether a write may be re-sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The connection could not be established: no byte of the request reached the server, so
    /// re-sending is safe even for a POST.
    #[error("could not connect: {0}")]
    Connect(String),
    /// No complete answer within the timeout; the server may have acted on the request.
    #[error("timed out")]
    Timeout,
    /// The connection failed after it was established (e.g. closed without an answer); the
    /// server may have acted on the request.
    #[error("connection failed: {0}")]
    Io(String),
}

/// A boxed future, so the trait stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request`. Must not retry on its own.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The default transport: reqwest with rustls, connect and total timeouts, and a body size cap
/// applied while streaming.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body_bytes: usize,
}

impl ReqwestTransport {
    /// Builds the reqwest client. `total` bounds the whole exchange including the body.
    pub fn new(
        connect_timeout: Duration,
        total: Duration,
        user_agent: &str,
    ) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(total)
            .user_agent(user_agent)
            .redirect(same_origin_redirects())
            .use_rustls_tls()
            .connector_layer(crate::connect_trace::TraceConnections)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(ReqwestTransport::from_client(client))
    }

    /// Uses an existing reqwest client (shares its pool); its timeouts and its redirect policy
    /// apply, so build it with [`same_origin_redirects`] unless it never follows redirects.
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport {
            client,
            max_body_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Stops reading a response body after `limit + 1` bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`]); the client turns a longer body into an error.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }
}

/// Most redirects followed within one origin; a longer chain is a loop.
const MAX_REDIRECTS: usize = 5;

/// Follows a redirect only within the request's own origin (same scheme, host and port), so
/// the key in `Authorization`/`X-API-Key` never reaches another host and https never becomes
/// http. Any other redirect is not followed: its 3xx answer goes back to the client, which
/// reports it.
pub fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().map(Url::origin);
        let same_origin = first.is_some_and(|o| o == attempt.url().origin());
        if same_origin && attempt.previous().len() <= MAX_REDIRECTS {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Reads the body chunk by chunk and stops one byte past `limit`: a misbehaving server (or a
/// proxy streaming an endless page) cannot make the client buffer more than that, whatever its
/// `Content-Length` says or whether it sends one at all.
async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Bytes, TransportError> {
    let keep = limit.saturating_add(1);
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
        let room = keep - body.len();
        if chunk.len() >= room {
            body.extend_from_slice(&chunk[..room]);
            // Dropping the response closes the connection instead of draining the rest.
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn classify(e: &reqwest::Error) -> TransportError {
    if e.is_timeout() {
        TransportError::Timeout
    } else if e.is_connect() {
        TransportError::Connect(error_chain(e))
    } else {
        TransportError::Io(error_chain(e))
    }
}

/// The error with its sources ("error sending request: connection closed before message completed").
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let mut builder = self
                .client
                .request(request.method, request.url)
                .headers(request.headers);
            if let Some(body) = request.body {
                builder = builder.body(body);
            }
            let started = tokio::time::Instant::now();
            let response = builder.send().await.map_err(|e| classify(&e))?;
            // Until the answer's head: connection set-up (when no pooled one was free; logged
            // apart as "connection set up"), the request, and the server's time. Then the body.
            let head = started.elapsed();
            let status = response.status();
            let headers = response.headers().clone();
            let body = read_capped(response, self.max_body_bytes).await?;
            tracing::debug!(
                head_ms = u64::try_from(head.as_millis()).unwrap_or(u64::MAX),
                body_ms = u64::try_from((started.elapsed() - head).as_millis()).unwrap_or(u64::MAX),
                "answer read"
            );
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        })
    }
}
