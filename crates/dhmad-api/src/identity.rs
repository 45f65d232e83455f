//! Identity verifications: KYC for people who have no DHMAD account yet (no association needed).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};

use crate::client::Client;
use crate::decode::{
    Keyed, RawObject, UnreadableRecord, decode_records, raw_list, resource_key, with_either_id,
};
use crate::enums::{ClaimStatus, KycStatus};
use crate::error::ApiError;
use crate::ids::{UserId, VerificationId};
use crate::validation::{ValidationErrors, check_email, check_metadata, check_redirect_url};

/// `POST /identity-verifications` body (snake_case on the wire).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreateVerification {
    /// The person's e-mail (lowercased by the server).
    pub email: String,
    /// Your id for them (echoed in webhooks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_user_id: Option<String>,
    /// Allowed redirect URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// String values of at most 500 characters (stored, not sent in webhooks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
}

impl CreateVerification {
    /// A request for `email` only.
    pub fn new(email: impl Into<String>) -> Self {
        CreateVerification {
            email: email.into(),
            external_user_id: None,
            redirect_url: None,
            metadata: None,
        }
    }

    /// Checks the e-mail, the redirect URL and the metadata sizes.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        check_email(&mut errors, "email", &self.email);
        if let Some(url) = &self.redirect_url {
            check_redirect_url(&mut errors, "redirect_url", url);
        }
        check_metadata(&mut errors, "metadata", self.metadata.as_ref());
        errors.into_result()
    }
}

with_either_id! {
/// A verification record (also the data of `identity.verification.*` webhooks).
pub struct IdentityVerification via IdentityVerificationWire = "IdentityVerificationWire" as "verification object" {
    /// Record id (`id` or `_id`).
    pub id: VerificationId,
    /// E-mail (lowercased).
    #[serde(default)]
    pub email: Option<String>,
    /// Your id for the person.
    #[serde(default)]
    pub external_user_id: Option<String>,
    /// `pending`, `approved`, `rejected`.
    #[serde(default)]
    pub kyc_status: Option<KycStatus>,
    /// Previous status (webhook).
    #[serde(default)]
    pub previous_kyc_status: Option<KycStatus>,
    /// Provider session status (`in_progress`, `completed`).
    #[serde(default)]
    pub didit_session_status: Option<String>,
    /// Waiting for an admin decision.
    #[serde(default)]
    pub needs_admin_review: Option<bool>,
    /// `pending` or `linked`.
    #[serde(default)]
    pub claim_status: Option<ClaimStatus>,
    /// The account it was linked to.
    #[serde(default)]
    pub linked_user_id: Option<UserId>,
    /// When linked.
    #[serde(default)]
    pub linked_at: Option<DateTime<Utc>>,
    /// Webhook: `didit`, `admin_review`, `sandbox`.
    #[serde(default)]
    pub status_source: Option<String>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
    /// Expiry (default 90 days).
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// Invite e-mail sent.
    #[serde(default)]
    pub verification_email_sent: Option<bool>,
    /// When it was sent.
    #[serde(default)]
    pub verification_email_sent_at: Option<DateTime<Utc>>,
    /// Create response text.
    #[serde(default)]
    pub message: Option<String>,
}
}

/// `GET /identity-verifications?email=`: the records that decode and, set aside, the ones that
/// do not (one malformed record never hides the others).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerificationList {
    /// Readable records, newest first.
    pub verifications: Vec<IdentityVerification>,
    /// Records that could not be read.
    pub unreadable: Vec<UnreadableRecord>,
}

impl<'de> Deserialize<'de> for VerificationList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object = RawObject::deserialize(deserializer)?;
        let items = raw_list(&mut object, &["verifications", "data"])?;
        let (verifications, unreadable) = decode_records(items);
        Ok(VerificationList {
            verifications,
            unreadable,
        })
    }
}

resource_key! {
    VerificationKey = "verification";
}

/// Identity-verification endpoints; get it with [`Client::identity`].
#[derive(Debug, Clone)]
pub struct Identity {
    client: Client,
}

impl Client {
    /// Identity-verification endpoints.
    pub fn identity(&self) -> Identity {
        Identity {
            client: self.clone(),
        }
    }
}

impl Identity {
    /// `POST /identity-verifications`, validated first. Re-sending for a pending record is
    /// harmless (the server returns the existing one), but this client still never re-sends a
    /// write on its own.
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// use dhmad_api::CreateVerification;
    /// let v = client.identity().create(&CreateVerification::new("seller@example.com")).await?;
    /// println!("{} is {:?}", v.id, v.kyc_status);
    /// # Ok(()) }
    /// ```
    pub async fn create(
        &self,
        request: &CreateVerification,
    ) -> Result<IdentityVerification, ApiError> {
        request.validate()?;
        let env: Keyed<VerificationKey, IdentityVerification> = self
            .client
            .send_json(Method::POST, &["identity-verifications"], Some(request))
            .await?;
        Ok(env.0)
    }

    /// `GET /identity-verifications/:id`.
    pub async fn get(&self, id: &VerificationId) -> Result<IdentityVerification, ApiError> {
        let env: Keyed<VerificationKey, IdentityVerification> = self
            .client
            .get(&["identity-verifications", id.as_str()], &[])
            .await?;
        Ok(env.0)
    }

    /// `GET /identity-verifications?email=` (newest first, at most 20).
    pub async fn list_by_email(&self, email: &str) -> Result<VerificationList, ApiError> {
        let mut errors = ValidationErrors::default();
        check_email(&mut errors, "email", email);
        errors.into_result()?;
        self.client
            .get(&["identity-verifications"], &[("email", email.to_owned())])
            .await
    }
}
