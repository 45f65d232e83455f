//! The one error type every command returns across IPC.
//!
//! The UI switches on [`ErrorCode`] (a closed enum, so a new case is a compile error on both sides
//! once the bindings are regenerated) and shows `userMessage` when present, else its own
//! translation for the code. `message` is for developers and logs, never shown raw to a merchant.

use std::collections::BTreeMap;

use dhmad_api::BusinessCode;
use merchant_core::Environment;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a command failed, as the UI needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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
///
/// `details` are set only by the constructors that pair them with their code, so each code
/// carries the one kind [`CommandErrorShape`] gives it in TypeScript.
// Its TypeScript is the shape's; serde's container options would clash with that, so the one
// field whose name differs in camelCase is renamed alone.
#[derive(Debug, Clone, PartialEq, Serialize, TS, thiserror::Error)]
#[ts(as = "CommandErrorShape")]
#[error("{code:?}: {message}")]
pub struct CommandError {
    /// What kind of failure this is; the UI switches on it.
    pub code: ErrorCode,
    /// What happened, in English, for developers and the log file.
    pub message: String,
    /// A message meant for the merchant (DHMAD's own `user_message` when it gave one).
    #[serde(rename = "userMessage", skip_serializing_if = "Option::is_none")]
    pub user_message: Option<String>,
    /// What the UI needs beyond the code, for the codes that carry something.
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<ErrorDetails>,
}

/// The extras of an error. Each crosses as its bare fields (no tag): the error's `code` says which
/// one to expect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum ErrorDetails {
    Fields(FieldErrors),
    RetryAfter(RetryAfter),
    Association(Association),
    KeyNeeded(KeyNeeded),
    Rule(RuleRefused),
    ServerCode(ServerCode),
}

/// `validation`: the message of each refused field, by its name in the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldErrors {
    /// Field name → what is wrong with it, for the merchant.
    pub fields: BTreeMap<String, String>,
}

/// `rateLimited`: when DHMAD takes requests again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetryAfter {
    /// Seconds to wait (at least 1).
    pub retry_after_seconds: i64,
}

/// `notAssociated`: how the developer account gets associated with a DHMAD user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Association {
    /// The steps, in order, in English as DHMAD's dashboard names things.
    pub steps: Vec<String>,
    /// The developer dashboard where they are done.
    pub dashboard_url: String,
}

/// `keyNeeded`: the shop whose key must be typed again, kept with its book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyNeeded {
    /// The profile to pass back to `connect_key`.
    pub profile_id: String,
    /// Its environment, so the key form expects the right kind of key.
    pub environment: Environment,
}

/// `conflict` refused locally: the stable code of the escrow rule that refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleRefused {
    /// The rule's code (e.g. `deliver_needs_paid`).
    pub rule: String,
}

