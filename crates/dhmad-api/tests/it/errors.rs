//! Every error body of the contract, served with its status, becomes the right `kind()`
//! with the server's fields kept.

use dhmad_api::{BusinessCode, ErrorKind, KycStatus};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client_for, fixture};

/// (fixture, status, expected kind, expected developer message)
const TABLE: &[(&str, u16, ErrorKind, &str)] = &[
    ("error_401_bare", 401, ErrorKind::InvalidKey, "Unauthorized"),
    (
        "error_401_missing_key",
        401,
        ErrorKind::InvalidKey,
        "Missing API key. Please include X-API-Key header.",
    ),
    (
        "error_401_invalid_key",
        401,
        ErrorKind::InvalidKey,
        "Invalid or expired API key",
    ),
    (
        "error_401_auth_page",
        401,
        ErrorKind::InvalidKey,
        "Invalid or missing API key",
    ),
    (
        "error_403_not_associated",
        403,
        ErrorKind::NotAssociated,
        "Developer account must be associated with a user account. Please associate your account in the developer dashboard.",
    ),
    (
        "error_403_not_associated_auth_page",
        403,
        ErrorKind::NotAssociated,
        "Developer account must be associated with a user account to use this endpoint. Please associate your account in the developer dashboard.",
    ),
    (
        "error_403_not_associated_errors_page",
        403,
        ErrorKind::NotAssociated,
        "Developer account must be associated with a user account to use this endpoint",
    ),
    (
        "error_403_not_associated_create",
        403,
        ErrorKind::NotAssociated,
        "Developer account must be associated with a user account to create escrows. Please associate your account in the developer dashboard.",
    ),
    (
        "error_403_not_associated_dev_fee",
        403,
        ErrorKind::NotAssociated,
        "Developer account must be associated with a user account to collect developer fees. Please associate your account in the developer dashboard.",
    ),
    (
        "error_403_not_your_escrow",
        403,
        ErrorKind::NoAccess,
        "You do not have access to this escrow. You can only view escrows where you are the seller or buyer.",
    ),
    (
        "error_403_session_escrow_access",
        403,
        ErrorKind::NoAccess,
        "You do not have access to this escrow.",
    ),
    (
        "error_403_session_access",
        403,
        ErrorKind::NoAccess,
        "You do not have access to this checkout session.",
    ),
    (
        "error_403_only_seller_deliver",
        403,
        ErrorKind::NoAccess,
        "Only the seller can mark an escrow as delivered",
    ),
    (
        "error_403_only_buyer_reject",
        403,
        ErrorKind::NoAccess,
        "Only the buyer can reject delivery for this escrow",
    ),
    (
        "error_403_email_domain",
        403,
        ErrorKind::NoAccess,
        "Verification is not allowed for this email domain.",
    ),
    (
        "error_404_errors_page",
        404,
        ErrorKind::NotFound,
        "Escrow not found",
    ),
    (
        "error_404_escrow",
        404,
        ErrorKind::NotFound,
        "Escrow not found",
    ),
    (
        "error_404_contract",
        404,
        ErrorKind::NotFound,
        "Contract not found for this escrow",
    ),
    (
        "error_404_session",
        404,
        ErrorKind::NotFound,
        "Checkout session not found",
    ),
    (
        "error_404_developer",
        404,
        ErrorKind::NotFound,
        "Developer not found",
    ),
    (
        "error_404_verification",
        404,
        ErrorKind::NotFound,
        "Verification not found",
    ),
    (
        "error_400_invalid_escrow_id",
        400,
        ErrorKind::Validation,
        "Invalid escrow ID",
    ),
    (
        "error_400_standard",
        400,
        ErrorKind::Validation,
        "Can only update escrows in pending status",
    ),
    (
        "error_400_no_valid_fields",
        400,
        ErrorKind::Validation,
        "No valid fields to update",
    ),
    (
        "error_400_details",
        400,
        ErrorKind::Validation,
        "Invalid request parameters",
    ),
    (
        "error_400_instant_seller_email",
        400,
        ErrorKind::Validation,
        "Instant mode is only available when you are the seller (omit sellerEmail). For escrows between two other parties, use mode: standard (with a contract) or mode: quick (no contract).",
    ),
    (
        "error_400_contract_terms_quick",
        400,
        ErrorKind::Validation,
        "Contract terms are not applicable for quick mode (no contract is created). Use mode: standard to include a contract.",
    ),
    (
        "error_400_developer_fee_self",
        400,
        ErrorKind::Validation,
        "Developer fee is not allowed when the seller is your associated user account. Use developerFeePercentage only when the seller is a third party (different from your associated account).",
    ),
    (
        "error_400_autosign_third_party",
        400,
        ErrorKind::Validation,
        "Auto-sign is only available when you are the seller (omit sellerEmail). When specifying a sellerEmail, the seller must sign the contract themselves.",
    ),
    (
        "error_400_deliver_not_paid",
        400,
        ErrorKind::Validation,
        "Escrow must be in paid status before delivery",
    ),
    (
        "error_400_reject_not_delivered",
        400,
        ErrorKind::Validation,
        "Escrow must be in delivered status to reject delivery",
    ),
    (
        "error_400_reject_dispute_open",
        400,
        ErrorKind::Validation,
        "Cannot reject delivery while a dispute is open",
    ),
    (
        "error_400_cancel_not_pending",
        400,
        ErrorKind::Validation,
        "Only pending escrows can be cancelled via API. For paid or delivered escrows, buyers use a request_cancellation checkout session; sellers use a cancel_escrow checkout session.",
    ),
    (
        "error_400_redirect_not_allowed",
        400,
        ErrorKind::Validation,
        "Redirect URL does not match any allowed redirect URLs configured in developer settings.",
    ),
    (
        "error_400_invalid_verification_id",
        400,
        ErrorKind::Validation,
        "Invalid verification ID",
    ),
    (
        "error_400_email_required",
        400,
        ErrorKind::Validation,
        "email query parameter is required",
    ),
    (
        "error_409_identity_conflict",
        409,
        ErrorKind::Conflict,
        "User already has approved KYC on DHMAD.",
    ),
    (
        "session_error_contract_already_signed",
        400,
        ErrorKind::Validation,
        "Cannot create checkout session: this signer has already signed the contract.",
    ),
    (
        "error_400_business_payment_done",
        400,
        ErrorKind::Validation,
        "Cannot create checkout session: payment has already been made for this escrow.",
    ),
    (
        "error_oauth_invalid_grant",
        400,
        ErrorKind::Validation,
        "Invalid or expired authorization code",
    ),
];

