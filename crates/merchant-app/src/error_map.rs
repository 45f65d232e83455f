//! merchant-core's errors → the IPC error: the closed code the UI switches on, the developer
//! message, DHMAD's `user_message` when it gave one, and details the UI needs (the association
//! steps, the seconds until a rate limit resets).

use crate::error::{Association, CommandError, ErrorCode};
use chrono::Utc;
use dhmad_api::ErrorKind;
use merchant_core::{ConnectError, MerchantError, SecretError};

/// Where a developer associates the account (seed 000).
pub const DEVELOPER_DASHBOARD: &str = "https://developer.dhmad.tn/dashboard";

impl From<MerchantError> for CommandError {
    fn from(e: MerchantError) -> Self {
        let message = e.to_string();
        let user_message = e.user_message().map(str::to_owned);
        let mut err = match &e {
            MerchantError::Api(api) => from_api(api, message),
            MerchantError::InvalidInput(_) => Self::new(ErrorCode::Validation, message),
            MerchantError::NotFound(_) => Self::new(ErrorCode::NotFound, message),
            MerchantError::Secret(
                SecretError::Unavailable { .. } | SecretError::Timeout { .. },
            ) => {
                // The secret store's own text is written for the merchant.
                Self::new(ErrorCode::KeychainUnavailable, message.clone())
                    .with_user_message(message)
            }
            // A local rule refusal names the rule in plain words, written for the merchant.
            MerchantError::NotAllowed { rule, .. } => {
                Self::rule_refused(message.clone(), *rule).with_user_message(message)
            }
            MerchantError::Cancelled => Self::new(ErrorCode::Conflict, message),
            MerchantError::SaleFailed(_) => Self::new(ErrorCode::Server, message),
            // The printer's trouble is said in words for the cashier.
            MerchantError::Printer(_) => {
                Self::new(ErrorCode::Printer, message.clone()).with_user_message(message)
            }
            _ => Self::internal(message),
        };
        if err.user_message.is_none() {
            err.user_message = user_message;
        }
        err
    }
}

fn from_api(api: &dhmad_api::ApiError, message: String) -> CommandError {
    let code = match api.kind() {
        ErrorKind::InvalidKey | ErrorKind::InvalidKeyFormat => ErrorCode::InvalidKey,
        ErrorKind::NotAssociated => {
            return not_associated(message);
        }
        ErrorKind::NoAccess => ErrorCode::NoAccess,
        ErrorKind::NotFound => ErrorCode::NotFound,
        ErrorKind::Validation => {
            let fields = api.details();
            if fields.is_empty() {
                return CommandError::new(ErrorCode::Validation, message);
            }
            // Local checks (dhmad-api) and the server's `details` both name the fields.
            let text: Vec<String> = fields.values().cloned().collect();
            return CommandError::invalid_fields(message, fields).with_user_message(text.join(" "));
        }
        ErrorKind::Conflict => ErrorCode::Conflict,
        ErrorKind::RateLimited { reset } => {
            let seconds = reset.map_or(60, |r| (r - Utc::now()).num_seconds().max(1));
            return CommandError::rate_limited(message, seconds);
        }
        ErrorKind::Transport | ErrorKind::Timeout => ErrorCode::Offline,
        ErrorKind::OutcomeUnknown => ErrorCode::OutcomeUnknown,
        ErrorKind::Server => ErrorCode::Server,
        ErrorKind::UnsafeBaseUrl => ErrorCode::UnsafeBaseUrl,
        ErrorKind::ProxyNotConfirmed => ErrorCode::ProxyNotConfirmed,
        ErrorKind::SuspiciousAnswer => ErrorCode::SuspiciousAnswer,
        _ => ErrorCode::Internal,
    };
    let err = CommandError::new(code, message);
    match api.code() {
        Some(server_code) => err.with_server_code(server_code.clone()),
        None => err,
    }
}

fn not_associated(message: String) -> CommandError {
    let association = Association {
        steps: merchant_core::association_steps(),
        dashboard_url: DEVELOPER_DASHBOARD.to_owned(),
    };
    CommandError::not_associated(message, association)
}

impl From<ConnectError> for CommandError {
    fn from(e: ConnectError) -> Self {
        match e {
            ConnectError::NotAssociated { .. } => not_associated(e.to_string()),
            ConnectError::WrongEnvironment { .. }
            | ConnectError::ProfileEnvironment { .. }
            | ConnectError::OtherAccount { .. } => {
                let text = e.to_string();
                Self::new(ErrorCode::InvalidKey, text.clone()).with_user_message(text)
            }
            ConnectError::Api(api) => Self::from(MerchantError::Api(api)),
        }
    }
}
