//! One error type for everything a call can end with: every server error shape of contract §1.5,
//! local validation, key format, transport problems and "outcome unknown".

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::enums::{BusinessCode, KycStatus};
use crate::validation::ValidationErrors;

/// The 403 text that means "developer account not associated with a user" (all page variants).
const NOT_ASSOCIATED_MARKER: &str = "must be associated with a user account";
/// Longest body excerpt kept in a [`ApiError::Decode`].
const SNIPPET_CHARS: usize = 200;

/// An error returned by the client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The server answered with an error status; its body is kept whole.
    #[error("{0}")]
    Server(Box<ServerError>),
    /// The request was refused locally and never sent (every field problem is listed).
    #[error("invalid request: {0}")]
    Validation(ValidationErrors),
    /// The API key does not have the `sk_live_`/`sk_sandbox_` + 64 hex shape. Nothing was sent.
    #[error("invalid API key: {0}")]
    InvalidKeyFormat(String),
    /// The request budget is spent until `reset`, further than the configured wait bound.
    /// Nothing was sent.
    #[error("rate limited by the local budget until {}", fmt_reset(.reset))]
    RateLimited {
        /// When the budget frees up, if known.
        reset: Option<DateTime<Utc>>,
    },
    /// The connection failed (nothing reached the server for a write, or a read gave up).
    #[error("network error on {method} {path}: {message}")]
    Transport {
        /// HTTP method.
        method: String,
        /// Path below the API root.
        path: String,
        /// What failed.
        message: String,
    },
    /// A read timed out (after its retries).
    #[error("timed out on {method} {path}")]
    Timeout {
        /// HTTP method.
        method: String,
        /// Path below the API root.
        path: String,
    },
    /// A write (POST/PUT) may or may not have been applied: the connection dropped after the
    /// request was sent, it timed out, or the server failed with 5xx. It was NOT re-sent (DHMAD has
    /// no idempotency key). Reconcile with a read before trying again.
    #[error(
        "outcome unknown for {method} {path} ({reason}): it was not re-sent; check the current state (e.g. list escrows) before retrying"
    )]
    OutcomeUnknown {
        /// HTTP method.
        method: String,
        /// Path below the API root.
        path: String,
        /// Why the outcome is unknown.
        reason: String,
        /// The server's error, when it answered 5xx.
        server: Option<Box<ServerError>>,
    },
    /// A success response whose body did not match the expected shape. For a write this means
    /// the server accepted it (2xx): do not send it again; read the resource back instead.
    #[error("could not decode the response (HTTP {status}): {message}; body starts: {snippet:?}")]
    Decode {
        /// HTTP status.
        status: u16,
        /// The decoder's message.
        message: String,
        /// The start of the body (at most 200 characters).
        snippet: String,
    },
    /// A success response whose body is longer than the client's cap
    /// ([`crate::ClientBuilder::max_response_bytes`]); reading stopped at the cap. Like
    /// [`ApiError::Decode`] (its [`ErrorKind`] is [`ErrorKind::Decode`]): the answer could not be
    /// used, and for a write the server accepted it (2xx), so do not send it again.
    #[error(
        "the response to {method} {path} (HTTP {status}) is larger than {limit} bytes; it was not read"
    )]
    ResponseTooLarge {
        /// HTTP method.
        method: String,
        /// Path below the API root.
        path: String,
        /// HTTP status.
        status: u16,
        /// The cap in bytes.
        limit: usize,
    },
    /// The server broke the contract in a way the client guards against (e.g. endless pages).
    #[error("protocol error: {0}")]
    Protocol(String),
    /// The client could not be configured (TLS setup, a body that cannot be encoded).
    #[error("configuration error: {0}")]
    Config(String),
    /// The base URL is not one the key may be sent to (plain http off this machine, credentials
    /// in it, …). Nothing was sent.
    #[error("the API address {url} is refused: {reason}")]
    UnsafeBaseUrl {
        /// The refused base URL.
        url: String,
        /// Why, in plain words.
        reason: String,
    },
    /// A live key would go somewhere other than `https://dhmad.tn` and the merchant has not
    /// confirmed that this origin is a proxy they trust. Nothing was sent.
    #[error(
        "a live key is only sent to https://dhmad.tn; {url} is used only after you confirm it is a proxy you trust"
    )]
    ProxyNotConfirmed {
        /// The other origin.
        url: String,
    },
    /// A success answer carried something the client will not use (a checkout link on a foreign
    /// origin). For a write, the server accepted it: do not send it again.
    #[error("suspicious answer from the server: {0}")]
    SuspiciousAnswer(String),
}

