//! Every example JSON of the contract decodes into its type, with meaningful values.

use dhmad_api::*;
use serde::de::DeserializeOwned;

use crate::fixture;

fn decode<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn tnd(text: &str) -> Option<Money> {
    Some(Money::from_tnd_str(text).unwrap())
}

/// The envelopes the client unwraps, spelled out for the tests.
#[derive(serde::Deserialize)]
struct EscrowEnv {
    escrow: Escrow,
}
#[derive(serde::Deserialize)]
struct BalanceEnv {
    balance: Balance,
}
#[derive(serde::Deserialize)]
struct ProofEnv {
    proof: Proof,
}
#[derive(serde::Deserialize)]
struct ContractEnv {
    contract: Contract,
}
#[derive(serde::Deserialize)]
struct SessionEnv {
    session: CheckoutSession,
}
#[derive(serde::Deserialize)]
struct VerificationsEnv {
    verifications: Vec<IdentityVerification>,
}

#[test]
fn me() {
    let me: Me = decode("me");
    assert_eq!(me.api_key.environment, Some(ApiKeyEnvironment::Live));
    assert_eq!(me.api_key.rate_limit, Some(100));
    assert_eq!(me.api_key.expires_at, None);
    assert_eq!(me.api_key.metadata["appName"], "My Application");
    assert_eq!(me.developer.id.as_str(), "507f1f77bcf86cd799439012");
    assert_eq!(me.developer.company_name.as_deref(), Some("Example Corp"));
}

#[test]
fn balances() {
    let b = decode::<BalanceEnv>("balance").balance;
    assert_eq!(b.available.millimes(), 1_500_500);
    assert_eq!(b.pending.millimes(), 200_000);
    assert_eq!(b.escrow.millimes(), 500_250);
    let fresh = decode::<BalanceEnv>("balance_fresh_sandbox").balance;
    assert_eq!(fresh.available, Money::ZERO);
}

#[test]
fn escrow_create_page_example() {
    let c: CreatedEscrow = decode("escrow_create");
    assert_eq!(c.escrow.id.as_str(), "507f1f77bcf86cd799439011");
    assert_eq!(c.escrow.amount, tnd("500"));
    assert_eq!(c.escrow.developer_fee, tnd("25"));
    assert_eq!(
        c.escrow.developer_fee_percentage,
        Some(Percentage::from_int(5))
    );
    assert_eq!(c.escrow.currency, Some(Currency::Tnd));
    assert_eq!(c.escrow.mode, Some(EscrowMode::Standard));
    assert_eq!(c.escrow.seller, None);
    assert_eq!(c.escrow.buyer, None);
    assert_eq!(
        c.escrow.created_at.unwrap().to_rfc3339(),
        "2024-01-15T10:00:00+00:00"
    );
    let contract = c.contract.unwrap();
    assert_eq!(contract.id.as_str(), "507f1f77bcf86cd799439012");
    assert_eq!(contract.pdf_url, None);
    assert_eq!(contract.is_fully_signed, Some(false));
    assert_eq!(c.url, None);
}

#[test]
fn escrow_create_quickstart_variant() {
    let c: CreatedEscrow = decode("escrow_create_quickstart");
    assert_eq!(
        c.escrow.seller,
        Some(Party::Id(UserId::new("507f1f77bcf86cd799439013")))
    );
    assert_eq!(c.escrow.seller_email, None);
    assert_eq!(c.tracking_id, Some(c.escrow.id.clone()));
    assert_eq!(
        c.url.as_deref(),
        Some("https://dhmad.tn/dashboard/escrow/507f1f77bcf86cd799439011")
    );
    assert_eq!(c.contract.unwrap().seller_signed, Some(true));
}

#[test]
fn escrow_list() {
    let page: EscrowPage = decode("escrow_list");
    assert!(page.unreadable.is_empty());
    assert_eq!(
        page.pagination,
        Pagination {
            page: Some(1),
            limit: Some(20),
            total: Some(45),
            pages: Some(3)
        }
    );
    let e = &page.escrows[0];
    assert_eq!(e.amount.unwrap().millimes(), 1_000_000, "1000.00 TND");
    assert_eq!(e.escrow_fee, tnd("50"));
    assert_eq!(e.status, Some(EscrowStatus::Pending));
    let seller = e.seller.as_ref().unwrap();
    assert_eq!(seller.id().unwrap().as_str(), "507f1f77bcf86cd799439013");
    assert_eq!(seller.email(), Some("seller@example.com"));
    assert_eq!(e.buyer, None);
    assert_eq!(e.paid_at, None);
}

