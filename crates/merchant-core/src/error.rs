//! One error type for the whole crate, with a stable machine code the desktop shell maps onto its
//! closed IPC error enum (DESIGN §3 "Commands").

use std::path::PathBuf;

/// Result alias used across merchant-core.
pub type Result<T, E = MerchantError> = std::result::Result<T, E>;

/// Everything that can go wrong in merchant-core.
#[derive(Debug, thiserror::Error)]
pub enum MerchantError {
    /// The caller passed a value we refuse (bad profile id, inverted period, …).
    #[error("invalid input: {0}")]
    InvalidInput(String),

    /// A record the caller named does not exist.
    #[error("not found: {0}")]
    NotFound(String),

    /// The profiles file exists but cannot be read as a profiles file. It is left untouched.
    #[error(
        "the profiles file {path} is damaged ({reason}); it was not changed. \
         Move it aside to start with no profiles"
    )]
    ProfilesCorrupt {
        /// The damaged file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },

    /// The book was written by a newer version of the app.
    #[error("the local book {path} has schema version {found}, newer than this app ({supported})")]
    BookTooNew {
        /// The book file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },

    /// The SQLite book failed.
    #[error("local book error: {0}")]
    Storage(#[from] rusqlite::Error),

    /// A file-system operation failed.
    #[error("file error on {path}: {source}")]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },

    /// Writing CSV failed.
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),

    /// JSON (de)serialisation of stored data failed.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),

    /// The system keychain failed; see [`SecretError`].
    #[error(transparent)]
    Secret(#[from] SecretError),

    /// The user (or a caller) cancelled a long operation.
    #[error("cancelled")]
    Cancelled,

    /// A counter sale could not be created (the merchant may start it again).
    #[error("{0}")]
    SaleFailed(String),

    /// An escrow action refused locally, before any request, because the escrow's mode, status
    /// or parties do not allow it (contract §3, §4.2). `rule` is a stable code (the API's
    /// business-rule code when one exists, e.g. `CHECKOUT_TARGET_NOT_BUYER`).
    #[error("{message}")]
    NotAllowed {
        /// Stable rule code.
        rule: &'static str,
        /// English sentence saying which rule was broken.
        message: String,
    },

    /// The DHMAD API refused or failed a request; the server's user message is in it.
    #[error(transparent)]
    Api(#[from] dhmad_api::ApiError),

    /// A receipt printer did not print; the text says why in words for the cashier (switched
    /// off, wrong address, no permission on the USB device…).
    #[error("{0}")]
    Printer(String),
}

/// Why the secret store ([`crate::SecretStore`]) failed.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// There is no system keychain (no Secret Service, no D-Bus session) or it refused access.
    #[error(
        "No system keychain is available on this computer ({detail}). The API key cannot be \
         saved safely; you can keep the key for this session only, and you will be asked for it \
         again next time."
    )]
    Unavailable {
        /// The platform's own words, for support.
        detail: String,
    },
    /// The keychain did not answer in time (on Linux: usually a locked keyring waiting for an
    /// unlock prompt nobody can see).
    #[error(
        "The system keychain did not answer within {seconds} s. It may be locked: unlock it \
         (for example by logging in to the desktop) and try again, or keep the key for this \
         session only."
    )]
    Timeout {
        /// The timeout that elapsed.
        seconds: u64,
    },
    /// Any other keychain failure.
    #[error("the system keychain failed: {0}")]
    Failed(String),
}

