//! Typed async client of the DHMAD escrow REST API (v1).
//!
//! DHMAD (<https://dhmad.tn>) is a Tunisian escrow payment service. This crate covers the 16
//! public `/api/v1` endpoints — `GET /me`, `GET /balance`, escrows (create, list, get, proof,
//! contract, update, deliver, reject delivery, cancel), checkout sessions (create, get) and
//! identity verifications (create, get, list by e-mail) — plus webhook signature checks.
//!
//! ```no_run
//! # async fn run() -> Result<(), dhmad_api::ApiError> {
//! use dhmad_api::{Client, CreateEscrow, EscrowMode, Money};
//!
//! // The key's prefix picks the environment: sk_live_ → https://dhmad.tn/api/v1,
//! // sk_sandbox_ → https://sandbox.dhmad.tn/api/v1 (override with `.base_url(..)`).
//! let client = Client::builder(std::env::var("DHMAD_API_KEY").unwrap_or_default()).build()?;
//! let mut sale = CreateEscrow::new("Counter sale", Money::from_tnd_str("12.345").unwrap(), "buyer@example.com");
//! sale.mode = Some(EscrowMode::Instant);
//! let created = client.escrows().create(&sale).await?;
//! println!("{}", created.escrow.id);
//! # Ok(()) }
//! ```
//!
//! What the client guarantees:
//! - **Keys** are checked (`sk_live_`/`sk_sandbox_` + 64 hex) before any request and never
//!   printed ([`ApiKey`] shows `<redacted>`; the auth header is marked sensitive).
//! - **Money** is integer millimes ([`Money`]), converted exactly from and to JSON numbers or
//!   decimal strings; more than 3 decimals or beyond ±10¹² millimes is refused, never rounded.
//! - **Tolerant reader** (contract §1.4): the `{"data": …}` envelope or the named keys, `null`
//!   wherever a value is optional or has a default (a required null is an error naming the
//!   field), `id`/`_id`/both on every object, timestamps with `Z` or an offset. A list record that
//!   cannot be read is returned apart ([`UnreadableRecord`]), never dropped; lists are read until
//!   a short page whatever `pages`/`total` say ([`PageGuard`]).
//! - **Forward compatible**: unknown fields are ignored, unknown enum values decode into
//!   `Unknown(String)`, `seller`/`buyer` accept null, an id or a user object.
//! - **Requests are validated** with the API's own rules before sending
//!   ([`ApiError::Validation`] lists every field problem).
//! - **Rate limit**: one budget per client (shared by clones), 100 requests/minute by default,
//!   corrected by `X-RateLimit-*`; a 429 waits for `X-RateLimit-Reset` (bounded) and retries.
//! - **Retries**: reads retry on 5xx and network errors with backoff and jitter. A write
//!   (POST/PUT) that may have reached the server is **never re-sent**: it fails with
//!   [`ApiError::OutcomeUnknown`] so you can reconcile (DHMAD has no idempotency key). A write
//!   is re-sent only when the connection could not be established (nothing was sent) or on 429
//!   (the server refused it).
//! - **Errors**: every error shape of the API becomes one [`ApiError`]; [`ApiError::kind`]
//!   classifies it, [`ApiError::user_message`] gives the server's end-user text.
//! - **Tracing**: one `dhmad_request` span per call with method, path, status, duration_ms
//!   and retries; never the key, the query string or bodies.

mod account;
mod balance;
mod client;
mod connect_trace;
mod decode;
mod enums;
mod error;
pub mod escrows;
mod identity;
mod ids;
mod key;
mod money;
mod origin;
mod rate_limit;
mod retry;
mod server_seen;
mod sessions;
pub mod transport;
#[cfg(feature = "ts")]
mod ts;
mod validation;
pub mod webhook;

pub use account::{ApiKeyInfo, DeveloperInfo, Me};
pub use balance::Balance;
pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use decode::UnreadableRecord;
pub use enums::*;
pub use error::{ApiError, ErrorKind, ServerError};
pub use escrows::{
    AllEscrows, CancellationRequest, CheckoutActionHint, Contract, ContractSignature, CreateEscrow,
    CreatedEscrow, DeliveryRejection, DepositProof, DisputeTicket, Escrow, EscrowChange,
    EscrowPage, Escrows, FulfillmentPolicy, ListEscrows, ListSummary, Listed, PageGuard,
    Pagination, Party, PdfVersion, Proof, ProofAttachment, ProofSubmission, Signatures,
    UpdateEscrow, UserRef,
};
pub use identity::{CreateVerification, Identity, IdentityVerification, VerificationList};
pub use ids::*;
pub use key::{ApiKey, AuthScheme, Environment};
pub use money::{MAX_ABS_MILLIMES, Money, MoneyError, Percentage};
pub use origin::{LIVE_ORIGIN, is_loopback};
pub use rate_limit::{
    MAX_BELIEVED_RESET, MAX_TRUSTED_LIMIT, Priority, RateLimitConfig, RateLimitState,
};
pub use retry::RetryConfig;
#[doc(hidden)]
pub use serde as __serde;
pub use server_seen::{ServerDate, ServerSeen};
pub use sessions::{CheckoutSession, CreateSession, CreatedSession, Sessions};
pub use transport::DEFAULT_MAX_RESPONSE_BYTES;
#[cfg(feature = "ts")]
#[doc(hidden)]
pub use ts::__ts_rs;
#[cfg(feature = "ts")]
pub use ts::UnknownValue;
pub use validation::{FieldError, ValidationErrors, redirect_url_problem};
pub use webhook::{WebhookData, WebhookEvent};

/// Re-exported so callers can name amounts without adding the crate.
pub use rust_decimal::Decimal;
/// Re-exported for [`ClientBuilder::base_url`].
pub use url::Url;
