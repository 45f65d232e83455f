//! The control API under `/__sim`: drive the simulator from tests and demos. Loopback callers
//! need no credentials; anyone else needs the control token (see `control_access`).

use crate::api::json_body;
use crate::clock::iso;
use crate::control_access::{self, ControlAccess};
use crate::engine::users::{NewUser, names_from_email, register};
use crate::engine::{EngineError, SessionInput, abandon_session, perform_session};
use crate::error::ApiError;
use crate::events_log::LoggedEvent;
use crate::faults::FaultConfig;
use crate::model::{escrow_json, session_json};
use crate::money::{parse_thousandths, to_json};
use crate::seed::{NewDeveloper, add_developer};
use crate::state::AppState;
use crate::store::{Attachment, Kyc, Store};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde_json::{Value, json};

type Res = Result<Response, ApiError>;

fn reply(status: StatusCode, v: Value) -> Res {
    Ok((status, axum::Json(v)).into_response())
}

fn bad(message: &str) -> ApiError {
    ApiError::bad_request(message)
}

/// The `/__sim` router, behind [`control_access::guard`].
pub fn router(state: AppState) -> Router {
    let access = ControlAccess::new(&state.0.config.host, state.0.config.control_token.clone());
    Router::new()
        .route("/demo", get(demo))
        .route("/developers", post(developers))
        .route("/users", post(users))
        .route("/sessions/{id}/complete", post(complete))
        .route("/sessions/{id}/abandon", post(abandon))
        .route("/clock", get(clock))
        .route("/clock/advance", post(advance))
        .route(
            "/faults",
            get(get_faults).post(set_faults).delete(clear_faults),
        )
        .route("/requests", get(requests).delete(clear_requests))
        .route("/webhooks", get(webhooks).delete(clear_webhooks))
        .route("/proofs/{id}/review", post(proof_review))
        .route("/events", get(events))
        .route("/balances", get(balances))
        .route("/state/escrows/{id}", get(raw_escrow))
        .route("/reset", post(reset))
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(
            access,
            control_access::guard,
        ))
}

async fn demo(State(st): State<AppState>) -> Res {
    let d =
        st.0.demo
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
    reply(StatusCode::OK, json!(d))
}

fn user_json(store: &Store, u: usize) -> Value {
    let user = &store.users[u];
    json!({
        "id": user.id,
        "email": user.email,
        "firstName": user.first_name,
        "lastName": user.last_name,
        "emailVerified": user.email_verified,
        "kycStatus": user.kyc.map(Kyc::as_str),
        "balance": { "available": to_json(user.available), "pending": to_json(user.pending), "escrow": to_json(user.escrow) },
    })
}

async fn developers(State(st): State<AppState>, body: Bytes) -> Res {
    let b = json_body(&body)?;
    let email = b
        .get("email")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("email is required"))?
        .to_owned();
    let company = b
        .get("companyName")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("companyName is required"))?
        .to_owned();
    let assoc = b
        .get("associatedUserEmail")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let redirect_urls: Vec<String> = match b.get("redirectUrls") {
        None | Some(Value::Null) => crate::seed::REDIRECTS
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(_) => return Err(bad("redirectUrls must be an array of strings")),
    };
    let rate_limit = b
        .get("rateLimit")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok());
    let v = st.mutate(|store, now| {
        let mut events = Vec::new();
        let user = match assoc {
            None => None,
            Some(email) => Some(match store.user_by_email(&email) {
                Some(u) if store.idx.dev_by_user.contains_key(&u) => {
                    return Err(ApiError::std(409, "Conflict", "This user is already associated with a developer account"));
                }
                Some(u) => u,
                None => {
                    let (first_name, last_name) = names_from_email(&email);
                    let (u, ev) = register(store, NewUser { email, first_name, last_name, kyc: Some(Kyc::Approved), balance: 0 }, now);
                    events = ev;
                    u
                }
            }),
        };
        let n = NewDeveloper { email, company_name: company, user, redirect_urls, rate_limit };
        let (dev, api_key, token) = add_developer(store, &mut rand::rng(), n, now);
        Ok((json!({ "developerId": store.developers[dev].id, "apiKey": api_key, "developerToken": token }), events))
    })?;
    reply(StatusCode::CREATED, v)
}

