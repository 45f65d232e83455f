//! Every escrow action against dhmad-sim: the happy path updates the book and the sim; a local
//! refusal sends no request (checked through `/__sim/requests`); a server refusal keeps DHMAD's
//! user message.

use chrono::Utc;
use dhmad_api::{Client, CreateEscrow, EscrowId, EscrowMode as ApiMode, Money};
use merchant_core::api_map::{escrow_record, merge_escrow};
use merchant_core::book::{
    ChangeSource, EscrowRecord, EscrowRole, EscrowStatus, SessionAction as A, SessionStatus,
};
use merchant_core::{
    AssociatedUser, Book, ErrorCode, EscrowUpdate, MerchantError, cancel_escrow,
    create_checkout_session, deliver_escrow, refresh_session, reject_delivery, update_escrow,
};
use serde_json::json;

use crate::sim::Sim;

pub const REDIRECT: &str = "https://merchant.example/return";
pub const BUYER: &str = "leila.gharbi@clients.example.tn";
pub const SELLER: &str = "merchant@demo.dhmad.test";

pub struct T {
    pub sim: Sim,
    pub api: Client,
    pub book: Book,
    _dir: tempfile::TempDir,
}

pub async fn setup() -> T {
    let sim = Sim::start(0).await;
    sim.post(
        "/users",
        json!({"email": BUYER, "firstName": "Leila", "lastName": "Gharbi", "balance": 500}),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("book.sqlite3")).unwrap();
    T {
        api: sim.client(),
        sim,
        book,
        _dir: dir,
    }
}

/// A 25 TND escrow sold by the merchant (no sellerEmail), stored as the app would store it.
pub async fn create(t: &T, mode: ApiMode) -> String {
    let mut c = CreateEscrow::new("Desk lamp", Money::from_millimes(25_000), BUYER);
    if mode == ApiMode::Standard {
        c.contract_terms = Some("One brass desk lamp, shipped within 2 days.".into());
    }
    if mode != ApiMode::Instant {
        c.estimated_delivery_days = Some(2);
    }
    c.mode = Some(mode);
    let created = t.api.escrows().create(&c).await.unwrap();
    let now = Utc::now();
    let mut rec = escrow_record(&created.escrow, now);
    let me = AssociatedUser::from_own_escrow(&rec).unwrap();
    rec.role = me.role_in(&rec);
    t.book
        .upsert_escrow(&rec, now, ChangeSource::Action)
        .unwrap();
    rec.id
}

/// Reads the escrow from the API into the book (what a sync or watcher would do).
pub async fn refresh(t: &T, id: &str) -> EscrowRecord {
    let e = t.api.escrows().get(&EscrowId::new(id)).await.unwrap();
    let now = Utc::now();
    let rec = merge_escrow(t.book.escrow(id).unwrap(), &e, now);
    t.book.upsert_escrow(&rec, now, ChangeSource::Sync).unwrap();
    t.book.escrow(id).unwrap().unwrap()
}

async fn sim_status(t: &T, id: &str) -> String {
    let e = t.api.escrows().get(&EscrowId::new(id)).await.unwrap();
    e.status.unwrap().to_string()
}

/// Creates a session for `action`, performs it in the sim as its target, refreshes the book.
pub async fn perform(t: &T, id: &str, action: A, target: Option<&str>) -> EscrowRecord {
    let s = create_checkout_session(
        &t.api,
        &t.book,
        id,
        action,
        target,
        Some(REDIRECT),
        Utc::now(),
    )
    .await
    .unwrap();
    t.sim.complete_session(&s.session_id).await;
    refresh(t, id).await
}

/// Asserts a local refusal with `rule` that sent nothing.
async fn refused<V: std::fmt::Debug>(t: &T, r: Result<V, MerchantError>, rule: &str) -> String {
    let err = r.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotAllowed, "{err}");
    assert_eq!(err.rule(), Some(rule), "{err}");
    assert!(
        t.sim.requests().await.is_empty(),
        "a local refusal sent a request"
    );
    err.to_string()
}

