//! Typed identifiers: a newtype per kind of id so an escrow id is never passed where a session id
//! is expected. They are opaque strings on the wire (`serde(transparent)`).

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps an id string.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            /// The id as sent by the API.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl $crate::decode::PickId for $name {
            type One = Self;
            fn pick(id: Option<Self>, underscore: Option<Self>, what: &str) -> Result<Self, String> {
                id.or(underscore)
                    .ok_or_else(|| format!("{what} without `id` or `_id`"))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )+};
}

id_type! {
    /// An escrow (24-hex ObjectId on the real API).
    EscrowId;
    /// A checkout session (UUID).
    SessionId;
    /// A contract of a standard escrow.
    ContractId;
    /// A DHMAD user.
    UserId;
    /// An identity verification (pre-account KYC) record.
    VerificationId;
    /// An API key record (from `GET /me`).
    ApiKeyId;
    /// A developer account.
    DeveloperId;
    /// A dispute ticket.
    DisputeTicketId;
    /// A guest deposit proof (instant mode).
    DepositProofId;
    /// A webhook event (UUID).
    EventId;
}