/// The business code DHMAD answered with (contract §4.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerCode {
    /// DHMAD's code (a newer one crosses as its text).
    pub server_code: BusinessCode,
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

    /// `validation`, naming each refused field.
    pub fn invalid_fields(message: impl Into<String>, fields: BTreeMap<String, String>) -> Self {
        Self::new(ErrorCode::Validation, message).with(ErrorDetails::Fields(FieldErrors { fields }))
    }

    /// `rateLimited`, with the wait.
    pub fn rate_limited(message: impl Into<String>, retry_after_seconds: i64) -> Self {
        Self::new(ErrorCode::RateLimited, message).with(ErrorDetails::RetryAfter(RetryAfter {
            retry_after_seconds,
        }))
    }

    /// `notAssociated`, with the steps that associate the account.
    pub fn not_associated(message: impl Into<String>, association: Association) -> Self {
        Self::new(ErrorCode::NotAssociated, message).with(ErrorDetails::Association(association))
    }

    /// `keyNeeded`, naming the shop.
    pub fn key_needed(message: impl Into<String>, shop: KeyNeeded) -> Self {
        Self::new(ErrorCode::KeyNeeded, message).with(ErrorDetails::KeyNeeded(shop))
    }

    /// `conflict`, refused by the local rule `rule`.
    pub fn rule_refused(message: impl Into<String>, rule: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
            .with(ErrorDetails::Rule(RuleRefused { rule: rule.into() }))
    }

    /// Adds DHMAD's business code, to the codes whose details may be one: those with details of
    /// their own keep them.
    #[must_use]
    pub fn with_server_code(self, server_code: BusinessCode) -> Self {
        let own_details = matches!(
            self.code,
            ErrorCode::Validation
                | ErrorCode::RateLimited
                | ErrorCode::NotAssociated
                | ErrorCode::KeyNeeded
        );
        if own_details || self.details.is_some() {
            return self;
        }
        self.with(ErrorDetails::ServerCode(ServerCode { server_code }))
    }

    /// Adds the message to show the merchant.
    #[must_use]
    pub fn with_user_message(mut self, user_message: impl Into<String>) -> Self {
        self.user_message = Some(user_message.into());
        self
    }

    fn with(mut self, details: ErrorDetails) -> Self {
        self.details = Some(details);
        self
    }
}

/// [`CommandError`] as TypeScript reads it: each code with the one kind of details it may carry,
/// so a screen that checks the code gets its details typed. Serde reads it back in the tests,
/// which is how they prove every error the constructors make fits it.
#[derive(Debug, Deserialize, TS)]
#[ts(rename = "CommandError")]
#[serde(tag = "code", rename_all = "camelCase")]
#[allow(dead_code)]
pub enum CommandErrorShape {
    Validation(Carrying<FieldErrors>),
    NotFound(Carrying<ServerCode>),
    InvalidKey(Carrying<ServerCode>),
    NotAssociated(Carrying<Association>),
    NoAccess(Carrying<ServerCode>),
    RateLimited(Carrying<RetryAfter>),
    Offline(Carrying<ServerCode>),
    OutcomeUnknown(Carrying<ServerCode>),
    KeychainUnavailable(Carrying<ServerCode>),
    KeyNeeded(Carrying<KeyNeeded>),
    Conflict(Carrying<ConflictDetails>),
    Server(Carrying<ServerCode>),
    Unsupported(Carrying<ServerCode>),
    Internal(Carrying<ServerCode>),
    UnsafeBaseUrl(Carrying<ServerCode>),
    ProxyNotConfirmed(Carrying<ServerCode>),
    SuspiciousAnswer(Carrying<ServerCode>),
    LinkRefused(Carrying<ServerCode>),
    Printer(Carrying<ServerCode>),
}

/// What every code carries besides itself: the messages, and its kind of details `D`.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
pub struct Carrying<D> {
    /// What happened, in English, for developers and the log file.
    message: String,
    /// A message meant for the merchant (DHMAD's own `user_message` when it gave one).
    #[ts(optional)]
    user_message: Option<String>,
    /// What the UI needs beyond the code.
    #[ts(optional)]
    details: Option<D>,
}

/// A `conflict`'s details: the local rule that refused, or DHMAD's code.
#[derive(Debug, Deserialize, TS)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum ConflictDetails {
    Rule(RuleRefused),
    Server(ServerCode),
}