/// Asserts that the action was sent (one request, no local refusal) and the server refused it;
/// returns the server's user message, which is what the merchant sees.
async fn server_refused<V: std::fmt::Debug>(t: &T, r: Result<V, MerchantError>) -> String {
    let err = r.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ApiRefused, "{err}");
    assert_eq!(t.sim.requests().await.len(), 1, "sent once: {err}");
    t.sim.reset_requests().await;
    err.user_message()
        .expect("the server's user message")
        .to_owned()
}

#[tokio::test]
async fn update_a_pending_escrow_then_refuse_once_paid() {
    let t = setup().await;
    let id = create(&t, ApiMode::Quick).await;
    let up = EscrowUpdate {
        title: Some("Desk lamp, brass".into()),
        amount: Some(Money::from_millimes(30_000)),
        ..EscrowUpdate::default()
    };
    let rec = update_escrow(&t.api, &t.book, &id, &up, Utc::now())
        .await
        .unwrap();
    assert_eq!(rec.title, "Desk lamp, brass");
    assert_eq!(rec.amount, 30_000);
    assert_eq!(rec.role, Some(EscrowRole::Seller), "the role survives");
    let e = t.api.escrows().get(&EscrowId::new(&id)).await.unwrap();
    assert_eq!(e.title.as_deref(), Some("Desk lamp, brass"));
    assert_eq!(e.amount, Some(Money::from_millimes(30_000)));

    // The update page documents no minimum: the server judges, and the book keeps the amount.
    t.sim.reset_requests().await;
    let small = EscrowUpdate {
        amount: Some(Money::from_millimes(1_000)),
        ..EscrowUpdate::default()
    };
    let err = update_escrow(&t.api, &t.book, &id, &small, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::ApiRefused, "{err}");
    let MerchantError::Api(api) = &err else {
        panic!("not the server's refusal: {err}")
    };
    assert_eq!(
        api.details().get("amount").map(String::as_str),
        Some(
            "Amount must be at least 5 TND for standard and quick modes (after currency conversion)"
        ),
        "the server's words"
    );
    assert_eq!(t.sim.requests().await.len(), 1, "sent to the server");
    assert_eq!(t.book.escrow(&id).unwrap().unwrap().amount, 30_000);

    let paid = perform(&t, &id, A::AcceptPay, None).await;
    assert_eq!(paid.status, EscrowStatus::Paid);
    t.sim.reset_requests().await;
    let text = refused(
        &t,
        update_escrow(&t.api, &t.book, &id, &up, Utc::now()).await,
        "ESCROW_NOT_PENDING",
    )
    .await;
    assert!(text.contains("this one is paid"), "{text}");
}

