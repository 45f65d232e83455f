//! Server enums. Each has an `Unknown(String)` arm so a value added by a newer API (a `disputed`
//! status, a new mode or error code) decodes instead of failing; it serializes back unchanged.
//! With the `ts` feature each also has its TypeScript (see [`crate::string_enum_ts`]).

/// Declares an open string enum: the known values as variants, any other text kept verbatim in
/// `Unknown(String)`, with its serde/Display/FromStr impls (and its TypeScript with the `ts`
/// feature). Exported so a program keeping these values (merchant-core's book) declares its own
/// open enums the same way.
#[macro_export]
macro_rules! string_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this client does not know yet (kept verbatim).
            Unknown(String),
        }

        impl $name {
            /// Every known value, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant,)+];

            /// The wire text.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown(s) => s,
                }
            }

            /// Parses wire text; unknown text becomes `Unknown`.
            pub fn parse(s: &str) -> Self {
                match s {
                    $($text => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                }
            }

            /// True for the `Unknown` arm.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::parse(s))
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as $crate::__serde::Deserialize>::deserialize(d)?;
                Ok($name::parse(&text))
            }
        }

        $crate::__string_enum_ts!($name, [$($doc),*], [$($text),+]);
    };
}

// The TypeScript impl, or nothing, as dhmad-api is built: a `#[cfg(feature = "ts")]` inside
// `string_enum!` would test the feature of the crate that calls it, not dhmad-api's.
#[cfg(feature = "ts")]
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_ts {
    ($($args:tt)*) => {
        $crate::string_enum_ts!($($args)*);
    };
}

#[cfg(not(feature = "ts"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_ts {
    ($($args:tt)*) => {};
}

string_enum! {
    /// `escrow.status`.
    EscrowStatus {
        /// Created, awaiting payment.
        Pending = "pending",
        /// Funds locked, awaiting delivery.
        Paid = "paid",
        /// Awaiting buyer confirmation.
        Delivered = "delivered",
        /// Funds released to the seller.
        Completed = "completed",
        /// Terminal; refunded if paid.
        Cancelled = "cancelled",
        /// Listed by the get-escrow page only (contract §9.5).
        Disputed = "disputed",
    }
}

impl EscrowStatus {
    /// Completed and cancelled escrows never change again.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Completed | Self::Cancelled)
    }
}

string_enum! {
    /// `escrow.mode`.
    EscrowMode {
        /// With a contract signed by both parties.
        Standard = "standard",
        /// No contract.
        Quick = "quick",
        /// You are the seller; deliver completes immediately.
        Instant = "instant",
    }
}

string_enum! {
    /// Face currency of an escrow.
    Currency {
        /// Tunisian dinar (3 decimals).
        Tnd = "TND",
        /// US dollar.
        Usd = "USD",
        /// Euro.
        Eur = "EUR",
    }
}

string_enum! {
    /// Checkout session `action`.
    SessionAction {
        /// Sign the contract (standard).
        SignContract = "sign_contract",
        /// Accept and pay (buyer).
        AcceptPay = "accept_pay",
        /// Confirm delivery, release funds (buyer).
        Complete = "complete",
        /// Open a dispute.
        Dispute = "dispute",
        /// Buyer asks to cancel a paid/delivered escrow.
        RequestCancellation = "request_cancellation",
        /// Seller rejects the buyer's cancellation request.
        RejectCancellation = "reject_cancellation",
        /// Seller accepts the buyer's cancellation request.
        AcceptCancellation = "accept_cancellation",
        /// Seller cancels a paid/delivered escrow immediately.
        CancelEscrow = "cancel_escrow",
        /// Seller uploads purchase proof (quick with proof).
        SubmitProof = "submit_proof",
        /// Buyer reviews purchase proof (quick with proof).
        ReviewProof = "review_proof",
    }
}

