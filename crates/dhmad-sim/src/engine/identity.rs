//! Pre-account identity verifications (contract §5), sandbox flavour: approved at once.

use super::events::DomainEvent;
use super::rules::check_redirect;
use super::session::parse_metadata;
use super::users::link_verifications;
use crate::clock::{DAY, Millis};
use crate::error::ApiError;
use crate::store::{Kyc, Store, Verification};
use serde_json::{Value, json};

/// Email domain refused by the (simulated) platform policy.
pub const BLOCKED_DOMAIN: &str = "blocked.dhmad.test";

/// Result of a create call.
#[derive(Debug)]
pub struct Created {
    /// Verification index.
    pub index: usize,
    /// `true` when a new record was made (201), `false` for an existing one (200).
    pub new: bool,
    /// What changed.
    pub events: Vec<DomainEvent>,
}

/// `POST /identity-verifications`.
pub fn create(
    store: &mut Store,
    dev: usize,
    body: &Value,
    now: Millis,
) -> Result<Created, ApiError> {
    let email = verification_email(body)?;
    let external_user_id = external_user_id(body)?;
    let redirect_url = redirect_url(&store.developers[dev].redirect_urls, body)?;
    let metadata =
        parse_metadata(body.get("metadata")).map_err(|t| ApiError::invalid_field("metadata", t))?;
    let user = store.user_by_email(&email);
    refuse_approved_user(store, user)?;
    if let Some(index) = open_verification(store, dev, &email) {
        return Ok(Created {
            index,
            new: false,
            events: Vec::new(),
        });
    }
    let id = store.new_id(now);
    let index = store.insert_verification(Verification {
        id: id.clone(),
        developer: dev,
        email,
        external_user_id,
        kyc_status: Kyc::Approved,
        didit_session_status: None,
        needs_admin_review: false,
        linked_user: None,
        linked_at: None,
        created_at: now,
        updated_at: now,
        expires_at: now + 90 * DAY,
        email_sent_at: None,
        redirect_url,
        metadata,
    });
    let mut events = vec![DomainEvent::IdentityUpdated {
        verification: id,
        previous: Kyc::Pending,
        source: "sandbox".into(),
    }];
    if let Some(u) = user {
        events.extend(link_verifications(store, u, now));
    }
    Ok(Created {
        index,
        new: true,
        events,
    })
}

/// `email`: the address the verification is linked by when its owner registers (§5), so it
/// must be valid and outside the domain the platform refuses.
fn verification_email(body: &Value) -> Result<String, ApiError> {
    let email = body
        .get("email")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if !super::create::valid_email(&email) {
        return Err(ApiError::bad_request("A valid email address is required"));
    }
    if email.ends_with(&format!("@{BLOCKED_DOMAIN}")) {
        return Err(ApiError::forbidden(
            "Verification is not allowed for this email domain.",
        ));
    }
    Ok(email)
}

/// `external_user_id`: the merchant's own id for the person, echoed back, so only a string (§5).
fn external_user_id(body: &Value) -> Result<Option<String>, ApiError> {
    match body.get("external_user_id") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::invalid_field(
            "external_user_id",
            "external_user_id must be a string",
        )),
    }
}

/// `redirect_url`: where the person is sent back, held to the developer's allow-list as
/// checkout redirects are (§4.5, §5).
fn redirect_url(allowed: &[String], body: &Value) -> Result<Option<String>, ApiError> {
    let Some(v) = body.get("redirect_url").filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let url = v.as_str().unwrap_or_default();
    if check_redirect(allowed, url).is_err() {
        return Err(ApiError::bad_request(
            "Redirect URL does not match any allowed redirect URLs configured in developer settings.",
        ));
    }
    Ok(Some(url.to_owned()))
}

/// A user whose KYC is already approved needs no verification: 409 (§5).
fn refuse_approved_user(store: &Store, user: Option<usize>) -> Result<(), ApiError> {
    if user.is_some_and(|u| store.users[u].kyc == Some(Kyc::Approved)) {
        return Err(ApiError::new(
            409,
            json!({
                "error": "Conflict",
                "message": "User already has approved KYC on DHMAD.",
                "kyc_status": "approved",
                "user_exists": true,
            }),
        ));
    }
    Ok(())
}

/// The developer's latest verification of `email` that was not rejected: asking again returns
/// it (200) instead of making another (§5).
fn open_verification(store: &Store, dev: usize, email: &str) -> Option<usize> {
    store
        .idx
        .verifs_by_dev_email
        .get(&(dev, email.to_owned()))
        .and_then(|list| {
            list.iter()
                .rev()
                .copied()
                .find(|v| store.verifications[*v].kyc_status != Kyc::Rejected)
        })
}

/// `GET /identity-verifications/:id` (own records only).
pub fn get(store: &Store, dev: usize, id: &str) -> Result<usize, ApiError> {
    if !super::lifecycle::is_object_id(id) {
        return Err(ApiError::bad_request("Invalid verification ID"));
    }
    store
        .idx
        .verif_by_id
        .get(&id.to_ascii_lowercase())
        .copied()
        .filter(|v| store.verifications[*v].developer == dev)
        .ok_or_else(|| ApiError::std(404, "Not Found", "Verification not found"))
}

/// `GET /identity-verifications?email=`: own records, newest first, at most 20.
pub fn list(store: &Store, dev: usize, email: Option<&str>) -> Result<Vec<usize>, ApiError> {
    let email = email
        .map(|e| e.trim().to_ascii_lowercase())
        .filter(|e| !e.is_empty());
    let Some(email) = email else {
        return Err(ApiError::bad_request("email query parameter is required"));
    };
    Ok(store
        .idx
        .verifs_by_dev_email
        .get(&(dev, email))
        .map(|l| l.iter().rev().take(20).copied().collect())
        .unwrap_or_default())
}
