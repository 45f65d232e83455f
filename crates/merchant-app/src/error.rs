//! The one error type every command returns across IPC.
//!
//! The UI switches on [`ErrorCode`] (a closed enum, so a new case is a compile error on both sides
//! once the bindings are regenerated) and shows `userMessage` when present, else its own
//! translation for the code. `message` is for developers and logs, never shown raw to a merchant.

use std::collections::BTreeMap;

use dhmad_api::BusinessCode;
use merchant_core::Environment;
use serde::Serialize;
use ts_rs::TS;

/// Why a command failed, as the UI needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The request was refused before reaching DHMAD: a field out of range, a bad format.
    Validation,
    /// The thing asked for does not exist (escrow, profile, session…).
    NotFound,
    /// DHMAD refused the API key (unknown, revoked, wrong environment).
    InvalidKey,
    /// The key is valid but its developer account is not associated with a merchant account yet.
    NotAssociated,
    /// The key may not do this (permissions of the account).
    NoAccess,
    /// Too many requests; `details.retryAfterSeconds` says when to try again.
    RateLimited,
    /// DHMAD could not be reached; the app keeps working on the local book.
    Offline,
    /// A write may or may not have reached DHMAD; the app reconciles before anything is retried.
    OutcomeUnknown,
    /// The OS keychain is missing or locked, so the key cannot be stored.
    KeychainUnavailable,
    /// The profile has no key in this session (it was kept for an earlier session only, or the
    /// keychain lost it): ask the merchant for it again with `connect_key` and `profileId`, which
    /// keeps the profile and its book. `details` names the `profileId` and its `environment`.
    KeyNeeded,
    /// The action does not fit the current state (e.g. delivering an unpaid escrow).
    Conflict,
    /// DHMAD answered with a server error.
    Server,
    /// A feature the running build does not offer.
    Unsupported,
    /// A bug or an unexpected local failure (I/O, database).
    Internal,
    /// The API address may not receive the key (plain http off this machine, …).
    UnsafeBaseUrl,
    /// A live key and an address other than `https://dhmad.tn` that the merchant has not
    /// confirmed as a trusted proxy.
    ProxyNotConfirmed,
    /// DHMAD's answer held a link to somewhere that is not DHMAD: nothing was shown to the buyer.
    SuspiciousAnswer,
    /// A link that is not DHMAD's (nor the demo's) was not opened.
    LinkRefused,
    /// A receipt printer did not print (`userMessage` says why); what was printed for is done.
    Printer,
}

/// A command's failure as it crosses IPC: `{ code, message, userMessage?, details? }`.
#[derive(Debug, Clone, PartialEq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code:?}: {message}")]
pub struct CommandError {
    /// What kind of failure this is; the UI switches on it.
    pub code: ErrorCode,
    /// What happened, in English, for developers and the log file.
    pub message: String,
    /// A message meant for the merchant (DHMAD's own `user_message` when it gave one).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub user_message: Option<String>,
    /// What the UI needs beyond the code, for the codes that carry something.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub details: Option<ErrorDetails>,
}

/// The extras of an error, one shape per kind. Each crosses as its bare fields (no tag): the
/// error's `code` already says which one to expect, as each variant documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum ErrorDetails {
    /// `validation`: the message of each refused field, by its name in the request
    /// (`{ "fields": { "amount": "…" } }`).
    #[serde(rename_all = "camelCase")]
    Fields {
        /// Field name → what is wrong with it, for the merchant.
        fields: BTreeMap<String, String>,
    },
    /// `rateLimited`: when DHMAD takes requests again.
    #[serde(rename_all = "camelCase")]
    RetryAfter {
        /// Seconds to wait (at least 1).
        retry_after_seconds: i64,
    },
    /// `notAssociated`: how the developer account gets associated with a DHMAD user.
    #[serde(rename_all = "camelCase")]
    Association {
        /// The steps, in order, in English as DHMAD's dashboard names things.
        steps: Vec<String>,
        /// The developer dashboard where they are done.
        dashboard_url: String,
    },
    /// `keyNeeded`: the shop whose key must be typed again, kept with its book.
    #[serde(rename_all = "camelCase")]
    KeyNeeded {
        /// The profile to pass back to `connect_key`.
        profile_id: String,
        /// Its environment, so the key form expects the right kind of key.
        environment: Environment,
    },
    /// `conflict` refused locally: the stable code of the escrow rule that refused.
    #[serde(rename_all = "camelCase")]
    Rule {
        /// The rule's code (e.g. `deliver_needs_paid`).
        rule: String,
    },
    /// Any code DHMAD answered with a business code of its own (contract §4.3).
    #[serde(rename_all = "camelCase")]
    ServerCode {
        /// DHMAD's code (a newer one crosses as its text).
        server_code: BusinessCode,
    },
}