string_enum! {
    /// Checkout session `status`.
    SessionStatus {
        /// Not finished yet.
        Pending = "pending",
        /// Done by the target user.
        Completed = "completed",
        /// 30 minutes passed.
        Expired = "expired",
        /// Abandoned or cancelled.
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// Quick-escrow-with-proof `phase`.
    ProofPhase {
        /// Seller must upload proof.
        WaitingSellerProof = "waiting_seller_proof",
        /// Buyer must review.
        SubmittedWaitingBuyerReview = "submitted_waiting_buyer_review",
        /// Buyer asked for better proof.
        CorrectionRequested = "correction_requested",
        /// Buyer accepted.
        Accepted = "accepted",
        /// Buyer stayed silent until the review deadline.
        AcceptedByTimeout = "accepted_by_timeout",
        /// Seller never uploaded.
        ExpiredNoProof = "expired_no_proof",
        /// Escalated to DHMAD staff.
        NeedsDhmadReview = "needs_dhmad_review",
        /// DHMAD rejected the proof.
        Rejected = "rejected",
    }
}

string_enum! {
    /// Identity verification `kyc_status`.
    KycStatus {
        /// Not decided.
        Pending = "pending",
        /// Verified.
        Approved = "approved",
        /// Refused.
        Rejected = "rejected",
    }
}

string_enum! {
    /// Identity verification `claim_status`.
    ClaimStatus {
        /// Not linked to an account yet.
        Pending = "pending",
        /// Attached to a registered user.
        Linked = "linked",
    }
}

string_enum! {
    /// `apiKey.environment` as reported by `GET /me`.
    ApiKeyEnvironment {
        /// Production.
        Live = "live",
        /// Sandbox.
        Sandbox = "sandbox",
    }
}

string_enum! {
    /// `role` filter of `GET /escrows`.
    Role {
        /// Escrows where your associated user sells.
        Seller = "seller",
        /// Escrows where your associated user buys.
        Buyer = "buyer",
    }
}

string_enum! {
    /// Contract `language`.
    ContractLanguage {
        /// English.
        En = "en",
        /// French.
        Fr = "fr",
        /// Arabic.
        Ar = "ar",
    }
}

string_enum! {
    /// `fulfillmentPolicy.type`.
    FulfillmentPolicyType {
        /// Quick Escrow with Proof.
        PurchaseProofRequired = "purchase_proof_required",
    }
}

string_enum! {
    /// Cancellation request `status`.
    CancellationStatus {
        /// Waiting for the seller.
        Pending = "pending",
        /// Seller accepted; refunded.
        Accepted = "accepted",
        /// Seller rejected.
        Rejected = "rejected",
    }
}

string_enum! {
    /// Business-rule error codes (contract §4.3) and the deliver-time `PROOF_NOT_ACCEPTED`.
    BusinessCode {
        /// No allowed redirect URLs configured.
        NoRedirectUrlsConfigured = "NO_REDIRECT_URLS_CONFIGURED",
        /// `redirectUrl` not in the allow-list.
        RedirectUrlNotAllowed = "REDIRECT_URL_NOT_ALLOWED",
        /// `redirectUrl` not HTTPS.
        RedirectUrlMustBeHttps = "REDIRECT_URL_MUST_BE_HTTPS",
        /// `sign_contract` on instant.
        InstantEscrowNoContract = "INSTANT_ESCROW_NO_CONTRACT",
        /// `complete` on instant.
        InstantEscrowNoCompleteStep = "INSTANT_ESCROW_NO_COMPLETE_STEP",
        /// `sign_contract` on quick.
        QuickEscrowNoContract = "QUICK_ESCROW_NO_CONTRACT",
        /// Target already signed.
        ContractAlreadySigned = "CONTRACT_ALREADY_SIGNED",
        /// Escrow already paid.
        PaymentAlreadyDone = "PAYMENT_ALREADY_DONE",
        /// Escrow already completed.
        EscrowAlreadyCompleted = "ESCROW_ALREADY_COMPLETED",
        /// A dispute is already open.
        DisputeAlreadyOpened = "DISPUTE_ALREADY_OPENED",
        /// Cancellation already requested or processed.
        CancellationAlreadyRequested = "CANCELLATION_ALREADY_REQUESTED",
        /// No pending cancellation request.
        NoPendingCancellation = "NO_PENDING_CANCELLATION",
        /// `request_cancellation` targeted at the seller.
        CancellationRequestBuyerOnly = "CANCELLATION_REQUEST_BUYER_ONLY",
        /// `cancel_escrow` targeted at the buyer.
        CancelEscrowSellerOnly = "CANCEL_ESCROW_SELLER_ONLY",
        /// Buyer-only action, target is not the buyer.
        CheckoutTargetNotBuyer = "CHECKOUT_TARGET_NOT_BUYER",
        /// Seller-only action, target is not the seller.
        CheckoutTargetNotSeller = "CHECKOUT_TARGET_NOT_SELLER",
        /// `request_cancellation` when not paid/delivered.
        CancellationRequestInvalidStatus = "CANCELLATION_REQUEST_INVALID_STATUS",
        /// `cancel_escrow` when not paid/delivered.
        CancelEscrowInvalidStatus = "CANCEL_ESCROW_INVALID_STATUS",
        /// 409 on deliver: purchase proof not accepted yet.
        ProofNotAccepted = "PROOF_NOT_ACCEPTED",
    }
}

string_enum! {
    /// Webhook event `type` (contract §6.5).
    WebhookEventType {
        /// Any status change.
        EscrowStatusUpdated = "escrow.status.updated",
        /// A contract signature.
        ContractSigned = "contract.signed",
        /// Buyer requested cancellation.
        CancellationRequested = "escrow.cancellation.requested",
        /// Seller rejected the request.
        CancellationRejected = "escrow.cancellation.rejected",
        /// Seller accepted the request.
        CancellationAccepted = "escrow.cancellation.accepted",
        /// Title/amount/delivery/terms changed.
        EscrowUpdated = "escrow.updated",
        /// Guest deposit proof rejected.
        DepositProofRejected = "escrow.deposit_proof.rejected",
        /// Buyer rejected delivery.
        DeliveryRejected = "escrow.delivery.rejected",
        /// Proof phase: seller must upload.
        ProofRequired = "escrow.proof.required",
        /// Proof phase: uploaded.
        ProofSubmitted = "escrow.proof.submitted",
        /// Proof phase: buyer asked for corrections.
        ProofCorrectionRequested = "escrow.proof.correction_requested",
        /// Proof phase: accepted.
        ProofAccepted = "escrow.proof.accepted",
        /// Proof phase: accepted by review timeout.
        ProofAcceptedByTimeout = "escrow.proof.accepted_by_timeout",
        /// Proof phase: escalated to DHMAD.
        ProofNeedsReview = "escrow.proof.needs_review",
        /// Proof phase: upload deadline passed.
        ProofExpired = "escrow.proof.expired",
        /// Pre-account KYC decided.
        IdentityVerificationUpdated = "identity.verification.updated",
        /// Pre-account KYC linked to a new account.
        IdentityVerificationLinked = "identity.verification.linked",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn unknown_values_round_trip() {
        let s: EscrowStatus = serde_json::from_str("\"on_hold\"").unwrap();
        assert_eq!(s, EscrowStatus::Unknown("on_hold".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"on_hold\"");
        let s: EscrowStatus = serde_json::from_str("\"disputed\"").unwrap();
        assert_eq!(s, EscrowStatus::Disputed);
        assert_eq!(
            EscrowMode::parse("charge"),
            EscrowMode::Unknown("charge".into())
        );
    }

    #[test]
    fn every_known_value_round_trips() {
        for v in BusinessCode::KNOWN {
            assert_eq!(&BusinessCode::parse(v.as_str()), v);
        }
        for v in WebhookEventType::KNOWN {
            assert_eq!(&WebhookEventType::parse(v.as_str()), v);
        }
    }
}
