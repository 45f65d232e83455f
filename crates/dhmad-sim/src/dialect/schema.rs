//! What each object of the API is made of, as far as the dialects need it: which keys hold
//! which nested objects, which keys are optional, which hold money. Only these known objects
//! are rewritten; free-form data (`metadata`) is never touched.

/// The objects of the contract's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Me,
    ApiKey,
    Developer,
    BalanceReply,
    Balance,
    Created,
    List,
    Pagination,
    EscrowReply,
    Escrow,
    User,
    ContractSummary,
    ContractReply,
    Contract,
    Signature,
    Signatures,
    DisputeTicket,
    DeliveryRejection,
    Cancellation,
    Policy,
    ProofInfo,
    ProofReply,
    Proof,
    Submission,
    Attachment,
    CheckoutAction,
    SessionCreated,
    SessionReply,
    Session,
    Verification,
    VerificationList,
}

/// One object's make-up.
#[derive(Debug)]
pub struct Shape {
    /// Keys holding a nested object (or a list of them) of the given kind.
    pub children: &'static [(&'static str, Kind)],
    /// Optional keys: `null` in the `nulls` dialect when absent or empty.
    pub optional: &'static [&'static str],
    /// Keys holding TND amounts.
    pub money: &'static [&'static str],
}

const NONE: Shape = Shape {
    children: &[],
    optional: &[],
    money: &[],
};

/// The make-up of `kind`.
pub fn shape(kind: Kind) -> Shape {
    use Kind as K;
    match kind {
        K::Me => Shape {
            children: &[("apiKey", K::ApiKey), ("developer", K::Developer)],
            ..NONE
        },
        K::ApiKey => Shape {
            optional: &["name", "lastUsedAt", "expiresAt", "metadata"],
            ..NONE
        },
        K::Developer => Shape {
            optional: &["companyName"],
            ..NONE
        },
        K::BalanceReply => Shape {
            children: &[("balance", K::Balance)],
            ..NONE
        },
        K::Balance => Shape {
            money: &["available", "pending", "escrow"],
            ..NONE
        },
        K::Created | K::EscrowReply => Shape {
            children: &[("escrow", K::Escrow), ("contract", K::ContractSummary)],
            ..NONE
        },
        K::List => Shape {
            children: &[("escrows", K::Escrow), ("pagination", K::Pagination)],
            ..NONE
        },
        K::Escrow => Shape {
            children: &[
                ("seller", K::User),
                ("buyer", K::User),
                ("signatures", K::Signatures),
                ("disputeTicket", K::DisputeTicket),
                ("deliveryRejections", K::DeliveryRejection),
                ("cancellationRequest", K::Cancellation),
                ("fulfillmentPolicy", K::Policy),
                ("proofInfo", K::ProofInfo),
            ],
            optional: &[
                "description",
                "seller",
                "sellerEmail",
                "buyer",
                "buyerEmail",
                "estimatedDeliveryDays",
                "expiresAt",
                "paidAt",
                "deliveredAt",
                "completionDeadline",
                "completedAt",
                "cancelledAt",
                "updatedAt",
                "createdByApplicationName",
                "disputeTicketId",
                "disputeTicket",
                "signatures",
                "deliveryRejections",
                "cancellationRequest",
                "fulfillmentPolicy",
                "proofInfo",
            ],
            money: &["amount", "amountTnd", "escrowFee", "developerFee"],
        },
        K::User => Shape {
            optional: &["email", "firstName", "lastName"],
            ..NONE
        },
        K::ContractSummary => Shape {
            optional: &["pdfUrl"],
            ..NONE
        },
        K::ContractReply => Shape {
            children: &[("contract", K::Contract)],
            ..NONE
        },
        K::Contract => Shape {
            children: &[
                ("sellerSignature", K::Signature),
                ("buyerSignature", K::Signature),
            ],
            optional: &["pdfUrl", "sellerSignature", "buyerSignature", "pdfVersions"],
            ..NONE
        },
        K::Signatures => Shape {
            optional: &["sellerSignedAt", "buyerSignedAt", "signedAt"],
            ..NONE
        },
        K::DisputeTicket => Shape {
            optional: &["subject", "previewReason"],
            ..NONE
        },
        K::DeliveryRejection => Shape {
            optional: &["reason", "previousDeliveredAt"],
            ..NONE
        },
        K::Cancellation => Shape {
            children: &[
                ("requestedBy", K::User),
                ("acceptedBy", K::User),
                ("rejectedBy", K::User),
            ],
            optional: &["reason", "acceptedBy", "rejectedBy"],
            ..NONE
        },
        K::Policy => Shape {
            optional: &[
                "proofUploadDeadlineHours",
                "buyerReviewDeadlineHours",
                "allowedProofTypes",
            ],
            ..NONE
        },
        K::ProofInfo => Shape {
            optional: &["phase", "uploadDeadline", "reviewDeadline"],
            ..NONE
        },
        K::ProofReply => Shape {
            children: &[("proof", K::Proof)],
            ..NONE
        },
        K::Proof => Shape {
            children: &[
                ("submissions", K::Submission),
                ("latestSubmission", K::Submission),
                ("checkoutActions", K::CheckoutAction),
            ],
            optional: &[
                "phase",
                "uploadDeadline",
                "reviewDeadline",
                "latestSubmission",
                "checkoutActions",
            ],
            ..NONE
        },
        K::Submission => Shape {
            children: &[("attachments", K::Attachment)],
            optional: &["note"],
            ..NONE
        },
        K::SessionReply => Shape {
            children: &[("session", K::Session)],
            ..NONE
        },
        K::Session => Shape {
            optional: &["metadata", "completedAt"],
            ..NONE
        },
        K::VerificationList => Shape {
            children: &[("verifications", K::Verification)],
            ..NONE
        },
        K::Verification => Shape {
            optional: &[
                "external_user_id",
                "didit_session_status",
                "linked_user_id",
                "linked_at",
                "expires_at",
                "verification_email_sent_at",
            ],
            ..NONE
        },
        K::Pagination | K::Signature | K::Attachment | K::CheckoutAction | K::SessionCreated => {
            NONE
        }
    }
}

/// The kind of a successful answer, from its route (paths below `/api/v1`).
pub fn root_for(method: &str, path: &str) -> Option<Kind> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let kind = match (method, parts.as_slice()) {
        ("GET", ["me"]) => Kind::Me,
        ("GET", ["balance"]) => Kind::BalanceReply,
        ("POST", ["escrows"]) => Kind::Created,
        ("GET", ["escrows"]) => Kind::List,
        ("GET" | "PUT", ["escrows", _]) => Kind::EscrowReply,
        ("GET", ["escrows", _, "proof"]) => Kind::ProofReply,
        ("GET", ["escrows", _, "contract"]) => Kind::ContractReply,
        ("POST", ["escrows", _, "deliver" | "reject-delivery" | "cancel"]) => Kind::EscrowReply,
        ("POST", ["escrows", _, "sessions"]) => Kind::SessionCreated,
        ("GET", ["sessions", _]) => Kind::SessionReply,
        ("POST", ["identity-verifications"]) | ("GET", ["identity-verifications", _]) => {
            Kind::Verification
        }
        ("GET", ["identity-verifications"]) => Kind::VerificationList,
        _ => return None,
    };
    Some(kind)
}
