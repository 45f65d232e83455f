//! No local refusal without a documented rule: every checkout action × escrow state × mode ×
//! target is tried through merchant-core against the simulator, and the simulator's request log
//! shows a refusal sent nothing ONLY where seed 003's table names the rule (and then the server,
//! asked directly, refuses too); everything else reached the server.

use chrono::Utc;
use dhmad_api::{CreateEscrow, EscrowMode as ApiMode, Money};
use merchant_core::api_map::escrow_record;
use merchant_core::book::{ChangeSource, EscrowStatus, SessionAction as A};
use merchant_core::{AssociatedUser, ErrorCode, cancel_escrow, create_checkout_session};
use serde_json::{Value, json};

use crate::actions::{BUYER, REDIRECT, SELLER, T, create, perform, refresh, setup};

/// Seed 003's table, copied from the seed: the complete list of the endpoint's codes.
const SEED_003_CODES: [&str; 18] = [
    "NO_REDIRECT_URLS_CONFIGURED",
    "REDIRECT_URL_NOT_ALLOWED",
    "REDIRECT_URL_MUST_BE_HTTPS",
    "INSTANT_ESCROW_NO_CONTRACT",
    "INSTANT_ESCROW_NO_COMPLETE_STEP",
    "QUICK_ESCROW_NO_CONTRACT",
    "CONTRACT_ALREADY_SIGNED",
    "PAYMENT_ALREADY_DONE",
    "ESCROW_ALREADY_COMPLETED",
    "DISPUTE_ALREADY_OPENED",
    "CANCELLATION_REQUEST_INVALID_STATUS",
    "CANCELLATION_REQUEST_BUYER_ONLY",
    "CANCEL_ESCROW_INVALID_STATUS",
    "CANCEL_ESCROW_SELLER_ONLY",
    "CHECKOUT_TARGET_NOT_BUYER",
    "CHECKOUT_TARGET_NOT_SELLER",
    "CANCELLATION_ALREADY_REQUESTED",
    "NO_PENDING_CANCELLATION",
];

const ACTIONS: [A; 10] = [
    A::SignContract,
    A::AcceptPay,
    A::Complete,
    A::Dispute,
    A::RequestCancellation,
    A::RejectCancellation,
    A::AcceptCancellation,
    A::CancelEscrow,
    A::SubmitProof,
    A::ReviewProof,
];

const STRANGER: &str = "someone.else@example.tn";

/// A quick escrow with purchase proof, stored in the book.
async fn create_with_proof(t: &T) -> String {
    let mut c = CreateEscrow::new("Phone", Money::from_millimes(40_000), BUYER);
    c.mode = Some(ApiMode::Quick);
    c.estimated_delivery_days = Some(2);
    c.fulfillment_policy =
        Some(serde_json::from_value(json!({"type": "purchase_proof_required"})).unwrap());
    let created = t.api.escrows().create(&c).await.unwrap();
    let now = Utc::now();
    let mut rec = escrow_record(&created.escrow, now);
    rec.role = AssociatedUser::from_own_escrow(&rec).unwrap().role_in(&rec);
    t.book
        .upsert_escrow(&rec, now, ChangeSource::Action)
        .unwrap();
    rec.id
}

/// How far an escrow is taken before the walk.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Stage {
    Pending,
    SellerSigned,
    Paid,
    Asked,
    Delivered,
    Completed,
    Cancelled,
}

/// A new escrow of `mode` taken to `stage` through the real transitions.
async fn reach(t: &T, mode: ApiMode, stage: Stage) -> String {
    let id = create(t, mode.clone()).await;
    if stage == Stage::Cancelled {
        cancel_escrow(&t.api, &t.book, &id, Utc::now())
            .await
            .unwrap();
        return id;
    }
    if mode == ApiMode::Standard && stage >= Stage::SellerSigned {
        perform(t, &id, A::SignContract, Some(SELLER)).await;
        if stage >= Stage::Paid {
            perform(t, &id, A::SignContract, Some(BUYER)).await;
        }
    }
    if stage >= Stage::Paid {
        perform(t, &id, A::AcceptPay, None).await;
    }
    if stage == Stage::Asked {
        perform(t, &id, A::RequestCancellation, None).await;
        perform(t, &id, A::Dispute, Some(BUYER)).await;
    }
    if stage >= Stage::Delivered && stage != Stage::Asked {
        merchant_core::deliver_escrow(&t.api, &t.book, &id, Utc::now())
            .await
            .unwrap();
        if stage == Stage::Completed && mode != ApiMode::Instant {
            perform(t, &id, A::Complete, None).await;
        }
    }
    id
}

