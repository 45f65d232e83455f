//! HTTP-level errors with the contract's exact bodies (§1.5).

use serde_json::{Map, Value, json};

/// An error answer: status code and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// Exact body.
    pub body: Value,
}

impl ApiError {
    /// Any status with a body.
    pub fn new(status: u16, body: Value) -> Self {
        Self { status, body }
    }
    /// `{"error": kind, "message": message}`.
    pub fn std(status: u16, kind: &str, message: &str) -> Self {
        Self::new(status, json!({ "error": kind, "message": message }))
    }
    /// 400 `{"error":"Bad Request","message": message}`.
    pub fn bad_request(message: &str) -> Self {
        Self::std(400, "Bad Request", message)
    }
    /// 403 `{"error":"Forbidden","message": message}`.
    pub fn forbidden(message: &str) -> Self {
        Self::std(403, "Forbidden", message)
    }
    /// A bare `{"error": text}` body.
    pub fn bare(status: u16, text: &str) -> Self {
        Self::new(status, json!({ "error": text }))
    }
    /// 400 generic validation error with per-field details.
    pub fn invalid(details: Map<String, Value>) -> Self {
        Self::new(
            400,
            json!({ "error": "Bad Request", "message": "Invalid request parameters", "details": details }),
        )
    }
    /// 400 generic validation error for one field.
    pub fn invalid_field(field: &str, text: &str) -> Self {
        let mut m = Map::new();
        m.insert(field.to_owned(), Value::String(text.to_owned()));
        Self::invalid(m)
    }
}

/// Documented texts shared by several endpoints.
pub mod text {
    /// 403 not associated (endpoint pages variant).
    pub const NOT_ASSOCIATED: &str = "Developer account must be associated with a user account. Please associate your account in the developer dashboard.";
    /// 403 not associated, create escrow without sellerEmail.
    pub const NOT_ASSOCIATED_CREATE: &str = "Developer account must be associated with a user account to create escrows. Please associate your account in the developer dashboard.";
    /// 403 not associated, developer fee.
    pub const NOT_ASSOCIATED_FEE: &str = "Developer account must be associated with a user account to collect developer fees. Please associate your account in the developer dashboard.";
    /// 403 not your escrow (view).
    pub const NO_ACCESS_VIEW: &str = "You do not have access to this escrow. You can only view escrows where you are the seller or buyer.";
    /// 403 not your escrow (sessions).
    pub const NO_ACCESS_SESSION: &str = "You do not have access to this escrow.";
}

/// Shortcuts for the errors every escrow endpoint shares.
pub fn invalid_escrow_id() -> ApiError {
    ApiError::bare(400, "Invalid escrow ID")
}

/// 404 `{"error":"Escrow not found"}`.
pub fn escrow_not_found() -> ApiError {
    ApiError::bare(404, "Escrow not found")
}

/// 403 not associated (endpoint-page text).
pub fn not_associated() -> ApiError {
    ApiError::forbidden(text::NOT_ASSOCIATED)
}
