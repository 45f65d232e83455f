//! Requests that break a documented rule are refused locally, listing every problem, and
//! nothing is sent.

use std::collections::BTreeMap;

use dhmad_api::*;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client_for, fixture};

fn standard() -> CreateEscrow {
    let mut req = CreateEscrow::new(
        "Website",
        Money::from_tnd(100).unwrap(),
        "buyer@example.com",
    );
    req.estimated_delivery_days = Some(7);
    req.contract_terms = Some("Deliver a website.".into());
    req
}

fn with_mode(mode: EscrowMode) -> CreateEscrow {
    let mut req = standard();
    req.mode = Some(mode);
    req.contract_terms = None;
    req
}

fn money(text: &str) -> Money {
    Money::from_tnd_str(text).unwrap()
}

/// (case, request, field that must be reported)
fn bad_creates() -> Vec<(&'static str, CreateEscrow, &'static str)> {
    let mut cases = Vec::new();
    let mut r = standard();
    r.title = String::new();
    cases.push(("empty title", r, "title"));
    let mut r = standard();
    r.title = "x".repeat(201);
    cases.push(("title of 201 chars", r, "title"));
    let mut r = standard();
    r.amount = Money::ZERO;
    cases.push(("zero amount", r, "amount"));
    let mut r = standard();
    r.amount = money("4.999");
    cases.push(("standard under 5 TND", r, "amount"));
    let mut r = with_mode(EscrowMode::Quick);
    r.amount = money("4.999");
    cases.push(("quick under 5 TND", r, "amount"));
    let mut r = with_mode(EscrowMode::Instant);
    r.amount = money("0.009");
    cases.push(("instant under 0.01 TND", r, "amount"));
    let mut r = standard();
    r.contract_terms = None;
    cases.push(("standard without terms", r, "contractTerms"));
    let mut r = standard();
    r.contract_terms = Some("t".repeat(10_001));
    cases.push(("terms of 10,001 chars", r, "contractTerms"));
    let mut r = with_mode(EscrowMode::Quick);
    r.contract_terms = Some("terms".into());
    cases.push(("terms on quick", r, "contractTerms"));
    let mut r = with_mode(EscrowMode::Instant);
    r.contract_terms = Some("terms".into());
    cases.push(("terms on instant", r, "contractTerms"));
    let mut r = standard();
    r.estimated_delivery_days = None;
    cases.push(("standard without delivery days", r, "estimatedDeliveryDays"));
    let mut r = with_mode(EscrowMode::Quick);
    r.estimated_delivery_days = Some(0);
    cases.push(("zero delivery days", r, "estimatedDeliveryDays"));
    let mut r = with_mode(EscrowMode::Instant);
    r.seller_email = Some("seller@example.com".into());
    cases.push(("seller e-mail on instant", r, "sellerEmail"));
    let mut r = standard();
    r.seller_email = Some("seller@example.com".into());
    r.auto_sign = Some(true);
    cases.push(("auto-sign with a seller e-mail", r, "autoSign"));
    let mut r = with_mode(EscrowMode::Quick);
    r.auto_sign = Some(true);
    cases.push(("auto-sign on quick", r, "autoSign"));
    let mut r = standard();
    r.seller_email = Some("seller@example.com".into());
    r.developer_fee_percentage = Some("25.5".parse().unwrap());
    cases.push(("developer fee over 25", r, "developerFeePercentage"));
    let mut r = standard();
    r.seller_email = Some("seller@example.com".into());
    r.developer_fee_percentage = Some("-1".parse().unwrap());
    cases.push(("negative developer fee", r, "developerFeePercentage"));
    let mut r = standard();
    r.developer_fee_percentage = Some(Percentage::from_int(5));
    cases.push((
        "developer fee when you are the seller",
        r,
        "developerFeePercentage",
    ));
    let mut r = standard();
    r.fulfillment_policy = Some(FulfillmentPolicy::purchase_proof());
    cases.push(("proof policy on standard", r, "fulfillmentPolicy"));
    let mut r = with_mode(EscrowMode::Quick);
    r.fulfillment_policy = Some(FulfillmentPolicy {
        proof_upload_deadline_hours: Some(5),
        ..FulfillmentPolicy::purchase_proof()
    });
    cases.push((
        "upload hours under 6",
        r,
        "fulfillmentPolicy.proofUploadDeadlineHours",
    ));
    let mut r = with_mode(EscrowMode::Quick);
    r.fulfillment_policy = Some(FulfillmentPolicy {
        buyer_review_deadline_hours: Some(73),
        ..FulfillmentPolicy::purchase_proof()
    });
    cases.push((
        "review hours over 72",
        r,
        "fulfillmentPolicy.buyerReviewDeadlineHours",
    ));
    let mut r = with_mode(EscrowMode::Quick);
    r.fulfillment_policy = Some(FulfillmentPolicy {
        policy_type: FulfillmentPolicyType::Unknown("x".into()),
        ..FulfillmentPolicy::purchase_proof()
    });
    cases.push(("unknown policy type", r, "fulfillmentPolicy.type"));
    let mut r = standard();
    r.buyer_email = "not-an-email".into();
    cases.push(("bad buyer e-mail", r, "buyerEmail"));
    cases
}

