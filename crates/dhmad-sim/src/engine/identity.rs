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
    let external_user_id = match body.get("external_user_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(ApiError::invalid_field(
                "external_user_id",
                "external_user_id must be a string",
            ));
        }
    };
    let redirect_url = match body.get("redirect_url") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let url = v.as_str().unwrap_or_default();
            if check_redirect(&store.developers[dev].redirect_urls, url).is_err() {
                return Err(ApiError::bad_request(
                    "Redirect URL does not match any allowed redirect URLs configured in developer settings.",
                ));
            }
            Some(url.to_owned())
        }
    };
    let metadata =
        parse_metadata(body.get("metadata")).map_err(|t| ApiError::invalid_field("metadata", t))?;
    let user = store.user_by_email(&email);
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
    let existing = store
        .idx
        .verifs_by_dev_email
        .get(&(dev, email.clone()))
        .and_then(|list| {
            list.iter()
                .rev()
                .copied()
                .find(|v| store.verifications[*v].kyc_status != Kyc::Rejected)
        });
    if let Some(index) = existing {
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
