//! What the command prints: the resource as JSON on stdout, or one JSON error object on stderr
//! with an exit status scripts can branch on.

use std::io::Write;
use std::process::ExitCode;

use dhmad_api::{ApiError, ErrorKind};
use serde_json::{Value, json};

/// Exit status for an API, network or decoding error.
pub const EXIT_API_ERROR: u8 = 1;
/// Exit status for a usage error, including a request refused by local validation.
pub const EXIT_USAGE: u8 = 2;
/// Exit status when a write may or may not have been applied.
pub const EXIT_OUTCOME_UNKNOWN: u8 = 3;
/// Exit status after Ctrl-C (the shells' 128 + SIGINT): the work stopped cleanly.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Prints a successful result on stdout, pretty JSON with a final newline.
pub fn print_success(value: &Value) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // stdout closed (e.g. piped into `head`): nothing more to say.
        Err(_) => ExitCode::from(EXIT_API_ERROR),
    }
}

/// Prints `value` as pretty JSON on stdout for a command that goes on afterwards.
pub fn print_json(value: &Value) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .map_err(|err| Failure::internal(format!("cannot write to stdout: {err}")))
}

/// A failed command: the JSON error body and the exit status.
#[derive(Debug)]
pub struct Failure {
    exit: u8,
    body: Value,
}

impl Failure {
    /// A usage error found before any request (bad amount text, missing key...).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::local(EXIT_USAGE, message.into())
    }

    /// A failure of the tool itself.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::local(EXIT_API_ERROR, message.into())
    }

    /// A failure with its own exit status (e.g. [`EXIT_INTERRUPTED`]).
    pub fn with_exit(exit: u8, message: impl Into<String>) -> Self {
        Self::local(exit, message.into())
    }

    /// Adds a field to the error object (e.g. the steps to follow).
    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.body[field] = value;
        self
    }

    fn local(exit: u8, message: String) -> Self {
        Failure {
            exit,
            body: json!({"status": null, "code": null, "message": message, "userMessage": null}),
        }
    }

    /// Writes the error object on stderr and gives the exit status.
    pub fn report(self) -> ExitCode {
        let text = serde_json::to_string(&self.body)
            .unwrap_or_else(|_| r#"{"message":"unprintable error"}"#.to_owned());
        // Nothing useful can be done if stderr itself is closed.
        let _ = writeln!(std::io::stderr().lock(), "{text}");
        ExitCode::from(self.exit)
    }
}

impl From<ApiError> for Failure {
    fn from(err: ApiError) -> Self {
        let exit = match err.kind() {
            ErrorKind::OutcomeUnknown => EXIT_OUTCOME_UNKNOWN,
            // Refused before anything was sent: the command line asked for something invalid.
            ErrorKind::InvalidKeyFormat
            | ErrorKind::UnsafeBaseUrl
            | ErrorKind::ProxyNotConfirmed => EXIT_USAGE,
            ErrorKind::Validation if err.status().is_none() => EXIT_USAGE,
            _ => EXIT_API_ERROR,
        };
        let mut body = json!({
            "status": err.status(),
            "code": err.code().map(|code| code.as_str().to_owned()),
            "message": err.message(),
            "userMessage": err.user_message(),
        });
        let details = err.details();
        if !details.is_empty() {
            body["details"] = json!(details);
        }
        if let ErrorKind::RateLimited { reset: Some(reset) } = err.kind() {
            body["retryAt"] = json!(reset.to_rfc3339());
        }
        if exit == EXIT_OUTCOME_UNKNOWN {
            body["check"] = json!(
                "The request may have been applied. Look before retrying: `dhmad escrows list \
                 --status pending` (or `dhmad escrows get ID` / `dhmad sessions get ID`)."
            );
        }
        Failure { exit, body }
    }
}

impl From<merchant_core::MerchantError> for Failure {
    fn from(err: merchant_core::MerchantError) -> Self {
        use merchant_core::MerchantError;
        match err {
            MerchantError::Api(err) => err.into(),
            // Bad input, a missing profile or key, or no keychain: the user must change something.
            MerchantError::InvalidInput(message) | MerchantError::NotFound(message) => {
                Failure::usage(message)
            }
            MerchantError::Secret(err) => Failure::usage(err.to_string()),
            MerchantError::Cancelled => Failure::with_exit(
                EXIT_INTERRUPTED,
                "cancelled; the local book is consistent, run the command again to continue",
            ),
            other => Failure::internal(other.to_string()),
        }
    }
}
