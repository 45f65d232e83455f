//! Webhooks: management under `/api/developer/webhooks` with the developer token (contract
//! §2.17), payloads (§6.5) and signed deliveries with retries (§6.2–6.4).
//!
//! The simulator delivers only to loopback hosts (127.0.0.0/8, ::1, `localhost`): it runs on
//! machines without network access and must never post sandbox data elsewhere.

pub mod delivery;
pub mod payload;

use crate::api::json_body;
use crate::clock::{iso, iso_opt};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{EVENT_TYPES, Webhook};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde_json::{Value, json};
use url::{Host, Url};

pub use delivery::spawn_worker;

/// Webhooks one developer may register.
pub const MAX_WEBHOOKS: usize = 2;
/// Subscribed by default.
pub const DEFAULT_EVENT: &str = "escrow.status.updated";
/// 400 text for a URL the simulator will not deliver to.
pub const LOOPBACK_ONLY: &str =
    "The sandbox simulator only delivers webhooks to loopback URLs (127.0.0.0/8, ::1, localhost)";

/// The management routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/developer/webhooks", post(create).get(list))
        .route(
            "/api/developer/webhooks/{id}",
            get(get_one).put(update).delete(remove),
        )
        .route(
            "/api/developer/webhooks/{id}/regenerate-secret",
            post(regenerate),
        )
        .with_state(state)
}

type Res = Result<Response, ApiError>;

fn reply(status: StatusCode, v: Value) -> Res {
    Ok((status, axum::Json(v)).into_response())
}

fn unauthorized() -> ApiError {
    ApiError::std(401, "Unauthorized", "Invalid or missing developer token")
}

fn not_found() -> ApiError {
    ApiError::bare(404, "Webhook not found")
}

/// The developer owning the `Authorization: Bearer` token.
fn developer(st: &AppState, headers: &HeaderMap) -> Result<usize, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(unauthorized)?;
    st.read()
        .idx
        .dev_by_token
        .get(token)
        .copied()
        .ok_or_else(unauthorized)
}

/// A list/get item (no secret).
fn item_json(w: &Webhook) -> Value {
    json!({
        "id": w.id,
        "url": w.url,
        "events": w.events,
        "isActive": w.is_active,
        "lastTriggeredAt": iso_opt(w.last_triggered_at),
        "lastResponseStatus": w.last_response_status,
        "failureCount": w.failure_count,
        "createdAt": iso(w.created_at),
        "updatedAt": iso(w.updated_at),
    })
}

fn is_loopback(u: &Url) -> bool {
    match u.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// `url`: required, http(s) with a host, loopback only.
fn parse_url(v: Option<&Value>) -> Result<String, ApiError> {
    let s = match v {
        None | Some(Value::Null) => return Err(ApiError::bare(400, "URL is required")),
        Some(Value::String(s)) => s.trim(),
        Some(_) => return Err(ApiError::bare(400, "Invalid URL format")),
    };
    let u = Url::parse(s).map_err(|_| ApiError::bare(400, "Invalid URL format"))?;
    if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
        return Err(ApiError::bare(400, "Invalid URL format"));
    }
    if !is_loopback(&u) {
        return Err(ApiError::bare(400, LOOPBACK_ONLY));
    }
    Ok(s.to_owned())
}

/// `events`: an array of known event types, at least one; duplicates dropped.
fn parse_events(v: &Value) -> Result<Vec<String>, ApiError> {
    let Value::Array(items) = v else {
        return Err(ApiError::bare(
            400,
            "events must be an array of event types",
        ));
    };
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let name = item.as_str().unwrap_or_default();
        if !EVENT_TYPES.contains(&name) {
            return Err(ApiError::bare(
                400,
                &format!(
                    "Invalid event type: {}",
                    item.as_str()
                        .map_or_else(|| item.to_string(), str::to_owned)
                ),
            ));
        }
        if !out.iter().any(|e| e == name) {
            out.push(name.to_owned());
        }
    }
    if out.is_empty() {
        return Err(ApiError::bare(400, "At least one event type is required"));
    }
    Ok(out)
}

fn new_secret() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

