//! "Coming to you": what DHMAD holds for the merchant's sales, per bucket, from the book.

use merchant_core::book::{ChangeSource, DisputeTicket, EscrowRecord, EscrowRole, EscrowStatus};
use serde_json::json;

use crate::common::{open_book, rec, t};

/// The amounts are distinct powers of ten so each bucket's sum names the escrows in it.
fn held_book() -> Vec<EscrowRecord> {
    use EscrowStatus::*;
    let mut batch = Vec::new();
    let mut add =
        |n: u32, status: EscrowStatus, role: EscrowRole, edit: &dyn Fn(&mut EscrowRecord)| {
            let mut r = rec(
                &format!("c{n}"),
                "Sale",
                status,
                "2026-03-01T10:00:00Z",
                10_i64.pow(n),
            );
            r.role = Some(role);
            edit(&mut r);
            batch.push(r);
        };
    let none = &|_: &mut EscrowRecord| {};
    add(1, Paid, EscrowRole::Seller, none);
    add(2, Delivered, EscrowRole::Seller, &|r| {
        r.completion_deadline = Some(t("2026-03-05T08:00:00Z"))
    });
    add(3, Delivered, EscrowRole::Seller, &|r| {
        r.completion_deadline = Some(t("2026-03-09T08:00:00Z"))
    });
    add(4, Paid, EscrowRole::Seller, &|r| {
        r.dispute_ticket_id = Some("65f1a2b3c4d5e6f7a8b9c0d1".into());
        r.dispute_ticket = Some(DisputeTicket {
            status: Some("open".into()),
            ..DisputeTicket::default()
        });
    });
    add(5, Delivered, EscrowRole::Seller, &|r| {
        r.cancellation = Some(json!({"status": "pending", "reason": "Changed my mind"}))
    });
    // Not held for the merchant: not paid yet, released, refunded, or the merchant is the buyer.
    add(6, Pending, EscrowRole::Seller, none);
    add(7, Completed, EscrowRole::Seller, none);
    add(8, Cancelled, EscrowRole::Seller, none);
    add(9, Paid, EscrowRole::Buyer, none);
    batch
}

#[test]
fn held_money_is_split_by_what_it_waits_for_and_nets_out_the_fees() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    book.upsert_escrows(&held_book(), t("2026-03-02T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    let coming = book.coming_to_you(t("2026-03-04T12:00:00Z")).unwrap();

    let amounts = |b: merchant_core::book::Bucket| (b.count, b.amount.millimes());
    assert_eq!(amounts(coming.held), (5, 111_110));
    assert_eq!(amounts(coming.awaiting_delivery), (1, 10));
    assert_eq!(amounts(coming.awaiting_buyer), (2, 1_100));
    assert_eq!(amounts(coming.disputed), (1, 10_000));
    assert_eq!(amounts(coming.cancellation_requested), (1, 100_000));
    assert_eq!(amounts(coming.releasing_soon), (1, 100));
    // `rec` charges a 5 % escrow fee: the merchant receives the rest.
    let fees: i64 = [10_i64, 100, 1_000, 10_000, 100_000]
        .iter()
        .map(|a| a / 20)
        .sum();
    assert_eq!(coming.held.net.millimes(), 111_110 - fees);
}

#[test]
fn each_bucket_opens_exactly_the_sales_behind_its_figure() {
    use merchant_core::book::{EscrowFilter, EscrowQuery, HeldFor};
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    book.upsert_escrows(&held_book(), t("2026-03-02T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    let now = t("2026-03-04T12:00:00Z");
    let ids = |held: HeldFor| -> Vec<String> {
        let query = EscrowQuery {
            filter: EscrowFilter {
                held: Some(held),
                ..EscrowFilter::default()
            },
            limit: 100,
            ..EscrowQuery::default()
        };
        let mut ids: Vec<String> = book
            .query_escrows(&query)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(HeldFor::Any), ["c1", "c2", "c3", "c4", "c5"]);
    assert_eq!(ids(HeldFor::Delivery), ["c1"]);
    assert_eq!(ids(HeldFor::Buyer), ["c2", "c3"]);
    assert_eq!(ids(HeldFor::Disputed), ["c4"]);
    assert_eq!(ids(HeldFor::Cancellation), ["c5"]);
    let by = now + merchant_core::book::RELEASING_WITHIN;
    assert_eq!(ids(HeldFor::ReleasingBy { by }), ["c2"]);
}
