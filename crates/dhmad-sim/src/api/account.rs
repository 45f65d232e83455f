//! `GET /me` and `GET /balance` (contract §2.1–2.2).

use super::{ApiResult, ok};
use crate::auth::Auth;
use crate::clock::iso;
use crate::engine::lifecycle::associated;
use crate::money::to_json;
use crate::state::AppState;
use axum::Extension;
use axum::extract::State;
use serde_json::json;

/// `GET /api/v1/me`: works without association.
pub async fn me(State(st): State<AppState>, Extension(auth): Extension<Auth>) -> ApiResult {
    let store = st.read();
    let key = &store.keys[auth.key];
    let dev = &store.developers[auth.dev];
    let limit = dev.rate_limit.or(st.0.config.rate_limit).unwrap_or(100);
    ok(json!({
        "apiKey": {
            "id": key.id,
            "name": key.name,
            "keyPrefix": key.secret.chars().take(17).collect::<String>(),
            "environment": "sandbox",
            "isActive": true,
            "lastUsedAt": iso(st.now()),
            "expiresAt": null,
            "rateLimit": limit,
            "metadata": {},
            "createdAt": iso(key.created_at),
        },
        "developer": { "id": dev.id, "email": dev.email, "companyName": dev.company_name },
    }))
}

/// `GET /api/v1/balance`: the associated user's wallet.
pub async fn balance(State(st): State<AppState>, Extension(auth): Extension<Auth>) -> ApiResult {
    let store = st.read();
    let u = associated(&store, auth.dev)?;
    let user = &store.users[u];
    ok(json!({ "balance": {
        "available": to_json(user.available),
        "pending": to_json(user.pending),
        "escrow": to_json(user.escrow),
    }}))
}