fn fmt_reset(reset: &Option<DateTime<Utc>>) -> String {
    reset.map_or_else(|| "an unknown time".to_owned(), |r| r.to_rfc3339())
}

/// What kind of failure an [`ApiError`] is, for deciding what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 401: the key is wrong, expired, deactivated, or for the other environment.
    InvalidKey,
    /// 403: the developer account is not associated with a DHMAD user.
    NotAssociated,
    /// 403: not your escrow/session, not the seller/buyer, blocked domain.
    NoAccess,
    /// 404.
    NotFound,
    /// 400 from the server, or refused locally before sending.
    Validation,
    /// 409.
    Conflict,
    /// 429 or the local budget is spent; `reset` is when to try again.
    RateLimited {
        /// When the limit resets, if known.
        reset: Option<DateTime<Utc>>,
    },
    /// 5xx on a read.
    Server,
    /// Network failure.
    Transport,
    /// A read timed out.
    Timeout,
    /// A write may have been applied; reconcile.
    OutcomeUnknown,
    /// A success body that did not parse, or was larger than the client's cap.
    Decode,
    /// The key has the wrong shape (local).
    InvalidKeyFormat,
    /// The server misbehaved (endless pagination).
    Protocol,
    /// The base URL was refused before any request.
    UnsafeBaseUrl,
    /// A live key and a base URL other than DHMAD's, not confirmed as a proxy.
    ProxyNotConfirmed,
    /// A success answer held a link the client will not hand on.
    SuspiciousAnswer,
    /// Anything else (other statuses, configuration).
    Unexpected,
}