#[test]
fn escrow_get_with_id_and_underscore_id() {
    let e = decode::<EscrowEnv>("escrow_get").escrow;
    assert_eq!(e.id.as_str(), "507f1f77bcf86cd799439011");
    assert_eq!(e.status, Some(EscrowStatus::Paid));
    match e.buyer.as_ref().unwrap() {
        Party::User(u) => assert_eq!(u.first_name.as_deref(), Some("Jane")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        e.dispute_ticket.as_ref().unwrap().ticket_number.as_deref(),
        Some("DHM-00042")
    );
    assert_eq!(
        e.dispute_ticket_id.as_ref().unwrap().as_str(),
        "65f1a2b3c4d5e6f7a8b9c0d1"
    );
    let sig = e.signatures.unwrap();
    assert!(sig.is_fully_signed && sig.seller_signed && sig.buyer_signed);
    assert_eq!(e.created_via_third_party, Some(true));
}

#[test]
fn escrow_with_only_underscore_id_and_unknown_values() {
    let json = r#"{"escrow":{"_id":"abc","status":"on_hold","mode":"charge","amount":"12.345","newField":{"x":1},
        "createdAt":"2024-01-15T10:00:00.000Z","updatedAt":"2024-01-15T10:00:00Z"}}"#;
    let e = serde_json::from_str::<EscrowEnv>(json).unwrap().escrow;
    assert_eq!(e.id.as_str(), "abc");
    assert_eq!(e.status, Some(EscrowStatus::Unknown("on_hold".into())));
    assert_eq!(e.mode, Some(EscrowMode::Unknown("charge".into())));
    assert_eq!(e.amount.unwrap().millimes(), 12_345);
    assert_eq!(e.created_at, e.updated_at, "with and without milliseconds");
    assert!(serde_json::from_str::<EscrowEnv>(r#"{"escrow":{"title":"no id"}}"#).is_err());
}

#[test]
fn escrow_proof() {
    let p = decode::<ProofEnv>("escrow_proof").proof;
    assert_eq!(p.phase, Some(ProofPhase::SubmittedWaitingBuyerReview));
    assert_eq!(p.submission_count, Some(1));
    let sub = &p.submissions.as_ref().unwrap()[0];
    assert_eq!(sub.note.as_deref(), Some("Receipt from Apple Store"));
    assert_eq!(sub.attachments[0].mime_type.as_deref(), Some("image/jpeg"));
    let hint = &p.checkout_actions.unwrap()[0];
    assert_eq!(hint.action, SessionAction::ReviewProof);
    assert_eq!(hint.target_user_email.as_deref(), Some("buyer@example.com"));
}

#[test]
fn escrow_contract() {
    let c = decode::<ContractEnv>("escrow_contract").contract;
    assert_eq!(c.escrow.unwrap().as_str(), "507f1f77bcf86cd799439011");
    assert_eq!(c.language, Some(ContractLanguage::En));
    assert_eq!(c.is_fully_signed, Some(true));
    assert!(c.buyer_signature.unwrap().signed_at.is_some());
    let v = &c.pdf_versions.unwrap()[0];
    assert_eq!(v.version_type.as_deref(), Some("fully-signed"));
}

#[test]
fn escrow_changes() {
    let u: EscrowChange = decode("escrow_update");
    assert_eq!(u.escrow.amount, tnd("1500"));
    assert_eq!(u.escrow.escrow_fee, tnd("75"));
    assert_eq!(u.escrow.estimated_delivery_days, Some(14));
    assert_eq!(u.message.as_deref(), Some("Escrow updated successfully"));

    let d: EscrowChange = decode("escrow_deliver");
    assert_eq!(d.escrow.status, Some(EscrowStatus::Delivered));
    assert!(d.escrow.completion_deadline.unwrap() > d.escrow.delivered_at.unwrap());

    let i: EscrowChange = decode("escrow_deliver_instant");
    assert_eq!(i.escrow.status, Some(EscrowStatus::Completed));
    assert!(i.escrow.completed_at.is_some());

    let r: EscrowChange = decode("escrow_reject_delivery");
    assert_eq!(r.escrow.status, Some(EscrowStatus::Paid));
    assert_eq!(r.escrow.delivered_at, None);
    let rej = &r.escrow.delivery_rejections.unwrap()[0];
    assert_eq!(
        rej.reason.as_deref(),
        Some("One item was missing from the shipment.")
    );

    let c: EscrowChange = decode("escrow_cancel");
    assert_eq!(c.escrow.status, Some(EscrowStatus::Cancelled));
    assert!(c.escrow.cancelled_at.is_some());
}

#[test]
fn sessions() {
    let s: CreatedSession = decode("session_create");
    assert_eq!(
        s.session_id.as_str(),
        "550e8400-e29b-41d4-a716-446655440000"
    );
    assert!(s.url.ends_with(s.session_id.as_str()));
    let g = decode::<SessionEnv>("session_get").session;
    assert_eq!(g.action, Some(SessionAction::SignContract));
    assert_eq!(g.status, Some(SessionStatus::Completed));
    assert_eq!(g.metadata["order_id"], "ord_123");
    assert_eq!(g.escrow_id.unwrap().as_str(), "507f1f77bcf86cd799439011");
}

#[test]
fn identity_verifications() {
    let c: IdentityVerification = decode("identity_create");
    assert_eq!(c.kyc_status, Some(KycStatus::Pending));
    assert_eq!(c.claim_status, Some(ClaimStatus::Pending));
    assert_eq!(c.linked_user_id, None);
    assert_eq!(c.verification_email_sent, Some(true));
    assert_eq!(
        c.message.as_deref(),
        Some("A verification email has been sent to the user.")
    );
    let g: IdentityVerification = decode("identity_get");
    assert_eq!(g.kyc_status, Some(KycStatus::Approved));
    assert_eq!(g.message, None);
    let l = decode::<VerificationsEnv>("identity_list").verifications;
    assert_eq!(l[0].claim_status, Some(ClaimStatus::Linked));
    assert_eq!(
        l[0].linked_user_id.as_ref().unwrap().as_str(),
        "6655user1234567890abcdef"
    );
}

#[test]
fn webhook_payloads() {
    let e: WebhookEvent = decode("webhook_escrow_status_updated");
    assert_eq!(e.event_type, WebhookEventType::EscrowStatusUpdated);
    let WebhookData::EscrowStatusUpdated { escrow } = e.data else {
        panic!("{:?}", e.data)
    };
    assert_eq!(escrow.old_status, Some(EscrowStatus::Pending));
    assert_eq!(escrow.status, Some(EscrowStatus::Paid));
    assert_eq!(escrow.amount, tnd("1000"));

    let e: WebhookEvent = decode("webhook_contract_signed");
    let WebhookData::ContractSigned { contract, escrow } = e.data else {
        panic!()
    };
    assert_eq!(contract.signed_by.as_deref(), Some("seller"));
    assert_eq!(contract.escrow_id, Some(escrow.id));
    assert_eq!(contract.buyer_signature, None);

    let e: WebhookEvent = decode("webhook_cancellation_requested");
    let WebhookData::Cancellation {
        cancellation_request,
        escrow,
    } = e.data
    else {
        panic!()
    };
    assert_eq!(
        cancellation_request.status,
        Some(CancellationStatus::Pending)
    );
    assert_eq!(
        cancellation_request
            .requested_by
            .unwrap()
            .id()
            .unwrap()
            .as_str(),
        "507f1f77bcf86cd799439014"
    );
    assert_eq!(escrow.status, Some(EscrowStatus::Delivered));

    let e: WebhookEvent = decode("webhook_delivery_rejected");
    let WebhookData::DeliveryRejected {
        escrow,
        delivery_rejection,
    } = e.data
    else {
        panic!()
    };
    assert_eq!(escrow.old_status, Some(EscrowStatus::Delivered));
    assert_eq!(escrow.amount_tnd, tnd("1000"));
    assert_eq!(
        delivery_rejection.rejected_by.unwrap().as_str(),
        "507f1f77bcf86cd799439014"
    );

    let e: WebhookEvent = decode("webhook_deposit_proof_rejected");
    let WebhookData::DepositProofRejected {
        escrow,
        deposit_proof,
    } = e.data
    else {
        panic!()
    };
    assert_eq!(escrow.escrow_fee, Some(Money::ZERO));
    assert_eq!(deposit_proof.amount, tnd("50"));
    assert_eq!(deposit_proof.method.as_deref(), Some("flouci"));

    let e: WebhookEvent = decode("webhook_proof_submitted");
    assert_eq!(e.timestamp.to_rfc3339(), "2026-06-19T14:00:00+00:00");
    let WebhookData::Proof { escrow, proof } = e.data else {
        panic!()
    };
    assert_eq!(escrow.mode, Some(EscrowMode::Quick));
    assert_eq!(proof.phase, Some(ProofPhase::SubmittedWaitingBuyerReview));

    let e: WebhookEvent = decode("webhook_escrow_updated");
    let WebhookData::EscrowUpdated {
        updated_fields,
        escrow,
        contract,
    } = e.data
    else {
        panic!()
    };
    assert_eq!(updated_fields, ["amount", "estimatedDeliveryDays"]);
    assert_eq!(escrow.amount, tnd("1200"));
    assert_eq!(contract.unwrap().language, Some(ContractLanguage::Fr));

    let e: WebhookEvent = decode("webhook_identity_updated");
    let WebhookData::Identity(v) = e.data else {
        panic!()
    };
    assert_eq!(v.previous_kyc_status, Some(KycStatus::Pending));
    assert_eq!(v.status_source.as_deref(), Some("didit"));

    let e: WebhookEvent = decode("webhook_identity_linked");
    assert_eq!(e.event_type, WebhookEventType::IdentityVerificationLinked);
    let WebhookData::Identity(v) = e.data else {
        panic!()
    };
    assert!(v.linked_at.is_some());
}

#[test]
fn unknown_webhook_type_is_kept() {
    let json =
        r#"{"id":"x","type":"escrow.completed","timestamp":"2024-01-15T10:30:00Z","data":{"a":1}}"#;
    let e: WebhookEvent = serde_json::from_str(json).unwrap();
    assert_eq!(
        e.event_type,
        WebhookEventType::Unknown("escrow.completed".into())
    );
    assert_eq!(e.data, WebhookData::Unknown(serde_json::json!({"a": 1})));
}