/// What every command returns.
pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn serializes_camel_case_and_omits_empty_optionals() {
        let bare = CommandError::new(ErrorCode::NotFound, "no escrow 42");
        assert_eq!(
            serde_json::to_value(&bare).unwrap(),
            json!({ "code": "notFound", "message": "no escrow 42" })
        );

        let full = CommandError::rate_limited("429 from /escrows", 12)
            .with_user_message("Trop de requêtes");
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

    fn details_json(err: &CommandError) -> Value {
        serde_json::to_value(err).unwrap()["details"].clone()
    }

    /// Every error the constructors make, with what its details hold on the wire.
    fn each_kind() -> Vec<(CommandError, Value)> {
        let fields = BTreeMap::from([("amount".to_owned(), "Too small.".to_owned())]);
        let association = Association {
            steps: vec!["Open the dashboard.".into()],
            dashboard_url: "https://developer.dhmad.tn/dashboard".into(),
        };
        let shop = KeyNeeded {
            profile_id: "shop-1".into(),
            environment: Environment::Live,
        };
        let frozen = BusinessCode::parse("ESCROW_FROZEN");
        vec![
            (
                CommandError::invalid_fields("x", fields),
                json!({ "fields": { "amount": "Too small." } }),
            ),
            (
                CommandError::rate_limited("x", 7),
                json!({ "retryAfterSeconds": 7 }),
            ),
            (
                CommandError::not_associated("x", association),
                json!({
                    "steps": ["Open the dashboard."],
                    "dashboardUrl": "https://developer.dhmad.tn/dashboard"
                }),
            ),
            (
                CommandError::key_needed("x", shop),
                json!({ "profileId": "shop-1", "environment": "live" }),
            ),
            (
                CommandError::rule_refused("x", "deliver_needs_paid"),
                json!({ "rule": "deliver_needs_paid" }),
            ),
            (
                CommandError::new(ErrorCode::Conflict, "x")
                    .with_server_code(BusinessCode::PaymentAlreadyDone),
                json!({ "serverCode": "PAYMENT_ALREADY_DONE" }),
            ),
            // A code DHMAD added later crosses as its text.
            (
                CommandError::new(ErrorCode::Server, "x").with_server_code(frozen),
                json!({ "serverCode": "ESCROW_FROZEN" }),
            ),
        ]
    }

    #[test]
    fn each_kind_of_details_crosses_as_the_bare_fields_the_ui_reads() {
        for (err, wire) in each_kind() {
            assert_eq!(details_json(&err), wire, "{err:?}");
        }
    }

    /// Every code of [`ErrorCode`], read from its own TypeScript union.
    fn every_code() -> Vec<String> {
        let union = ErrorCode::inline(&ts_rs::Config::new());
        let codes: Vec<String> = union
            .split('|')
            .map(|c| c.trim().trim_matches('"').to_owned())
            .collect();
        assert!(codes.len() > 10 && codes.contains(&"printer".to_owned()));
        codes
    }

    fn fits_the_shape(err: &CommandError) -> bool {
        serde_json::from_value::<CommandErrorShape>(serde_json::to_value(err).unwrap()).is_ok()
    }

    #[test]
    fn every_error_the_app_can_make_fits_the_typescript_the_ui_reads() {
        for (err, _) in each_kind() {
            assert!(fits_the_shape(&err), "{err:?}");
        }
        for text in every_code() {
            let code: ErrorCode = serde_json::from_value(json!(text)).unwrap();
            let bare = CommandError::new(code, "x").with_user_message("y");
            assert!(fits_the_shape(&bare), "{text} has no shape");
            let answered = bare.with_server_code(BusinessCode::PaymentAlreadyDone);
            assert!(fits_the_shape(&answered), "{text} with DHMAD's code");
        }
    }

    #[test]
    fn the_shape_refuses_details_of_another_code() {
        let wrong =
            json!({ "code": "validation", "message": "x", "details": { "retryAfterSeconds": 3 } });
        assert!(serde_json::from_value::<CommandErrorShape>(wrong).is_err());
        let wrong =
            json!({ "code": "keyNeeded", "message": "x", "details": { "serverCode": "X" } });
        assert!(serde_json::from_value::<CommandErrorShape>(wrong).is_err());
    }

    #[test]
    fn codes_with_details_of_their_own_keep_them_when_dhmad_adds_a_code() {
        let limited = CommandError::rate_limited("x", 5).with_server_code(BusinessCode::parse("Z"));
        assert_eq!(details_json(&limited), json!({ "retryAfterSeconds": 5 }));
    }
}
