//! Identity verification endpoints (contract §2.14–2.16, §5).

use super::{ApiResult, json_body, ok};
use crate::auth::Auth;
use crate::engine::identity;
use crate::error::ApiError;
use crate::model::verification_json;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::{Value, json};

/// Message of a new sandbox verification.
pub const SANDBOX_APPROVED: &str = "Sandbox: verification auto-approved.";
/// Message when an existing record is returned.
pub const EXISTING: &str = "A verification for this email already exists.";

/// `POST /api/v1/identity-verifications` → 201 new, 200 existing.
pub async fn create(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    body: Bytes,
) -> ApiResult {
    let body = json_body(&body)?;
    let (v, new) = st.mutate(|store, now| {
        let c = identity::create(store, auth.dev, &body, now)?;
        let mut v = verification_json(store, &store.verifications[c.index]);
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "message".into(),
                json!(if c.new { SANDBOX_APPROVED } else { EXISTING }),
            );
        }
        Ok::<_, ApiError>(((v, c.new), c.events))
    })?;
    Ok((
        if new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        axum::Json(v),
    ))
}

/// `GET /api/v1/identity-verifications/:id`.
pub async fn get_one(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    let store = st.read();
    let v = identity::get(&store, auth.dev, &id)?;
    ok(verification_json(&store, &store.verifications[v]))
}

/// `GET /api/v1/identity-verifications?email=`.
pub async fn list(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    let email = url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.into_owned());
    let store = st.read();
    let list = identity::list(&store, auth.dev, email.as_deref())?;
    let items: Vec<Value> = list
        .into_iter()
        .map(|v| verification_json(&store, &store.verifications[v]))
        .collect();
    ok(json!({ "verifications": items }))
}
