//! Checkout sessions: creation (contract §2.12, §4) and performing them as the target user.

use super::actions::{SessionInput, apply_action};
use super::events::DomainEvent;
use super::lifecycle::can_view;
use super::rules::{Rule, check_action, check_redirect};
use super::users::{NewUser, names_from_email, register};
use crate::clock::{MINUTE, Millis};
use crate::error::{ApiError, text};
use crate::store::{Action, Session, SessionStatus, Store};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// Why a session could not be performed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    /// No such session.
    #[error("checkout session not found")]
    SessionNotFound,
    /// Already completed, expired or cancelled.
    #[error("checkout session is {}", .0.as_str())]
    SessionNotPending(SessionStatus),
    /// The escrow no longer allows the action.
    #[error("{}", .0.message)]
    Business(Rule),
}

/// Result of performing a session.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Session index.
    pub session: usize,
    /// Escrow index.
    pub escrow: usize,
    /// `redirectUrl?session_id=…&status=completed`.
    pub redirect_url: String,
    /// What changed.
    pub events: Vec<DomainEvent>,
}

/// Appends `session_id` and `status` to a redirect URL (merging with an existing query).
pub fn redirect_with(url: &str, session_id: &str, status: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            u.query_pairs_mut()
                .append_pair("session_id", session_id)
                .append_pair("status", status);
            u.to_string()
        }
        Err(_) => format!("{url}?session_id={session_id}&status={status}"),
    }
}

/// Validated session body: action, target email, redirect URL, metadata.
type SessionBody = (Action, String, String, Option<BTreeMap<String, String>>);

fn parse_body(body: &Value) -> Result<SessionBody, ApiError> {
    let empty = Map::new();
    let o = body.as_object().unwrap_or(&empty);
    let mut d = Map::new();
    let action = o
        .get("action")
        .and_then(Value::as_str)
        .and_then(Action::parse);
    if action.is_none() {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        d.insert(
            "action".into(),
            json!(format!("Action must be one of {}", names.join(", "))),
        );
    }
    let target = o
        .get("targetUserEmail")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if !super::create::valid_email(&target) {
        d.insert(
            "targetUserEmail".into(),
            json!("targetUserEmail must be a valid email address"),
        );
    }
    let redirect = o
        .get("redirectUrl")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if redirect.is_empty() {
        d.insert("redirectUrl".into(), json!("redirectUrl is required"));
    }
    let metadata = match parse_metadata(o.get("metadata")) {
        Ok(m) => m,
        Err(t) => {
            d.insert("metadata".into(), json!(t));
            None
        }
    };
    match action {
        Some(a) if d.is_empty() => Ok((a, target, redirect, metadata)),
        _ => Err(ApiError::invalid(d)),
    }
}

/// Metadata: an object of strings, each at most 500 characters.
pub fn parse_metadata(v: Option<&Value>) -> Result<Option<BTreeMap<String, String>>, &'static str> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => o
            .iter()
            .map(|(k, v)| match v.as_str() {
                Some(s) if s.chars().count() <= 500 => Ok((k.clone(), s.to_owned())),
                _ => Err("metadata values must be strings of at most 500 characters"),
            })
            .collect::<Result<BTreeMap<_, _>, _>>()
            .map(Some),
        Some(_) => Err("metadata must be an object with string values"),
    }
}

/// `POST /escrows/:id/sessions`: validates and opens a 30-minute session.
pub fn create(
    store: &mut Store,
    dev: usize,
    escrow_id: &str,
    body: &Value,
    now: Millis,
) -> Result<usize, ApiError> {
    let (action, target, redirect, metadata) = parse_body(body)?;
    let i = super::lifecycle::find(store, escrow_id)?;
    if !can_view(store, dev, i) {
        return Err(ApiError::forbidden(text::NO_ACCESS_SESSION));
    }
    check_redirect(&store.developers[dev].redirect_urls, &redirect)
        .map_err(|r| ApiError::new(400, r.body()))?;
    check_action(store, &store.escrows[i], action, &target)
        .map_err(|r| ApiError::new(400, r.body()))?;
    Ok(store.insert_session(Session {
        id: uuid::Uuid::new_v4().to_string(),
        escrow: i,
        developer: dev,
        action,
        target_email: target,
        redirect_url: redirect,
        metadata,
        status: SessionStatus::Pending,
        expires_at: now + 30 * MINUTE,
        completed_at: None,
        created_at: now,
    }))
}

fn open_session(store: &mut Store, session_id: &str, now: Millis) -> Result<usize, EngineError> {
    let s = store
        .idx
        .session_by_id
        .get(session_id)
        .copied()
        .ok_or(EngineError::SessionNotFound)?;
    let session = &mut store.sessions[s];
    if session.status == SessionStatus::Pending && session.expires_at <= now {
        session.status = SessionStatus::Expired;
    }
    if session.status != SessionStatus::Pending {
        return Err(EngineError::SessionNotPending(session.status));
    }
    Ok(s)
}

/// Performs a session's action as its target user (hosted page or `/__sim`): re-checks the
/// rules, registers the target if they have no account yet, applies the transition and marks
/// the session completed.
pub fn perform_session(
    store: &mut Store,
    session_id: &str,
    input: SessionInput,
    now: Millis,
) -> Result<Outcome, EngineError> {
    let s = open_session(store, session_id, now)?;
    let (i, action, target) = {
        let session = &store.sessions[s];
        (session.escrow, session.action, session.target_email.clone())
    };
    let role =
        check_action(store, &store.escrows[i], action, &target).map_err(EngineError::Business)?;
    let mut events = Vec::new();
    if store.user_by_email(&target).is_none() {
        let (first_name, last_name) = names_from_email(&target);
        let (_, ev) = register(
            store,
            NewUser {
                email: target,
                first_name,
                last_name,
                ..NewUser::default()
            },
            now,
        );
        events.extend(ev);
    }
    events.extend(apply_action(store, i, action, role, input, now));
    let session = &mut store.sessions[s];
    session.status = SessionStatus::Completed;
    session.completed_at = Some(now);
    let redirect_url = redirect_with(&session.redirect_url, &session.id, "completed");
    Ok(Outcome {
        session: s,
        escrow: i,
        redirect_url,
        events,
    })
}

/// The user left the hosted page: the session is `cancelled`; returns the redirect URL.
pub fn abandon_session(
    store: &mut Store,
    session_id: &str,
    now: Millis,
) -> Result<(usize, String), EngineError> {
    let s = open_session(store, session_id, now)?;
    let session = &mut store.sessions[s];
    session.status = SessionStatus::Cancelled;
    Ok((
        s,
        redirect_with(&session.redirect_url, &session.id, "cancelled"),
    ))
}
