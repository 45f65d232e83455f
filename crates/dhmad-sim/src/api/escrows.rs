//! Escrow endpoints (contract §2.3–2.11).

use super::{ApiResult, json_body, ok};
use crate::auth::Auth;
use crate::engine::{create as create_engine, lifecycle};
use crate::error::{ApiError, text};
use crate::model::view::EscrowView;
use crate::model::{contract_json, contract_summary, escrow_json, proof_json};
use crate::state::AppState;
use crate::store::{ListKey, Role, Status, Store};
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

/// `POST /api/v1/escrows` → 201.
pub async fn create(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    body: Bytes,
) -> ApiResult {
    let body = json_body(&body)?;
    let origin = st.0.public_origin.clone();
    let v = st.mutate(|store, now| {
        let n = create_engine::validate(store, auth.dev, &body)?;
        let (i, events) = create_engine::create(store, auth.dev, n, now);
        let out = json!({
            "message": "Escrow created successfully",
            "escrow": escrow_json(store, i, &origin),
            "contract": contract_summary(&store.escrows[i]),
            "url": format!("{origin}/dashboard/escrow/{}", store.escrows[i].id),
            "trackingId": store.escrows[i].id,
        });
        Ok::<_, ApiError>((out, events))
    })?;
    Ok((StatusCode::CREATED, axum::Json(v)))
}

fn parse_query(
    q: Option<String>,
) -> Result<(Option<Status>, Option<Role>, usize, usize), ApiError> {
    let (mut status, mut role, mut page, mut limit) = (None, None, 1usize, 20usize);
    for (k, v) in url::form_urlencoded::parse(q.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "status" if !v.is_empty() => {
                status = Some(Status::parse(&v).ok_or_else(|| {
                    ApiError::invalid_field(
                        "status",
                        "Status must be one of pending, paid, delivered, completed, cancelled",
                    )
                })?);
            }
            "role" if !v.is_empty() => {
                role = Some(match v.as_ref() {
                    "seller" => Role::Seller,
                    "buyer" => Role::Buyer,
                    _ => {
                        return Err(ApiError::invalid_field(
                            "role",
                            "Role must be one of seller, buyer",
                        ));
                    }
                });
            }
            "page" => {
                let n: i64 = v
                    .parse()
                    .map_err(|_| ApiError::invalid_field("page", "Page must be a whole number"))?;
                page = usize::try_from(n.max(1)).unwrap_or(1);
            }
            "limit" => {
                let n: i64 = v.parse().map_err(|_| {
                    ApiError::invalid_field("limit", "Limit must be a whole number")
                })?;
                limit = usize::try_from(n.clamp(1, 100)).unwrap_or(20);
            }
            _ => {}
        }
    }
    Ok((status, role, page, limit))
}

/// Newest-first page over the (disjoint) seller and buyer indexes: O(offset + limit).
fn page_of(
    store: &Store,
    user: usize,
    status: Option<Status>,
    role: Option<Role>,
    page: usize,
    limit: usize,
) -> (usize, Vec<usize>) {
    let roles: &[Role] = match role {
        Some(Role::Seller) => &[Role::Seller],
        Some(Role::Buyer) => &[Role::Buyer],
        None => &[Role::Seller, Role::Buyer],
    };
    let sets: Vec<_> = roles
        .iter()
        .filter_map(|r| store.idx.listing.get(&(user, *r, status)))
        .collect();
    let total = sets.iter().map(|s| s.len()).sum();
    let mut iters: Vec<_> = sets.iter().map(|s| s.iter().rev().peekable()).collect();
    let skip = (page - 1).saturating_mul(limit);
    let mut out = Vec::with_capacity(limit);
    let mut n = 0usize;
    while out.len() < limit {
        let mut best: Option<(usize, ListKey)> = None;
        for (k, it) in iters.iter_mut().enumerate() {
            if let Some(key) = it.peek()
                && best.is_none_or(|(_, b)| **key > b)
            {
                best = Some((k, **key));
            }
        }
        let Some((k, key)) = best else { break };
        iters[k].next();
        if n >= skip {
            out.push(key.1);
        }
        n += 1;
    }
    (total, out)
}

/// `GET /api/v1/escrows`.
pub async fn list(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let store = st.read();
    let user = lifecycle::associated(&store, auth.dev)?;
    let (status, role, page, limit) = parse_query(q)?;
    let (total, ids) = page_of(&store, user, status, role, page, limit);
    let origin = st.0.public_origin.as_str();
    let escrows: Vec<EscrowView<'_>> = ids
        .into_iter()
        .map(|index| EscrowView {
            store: &store,
            index,
            origin,
        })
        .collect();
    let body = ListBody {
        escrows,
        pagination: Pagination {
            page,
            limit,
            total,
            pages: total.div_ceil(limit),
        },
    };
    Ok(json_bytes(&body))
}

