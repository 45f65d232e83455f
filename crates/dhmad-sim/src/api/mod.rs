//! The public API under `/api/v1` (contract §1.10 rows 1–16).

mod account;
mod escrows;
mod identity;
mod sessions;

use crate::error::ApiError;
use crate::faults::{AnswerFate, Conn, Fate, FaultConfig};
use crate::requests::RequestRecord;
use crate::state::AppState;
use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde_json::{Value, json};

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(self.body)).into_response()
    }
}

/// Handler result: status and JSON body, or an API error.
pub type ApiResult = Result<(StatusCode, axum::Json<Value>), ApiError>;

/// 200 with a body.
pub fn ok(v: Value) -> ApiResult {
    Ok((StatusCode::OK, axum::Json(v)))
}

/// Parses a JSON request body; an empty body is `{}`.
pub fn json_body(bytes: &Bytes) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(bytes).map_err(|_| ApiError::bad_request("Invalid JSON in request body"))
}

/// The `/api/v1` router with its middleware.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/me", get(account::me))
        .route("/balance", get(account::balance))
        .route("/escrows", post(escrows::create).get(escrows::list))
        .route("/escrows/{id}", get(escrows::get_one).put(escrows::update))
        .route("/escrows/{id}/proof", get(escrows::proof))
        .route("/escrows/{id}/contract", get(escrows::contract))
        .route("/escrows/{id}/deliver", post(escrows::deliver))
        .route(
            "/escrows/{id}/reject-delivery",
            post(escrows::reject_delivery),
        )
        .route("/escrows/{id}/cancel", post(escrows::cancel))
        .route("/escrows/{id}/sessions", post(sessions::create))
        .route("/sessions/{id}", get(sessions::get_one))
        .route(
            "/identity-verifications",
            post(identity::create).get(identity::list),
        )
        .route("/identity-verifications/{id}", get(identity::get_one))
        .fallback(|| async { ApiError::std(404, "Not Found", "Route not found") })
        .layer(from_fn_with_state(
            state.0.config.dialect,
            crate::dialect::layer,
        ))
        .layer(from_fn_with_state(state.clone(), api_middleware))
        .with_state(state)
}

fn injected(status: u16) -> Response {
    if status == 429 {
        return crate::auth::too_many().into_response();
    }
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (kind, message) = match code.as_u16() {
        500 => ("Internal Server Error", "An unexpected error occurred"),
        502 => (
            "Bad Gateway",
            "The server received an invalid response from an upstream server",
        ),
        503 => (
            "Service Unavailable",
            "The service is temporarily unavailable. Please try again later.",
        ),
        504 => (
            "Gateway Timeout",
            "The upstream server did not respond in time",
        ),
        _ => (code.canonical_reason().unwrap_or("Error"), "Injected fault"),
    };
    (
        code,
        axum::Json(json!({ "error": kind, "message": message })),
    )
        .into_response()
}

/// Request log → faults → deadline sweep → auth and rate limit → handler.
async fn api_middleware(
    State(st): State<AppState>,
    ConnectInfo(conn): ConnectInfo<Conn>,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let full_path = format!("/api/v1{path}");
    let faults = faults_for(&st, &method, &full_path);
    if let Some(ms) = faults
        .as_ref()
        .and_then(|f| f.latency_ms)
        .filter(|ms| *ms > 0)
    {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    let fate = faults
        .as_ref()
        .map_or(Fate::Process, |f| st.0.faults.fate(f));
    let (resp, answer) = match fate {
        Fate::Error(status) => (injected(status), AnswerFate::Sent),
        Fate::LateCommit(delay) => (
            commit_later(&st, &conn, req, next, delay).await,
            AnswerFate::Dropped,
        ),
        Fate::Process => {
            st.sweep();
            let resp = crate::auth::authenticate(&st, &conn, req, next).await;
            let answer = faults
                .as_ref()
                .map_or(AnswerFate::Sent, |f| st.0.faults.answer_fate(f));
            (resp, answer)
        }
    };
    let dropped = answer == AnswerFate::Dropped;
    let status = if dropped { 0 } else { resp.status().as_u16() };
    st.0.requests.push(RequestRecord {
        method,
        path: full_path,
        query,
        status,
        at: st.now(),
    });
    match answer {
        AnswerFate::Dropped => {
            conn.kill();
            resp
        }
        AnswerFate::Garbled => garbled(resp.status()),
        AnswerFate::Sent => resp,
    }
}

/// The injected faults that apply to this request, when faults are switched on (`/__sim/faults`):
/// a test picks the requests it breaks by method and path.
fn faults_for(st: &AppState, method: &str, full_path: &str) -> Option<FaultConfig> {
    if !st.0.faults.active() {
        return None;
    }
    let faults = st.0.faults.get();
    faults.applies_to(method, full_path).then_some(faults)
}

/// Largest body a late commit keeps for later (the API's bodies are a few kilobytes; proof
/// uploads are the largest).
const LATE_BODY_LIMIT: usize = 32 * 1024 * 1024;

/// Reads the request now (the connection is about to close), processes it after `delay` in the
/// background, and returns the answer that the dropped connection will never deliver.
async fn commit_later(
    st: &AppState,
    conn: &Conn,
    req: Request,
    next: Next,
    delay: std::time::Duration,
) -> Response {
    let (parts, body) = req.into_parts();
    let body = match axum::body::to_bytes(body, LATE_BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => return injected(400),
    };
    let req = Request::from_parts(parts, axum::body::Body::from(body));
    let (st, conn) = (st.clone(), conn.clone());
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        st.sweep();
        crate::auth::authenticate(&st, &conn, req, next).await;
    });
    StatusCode::ACCEPTED.into_response()
}

/// `status` with an HTML page instead of the JSON answer, as a proxy's error page would be.
fn garbled(status: StatusCode) -> Response {
    let page = "<html><body><h1>Service temporarily unavailable</h1></body></html>";
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "text/html")],
        page,
    )
        .into_response()
}