impl CommandError {
    /// An error with a code and a developer message, nothing for the merchant yet.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            user_message: None,
            details: None,
        }
    }

    /// An unexpected local failure.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    /// Adds the message to show the merchant.
    #[must_use]
    pub fn with_user_message(mut self, user_message: impl Into<String>) -> Self {
        self.user_message = Some(user_message.into());
        self
    }

    /// Adds the extras the UI reads for this code.
    #[must_use]
    pub fn with_details(mut self, details: ErrorDetails) -> Self {
        self.details = Some(details);
        self
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_camel_case_and_omits_empty_optionals() {
        let bare = CommandError::new(ErrorCode::NotFound, "no escrow 42");
        assert_eq!(
            serde_json::to_value(&bare).unwrap(),
            json!({ "code": "notFound", "message": "no escrow 42" })
        );

        let full = CommandError::new(ErrorCode::RateLimited, "429 from /escrows")
            .with_user_message("Trop de requêtes")
            .with_details(ErrorDetails::RetryAfter {
                retry_after_seconds: 12,
            });
        assert_eq!(
            serde_json::to_value(&full).unwrap(),
            json!({
                "code": "rateLimited",
                "message": "429 from /escrows",
                "userMessage": "Trop de requêtes",
                "details": { "retryAfterSeconds": 12 }
            })
        );
    }

    fn details_json(details: ErrorDetails) -> serde_json::Value {
        let err = CommandError::new(ErrorCode::Internal, "x").with_details(details);
        serde_json::to_value(&err).unwrap()["details"].clone()
    }

    #[test]
    fn each_kind_of_details_crosses_as_the_bare_fields_the_ui_reads() {
        let fields = BTreeMap::from([("amount".to_owned(), "Too small.".to_owned())]);
        assert_eq!(
            details_json(ErrorDetails::Fields { fields }),
            json!({ "fields": { "amount": "Too small." } })
        );
        assert_eq!(
            details_json(ErrorDetails::RetryAfter {
                retry_after_seconds: 7
            }),
            json!({ "retryAfterSeconds": 7 })
        );
        assert_eq!(
            details_json(ErrorDetails::Association {
                steps: vec!["Open the dashboard.".into()],
                dashboard_url: "https://developer.dhmad.tn/dashboard".into(),
            }),
            json!({
                "steps": ["Open the dashboard."],
                "dashboardUrl": "https://developer.dhmad.tn/dashboard"
            })
        );
        assert_eq!(
            details_json(ErrorDetails::KeyNeeded {
                profile_id: "shop-1".into(),
                environment: Environment::Live,
            }),
            json!({ "profileId": "shop-1", "environment": "live" })
        );
        assert_eq!(
            details_json(ErrorDetails::Rule {
                rule: "deliver_needs_paid".into()
            }),
            json!({ "rule": "deliver_needs_paid" })
        );
        assert_eq!(
            details_json(ErrorDetails::ServerCode {
                server_code: BusinessCode::PaymentAlreadyDone
            }),
            json!({ "serverCode": "PAYMENT_ALREADY_DONE" })
        );
        assert_eq!(
            details_json(ErrorDetails::ServerCode {
                server_code: BusinessCode::parse("ESCROW_FROZEN")
            }),
            json!({ "serverCode": "ESCROW_FROZEN" }),
            "a code DHMAD added later crosses as its text"
        );
    }
}
