//! Checkout sessions for every action of contract §4.2, and their refresh.

use chrono::{DateTime, Duration, Utc};
use dhmad_api::{Client, CreateSession, SessionId};

use super::checkout_rules::resolve_target;
use super::known_escrow;
use super::rules::{EscrowAction, check_state};
use crate::api_map::{created_session_record, merge_session, session_status};
use crate::book::{Book, CheckoutSessionRecord, SessionAction};
use crate::error::{MerchantError, Result};

/// Creates a hosted checkout session for `action` on a known escrow and stores it in the book.
///
/// Local checks first (no request when they fail): the escrow's status and mode allow the
/// action, and the target is the party the action needs (`request_cancellation` and the
/// buyer's steps: the buyer; `cancel_escrow` and the seller's steps: the seller; signing and
/// disputes: either party). `target_email` `None` targets that party's e-mail from the book.
/// `redirect_url` must be one of the developer's allowed redirect URLs (the profile setting).
pub async fn create_checkout_session(
    client: &Client,
    book: &Book,
    escrow_id: &str,
    action: SessionAction,
    target_email: Option<&str>,
    redirect_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<CheckoutSessionRecord> {
    let r = known_escrow(book, escrow_id)?;
    let party = check_state(&r, &EscrowAction::Checkout(action.clone()))?;
    let target = resolve_target(&r, &action, party, target_email)?;
    let redirect = redirect_url
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .ok_or_else(|| {
            MerchantError::InvalidInput(
                "a checkout session needs a redirect URL: set the allowed redirect URL in the \
                 profile settings"
                    .into(),
            )
        })?;
    let req = CreateSession::new(action.clone(), target.clone(), redirect);
    let s = client
        .sessions()
        .create(&dhmad_api::EscrowId::new(escrow_id), &req)
        .await?;
    let rec = created_session_record(&s, escrow_id, action, &target, redirect, now);
    book.upsert_session(&rec)?;
    Ok(rec)
}

/// Reads a session (`GET /sessions/:id`) and stores its status in the book. A session the book
/// does not have (made elsewhere) is stored with what the API returns (no URL).
pub async fn refresh_session(
    client: &Client,
    book: &Book,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<CheckoutSessionRecord> {
    let s = client.sessions().get(&SessionId::new(session_id)).await?;
    let rec = match book.session(session_id)? {
        Some(mut rec) => {
            merge_session(&mut rec, &s);
            rec
        }
        None => CheckoutSessionRecord {
            session_id: session_id.to_owned(),
            escrow_id: s
                .escrow_id
                .as_ref()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
            action: s
                .action
                .clone()
                .unwrap_or_else(|| SessionAction::Unknown(String::new())),
            target_email: s.target_user_email.clone().unwrap_or_default(),
            redirect_url: String::new(),
            url: String::new(),
            expires_at: s.expires_at.unwrap_or(now + Duration::minutes(30)),
            status: session_status(s.status.as_ref()),
            completed_at: s.completed_at,
            created_at: s.created_at.unwrap_or(now),
            metadata: (!s.metadata.is_empty())
                .then(|| serde_json::to_value(&s.metadata).ok())
                .flatten(),
        },
    };
    book.upsert_session(&rec)?;
    Ok(rec)
}