#[tokio::test]
async fn every_documented_error_body_is_classified_and_kept() {
    let server = MockServer::start().await;
    let client = client_for(&server);
    for (name, status, kind, message) in TABLE {
        server.reset().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(*status).set_body_string(fixture(name)))
            .mount(&server)
            .await;
        let err = client
            .escrows()
            .get(&"507f1f77bcf86cd799439011".into())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), *kind, "{name}");
        assert_eq!(err.status(), Some(*status), "{name}");
        assert_eq!(err.message(), *message, "{name}");
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            1,
            "{name}: not retried"
        );
    }
}

#[test]
fn shapes_keep_their_specific_fields() {
    use dhmad_api::ServerError;
    let e = ServerError::parse(400, fixture("error_400_details").as_bytes(), None);
    assert_eq!(e.error.as_deref(), Some("Bad Request"));
    assert_eq!(e.details["amount"], "Amount must be a positive number");

    let e = ServerError::parse(
        400,
        fixture("session_error_contract_already_signed").as_bytes(),
        None,
    );
    assert_eq!(e.code, Some(BusinessCode::ContractAlreadySigned));
    assert_eq!(e.error_type.as_deref(), Some("business_rule_violation"));
    assert_eq!(
        e.user_message.as_deref(),
        Some("This contract has already been signed.")
    );

    let e = ServerError::parse(409, fixture("error_409_identity_conflict").as_bytes(), None);
    assert_eq!(e.kyc_status, Some(KycStatus::Approved));
    assert_eq!(e.user_exists, Some(true));

    let e = ServerError::parse(429, fixture("error_429_retry_after").as_bytes(), None);
    assert_eq!(e.retry_after, Some(3600));
    assert!(matches!(e.kind(), ErrorKind::RateLimited { reset: None }));

    let e = ServerError::parse(400, fixture("error_oauth_invalid_grant").as_bytes(), None);
    assert_eq!(e.error.as_deref(), Some("invalid_grant"));
    assert_eq!(
        e.message.as_deref(),
        Some("Invalid or expired authorization code")
    );

    // 409 PROOF_NOT_ACCEPTED has no documented body: a bare code string is recognised.
    let e = ServerError::parse(409, br#"{"error":"PROOF_NOT_ACCEPTED"}"#, None);
    assert_eq!(e.code, Some(BusinessCode::ProofNotAccepted));
    assert_eq!(e.kind(), ErrorKind::Conflict);

    // A new code decodes as Unknown; an HTML body from a proxy is kept as the message.
    let e = ServerError::parse(400, br#"{"error":{"code":"NEW_RULE","message":"m"}}"#, None);
    assert_eq!(e.code, Some(BusinessCode::Unknown("NEW_RULE".into())));
    let e = ServerError::parse(502, b"<html>Bad gateway</html>", None);
    assert_eq!(e.message.as_deref(), Some("<html>Bad gateway</html>"));
}

#[tokio::test]
async fn business_rule_error_gives_the_user_message() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400).set_body_string(fixture("error_400_business_payment_done")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let req = dhmad_api::CreateSession::new(
        dhmad_api::SessionAction::AcceptPay,
        "buyer@example.com",
        "https://shop.tn/done",
    );
    let err = client_for(&server)
        .sessions()
        .create(&"e1".into(), &req)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(&BusinessCode::PaymentAlreadyDone));
    assert_eq!(
        err.user_message(),
        Some("Payment has already been completed for this transaction.")
    );
    assert_eq!(err.kind(), ErrorKind::Validation);
}

#[tokio::test]
async fn undecodable_success_body_is_a_decode_error_with_a_snippet() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(format!("{{\"balance\": \"{}", "x".repeat(500))),
        )
        .mount(&server)
        .await;
    let err = client_for(&server).balance().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let dhmad_api::ApiError::Decode {
        snippet, status, ..
    } = err
    else {
        panic!()
    };
    assert_eq!(status, 200);
    assert_eq!(snippet.chars().count(), 200);
}