async fn users(State(st): State<AppState>, body: Bytes) -> Res {
    let user = new_user(&json_body(&body)?)?;
    let v = st.mutate(|store, now| {
        if store.user_by_email(&user.email).is_some() {
            return Err(ApiError::std(
                409,
                "Conflict",
                "A user with this email already exists",
            ));
        }
        let (u, events) = register(store, user, now);
        Ok((user_json(store, u), events))
    })?;
    reply(StatusCode::CREATED, v)
}

/// A test user from `POST /__sim/users`: the email is required, names default from it, KYC and
/// wallet balance are optional so a test sets up exactly the buyer it needs.
fn new_user(b: &Value) -> Result<NewUser, ApiError> {
    let email = b
        .get("email")
        .and_then(Value::as_str)
        .map(|e| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if !crate::engine::create::valid_email(&email) {
        return Err(bad("A valid email is required"));
    }
    let (df, dl) = names_from_email(&email);
    let first_name = b
        .get("firstName")
        .and_then(Value::as_str)
        .map_or(df, str::to_owned);
    let last_name = b
        .get("lastName")
        .and_then(Value::as_str)
        .map_or(dl, str::to_owned);
    let kyc = match b.get("kycStatus") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_str()
                .and_then(Kyc::parse)
                .ok_or_else(|| bad("kycStatus must be pending, approved or rejected"))?,
        ),
    };
    let balance = match b.get("balance") {
        None | Some(Value::Null) => 0,
        Some(v) => parse_thousandths(v)
            .ok()
            .filter(|m| *m >= 0)
            .ok_or_else(|| bad("balance must be a non-negative amount in TND"))?,
    };
    Ok(NewUser {
        email,
        first_name,
        last_name,
        kyc,
        balance,
    })
}

fn engine_error(e: EngineError) -> ApiError {
    match e {
        EngineError::SessionNotFound => ApiError::bare(404, "Checkout session not found"),
        EngineError::SessionNotPending(s) => ApiError::std(
            409,
            "Conflict",
            &format!("Checkout session is {}", s.as_str()),
        ),
        EngineError::Business(rule) => ApiError::new(400, rule.body()),
    }
}

async fn complete(State(st): State<AppState>, Path(id): Path<String>, body: Bytes) -> Res {
    let b = json_body(&body)?;
    let s = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_owned);
    let input = SessionInput {
        reason: s("reason"),
        accept: b.get("accept").and_then(Value::as_bool),
        proof_note: s("note"),
        proof_file_meta: s("fileName").map(|name| Attachment {
            mime_type: s("mimeType").unwrap_or_else(|| "application/octet-stream".into()),
            name,
            size: b.get("fileSize").and_then(Value::as_u64).unwrap_or(0),
        }),
    };
    let origin = st.0.public_origin.clone();
    st.sweep();
    let v = st.mutate(|store, now| {
        let out = perform_session(store, &id, input, now).map_err(engine_error)?;
        let v = json!({
            "session": session_json(store, &store.sessions[out.session]),
            "escrow": escrow_json(store, out.escrow, &origin),
            "redirectUrl": out.redirect_url,
        });
        Ok((v, out.events))
    })?;
    reply(StatusCode::OK, v)
}

async fn abandon(State(st): State<AppState>, Path(id): Path<String>) -> Res {
    st.sweep();
    let v = st.mutate(|store, now| {
        let (s, url) = abandon_session(store, &id, now).map_err(engine_error)?;
        Ok((
            json!({ "session": session_json(store, &store.sessions[s]), "redirectUrl": url }),
            Vec::new(),
        ))
    })?;
    reply(StatusCode::OK, v)
}

fn clock_json(st: &AppState) -> Value {
    json!({ "now": iso(st.now()), "offsetSeconds": st.0.clock.offset_ms() / 1000 })
}

async fn clock(State(st): State<AppState>) -> Res {
    reply(StatusCode::OK, clock_json(&st))
}