#[tokio::test]
async fn quick_escrow_paid_delivered_completed_with_every_refusal_on_the_way() {
    let t = setup().await;
    let id = create(&t, ApiMode::Quick).await;
    t.sim.reset_requests().await;
    refused(
        &t,
        deliver_escrow(&t.api, &t.book, &id, Utc::now()).await,
        "ESCROW_NOT_PAID",
    )
    .await;
    for (action, target, rule) in [
        (A::SignContract, None, "QUICK_ESCROW_NO_CONTRACT"),
        (A::AcceptPay, Some(SELLER), "CHECKOUT_TARGET_NOT_BUYER"),
        (A::CancelEscrow, None, "CANCEL_ESCROW_INVALID_STATUS"),
        (
            A::RequestCancellation,
            None,
            "CANCELLATION_REQUEST_INVALID_STATUS",
        ),
    ] {
        let r = create_checkout_session(
            &t.api,
            &t.book,
            &id,
            action,
            target,
            Some(REDIRECT),
            Utc::now(),
        )
        .await;
        refused(&t, r, rule).await;
    }
    // Seed 003 names no rule for these: sent, and DHMAD's own words are shown.
    for (action, target, said) in [
        (
            A::Complete,
            None,
            "The seller has not marked this order as delivered yet.",
        ),
        (
            A::Dispute,
            Some(SELLER),
            "A dispute cannot be opened for this transaction now.",
        ),
        (
            A::SubmitProof,
            None,
            "This transaction does not use purchase proofs.",
        ),
    ] {
        let r = create_checkout_session(
            &t.api,
            &t.book,
            &id,
            action,
            target,
            Some(REDIRECT),
            Utc::now(),
        )
        .await;
        assert_eq!(server_refused(&t, r).await, said);
    }

    let paid = perform(&t, &id, A::AcceptPay, None).await;
    assert_eq!(paid.status, EscrowStatus::Paid);
    t.sim.reset_requests().await;
    let text = refused(
        &t,
        cancel_escrow(&t.api, &t.book, &id, Utc::now()).await,
        "CANCEL_NOT_PENDING",
    )
    .await;
    assert!(
        text.contains("buyers use a request_cancellation checkout session; sellers use a cancel_escrow checkout session"),
        "{text}"
    );
    for (action, target, rule) in [
        (A::AcceptPay, None, "PAYMENT_ALREADY_DONE"),
        (
            A::RequestCancellation,
            Some(SELLER),
            "CANCELLATION_REQUEST_BUYER_ONLY",
        ),
        (A::CancelEscrow, Some(BUYER), "CANCEL_ESCROW_SELLER_ONLY"),
        (
            A::CancelEscrow,
            Some("someone@else.tn"),
            "CHECKOUT_TARGET_NOT_SELLER",
        ),
        (
            A::RequestCancellation,
            Some("someone@else.tn"),
            "CHECKOUT_TARGET_NOT_BUYER",
        ),
    ] {
        let r = create_checkout_session(
            &t.api,
            &t.book,
            &id,
            action,
            target,
            Some(REDIRECT),
            Utc::now(),
        )
        .await;
        refused(&t, r, rule).await;
    }
    let stranger = create_checkout_session(
        &t.api,
        &t.book,
        &id,
        A::Dispute,
        Some("someone@else.tn"),
        Some(REDIRECT),
        Utc::now(),
    )
    .await;
    assert_eq!(
        server_refused(&t, stranger).await,
        "You are not a party to this transaction."
    );
    refused(
        &t,
        reject_delivery(&t.api, &t.book, &id, Some("late"), Utc::now()).await,
        "ESCROW_NOT_DELIVERED",
    )
    .await;

    t.sim.reset_requests().await;
    let rec = deliver_escrow(&t.api, &t.book, &id, Utc::now())
        .await
        .unwrap();
    assert_eq!(t.sim.requests().await.len(), 1, "deliver is one request");
    assert_eq!(rec.status, EscrowStatus::Delivered);
    assert!(rec.delivered_at.is_some());
    assert_eq!(sim_status(&t, &id).await, "delivered");
    let last = t.book.history(&id).unwrap().pop().unwrap();
    assert_eq!(last.old_status, Some(EscrowStatus::Paid));
    assert_eq!(last.new_status, EscrowStatus::Delivered);
    assert_eq!(last.source, ChangeSource::Action);

    t.sim.reset_requests().await;
    refused(
        &t,
        reject_delivery(&t.api, &t.book, &id, None, Utc::now()).await,
        "ONLY_BUYER",
    )
    .await;
    refused(
        &t,
        create_checkout_session(
            &t.api,
            &t.book,
            &id,
            A::Complete,
            Some(SELLER),
            Some(REDIRECT),
            Utc::now(),
        )
        .await,
        "CHECKOUT_TARGET_NOT_BUYER",
    )
    .await;

    let s = create_checkout_session(
        &t.api,
        &t.book,
        &id,
        A::Complete,
        None,
        Some(REDIRECT),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(s.target_email, BUYER);
    let stored = t.book.session(&s.session_id).unwrap().unwrap();
    assert_eq!(
        (
            &stored.url,
            &stored.target_email,
            &stored.action,
            &stored.status
        ),
        (
            &s.url,
            &s.target_email,
            &A::Complete,
            &SessionStatus::Pending
        )
    );
    t.sim.complete_session(&s.session_id).await;
    let seen = refresh_session(&t.api, &t.book, &s.session_id, Utc::now())
        .await
        .unwrap();
    assert_eq!(seen.status, SessionStatus::Completed);
    assert!(seen.completed_at.is_some());
    assert_eq!(
        t.book.session(&s.session_id).unwrap().unwrap().status,
        SessionStatus::Completed
    );
    assert_eq!(refresh(&t, &id).await.status, EscrowStatus::Completed);
}

#[tokio::test]
async fn instant_delivery_completes_and_has_no_complete_step() {
    let t = setup().await;
    let id = create(&t, ApiMode::Instant).await;
    perform(&t, &id, A::AcceptPay, None).await;
    let rec = deliver_escrow(&t.api, &t.book, &id, Utc::now())
        .await
        .unwrap();
    assert_eq!(rec.status, EscrowStatus::Completed);
    assert_eq!(sim_status(&t, &id).await, "completed");
    t.sim.reset_requests().await;
    refused(
        &t,
        create_checkout_session(
            &t.api,
            &t.book,
            &id,
            A::Complete,
            None,
            Some(REDIRECT),
            Utc::now(),
        )
        .await,
        "INSTANT_ESCROW_NO_COMPLETE_STEP",
    )
    .await;
}

#[tokio::test]
async fn cancel_a_pending_escrow_once() {
    let t = setup().await;
    let id = create(&t, ApiMode::Quick).await;
    let rec = cancel_escrow(&t.api, &t.book, &id, Utc::now())
        .await
        .unwrap();
    assert_eq!(rec.status, EscrowStatus::Cancelled);
    assert!(rec.cancelled_at.is_some());
    assert_eq!(sim_status(&t, &id).await, "cancelled");
    t.sim.reset_requests().await;
    let text = refused(
        &t,
        cancel_escrow(&t.api, &t.book, &id, Utc::now()).await,
        "CANCEL_NOT_PENDING",
    )
    .await;
    assert!(text.contains("this one is cancelled"), "{text}");
}

#[tokio::test]
async fn seller_cancels_a_paid_escrow_through_cancel_escrow() {
    let t = setup().await;
    let id = create(&t, ApiMode::Quick).await;
    perform(&t, &id, A::AcceptPay, None).await;
    let s = create_checkout_session(
        &t.api,
        &t.book,
        &id,
        A::CancelEscrow,
        None,
        Some(REDIRECT),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(s.target_email, SELLER);
    t.sim.complete_session(&s.session_id).await;
    assert_eq!(refresh(&t, &id).await.status, EscrowStatus::Cancelled);
}

#[tokio::test]
async fn buyer_requests_cancellation_and_the_seller_accepts() {
    let t = setup().await;
    let id = create(&t, ApiMode::Quick).await;
    perform(&t, &id, A::AcceptPay, None).await;
    let rec = perform(&t, &id, A::RequestCancellation, None).await;
    assert_eq!(
        rec.status,
        EscrowStatus::Paid,
        "a request changes nothing yet"
    );
    let rec = perform(&t, &id, A::AcceptCancellation, None).await;
    assert_eq!(rec.status, EscrowStatus::Cancelled);
    assert_eq!(sim_status(&t, &id).await, "cancelled");
}

#[tokio::test]
async fn standard_escrow_signatures_then_dispute_once() {
    let t = setup().await;
    let id = create(&t, ApiMode::Standard).await;
    t.sim.reset_requests().await;
    let early = create_checkout_session(
        &t.api,
        &t.book,
        &id,
        A::AcceptPay,
        None,
        Some(REDIRECT),
        Utc::now(),
    )
    .await;
    assert_eq!(
        server_refused(&t, early).await,
        "The contract must be signed by both parties before payment.",
        "no documented rule: the server says why"
    );
    // Two parties could sign: the target must be said.
    let err = create_checkout_session(
        &t.api,
        &t.book,
        &id,
        A::SignContract,
        None,
        Some(REDIRECT),
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    assert!(t.sim.requests().await.is_empty());
    let rec = perform(&t, &id, A::SignContract, Some(SELLER)).await;
    refused(
        &t,
        {
            t.sim.reset_requests().await;
            create_checkout_session(
                &t.api,
                &t.book,
                &id,
                A::SignContract,
                Some(SELLER),
                Some(REDIRECT),
                Utc::now(),
            )
            .await
        },
        "CONTRACT_ALREADY_SIGNED",
    )
    .await;
    assert_eq!(rec.status, EscrowStatus::Pending);
    // Only the buyer is left to sign: no target needed.
    perform(&t, &id, A::SignContract, None).await;
    let paid = perform(&t, &id, A::AcceptPay, None).await;
    assert_eq!(paid.status, EscrowStatus::Paid);
    let disputed = perform(&t, &id, A::Dispute, Some(BUYER)).await;
    assert!(disputed.dispute_ticket_id.is_some());
    t.sim.reset_requests().await;
    refused(
        &t,
        create_checkout_session(
            &t.api,
            &t.book,
            &id,
            A::Dispute,
            Some(SELLER),
            Some(REDIRECT),
            Utc::now(),
        )
        .await,
        "DISPUTE_ALREADY_OPENED",
    )
    .await;
}

#[tokio::test]
async fn server_refusal_keeps_dhmads_user_message() {
    let t = setup().await;
    let id = create(&t, ApiMode::Quick).await;
    t.sim.reset_requests().await;
    let err = create_checkout_session(
        &t.api,
        &t.book,
        &id,
        A::AcceptPay,
        None,
        Some("https://not-allowed.example/return"),
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::ApiRefused, "{err}");
    let user = err.user_message().expect("DHMAD's user message");
    assert!(!user.is_empty());
    assert_eq!(t.sim.requests().await.len(), 1);
    assert!(
        t.book.sessions_for_escrow(&id).unwrap().is_empty(),
        "no session stored"
    );
}

#[tokio::test]
async fn unknown_escrow_is_refused_before_any_request() {
    let t = setup().await;
    t.sim.reset_requests().await;
    let err = deliver_escrow(&t.api, &t.book, "507f1f77bcf86cd799439011", Utc::now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
    assert!(t.sim.requests().await.is_empty());
}

/// The merchant as BUYER: another developer's user sells to them.
#[tokio::test]
async fn the_buyer_rejects_a_delivery_and_cannot_deliver() {
    let t = setup().await;
    let other = t
        .sim
        .post(
            "/developers",
            json!({"email": "dev@shop2.tn", "companyName": "Shop 2",
                   "associatedUserEmail": "owner@shop2.tn"}),
        )
        .await;
    let api2 = t.sim.client_for(other["apiKey"].as_str().unwrap());
    let mut c = CreateEscrow::new("Bike", Money::from_millimes(80_000), SELLER);
    c.mode = Some(ApiMode::Quick);
    c.estimated_delivery_days = Some(3);
    let id = api2
        .escrows()
        .create(&c)
        .await
        .unwrap()
        .escrow
        .id
        .to_string();
    let me = AssociatedUser {
        id: None,
        email: Some(SELLER.into()),
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    merchant_core::sync_as(&t.book, &t.api, &me, |_| {}, &stop, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        t.book.escrow(&id).unwrap().unwrap().role,
        Some(EscrowRole::Buyer)
    );
    perform(&t, &id, A::AcceptPay, None).await;
    t.sim.reset_requests().await;
    refused(
        &t,
        deliver_escrow(&t.api, &t.book, &id, Utc::now()).await,
        "ONLY_SELLER",
    )
    .await;
    api2.escrows().deliver(&EscrowId::new(&id)).await.unwrap();
    refresh(&t, &id).await;
    let rec = reject_delivery(
        &t.api,
        &t.book,
        &id,
        Some("The bell is missing."),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(rec.status, EscrowStatus::Paid);
    assert_eq!(rec.delivered_at, None);
    let rejections = rec.delivery_rejections.unwrap();
    assert_eq!(rejections[0]["reason"], "The bell is missing.");
    assert_eq!(sim_status(&t, &id).await, "paid");
}