async fn create(State(st): State<AppState>, headers: HeaderMap, body: Bytes) -> Res {
    let dev = developer(&st, &headers)?;
    let b = json_body(&body)?;
    let url = parse_url(b.get("url"))?;
    let events = match b.get("events") {
        None | Some(Value::Null) => vec![DEFAULT_EVENT.to_owned()],
        Some(v) => parse_events(v)?,
    };
    let v = st.mutate(|store, now| {
        if store.webhooks.iter().filter(|w| w.developer == dev).count() >= MAX_WEBHOOKS {
            return Err(ApiError::bare(
                400,
                "Maximum 2 webhooks allowed per developer",
            ));
        }
        let w = Webhook {
            id: store.new_id(now),
            developer: dev,
            url,
            secret: new_secret(),
            events,
            is_active: true,
            created_at: now,
            updated_at: now,
            last_triggered_at: None,
            last_response_status: None,
            failure_count: 0,
        };
        let v = json!({
            "message": "Webhook created successfully",
            "webhook": {
                "id": w.id,
                "url": w.url,
                "secret": w.secret,
                "events": w.events,
                "isActive": w.is_active,
                "createdAt": iso(w.created_at),
            }
        });
        store.webhooks.push(w);
        Ok((v, Vec::new()))
    })?;
    reply(StatusCode::CREATED, v)
}

async fn list(State(st): State<AppState>, headers: HeaderMap) -> Res {
    let dev = developer(&st, &headers)?;
    let store = st.read();
    let items: Vec<Value> = store
        .webhooks
        .iter()
        .filter(|w| w.developer == dev)
        .map(item_json)
        .collect();
    reply(StatusCode::OK, json!({ "webhooks": items }))
}

fn find(webhooks: &[Webhook], dev: usize, id: &str) -> Result<usize, ApiError> {
    webhooks
        .iter()
        .position(|w| w.developer == dev && w.id == id)
        .ok_or_else(not_found)
}

async fn get_one(State(st): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Res {
    let dev = developer(&st, &headers)?;
    let store = st.read();
    let k = find(&store.webhooks, dev, &id)?;
    reply(
        StatusCode::OK,
        json!({ "webhook": item_json(&store.webhooks[k]) }),
    )
}

async fn update(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Res {
    let dev = developer(&st, &headers)?;
    let b = json_body(&body)?;
    let v = st.mutate(|store, now| {
        let k = find(&store.webhooks, dev, &id)?;
        let url = match b.get("url") {
            None | Some(Value::Null) => None,
            Some(v) => Some(parse_url(Some(v))?),
        };
        let events = match b.get("events") {
            None | Some(Value::Null) => None,
            Some(v) => Some(parse_events(v)?),
        };
        let active = match b.get("isActive") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(a)) => Some(*a),
            Some(_) => return Err(ApiError::bare(400, "isActive must be a boolean")),
        };
        if url.is_none() && events.is_none() && active.is_none() {
            return Err(ApiError::bare(400, "No valid fields to update"));
        }
        let w = &mut store.webhooks[k];
        if let Some(u) = url {
            w.url = u;
        }
        if let Some(e) = events {
            w.events = e;
        }
        if let Some(a) = active {
            w.is_active = a;
        }
        w.updated_at = now;
        let v = json!({ "message": "Webhook updated successfully", "webhook": item_json(w) });
        Ok((v, Vec::new()))
    })?;
    reply(StatusCode::OK, v)
}

async fn regenerate(State(st): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Res {
    let dev = developer(&st, &headers)?;
    let v = st.mutate(|store, now| {
        let k = find(&store.webhooks, dev, &id)?;
        let w = &mut store.webhooks[k];
        w.secret = new_secret();
        w.updated_at = now;
        let v = json!({ "message": "Webhook secret regenerated successfully", "secret": w.secret });
        Ok((v, Vec::new()))
    })?;
    reply(StatusCode::OK, v)
}

async fn remove(State(st): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Res {
    let dev = developer(&st, &headers)?;
    st.mutate(|store, _| {
        let k = find(&store.webhooks, dev, &id)?;
        store.webhooks.remove(k);
        Ok(((), Vec::new()))
    })?;
    reply(
        StatusCode::OK,
        json!({ "message": "Webhook deleted successfully" }),
    )
}