impl ApiError {
    /// Classifies the error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Server(e) => e.kind(),
            ApiError::Validation(_) => ErrorKind::Validation,
            ApiError::InvalidKeyFormat(_) => ErrorKind::InvalidKeyFormat,
            ApiError::RateLimited { reset } => ErrorKind::RateLimited { reset: *reset },
            ApiError::Transport { .. } => ErrorKind::Transport,
            ApiError::Timeout { .. } => ErrorKind::Timeout,
            ApiError::OutcomeUnknown { .. } => ErrorKind::OutcomeUnknown,
            ApiError::Decode { .. } | ApiError::ResponseTooLarge { .. } => ErrorKind::Decode,
            ApiError::Protocol(_) => ErrorKind::Protocol,
            ApiError::Config(_) => ErrorKind::Unexpected,
            ApiError::UnsafeBaseUrl { .. } => ErrorKind::UnsafeBaseUrl,
            ApiError::ProxyNotConfirmed { .. } => ErrorKind::ProxyNotConfirmed,
            ApiError::SuspiciousAnswer(_) => ErrorKind::SuspiciousAnswer,
        }
    }

    /// The server's error, when there is one.
    pub fn server(&self) -> Option<&ServerError> {
        match self {
            ApiError::Server(e) => Some(e),
            ApiError::OutcomeUnknown { server, .. } => server.as_deref(),
            _ => None,
        }
    }

    /// HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Decode { status, .. } | ApiError::ResponseTooLarge { status, .. } => {
                Some(*status)
            }
            _ => self.server().map(|e| e.status),
        }
    }

    /// Business-rule code, when given.
    pub fn code(&self) -> Option<&BusinessCode> {
        self.server().and_then(|e| e.code.as_ref())
    }

    /// The developer-facing message (server text, or the local description).
    pub fn message(&self) -> String {
        match self.server() {
            Some(e) => e.developer_message().unwrap_or_default().to_owned(),
            None => self.to_string(),
        }
    }

    /// The end-user text the server supplied (`user_message`), when present.
    pub fn user_message(&self) -> Option<&str> {
        self.server().and_then(|e| e.user_message.as_deref())
    }

    /// Field problems: the server's `details` or the local validation list.
    pub fn details(&self) -> BTreeMap<String, String> {
        match self {
            ApiError::Validation(v) => v
                .iter()
                .map(|f| (f.field.clone(), f.message.clone()))
                .collect(),
            _ => self
                .server()
                .map(|e| {
                    e.details
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    pub(crate) fn decode(status: u16, err: &serde_json::Error, body: &[u8]) -> Self {
        ApiError::Decode {
            status,
            message: err.to_string(),
            snippet: snippet(body),
        }
    }
}

/// The first characters of a body, on a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .chars()
        .take(SNIPPET_CHARS)
        .collect()
}

/// A server error response, whichever of the shapes of contract §1.5 it came in.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerError {
    /// HTTP status.
    pub status: u16,
    /// The `error` string: a type (`"Bad Request"`), a bare message (`"Escrow not found"`) or an
    /// OAuth code (`"invalid_grant"`). `None` for the business-rule object shape.
    pub error: Option<String>,
    /// Business-rule `error.code` (or a top-level `code`).
    pub code: Option<BusinessCode>,
    /// Business-rule `error.type` (`business_rule_violation`).
    pub error_type: Option<String>,
    /// Developer message: `message`, `error.message` or OAuth `error_description`.
    pub message: Option<String>,
    /// End-user message (`error.user_message`).
    pub user_message: Option<String>,
    /// Field problems (`details`).
    pub details: BTreeMap<String, Value>,
    /// `retryAfter` seconds (429 on the errors page).
    pub retry_after: Option<u64>,
    /// `kyc_status` (409 on identity verification).
    pub kyc_status: Option<KycStatus>,
    /// `user_exists` (409 on identity verification).
    pub user_exists: Option<bool>,
    /// `X-RateLimit-Reset` of the response, when sent.
    pub rate_limit_reset: Option<DateTime<Utc>>,
}

impl ServerError {
    /// Parses any error body. A body that is not JSON (an HTML page from a proxy) is kept as the
    /// message, shortened.
    pub fn parse(status: u16, body: &[u8], rate_limit_reset: Option<DateTime<Utc>>) -> Self {
        let mut e = ServerError {
            status,
            error: None,
            code: None,
            error_type: None,
            message: None,
            user_message: None,
            details: BTreeMap::new(),
            retry_after: None,
            kyc_status: None,
            user_exists: None,
            rate_limit_reset,
        };
        let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
            let text = snippet(body);
            e.message = (!text.trim().is_empty()).then_some(text);
            return e;
        };
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
        match map.get("error") {
            Some(Value::Object(obj)) => {
                e.code = text(obj.get("code")).map(|c| BusinessCode::parse(&c));
                e.error_type = text(obj.get("type"));
                e.message = text(obj.get("message"));
                e.user_message = text(obj.get("user_message"));
            }
            Some(Value::String(s)) => {
                e.error = Some(s.clone());
                e.message = text(map.get("message")).or_else(|| text(map.get("error_description")));
            }
            _ => e.message = text(map.get("message")),
        }
        if e.code.is_none() {
            // A top-level `code` (later revision), or a bare code as the error text (409 deliver).
            e.code = text(map.get("code"))
                .or_else(|| e.error.clone().filter(|s| looks_like_code(s)))
                .map(|c| BusinessCode::parse(&c));
        }
        if e.user_message.is_none() {
            e.user_message = text(map.get("user_message")).or_else(|| text(map.get("userMessage")));
        }
        if let Some(Value::Object(d)) = map.get("details") {
            e.details = d.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        }
        e.retry_after = map.get("retryAfter").and_then(Value::as_u64);
        e.kyc_status = text(map.get("kyc_status")).map(|s| KycStatus::parse(&s));
        e.user_exists = map.get("user_exists").and_then(Value::as_bool);
        e
    }

    /// The developer message: `message` if given, else the bare `error` string.
    pub fn developer_message(&self) -> Option<&str> {
        self.message.as_deref().or(self.error.as_deref())
    }

    /// Classifies by status (and the 403 association text).
    pub fn kind(&self) -> ErrorKind {
        match self.status {
            401 => ErrorKind::InvalidKey,
            403 => {
                let said = |s: &Option<String>| {
                    s.as_deref()
                        .is_some_and(|m| m.contains(NOT_ASSOCIATED_MARKER))
                };
                if said(&self.message) || said(&self.error) {
                    ErrorKind::NotAssociated
                } else {
                    ErrorKind::NoAccess
                }
            }
            404 => ErrorKind::NotFound,
            400 | 422 => ErrorKind::Validation,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited {
                reset: self.rate_limit_reset,
            },
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Unexpected,
        }
    }
}

/// `SOME_CODE`: upper-case letters, digits and underscores with at least one underscore.
fn looks_like_code(s: &str) -> bool {
    s.contains('_')
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DHMAD API error {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        match (self.error.as_deref(), self.message.as_deref()) {
            (Some(err), Some(msg)) => write!(f, ": {err}: {msg}"),
            (Some(one), None) | (None, Some(one)) => write!(f, ": {one}"),
            (None, None) => Ok(()),
        }
    }
}

impl From<ServerError> for ApiError {
    fn from(e: ServerError) -> Self {
        ApiError::Server(Box::new(e))
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(v: ValidationErrors) -> Self {
        ApiError::Validation(v)
    }
}
