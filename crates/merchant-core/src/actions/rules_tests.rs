//! `allowed_actions` on every status × mode, and the local refusals' rule codes.

use chrono::DateTime;
use serde_json::json;

use super::rules::{EscrowAction, Side, allowed_actions, check_state};
use crate::book::{
    EscrowMode as M, EscrowRecord, EscrowRole, EscrowStatus as S, Party, SessionAction,
};
use crate::roles::AssociatedUser;

fn rec(status: S, mode: M) -> EscrowRecord {
    let party = |id: &str, email: &str| Party {
        id: Some(id.into()),
        email: Some(email.into()),
        first_name: None,
        last_name: None,
    };
    EscrowRecord {
        id: "e1".into(),
        title: "Lamp".into(),
        description: None,
        amount: 50_000,
        currency: "TND".into(),
        amount_tnd: 50_000,
        escrow_fee: 2_500,
        developer_fee: 0,
        developer_fee_bp: None,
        signatures: (mode == M::Standard)
            .then(|| json!({"sellerSigned": false, "buyerSigned": false, "isFullySigned": false})),
        status,
        mode: Some(mode),
        role: Some(EscrowRole::Seller),
        seller: Some(party("u1", "shop@x.tn")),
        buyer: Some(party("u2", "b@x.tn")),
        seller_email: None,
        buyer_email: Some("b@x.tn".into()),
        estimated_delivery_days: Some(1),
        expires_at: None,
        paid_at: None,
        delivered_at: None,
        completed_at: None,
        cancelled_at: None,
        created_at: DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default(),
        updated_at: None,
        completion_deadline: None,
        created_via_third_party: Some(true),
        created_by_application_name: None,
        dispute_ticket_id: None,
        dispute_ticket: None,
        proof_info: None,
        fulfillment_policy: None,
        delivery_rejections: None,
        cancellation: None,
        raw_json: None,
    }
}

fn me(id: &str) -> AssociatedUser {
    AssociatedUser {
        id: Some(id.into()),
        email: None,
    }
}

/// `action:party` strings, in the order `allowed_actions` returns them.
fn offered(r: &EscrowRecord, who: &AssociatedUser) -> Vec<String> {
    allowed_actions(r, who)
        .into_iter()
        .map(|k| {
            let p = match k.party {
                Side::Seller => "seller",
                Side::Buyer => "buyer",
                Side::Either => "either",
            };
            format!("{}:{p}", k.action.as_str())
        })
        .collect()
}

/// What a paid or delivered escrow offers besides deliver / complete.
fn after_payment() -> Vec<&'static str> {
    vec![
        "dispute:seller",
        "dispute:buyer",
        "request_cancellation:buyer",
        "cancel_escrow:seller",
    ]
}

#[test]
fn a_cancellation_is_answered_only_when_the_book_knows_a_pending_request() {
    let seller = me("u1");
    let mut r = rec(S::Paid, M::Quick);
    let answers = |r: &EscrowRecord| -> Vec<String> {
        offered(r, &seller)
            .into_iter()
            .filter(|a| a.contains("_cancellation:seller"))
            .collect()
    };
    assert!(
        answers(&r).is_empty(),
        "no request known: no answer buttons"
    );
    r.cancellation = Some(serde_json::json!({ "status": "pending", "reason": "changed my mind" }));
    assert_eq!(
        answers(&r),
        ["reject_cancellation:seller", "accept_cancellation:seller"]
    );
    r.cancellation = Some(serde_json::json!({ "status": "rejected" }));
    assert!(
        answers(&r).is_empty(),
        "an answered request needs no answer"
    );
}

fn with(first: &[&str], rest: Vec<&str>) -> Vec<String> {
    first
        .iter()
        .chain(rest.iter())
        .map(|s| (*s).to_owned())
        .collect()
}

#[test]
fn every_status_and_mode_as_the_seller() {
    let seller = me("u1");
    for mode in [M::Standard, M::Quick, M::Instant] {
        let pending_extra: &[&str] = if mode == M::Standard {
            &["sign_contract:seller", "sign_contract:buyer"]
        } else {
            &["accept_pay:buyer"]
        };
        let mut pending = vec!["update:either", "cancel:either"];
        pending.extend_from_slice(pending_extra);
        assert_eq!(
            offered(&rec(S::Pending, mode.clone()), &seller),
            with(&pending, vec![]),
            "{mode} pending"
        );
        assert_eq!(
            offered(&rec(S::Paid, mode.clone()), &seller),
            with(&["deliver:seller"], after_payment()),
            "{mode} paid"
        );
        let delivered_first: &[&str] = if mode == M::Instant {
            &[]
        } else {
            &["complete:buyer"]
        };
        assert_eq!(
            offered(&rec(S::Delivered, mode.clone()), &seller),
            with(delivered_first, after_payment()),
            "{mode} delivered"
        );
        for done in [S::Completed, S::Cancelled, S::Disputed] {
            assert!(
                offered(&rec(done.clone(), mode.clone()), &seller).is_empty(),
                "{mode} {done}"
            );
        }
    }
}