/// Every state the walk visits: a label and the escrow id (the book is up to date).
async fn states(t: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for mode in [ApiMode::Standard, ApiMode::Quick, ApiMode::Instant] {
        let m = format!("{mode:?}").to_lowercase();
        for (stage, name) in [
            (Stage::Pending, "pending"),
            (Stage::SellerSigned, "pending, seller signed"),
            (Stage::Paid, "paid"),
            (Stage::Asked, "paid, cancellation asked, dispute open"),
            (Stage::Delivered, "delivered"),
            (Stage::Completed, "completed"),
            (Stage::Cancelled, "cancelled"),
        ] {
            let skip = (stage == Stage::SellerSigned && mode != ApiMode::Standard)
                || (stage == Stage::Delivered && mode == ApiMode::Instant);
            if !skip {
                out.push((format!("{m} {name}"), reach(t, mode.clone(), stage).await));
            }
        }
    }
    let proof = create_with_proof(t).await;
    out.push(("quick with proof, pending".into(), proof));
    let waiting = create_with_proof(t).await;
    perform(t, &waiting, A::AcceptPay, None).await;
    out.push((
        "quick with proof, paid, waiting for the proof".into(),
        waiting,
    ));
    for (_, id) in &out {
        refresh(t, id).await;
    }
    out
}

/// What the server says to the same request, sent directly (status, body).
async fn server_answer(t: &T, id: &str, action: &A, target: &str) -> (u16, Value) {
    let r = t
        .sim
        .http
        .post(format!("{}/escrows/{id}/sessions", t.sim.sim.base_url()))
        .bearer_auth(t.sim.sim.demo().api_key)
        .json(
            &json!({"action": action.as_str(), "targetUserEmail": target, "redirectUrl": REDIRECT}),
        )
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_checkout_refusal_sends_nothing_only_where_seed_003_names_the_rule() {
    let t = setup().await;
    let states = states(&t).await;
    for (label, want) in [
        ("standard paid", EscrowStatus::Paid),
        ("quick delivered", EscrowStatus::Delivered),
        ("instant completed", EscrowStatus::Completed),
        ("quick cancelled", EscrowStatus::Cancelled),
    ] {
        let id = &states.iter().find(|(l, _)| l == label).unwrap().1;
        let status = t.book.escrow(id).unwrap().unwrap().status;
        assert_eq!(status, want, "the walk's states are real: {label}");
    }
    let (mut local, mut sent_refused, mut sent_ok) = (0, 0, 0);
    let mut server_judged = Vec::new();
    for (label, id) in &states {
        for action in ACTIONS {
            for target in [BUYER, SELLER, STRANGER] {
                let case = format!("{label} · {action} → {target}");
                t.sim.reset_requests().await;
                let r = create_checkout_session(
                    &t.api,
                    &t.book,
                    id,
                    action.clone(),
                    Some(target),
                    Some(REDIRECT),
                    Utc::now(),
                )
                .await;
                let sent = t.sim.requests().await.len();
                match r {
                    Ok(_) => {
                        assert_eq!(sent, 1, "{case}: one request");
                        sent_ok += 1;
                    }
                    Err(e) if e.code() == ErrorCode::NotAllowed => {
                        let rule = e.rule().unwrap_or_default();
                        assert_eq!(sent, 0, "{case}: a local refusal sends nothing");
                        assert!(
                            SEED_003_CODES.contains(&rule),
                            "{case}: refused locally on `{rule}`, which seed 003 does not name"
                        );
                        let (status, body) = server_answer(&t, id, &action, target).await;
                        assert_eq!(
                            status, 400,
                            "{case}: refused locally ({rule}) but the server accepts: {body}"
                        );
                        local += 1;
                    }
                    Err(e) => {
                        assert_eq!(e.code(), ErrorCode::ApiRefused, "{case}: {e}");
                        assert_eq!(sent, 1, "{case}: sent once");
                        assert!(
                            e.user_message().is_some_and(|m| !m.is_empty()),
                            "{case}: the server's user message is kept: {e}"
                        );
                        sent_refused += 1;
                        server_judged.push(case);
                    }
                }
            }
        }
    }
    assert!(local >= 150, "local refusals: {local}");
    assert!(sent_refused >= 100, "server refusals: {sent_refused}");
    assert!(sent_ok >= 20, "sessions created: {sent_ok}");
    // Rules only the simulator had invented now reach the server.
    for case in [
        "standard pending · accept_pay → leila.gharbi@clients.example.tn",
        "quick paid · complete → leila.gharbi@clients.example.tn",
        "quick pending · dispute → leila.gharbi@clients.example.tn",
        "quick paid · dispute → someone.else@example.tn",
        "instant paid · submit_proof → merchant@demo.dhmad.test",
    ] {
        assert!(
            server_judged.iter().any(|c| c == case),
            "{case} was not left to the server"
        );
    }
}