#[tokio::test]
async fn every_out_of_range_create_field_is_refused_without_a_request() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(&server);
    for (case, request, field) in bad_creates() {
        let err = client.escrows().create(&request).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{case}");
        let ApiError::Validation(problems) = &err else {
            panic!("{case}: {err:?}")
        };
        assert!(
            problems.get(field).is_some(),
            "{case}: expected {field}, got {problems}"
        );
        assert!(err.details().contains_key(field), "{case}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn valid_boundaries_are_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201).set_body_string(fixture("escrow_create")))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let mut ok = Vec::new();
    let mut r = standard();
    r.title = "é".repeat(200);
    r.amount = money("5");
    r.contract_terms = Some("t".repeat(10_000));
    r.auto_sign = Some(true);
    ok.push(r);
    let mut r = with_mode(EscrowMode::Instant);
    r.amount = money("0.01");
    r.estimated_delivery_days = None;
    ok.push(r);
    let mut r = with_mode(EscrowMode::Quick);
    r.seller_email = Some("seller@example.com".into());
    r.developer_fee_percentage = Some(Percentage::from_int(25));
    r.fulfillment_policy = Some(FulfillmentPolicy {
        proof_upload_deadline_hours: Some(6),
        buyer_review_deadline_hours: Some(72),
        ..FulfillmentPolicy::purchase_proof()
    });
    ok.push(r);
    let mut r = standard();
    r.currency = Some(Currency::Usd);
    r.amount = money("1"); // the 5 TND minimum is checked by the server after FX
    ok.push(r);
    for request in &ok {
        client.escrows().create(request).await.unwrap();
    }
    assert_eq!(server.received_requests().await.unwrap().len(), ok.len());
}

#[test]
fn all_problems_are_listed_together() {
    let mut r = standard();
    r.title = String::new();
    r.amount = Money::ZERO;
    r.contract_terms = None;
    let problems = r.validate().unwrap_err();
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["title", "amount", "contractTerms"]);
}

#[tokio::test]
async fn other_requests_are_validated_too() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let id = EscrowId::new("e1");

    let empty = UpdateEscrow::default();
    assert_eq!(
        client
            .escrows()
            .update(&id, &empty)
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
    let bad = UpdateEscrow {
        description: Some("d".repeat(2001)),
        amount: Some(Money::ZERO),
        estimated_delivery_days: Some(0),
        ..Default::default()
    };
    let problems = bad.validate().unwrap_err();
    for f in ["description", "amount", "estimatedDeliveryDays"] {
        assert!(problems.get(f).is_some(), "{f}");
    }

    let mut session = CreateSession::new(
        SessionAction::AcceptPay,
        "buyer@example.com",
        "http://shop.tn/cb",
    );
    session.metadata = Some(BTreeMap::from([("note".to_owned(), "n".repeat(501))]));
    let err = client.sessions().create(&id, &session).await.unwrap_err();
    let details = err.details();
    assert!(
        details.contains_key("redirectUrl") && details.contains_key("metadata.note"),
        "{details:?}"
    );

    let mut kyc = CreateVerification::new("nobody");
    kyc.redirect_url = Some("ftp://x".into());
    let details = client.identity().create(&kyc).await.unwrap_err().details();
    assert!(details.contains_key("email") && details.contains_key("redirect_url"));

    assert_eq!(
        client
            .identity()
            .list_by_email("x")
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
    let list = ListEscrows {
        limit: Some(101),
        ..Default::default()
    };
    assert_eq!(
        client.escrows().list(&list).await.unwrap_err().kind(),
        ErrorKind::Validation
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}