#[derive(serde::Serialize)]
struct Pagination {
    page: usize,
    limit: usize,
    total: usize,
    pages: usize,
}

#[derive(serde::Serialize)]
struct ListBody<'a> {
    escrows: Vec<EscrowView<'a>>,
    pagination: Pagination,
}

#[derive(serde::Serialize)]
struct OneBody<'a> {
    escrow: EscrowView<'a>,
}

fn viewable(store: &Store, dev: usize, id: &str) -> Result<usize, ApiError> {
    let i = lifecycle::find(store, id)?;
    if !lifecycle::can_view(store, dev, i) {
        return Err(ApiError::forbidden(text::NO_ACCESS_VIEW));
    }
    Ok(i)
}

/// Serialises straight to a 200 JSON response (hot read paths).
fn json_bytes<T: serde::Serialize>(v: &T) -> Response {
    match serde_json::to_vec(v) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => ApiError::std(500, "Internal Server Error", "An unexpected error occurred")
            .into_response(),
    }
}

/// `GET /api/v1/escrows/:id`.
pub async fn get_one(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let store = st.read();
    let index = viewable(&store, auth.dev, &id)?;
    let origin = st.0.public_origin.as_str();
    Ok(json_bytes(&OneBody {
        escrow: EscrowView {
            store: &store,
            index,
            origin,
        },
    }))
}

/// `GET /api/v1/escrows/:id/proof`.
pub async fn proof(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    let store = st.read();
    let i = viewable(&store, auth.dev, &id)?;
    if !store.escrows[i].needs_proof() {
        return Err(ApiError::bad_request(
            "This escrow does not require a purchase proof",
        ));
    }
    ok(json!({ "proof": proof_json(&store, i, &st.0.public_origin, true) }))
}

/// `GET /api/v1/escrows/:id/contract`.
pub async fn contract(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    let store = st.read();
    let user = lifecycle::associated(&store, auth.dev)?;
    let i = lifecycle::find(&store, &id)?;
    let e = &store.escrows[i];
    if e.seller != Some(user) && e.buyer != Some(user) {
        return Err(ApiError::forbidden(text::NO_ACCESS_VIEW));
    }
    if e.contract.is_none() {
        return Err(ApiError::bare(404, "Contract not found for this escrow"));
    }
    ok(json!({ "contract": contract_json(e) }))
}

fn escrow_reply(
    st: &AppState,
    auth: Auth,
    id: &str,
    message: impl Fn(&Store, usize) -> &'static str,
    f: impl FnOnce(&mut Store, usize, i64) -> Result<Vec<crate::engine::DomainEvent>, ApiError>,
) -> ApiResult {
    let origin = st.0.public_origin.clone();
    let v = st.mutate(|store, now| {
        let i = lifecycle::find(store, id)?;
        let events = f(store, i, now)?;
        let _ = auth;
        Ok::<_, ApiError>((
            json!({ "message": message(store, i), "escrow": escrow_json(store, i, &origin) }),
            events,
        ))
    })?;
    ok(v)
}

/// `PUT /api/v1/escrows/:id`.
pub async fn update(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = json_body(&body)?;
    escrow_reply(
        &st,
        auth,
        &id,
        |_, _| "Escrow updated successfully",
        |s, i, now| lifecycle::update(s, auth.dev, i, &body, now),
    )
}

/// `POST /api/v1/escrows/:id/deliver`.
pub async fn deliver(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    escrow_reply(
        &st,
        auth,
        &id,
        |s, i| {
            if s.escrows[i].status == Status::Completed {
                "Escrow delivered and completed (instant mode). Funds released."
            } else {
                "Escrow marked as delivered"
            }
        },
        |s, i, now| lifecycle::deliver(s, auth.dev, i, now),
    )
}

/// `POST /api/v1/escrows/:id/reject-delivery`.
pub async fn reject_delivery(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = json_body(&body)?;
    escrow_reply(
        &st,
        auth,
        &id,
        |_, _| "Delivery rejected. Escrow returned to paid status.",
        |s, i, now| lifecycle::reject_delivery(s, auth.dev, i, &body, now),
    )
}

/// `POST /api/v1/escrows/:id/cancel`.
pub async fn cancel(
    State(st): State<AppState>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    escrow_reply(
        &st,
        auth,
        &id,
        |_, _| "Escrow cancelled successfully",
        |s, i, now| lifecycle::cancel(s, auth.dev, i, now),
    )
}
