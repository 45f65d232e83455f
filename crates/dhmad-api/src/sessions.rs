//! Checkout sessions: hosted pages on dhmad.tn where a buyer or seller signs, pays, completes,
//! disputes, cancels or handles proof.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::decode::{Keyed, null_as_default, resource_key};
use crate::enums::{SessionAction, SessionStatus};
use crate::error::ApiError;
use crate::ids::{EscrowId, SessionId};
use crate::origin::check_checkout_url;
use crate::validation::{ValidationErrors, check_email, check_metadata, check_redirect_url};

/// `POST /escrows/:id/sessions` body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateSession {
    /// What the user will do.
    pub action: SessionAction,
    /// Only this user can complete the session.
    pub target_user_email: String,
    /// Allowed redirect URL (HTTPS, or `http://localhost`).
    pub redirect_url: String,
    /// String values of at most 500 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
}

impl CreateSession {
    /// A session request without metadata.
    pub fn new(
        action: SessionAction,
        target_user_email: impl Into<String>,
        redirect_url: impl Into<String>,
    ) -> Self {
        CreateSession {
            action,
            target_user_email: target_user_email.into(),
            redirect_url: redirect_url.into(),
            metadata: None,
        }
    }

    /// Checks the e-mail, the redirect URL and the metadata sizes.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        check_email(&mut errors, "targetUserEmail", &self.target_user_email);
        check_redirect_url(&mut errors, "redirectUrl", &self.redirect_url);
        check_metadata(&mut errors, "metadata", self.metadata.as_ref());
        errors.into_result()
    }
}

/// `POST /escrows/:id/sessions` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSession {
    /// Session id (UUID).
    pub session_id: SessionId,
    /// Hosted checkout link to open or show as a QR code.
    pub url: String,
    /// Creation + 30 minutes.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// A checkout session (`GET /sessions/:id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutSession {
    /// Session id.
    pub session_id: SessionId,
    /// The escrow.
    #[serde(default)]
    pub escrow_id: Option<EscrowId>,
    /// Action.
    #[serde(default)]
    pub action: Option<SessionAction>,
    /// Target user.
    #[serde(default)]
    pub target_user_email: Option<String>,
    /// `pending`, `completed`, `expired`, `cancelled`.
    #[serde(default)]
    pub status: Option<SessionStatus>,
    /// Metadata as sent (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: BTreeMap<String, String>,
    /// Expiry.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// Completion time.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

resource_key! {
    SessionKey = "session";
}

/// Checkout-session endpoints; get it with [`Client::sessions`].
#[derive(Debug, Clone)]
pub struct Sessions {
    client: Client,
}

impl Client {
    /// Checkout-session endpoints.
    pub fn sessions(&self) -> Sessions {
        Sessions {
            client: self.clone(),
        }
    }
}

impl Sessions {
    /// `POST /escrows/:id/sessions`, validated first. A lost answer is
    /// [`ApiError::OutcomeUnknown`]; creating another session is harmless (sessions are
    /// independent and expire), so the caller may simply create a new one. A link on an origin
    /// that is not DHMAD's (nor the base URL's) is [`ApiError::SuspiciousAnswer`] and is never
    /// returned.
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// use dhmad_api::{CreateSession, SessionAction};
    /// let req = CreateSession::new(SessionAction::AcceptPay, "buyer@example.com", "https://shop.tn/done");
    /// let session = client.sessions().create(&"507f1f77bcf86cd799439011".into(), &req).await?;
    /// println!("show this link as a QR code: {}", session.url);
    /// # Ok(()) }
    /// ```
    pub async fn create(
        &self,
        escrow: &EscrowId,
        request: &CreateSession,
    ) -> Result<CreatedSession, ApiError> {
        request.validate()?;
        let created: CreatedSession = self
            .client
            .send_json(
                Method::POST,
                &["escrows", escrow.as_str(), "sessions"],
                Some(request),
            )
            .await?;
        // The link goes into a QR code, the customer display or the clipboard: a buyer must
        // never be sent to a host that is not DHMAD, whatever the answer says.
        check_checkout_url(&created.url, self.client.checkout_origins())?;
        Ok(created)
    }

    /// `GET /sessions/:sessionId`.
    pub async fn get(&self, id: &SessionId) -> Result<CheckoutSession, ApiError> {
        let env: Keyed<SessionKey, CheckoutSession> =
            self.client.get(&["sessions", id.as_str()], &[]).await?;
        Ok(env.0)
    }
}