/// Stable, closed set of error codes (`snake_case` strings on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// [`MerchantError::InvalidInput`].
    InvalidInput,
    /// [`MerchantError::NotFound`].
    NotFound,
    /// [`MerchantError::ProfilesCorrupt`].
    ProfilesCorrupt,
    /// [`MerchantError::BookTooNew`].
    BookTooNew,
    /// SQLite failures.
    Storage,
    /// File-system failures (also CSV I/O).
    Io,
    /// Keychain missing (no Secret Service / D-Bus).
    KeychainUnavailable,
    /// Keychain did not answer in time (often: locked keyring with an invisible prompt).
    KeychainTimeout,
    /// Any other keychain failure.
    Keychain,
    /// [`MerchantError::Cancelled`].
    Cancelled,
    /// A bug or an unexpected state (JSON of our own data, …).
    Internal,
    /// [`MerchantError::SaleFailed`].
    SaleFailed,
    /// [`MerchantError::NotAllowed`]: refused locally by an escrow rule, nothing was sent.
    NotAllowed,
    /// The API's write may have been applied (lost response): reconcile before retrying.
    ApiOutcomeUnknown,
    /// The API key is invalid, expired or for the other environment.
    ApiInvalidKey,
    /// The developer account is not associated with a DHMAD user.
    ApiNotAssociated,
    /// The API refused the request (validation, business rule, access, not found, conflict).
    ApiRefused,
    /// The API could not be reached or failed (network, timeout, 5xx, rate limit).
    ApiUnavailable,
    /// [`MerchantError::Printer`].
    Printer,
}

impl ErrorCode {
    /// The wire string, e.g. `"keychain_unavailable"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid_input",
            Self::NotFound => "not_found",
            Self::ProfilesCorrupt => "profiles_corrupt",
            Self::BookTooNew => "book_too_new",
            Self::Storage => "storage",
            Self::Io => "io",
            Self::KeychainUnavailable => "keychain_unavailable",
            Self::KeychainTimeout => "keychain_timeout",
            Self::Keychain => "keychain",
            Self::Cancelled => "cancelled",
            Self::Internal => "internal",
            Self::SaleFailed => "sale_failed",
            Self::NotAllowed => "not_allowed",
            Self::ApiOutcomeUnknown => "api_outcome_unknown",
            Self::ApiInvalidKey => "api_invalid_key",
            Self::ApiNotAssociated => "api_not_associated",
            Self::ApiRefused => "api_refused",
            Self::ApiUnavailable => "api_unavailable",
            Self::Printer => "printer",
        }
    }
}

impl From<rusqlite::types::FromSqlError> for MerchantError {
    fn from(e: rusqlite::types::FromSqlError) -> Self {
        Self::Storage(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Null,
            Box::new(e),
        ))
    }
}

impl MerchantError {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidInput(_) => ErrorCode::InvalidInput,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::ProfilesCorrupt { .. } => ErrorCode::ProfilesCorrupt,
            Self::BookTooNew { .. } => ErrorCode::BookTooNew,
            Self::Storage(_) => ErrorCode::Storage,
            Self::Io { .. } => ErrorCode::Io,
            Self::Csv(e) if e.is_io_error() => ErrorCode::Io,
            Self::Csv(_) | Self::Json(_) => ErrorCode::Internal,
            Self::Secret(SecretError::Unavailable { .. }) => ErrorCode::KeychainUnavailable,
            Self::Secret(SecretError::Timeout { .. }) => ErrorCode::KeychainTimeout,
            Self::Secret(_) => ErrorCode::Keychain,
            Self::Cancelled => ErrorCode::Cancelled,
            Self::SaleFailed(_) => ErrorCode::SaleFailed,
            Self::NotAllowed { .. } => ErrorCode::NotAllowed,
            Self::Api(e) => api_code(e),
            Self::Printer(_) => ErrorCode::Printer,
        }
    }

    /// The server's end-user text when the API refused the request.
    pub fn user_message(&self) -> Option<&str> {
        match self {
            Self::Api(e) => e.user_message(),
            _ => None,
        }
    }

    /// The rule code of a local refusal ([`MerchantError::NotAllowed`]).
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Self::NotAllowed { rule, .. } => Some(rule),
            _ => None,
        }
    }

    pub(crate) fn not_allowed(rule: &'static str, message: impl Into<String>) -> Self {
        Self::NotAllowed {
            rule,
            message: message.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

fn api_code(e: &dhmad_api::ApiError) -> ErrorCode {
    use dhmad_api::ErrorKind as K;
    match e.kind() {
        K::OutcomeUnknown => ErrorCode::ApiOutcomeUnknown,
        K::InvalidKey | K::InvalidKeyFormat => ErrorCode::ApiInvalidKey,
        K::NotAssociated => ErrorCode::ApiNotAssociated,
        K::NoAccess | K::NotFound | K::Validation | K::Conflict => ErrorCode::ApiRefused,
        _ => ErrorCode::ApiUnavailable,
    }
}