#[test]
fn the_buyer_rejects_delivery_and_never_delivers() {
    let mut r = rec(S::Delivered, M::Quick);
    r.role = Some(EscrowRole::Buyer);
    let buyer = me("u2");
    let got = offered(&r, &buyer);
    assert_eq!(got[0], "reject_delivery:buyer");
    assert!(!got.iter().any(|a| a.starts_with("deliver:")));
    let mut paid = rec(S::Paid, M::Quick);
    paid.role = Some(EscrowRole::Buyer);
    assert!(!offered(&paid, &buyer).iter().any(|a| a == "deliver:seller"));
    // Unknown user and no stored role: the server judges, both are offered.
    let mut unknown = rec(S::Delivered, M::Standard);
    unknown.role = None;
    assert!(
        offered(&unknown, &AssociatedUser::default()).contains(&"reject_delivery:buyer".to_owned())
    );
}

#[test]
fn standard_escrow_signatures_gate_signing_and_payment() {
    let seller = me("u1");
    let mut r = rec(S::Pending, M::Standard);
    r.signatures =
        Some(json!({"sellerSigned": true, "buyerSigned": false, "isFullySigned": false}));
    assert_eq!(
        offered(&r, &seller),
        with(
            &["update:either", "cancel:either", "sign_contract:buyer"],
            vec![]
        )
    );
    r.signatures = Some(json!({"sellerSigned": true, "buyerSigned": true, "isFullySigned": true}));
    assert_eq!(
        offered(&r, &seller),
        with(
            &["update:either", "cancel:either", "accept_pay:buyer"],
            vec![]
        )
    );
}

#[test]
fn proof_escrows_follow_the_proof_phase() {
    let seller = me("u1");
    let mut r = rec(S::Paid, M::Quick);
    r.fulfillment_policy = Some(json!({"type": "purchase_proof_required"}));
    r.proof_info = Some(json!({"phase": "waiting_seller_proof"}));
    let got = offered(&r, &seller);
    assert!(!got.contains(&"deliver:seller".to_owned()), "{got:?}");
    assert!(got.contains(&"submit_proof:seller".to_owned()));
    r.proof_info = Some(json!({"phase": "submitted_waiting_buyer_review"}));
    let got = offered(&r, &seller);
    assert!(got.contains(&"review_proof:buyer".to_owned()));
    assert!(!got.contains(&"submit_proof:seller".to_owned()));
    r.proof_info = Some(json!({"phase": "accepted"}));
    let got = offered(&r, &seller);
    assert_eq!(got[0], "deliver:seller");
    // A proof step on an escrow without proof is not offered, but seed 003 names no rule for
    // it: asked for anyway, it goes to the server.
    let plain = rec(S::Paid, M::Quick);
    assert!(!offered(&plain, &seller).contains(&"submit_proof:seller".to_owned()));
    assert_eq!(
        check_state(&plain, &EscrowAction::Checkout(SessionAction::SubmitProof)).ok(),
        Some(Side::Seller)
    );
}

#[test]
fn preconditions_seed_003_does_not_name_are_left_to_the_server() {
    let checkout = |r: &EscrowRecord, a: SessionAction| check_state(r, &EscrowAction::Checkout(a));
    let unsigned = rec(S::Pending, M::Standard);
    let mut signed_paid = rec(S::Paid, M::Standard);
    signed_paid.signatures =
        Some(json!({"sellerSigned": true, "buyerSigned": false, "isFullySigned": false}));
    let cases = [
        (
            &unsigned,
            SessionAction::AcceptPay,
            "paying before both signatures",
        ),
        (
            &signed_paid,
            SessionAction::SignContract,
            "signing a paid escrow's contract",
        ),
        (
            &rec(S::Cancelled, M::Quick),
            SessionAction::AcceptPay,
            "paying a cancelled escrow",
        ),
        (
            &rec(S::Paid, M::Quick),
            SessionAction::Complete,
            "confirming before delivery",
        ),
        (
            &rec(S::Pending, M::Quick),
            SessionAction::Dispute,
            "a dispute before payment",
        ),
        (
            &rec(S::Completed, M::Quick),
            SessionAction::Dispute,
            "a dispute after completion",
        ),
        (
            &rec(S::Paid, M::Instant),
            SessionAction::SubmitProof,
            "a proof on an instant escrow",
        ),
        (
            &rec(S::Pending, M::Quick),
            SessionAction::ReviewProof,
            "a proof review before payment",
        ),
    ];
    for (r, a, what) in cases {
        assert!(
            checkout(r, a.clone()).is_ok(),
            "{what}: sent, not refused locally"
        );
        assert!(
            !offered(r, &me("u1"))
                .iter()
                .any(|o| o.starts_with(&format!("{a}:"))),
            "{what}: still not offered"
        );
    }
}

