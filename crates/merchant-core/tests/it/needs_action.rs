//! Who must act next, for each kind of unfinished escrow.

use merchant_core::book::{
    ChangeSource, DisputeTicket, EscrowMode, EscrowRole, EscrowStatus, NextAction,
};
use serde_json::json;

use crate::common::{open_book, rec, t};

#[test]
fn needs_action_says_who_acts_next_your_turn_first() {
    use EscrowMode::*;
    use EscrowStatus::*;
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let mut batch = Vec::new();
    let mut add = |n: u32,
                   status: EscrowStatus,
                   mode: EscrowMode,
                   role: EscrowRole,
                   edit: &dyn Fn(&mut merchant_core::book::EscrowRecord)| {
        let mut r = rec(
            &format!("n{n:02}"),
            &format!("Escrow {n}"),
            status,
            &format!("2026-03-01T10:{n:02}:00Z"),
            10_000,
        );
        r.mode = Some(mode);
        r.role = Some(role);
        edit(&mut r);
        batch.push(r);
    };
    let none = &|_: &mut merchant_core::book::EscrowRecord| {};
    add(1, Pending, Standard, EscrowRole::Seller, &|r| {
        r.signatures = Some(json!({"sellerSigned": false, "buyerSigned": false}))
    });
    add(2, Pending, Standard, EscrowRole::Seller, &|r| {
        r.signatures = Some(json!({"sellerSigned": true, "buyerSigned": false}))
    });
    add(3, Pending, Instant, EscrowRole::Seller, none);
    add(4, Paid, Instant, EscrowRole::Seller, none);
    add(5, Paid, Quick, EscrowRole::Seller, &|r| {
        r.proof_info = Some(json!({"phase": "waiting_seller_proof"}))
    });
    add(6, Delivered, Quick, EscrowRole::Seller, none);
    add(7, Delivered, Quick, EscrowRole::Seller, &|r| {
        r.cancellation = Some(json!({"status": "pending", "reason": "Changed my mind"}))
    });
    add(8, Paid, Quick, EscrowRole::Seller, &|r| {
        r.dispute_ticket_id = Some("65f1a2b3c4d5e6f7a8b9c0d1".into());
        r.dispute_ticket = Some(DisputeTicket {
            status: Some("open".into()),
            ..DisputeTicket::default()
        });
    });
    add(9, Completed, Quick, EscrowRole::Seller, none);
    add(10, Pending, Quick, EscrowRole::Buyer, none);
    add(11, Paid, Standard, EscrowRole::Creator, none);
    add(12, Paid, Quick, EscrowRole::Seller, &|r| {
        r.proof_info = Some(json!({"phase": "submitted_waiting_buyer_review"}))
    });
    add(13, Cancelled, Instant, EscrowRole::Seller, none);
    book.upsert_escrows(&batch, t("2026-03-02T00:00:00Z"), ChangeSource::Sync)
        .unwrap();

    let got: Vec<(String, NextAction, bool, String)> = book
        .needs_action()
        .unwrap()
        .into_iter()
        .map(|n| (n.escrow.id, n.action, n.your_turn, n.text))
        .collect();
    let want = [
        (
            "n01",
            NextAction::YouMustSign,
            true,
            "You must sign the contract",
        ),
        ("n04", NextAction::YouMustDeliver, true, "You must deliver"),
        (
            "n05",
            NextAction::ProofToUpload,
            true,
            "Proof of purchase to upload",
        ),
        (
            "n07",
            NextAction::CancellationRequestedYourAnswer,
            true,
            "Cancellation requested — your answer",
        ),
        ("n10", NextAction::YouMustPay, true, "You must pay"),
        (
            "n02",
            NextAction::BuyerMustSign,
            false,
            "Buyer must sign the contract",
        ),
        ("n03", NextAction::BuyerMustPay, false, "Buyer must pay"),
        (
            "n06",
            NextAction::BuyerMustConfirm,
            false,
            "Buyer must confirm receipt",
        ),
        (
            "n08",
            NextAction::DisputeOpen,
            false,
            "Dispute open — DHMAD is handling it",
        ),
        (
            "n11",
            NextAction::SellerMustDeliver,
            false,
            "Seller must deliver",
        ),
        (
            "n12",
            NextAction::BuyerMustReviewProof,
            false,
            "Buyer must review the proof of purchase",
        ),
    ];
    let want: Vec<(String, NextAction, bool, String)> = want
        .into_iter()
        .map(|(i, a, y, s)| (i.to_owned(), a, y, s.to_owned()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        NextAction::CancellationRequestedYourAnswer.code(),
        "cancellation_requested_your_answer"
    );
}