async fn advance(State(st): State<AppState>, body: Bytes) -> Res {
    let b = json_body(&body)?;
    let secs = b
        .get("seconds")
        .and_then(Value::as_i64)
        .filter(|s| *s >= 0)
        .ok_or_else(|| bad("seconds must be a non-negative integer"))?;
    st.0.clock.advance(secs);
    st.sweep();
    st.0.version
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    reply(StatusCode::OK, clock_json(&st))
}

async fn get_faults(State(st): State<AppState>) -> Res {
    reply(StatusCode::OK, json!(st.0.faults.get()))
}

async fn set_faults(State(st): State<AppState>, body: Bytes) -> Res {
    let c: FaultConfig =
        serde_json::from_slice(&body).map_err(|e| bad(&format!("Invalid faults: {e}")))?;
    c.check().map_err(bad)?;
    st.0.faults.set(c);
    reply(StatusCode::OK, json!(st.0.faults.get()))
}

async fn clear_faults(State(st): State<AppState>) -> Res {
    st.0.faults.set(FaultConfig::default());
    reply(StatusCode::OK, json!(st.0.faults.get()))
}

async fn requests(State(st): State<AppState>) -> Res {
    let (count, list) = st.0.requests.snapshot();
    reply(StatusCode::OK, json!({ "count": count, "requests": list }))
}

async fn clear_requests(State(st): State<AppState>) -> Res {
    st.0.requests.clear();
    reply(StatusCode::OK, json!({ "count": 0, "requests": [] }))
}

async fn webhooks(State(st): State<AppState>) -> Res {
    let list = st.0.deliveries.list();
    reply(
        StatusCode::OK,
        json!({ "count": list.len(), "deliveries": list }),
    )
}

async fn clear_webhooks(State(st): State<AppState>) -> Res {
    st.0.deliveries.clear();
    reply(StatusCode::OK, json!({ "count": 0, "deliveries": [] }))
}

/// DHMAD staff decide a proof sent to `needs_dhmad_review`.
async fn proof_review(State(st): State<AppState>, Path(id): Path<String>, body: Bytes) -> Res {
    let b = json_body(&body)?;
    let accept = b
        .get("accept")
        .and_then(Value::as_bool)
        .ok_or_else(|| bad("accept must be a boolean"))?;
    let origin = st.0.public_origin.clone();
    st.sweep();
    let v = st.mutate(|store, now| {
        let i = crate::engine::lifecycle::find(store, &id)?;
        let events =
            crate::engine::proof::staff_review(store, i, accept, now).ok_or_else(|| {
                ApiError::std(409, "Conflict", "The proof is not waiting for DHMAD review")
            })?;
        Ok((json!({ "escrow": escrow_json(store, i, &origin) }), events))
    })?;
    reply(StatusCode::OK, v)
}

async fn events(State(st): State<AppState>) -> Res {
    let events = st.0.events.since(0);
    let events: Vec<&LoggedEvent> = events.iter().map(AsRef::as_ref).collect();
    reply(StatusCode::OK, json!({ "events": events }))
}

async fn balances(State(st): State<AppState>) -> Res {
    let store = st.read();
    let users: Vec<Value> = store
        .users
        .iter()
        .map(|u| {
            json!({
                "email": u.email,
                "available": to_json(u.available),
                "pending": to_json(u.pending),
                "escrow": to_json(u.escrow),
            })
        })
        .collect();
    reply(
        StatusCode::OK,
        json!({
            "users": users,
            "platformFees": to_json(store.platform_fees),
            "toppedUp": to_json(store.topped_up),
            "initialTotal": to_json(store.initial_total),
            "total": to_json(store.total_money()),
            "invariantHolds": store.invariant_holds(),
        }),
    )
}

async fn raw_escrow(State(st): State<AppState>, Path(id): Path<String>) -> Res {
    let store = st.read();
    let i = store
        .escrow_idx(&id)
        .ok_or_else(crate::error::escrow_not_found)?;
    reply(
        StatusCode::OK,
        serde_json::to_value(&store.escrows[i]).unwrap_or(Value::Null),
    )
}

async fn reset(State(st): State<AppState>) -> Res {
    crate::reset_state(&st);
    reply(
        StatusCode::OK,
        json!({ "message": "Simulator reset", "demo": *st.0.demo.read().unwrap_or_else(std::sync::PoisonError::into_inner) }),
    )
}