#[test]
fn an_open_dispute_or_known_request_removes_those_actions() {
    let seller = me("u1");
    let mut r = rec(S::Delivered, M::Standard);
    r.dispute_ticket_id = Some("t1".into());
    r.cancellation = Some(json!({"status": "rejected"}));
    assert_eq!(
        offered(&r, &seller),
        with(&["complete:buyer", "cancel_escrow:seller"], vec![])
    );
}

#[test]
fn refusals_name_the_rule() {
    let rule = |r: &EscrowRecord, a: EscrowAction| check_state(r, &a).err().and_then(|e| e.rule());
    let paid = rec(S::Paid, M::Quick);
    assert_eq!(
        rule(&paid, EscrowAction::Update),
        Some("ESCROW_NOT_PENDING")
    );
    assert_eq!(
        rule(&paid, EscrowAction::Cancel),
        Some("CANCEL_NOT_PENDING")
    );
    let text = check_state(&paid, &EscrowAction::Cancel)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        text.contains("buyers use a request_cancellation checkout session"),
        "{text}"
    );
    let instant = rec(S::Delivered, M::Instant);
    assert_eq!(
        rule(&instant, EscrowAction::Checkout(SessionAction::Complete)),
        Some("INSTANT_ESCROW_NO_COMPLETE_STEP")
    );
    assert_eq!(
        rule(
            &rec(S::Pending, M::Quick),
            EscrowAction::Checkout(SessionAction::SignContract)
        ),
        Some("QUICK_ESCROW_NO_CONTRACT")
    );
    assert_eq!(
        rule(&paid, EscrowAction::Checkout(SessionAction::AcceptPay)),
        Some("PAYMENT_ALREADY_DONE")
    );
    assert_eq!(
        rule(
            &rec(S::Completed, M::Quick),
            EscrowAction::Checkout(SessionAction::Complete)
        ),
        Some("ESCROW_ALREADY_COMPLETED")
    );
}

#[test]
fn delivery_rules_name_their_rule() {
    let rule = |r: &EscrowRecord, a: EscrowAction| check_state(r, &a).err().and_then(|e| e.rule());
    // Deliver waits for the buyer (or the timeout) to accept the purchase proof; a phase the
    // book does not know is left to the server.
    let mut proof = rec(S::Paid, M::Quick);
    proof.fulfillment_policy = Some(json!({"type": "purchase_proof_required"}));
    proof.proof_info = Some(json!({"phase": "submitted_waiting_buyer_review"}));
    assert_eq!(
        rule(&proof, EscrowAction::Deliver),
        Some("PROOF_NOT_ACCEPTED")
    );
    proof.proof_info = Some(json!({"phase": "accepted_by_timeout"}));
    assert_eq!(
        check_state(&proof, &EscrowAction::Deliver).ok(),
        Some(Side::Seller)
    );
    proof.proof_info = None;
    assert_eq!(
        check_state(&proof, &EscrowAction::Deliver).ok(),
        Some(Side::Seller)
    );
    // An instant escrow completes on delivery: there is none to reject.
    assert_eq!(
        rule(&rec(S::Delivered, M::Instant), EscrowAction::RejectDelivery),
        Some("INSTANT_ESCROW_NO_DELIVERY_STEP")
    );
    // An open dispute holds the delivery where it is.
    let mut disputed = rec(S::Delivered, M::Quick);
    assert_eq!(
        check_state(&disputed, &EscrowAction::RejectDelivery).ok(),
        Some(Side::Buyer)
    );
    disputed.dispute_ticket_id = Some("t1".into());
    assert_eq!(
        rule(&disputed, EscrowAction::RejectDelivery),
        Some("DISPUTE_OPEN")
    );
}
