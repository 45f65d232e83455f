//! The hosted checkout page `GET|POST /checkout/{sessionId}` (contract §4): the target user
//! performs the session's action in a browser. Plain HTML forms, no script, no external assets.
//!
//! A successful submit runs the same engine transition as `POST /__sim/sessions/{id}/complete`
//! (events logged, so webhooks fire) and answers `303 See Other` to
//! `redirectUrl?session_id=…&status=completed`; "Cancel and go back" abandons the session
//! (`status=cancelled`). A business-rule refusal re-renders the page with the user message (400).

mod form;
pub mod html;
pub mod page;
pub mod view;

use crate::engine::{EngineError, SessionInput, abandon_session, perform_session};
use crate::state::AppState;
use crate::store::{Action, Attachment};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use form::Input;
use view::{Lookup, View};

/// The checkout routes.
pub fn router(state: AppState) -> Router {
    let limit = usize::try_from(page::MAX_PROOF_BYTES).unwrap_or(usize::MAX) + 1024 * 1024;
    Router::new()
        .route("/checkout/{id}", get(show).post(submit))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// Content Security Policy: inline styles only; no script, no external anything.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

fn html(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

fn see_other(url: &str) -> Response {
    match HeaderValue::from_str(url) {
        Ok(v) => {
            let mut r = StatusCode::SEE_OTHER.into_response();
            r.headers_mut().insert(header::LOCATION, v);
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(_) => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            html::document("Error", "<p>Invalid redirect URL.</p>"),
        ),
    }
}

fn lookup(st: &AppState, id: &str) -> Lookup {
    let store = st.read();
    view::lookup(&store, id, st.now(), &st.0.public_origin)
}

/// Renders a lookup: 404 unknown, 410 closed, 400 when the action is refused, else 200.
fn page_for(l: Lookup, error: Option<&str>) -> Response {
    match l {
        Lookup::Unknown => html(StatusCode::NOT_FOUND, page::unknown()),
        Lookup::Closed(status, url) => html(StatusCode::GONE, page::closed(status, &url)),
        Lookup::Open(v) => {
            let status = if error.is_some() || v.refused.is_some() {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            html(status, page::render(&v, error))
        }
    }
}

async fn show(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    st.sweep();
    page_for(lookup(&st, &id), None)
}

async fn submit(State(st): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    st.sweep();
    let parsed = form::read(req).await;
    let v = match lookup(&st, &id) {
        Lookup::Open(v) => v,
        closed => return page_for(closed, None),
    };
    let input = match parsed {
        Ok(i) => i,
        Err((status, msg)) => return html(status, page::render(&v, Some(msg))),
    };
    if input.op == "abandon" {
        let r = st.mutate(|store, now| {
            abandon_session(store, &id, now).map(|(_, url)| (url, Vec::new()))
        });
        return match r {
            Ok(url) => see_other(&url),
            Err(_) => page_for(lookup(&st, &id), None),
        };
    }
    let session_input = match validate(&v, input) {
        Ok(i) => i,
        Err((status, msg)) => return html(status, page::render(&v, Some(msg))),
    };
    let r = st.mutate(|store, now| {
        perform_session(store, &id, session_input, now).map(|o| (o.redirect_url, o.events))
    });
    match r {
        Ok(url) => see_other(&url),
        Err(EngineError::Business(rule)) => page_for(lookup(&st, &id), Some(rule.user_message)),
        Err(_) => page_for(lookup(&st, &id), None),
    }
}

type Refusal = (StatusCode, &'static str);

fn required_reason(input: &Input) -> Result<String, Refusal> {
    let r = input.reason.as_deref().map(str::trim).unwrap_or_default();
    if r.is_empty() {
        return Err((StatusCode::BAD_REQUEST, "Please give a reason."));
    }
    if r.chars().count() > 2000 {
        return Err((
            StatusCode::BAD_REQUEST,
            "The reason must be at most 2000 characters.",
        ));
    }
    Ok(r.to_owned())
}

/// Checks what the user entered for the action and turns it into the engine's input.
fn validate(v: &View, input: Input) -> Result<SessionInput, Refusal> {
    if input.op != "perform" {
        return Err((StatusCode::BAD_REQUEST, "Unknown request. Reload the page."));
    }
    let mut out = SessionInput::default();
    match v.action {
        Action::SignContract if !input.agree => {
            return Err((
                StatusCode::BAD_REQUEST,
                "Please confirm that you agree to the contract.",
            ));
        }
        Action::Dispute | Action::RequestCancellation => {
            out.reason = Some(required_reason(&input)?);
        }
        Action::SubmitProof => {
            let file: Attachment = input
                .file
                .ok_or((StatusCode::BAD_REQUEST, "Choose a file to upload."))?;
            out.proof_note = input
                .note
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty());
            if out
                .proof_note
                .as_ref()
                .is_some_and(|n| n.chars().count() > 2000)
            {
                return Err((
                    StatusCode::BAD_REQUEST,
                    "The note must be at most 2000 characters.",
                ));
            }
            out.proof_file_meta = Some(file);
        }
        Action::ReviewProof => match input.decision.as_deref() {
            Some("accept") => out.accept = Some(true),
            Some("correct") => {
                out.reason = Some(required_reason(&input)?);
                out.accept = Some(false);
            }
            _ => {
                return Err((
                    StatusCode::BAD_REQUEST,
                    "Choose whether to accept the proof or ask for corrections.",
                ));
            }
        },
        _ => {}
    }
    Ok(out)
}
