//! The HTTP seam: one small trait so tests (or another stack) can replace reqwest.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use url::Url;

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

/// A response with its whole body read.
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

/// The default transport: reqwest with rustls, connect and total timeouts.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
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
            .use_rustls_tls()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(ReqwestTransport { client })
    }

    /// Uses an existing reqwest client (shares its pool); its timeouts apply.
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }
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
            let response = builder.send().await.map_err(|e| classify(&e))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|e| classify(&e))?;
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        })
    }
}
