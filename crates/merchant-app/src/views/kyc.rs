//! KYC invites (identity verifications before the person has an account).

use merchant_core::book::{ClaimStatus, KycInviteRecord, KycStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{opt_time, time};

/// "Invite to verify identity".
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KycInviteRequest {
    /// The person's e-mail.
    pub email: String,
    /// Your own reference for the person.
    #[ts(optional)]
    pub external_id: Option<String>,
    /// Where DHMAD sends the person after verifying (absent: the profile's redirect URL).
    #[ts(optional)]
    pub redirect_url: Option<String>,
}

/// Which invites: by e-mail (asks DHMAD), or the book's newest.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct KycListRequest {
    /// Search this e-mail on DHMAD.
    #[ts(optional)]
    pub email: Option<String>,
}

/// Which invite.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KycIdRequest {
    /// The verification id.
    pub id: String,
}

/// One invite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KycInviteView {
    /// Verification id.
    pub id: String,
    /// The person's e-mail.
    pub email: String,
    /// Your reference.
    pub external_user_id: Option<String>,
    /// Whether the identity is verified yet.
    pub status: KycStatus,
    /// Whether an account claimed it yet.
    pub claim_status: Option<ClaimStatus>,
    /// The verification is linked to a DHMAD account.
    pub linked: bool,
    /// When the last invite e-mail was sent.
    pub email_sent_at: Option<String>,
    /// Created.
    pub created_at: String,
    /// Last change.
    pub updated_at: Option<String>,
}

impl From<&KycInviteRecord> for KycInviteView {
    fn from(r: &KycInviteRecord) -> Self {
        Self {
            id: r.id.clone(),
            email: r.email.clone(),
            external_user_id: r.external_user_id.clone(),
            status: r.kyc_status.clone(),
            claim_status: r.claim_status.clone(),
            linked: r.linked_user_id.is_some(),
            email_sent_at: opt_time(r.verification_email_sent_at),
            created_at: time(r.created_at),
            updated_at: opt_time(r.updated_at),
        }
    }
}

/// What an invite did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KycInviteOutcomeView {
    /// The invite.
    pub invite: KycInviteView,
    /// DHMAD already had a pending invite for this e-mail (it resends the e-mail).
    pub existing: bool,
    /// DHMAD's message.
    pub message: Option<String>,
}
