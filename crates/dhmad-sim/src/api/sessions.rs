//! Checkout session endpoints (contract §2.12–2.13).

use super::{ApiResult, json_body, ok};
use crate::auth::Auth;
use crate::clock::iso;
use crate::engine::session;
use crate::error::ApiError;
use crate::model::session_json;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::json;

/// `POST /api/v1/escrows/:id/sessions` → 201 `{sessionId, url, expiresAt}`.
pub async fn create(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = json_body(&body)?;
    let origin = st.0.public_origin.clone();
    let v = st.mutate(|store, now| {
        let s = session::create(store, auth.dev, &id, &body, now)?;
        let session = &store.sessions[s];
        let out = json!({
            "sessionId": session.id,
            "url": format!("{origin}/checkout/{}", session.id),
            "expiresAt": iso(session.expires_at),
        });
        Ok::<_, ApiError>((out, Vec::new()))
    })?;
    Ok((StatusCode::CREATED, axum::Json(v)))
}

/// `GET /api/v1/sessions/:sessionId`.
pub async fn get_one(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    let store = st.read();
    let s = store
        .idx
        .session_by_id
        .get(&id.to_ascii_lowercase())
        .copied()
        .ok_or_else(|| ApiError::bare(404, "Checkout session not found"))?;
    let session = &store.sessions[s];
    if session.developer != auth.dev {
        return Err(ApiError::forbidden(
            "You do not have access to this checkout session.",
        ));
    }
    ok(json!({ "session": session_json(&store, session) }))
}
