//! The one request loop: a slot of the rate budget, the transport, then the answer judged —
//! retried, re-sent after a 429, or returned; a write whose outcome is unknown is never re-sent.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use tracing::Instrument;
use url::Url;

use super::Client;
use crate::error::{ApiError, ServerError};
use crate::rate_limit::{reset_header, retry_after_header, until_utc};
use crate::transport::{HttpResponse, TransportError};

impl Client {
    /// Sends with the budget, retries and write-safety rules; returns a 2xx response.
    pub(super) async fn execute(
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
            // The span's fields reach a log only with an event inside it.
            tracing::debug!(
                %method,
                path = url.path(),
                budget_wait_ms = millis(sent - queued),
                network_ms = millis(sent.elapsed()),
                "request attempt"
            );
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
pub(super) fn millis(d: Duration) -> u64 {
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

pub(super) fn outcome_unknown(
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
