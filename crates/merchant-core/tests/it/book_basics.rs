//! Opening, migrations, upserts and history, and the CRUD of the other tables.

use chrono::Duration;
use merchant_core::book::{
    ChangeSource, CheckoutSessionRecord, ClaimStatus, CounterSale, DisputeTicket, EscrowStatus,
    KycInviteRecord, KycStatus, Party, SaleState, SessionAction, SessionStatus, SyncState,
};
use merchant_core::{Book, ErrorCode, MerchantError, SaleMode};
use rusqlite::Connection;
use serde_json::json;

use crate::common::{open_book, rec, t};

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn fresh_book_is_migrated_to_the_current_version_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/profile/book.sqlite3");
    let book = Book::open(&path).unwrap();
    assert_eq!(user_version(&path), merchant_core::book::SCHEMA_VERSION);
    let c = Connection::open(&path).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in [
        "checkout_sessions",
        "counter_sales",
        "escrows",
        "escrows_fts",
        "kyc_invites",
        "status_history",
        "sync_state",
    ] {
        assert!(
            tables.iter().any(|t| t == table),
            "missing table {table} in {tables:?}"
        );
    }
    assert!(book.integrity_check().unwrap().is_empty());
}

#[test]
fn reopening_an_existing_book_keeps_its_data_and_does_not_migrate_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let now = t("2026-03-01T10:00:00Z");
    {
        let book = Book::open(&path).unwrap();
        book.upsert_escrow(
            &rec(
                "e1",
                "Phone",
                EscrowStatus::Pending,
                "2026-03-01T09:00:00Z",
                5000,
            ),
            now,
            ChangeSource::Sync,
        )
        .unwrap();
    }
    let book = Book::open(&path).unwrap();
    assert_eq!(user_version(&path), merchant_core::book::SCHEMA_VERSION);
    assert_eq!(book.escrow("e1").unwrap().unwrap().title, "Phone");
    assert_eq!(book.history("e1").unwrap().len(), 1);
}

#[test]
fn a_book_from_a_newer_app_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Book::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BookTooNew);
    assert!(matches!(err, MerchantError::BookTooNew { found: 99, .. }));
    assert_eq!(user_version(&path), 99);
}

#[test]
fn upsert_records_each_status_change_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let mut e = rec(
        "e1",
        "Phone",
        EscrowStatus::Pending,
        "2026-03-01T09:00:00Z",
        5000,
    );
    let t1 = t("2026-03-01T10:00:00Z");

    let first = book
        .upsert_escrow(&e, t1, ChangeSource::Sync)
        .unwrap()
        .unwrap();
    assert_eq!(first.old_status, None);
    assert_eq!(first.new_status, EscrowStatus::Pending);
    // Same status again: no change, no history row.
    assert_eq!(
        book.upsert_escrow(&e, t1 + Duration::minutes(1), ChangeSource::Sync)
            .unwrap(),
        None
    );

    e.status = EscrowStatus::Paid;
    e.paid_at = Some(t("2026-03-01T10:05:00Z"));
    e.updated_at = e.paid_at;
    let t2 = t("2026-03-01T10:06:00Z");
    let paid = book
        .upsert_escrow(&e, t2, ChangeSource::Watcher)
        .unwrap()
        .unwrap();
    assert_eq!(
        (paid.old_status, paid.new_status.clone()),
        (Some(EscrowStatus::Pending), EscrowStatus::Paid)
    );
    assert_eq!(
        book.upsert_escrow(&e, t2, ChangeSource::Sync).unwrap(),
        None
    );

    // A stale page (older updatedAt, still pending) read by a slow sync is ignored.
    let stale = rec(
        "e1",
        "Phone",
        EscrowStatus::Pending,
        "2026-03-01T09:00:00Z",
        5000,
    );
    assert_eq!(
        book.upsert_escrow(&stale, t2 + Duration::minutes(1), ChangeSource::Sync)
            .unwrap(),
        None
    );
    assert_eq!(
        book.escrow("e1").unwrap().unwrap().status,
        EscrowStatus::Paid
    );

    let history = book.history("e1").unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].old_status, None);
    assert_eq!(history[0].observed_at, t1);
    assert_eq!(history[0].source, ChangeSource::Sync);
    assert_eq!(history[1].old_status, Some(EscrowStatus::Pending));
    assert_eq!(history[1].new_status, EscrowStatus::Paid);
    assert_eq!(history[1].observed_at, t2);
    assert_eq!(history[1].source, ChangeSource::Watcher);
    let since: Vec<i64> = book
        .changes_since(0, 10)
        .unwrap()
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(since.len(), 2);
    assert_eq!(book.changes_since(since[0], 10).unwrap().len(), 1);
}

#[test]
fn every_field_survives_the_round_trip_including_unknown_enum_values() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let mut e = rec(
        "65f1a2b3c4d5e6f7a8b9c0d1",
        "Website — تصميم",
        EscrowStatus::Unknown("on_hold".into()),
        "2026-01-15T10:00:00.123Z",
        1_000_000,
    );
    e.description = Some("Full-stack website".into());
    e.currency = "EUR".into();
    e.amount = 300_000;
    e.amount_tnd = 1_000_000;
    e.developer_fee = 50_000;
    e.developer_fee_bp = Some(500);
    e.mode = Some(merchant_core::book::EscrowMode::Unknown(
        "escrow_plus".into(),
    ));
    e.buyer = Some(Party {
        id: Some("b1".into()),
        email: Some("Jane@Example.com".into()),
        first_name: Some("Jane".into()),
        last_name: None,
    });
    e.seller_email = Some("shop@example.tn".into());
    e.expires_at = Some(t("2026-02-15T10:00:00Z"));
    e.paid_at = Some(t("2026-01-16T09:00:00Z"));
    e.delivered_at = Some(t("2026-01-17T09:00:00Z"));
    e.completed_at = Some(t("2026-01-18T09:00:00Z"));
    e.cancelled_at = Some(t("2026-01-19T09:00:00Z"));
    e.completion_deadline = Some(t("2026-01-24T09:00:00Z"));
    e.dispute_ticket_id = Some("65f1a2b3c4d5e6f7a8b9c0d9".into());
    e.dispute_ticket = Some(DisputeTicket {
        ticket_number: Some("DHM-00042".into()),
        kind: Some("dispute".into()),
        subject: Some("Dispute: Website".into()),
        status: Some("open".into()),
        created_at: Some(t("2026-01-17T10:00:00Z")),
        preview_reason: Some("Not as agreed".into()),
    });
    e.signatures =
        Some(json!({"sellerSigned": true, "buyerSigned": false, "isFullySigned": false}));
    e.proof_info = Some(json!({"phase": "accepted"}));
    e.fulfillment_policy = Some(json!({"type": "purchase_proof_required"}));
    e.delivery_rejections = Some(json!([{"reason": "missing item"}]));
    e.cancellation = Some(json!({"status": "rejected"}));
    e.raw_json = Some(json!({"id": "65f1a2b3c4d5e6f7a8b9c0d1", "futureField": [1, 2]}));
    book.upsert_escrow(&e, t("2026-01-20T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    assert_eq!(book.escrow(&e.id).unwrap().unwrap(), e);
    let detail = book.escrow_detail(&e.id).unwrap().unwrap();
    assert_eq!(detail.record, e);
    assert_eq!(detail.history.len(), 1);
    assert!(book.escrow_detail("nope").unwrap().is_none());
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let e = rec(
        "e1",
        "Phone",
        EscrowStatus::Pending,
        "2026-03-01T09:00:00Z",
        5000,
    );
    let err = book
        .write(|tx| {
            tx.upsert_escrow(&e, t("2026-03-01T10:00:00Z"), ChangeSource::Sync)?;
            tx.set_sync_state(&SyncState {
                cursor: Some("page=2".into()),
                ..SyncState::default()
            })?;
            Err::<(), _>(MerchantError::Cancelled)
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);
    assert!(book.escrow("e1").unwrap().is_none());
    assert!(book.history("e1").unwrap().is_empty());
    assert_eq!(book.sync_state().unwrap(), SyncState::default());
}

#[test]
fn batch_upsert_returns_the_changes_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let batch: Vec<_> = (0..500)
        .map(|i| {
            rec(
                &format!("e{i:04}"),
                "Item",
                EscrowStatus::Completed,
                "2026-03-01T09:00:00Z",
                5000 + i,
            )
        })
        .collect();
    let changes = book
        .upsert_escrows(&batch, t("2026-03-02T00:00:00Z"), ChangeSource::Sync)
        .unwrap();
    assert_eq!(changes.len(), 500);
    assert_eq!(changes[499].escrow_id, "e0499");
    assert!(
        book.upsert_escrows(&batch, t("2026-03-02T00:01:00Z"), ChangeSource::Sync)
            .unwrap()
            .is_empty()
    );
    assert_eq!(book.freshness().unwrap().escrow_count, 500);
}

#[test]
fn sessions_are_stored_updated_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let created = t("2026-03-01T10:00:00Z");
    let mut s = CheckoutSessionRecord {
        session_id: "550e8400-e29b-41d4-a716-446655440000".into(),
        escrow_id: "e1".into(),
        action: SessionAction::AcceptPay,
        target_email: "buyer@example.com".into(),
        redirect_url: "http://localhost:3000/callback".into(),
        url: "https://sandbox.dhmad.tn/checkout/550e8400-e29b-41d4-a716-446655440000".into(),
        expires_at: created + Duration::minutes(30),
        status: SessionStatus::Pending,
        completed_at: None,
        created_at: created,
        metadata: Some(json!({"sale": "42"})),
    };
    book.upsert_session(&s).unwrap();
    assert_eq!(book.session(&s.session_id).unwrap().unwrap(), s);
    assert_eq!(
        book.open_sessions(created + Duration::minutes(5)).unwrap(),
        vec![s.clone()]
    );
    assert!(
        book.open_sessions(created + Duration::minutes(31))
            .unwrap()
            .is_empty()
    );

    let done = created + Duration::minutes(7);
    book.set_session_status(&s.session_id, &SessionStatus::Completed, Some(done))
        .unwrap();
    s.status = SessionStatus::Completed;
    s.completed_at = Some(done);
    assert_eq!(book.sessions_for_escrow("e1").unwrap(), vec![s.clone()]);
    assert!(book.open_sessions(created).unwrap().is_empty());
    let missing = book
        .set_session_status("nope", &SessionStatus::Expired, None)
        .unwrap_err();
    assert_eq!(missing.code(), ErrorCode::NotFound);
}

#[test]
fn invites_are_found_by_email_case_insensitively() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let mut i = KycInviteRecord {
        id: "6655abc1234567890abcdef1".into(),
        email: "seller@example.com".into(),
        external_user_id: Some("seller_42".into()),
        kyc_status: KycStatus::Pending,
        didit_session_status: Some("in_progress".into()),
        needs_admin_review: Some(false),
        claim_status: Some(ClaimStatus::Pending),
        linked_user_id: None,
        linked_at: None,
        verification_email_sent: Some(true),
        verification_email_sent_at: Some(t("2026-06-06T12:00:00Z")),
        created_at: t("2026-06-06T12:00:00Z"),
        updated_at: Some(t("2026-06-06T12:00:00Z")),
        expires_at: Some(t("2026-09-04T12:00:00Z")),
        raw_json: Some(json!({"kyc_status": "pending"})),
    };
    book.upsert_invite(&i).unwrap();
    i.kyc_status = KycStatus::Approved;
    i.claim_status = Some(ClaimStatus::Linked);
    i.linked_user_id = Some("u1".into());
    i.linked_at = Some(t("2026-06-10T09:00:00Z"));
    book.upsert_invite(&i).unwrap();
    assert_eq!(book.invite(&i.id).unwrap().unwrap(), i);
    assert_eq!(
        book.invites_for_email(" Seller@Example.COM ").unwrap(),
        vec![i.clone()]
    );
    assert_eq!(book.recent_invites(10).unwrap().len(), 1);
}

#[test]
fn sales_move_through_their_states_and_unfinished_ones_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let at = t("2026-03-01T10:00:00Z");
    let mut sale = CounterSale {
        id: uuid::Uuid::from_u128(1),
        created_at: at,
        amount_millimes: 12_500,
        title: "Coffee beans".into(),
        buyer_email: "buyer@example.com".into(),
        mode: SaleMode::Instant,
        state: SaleState::Creating,
        escrow_id: None,
        session_id: None,
        checkout_url: None,
        session_expires_at: None,
        last_error: None,
        updated_at: at,
        reference: Some("K7F3QXM2".into()),
    };
    book.insert_sale(&sale).unwrap();
    assert!(book.insert_sale(&sale).is_err(), "a sale id is used once");
    assert_eq!(
        book.sale_by_reference("K7F3QXM2").unwrap(),
        Some(sale.clone())
    );
    let mut twin = sale.clone();
    twin.id = uuid::Uuid::from_u128(9);
    assert!(book.insert_sale(&twin).is_err(), "a reference is used once");
    sale.state = SaleState::AwaitingPayment;
    sale.escrow_id = Some("e1".into());
    sale.session_id = Some("s1".into());
    sale.checkout_url = Some("https://sandbox.dhmad.tn/checkout/s1".into());
    sale.session_expires_at = Some(at + Duration::minutes(30));
    sale.updated_at = at + Duration::seconds(2);
    book.update_sale(&sale).unwrap();
    assert_eq!(book.sale(sale.id).unwrap().unwrap(), sale);
    assert_eq!(book.unfinished_sales().unwrap(), vec![sale.clone()]);

    book.upsert_escrow(
        &rec(
            "e1",
            "Coffee beans",
            EscrowStatus::Pending,
            "2026-03-01T10:00:01Z",
            12_500,
        ),
        at,
        ChangeSource::Action,
    )
    .unwrap();
    assert_eq!(
        book.escrow_detail("e1").unwrap().unwrap().sale,
        Some(sale.clone())
    );

    sale.state = SaleState::NotCreated;
    book.update_sale(&sale).unwrap();
    assert!(
        book.unfinished_sales().unwrap().is_empty(),
        "a sale DHMAD never created is finished"
    );
    sale.state = SaleState::Completed;
    book.update_sale(&sale).unwrap();
    assert!(book.unfinished_sales().unwrap().is_empty());
    assert_eq!(book.recent_sales(5).unwrap(), vec![sale.clone()]);
    sale.id = uuid::Uuid::from_u128(2);
    assert_eq!(
        book.update_sale(&sale).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn sync_state_round_trips_and_drives_freshness() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let f = book.freshness().unwrap();
    assert_eq!(
        (f.last_sync_at, f.sync_interrupted, f.escrow_count),
        (None, false, 0)
    );
    let s = SyncState {
        last_full_sync_at: Some(t("2026-03-01T08:00:00Z")),
        last_sync_at: Some(t("2026-03-01T10:00:00Z")),
        newest_known_created_at: Some(t("2026-03-01T09:59:00.500Z")),
        cursor: Some(r#"{"phase":"new","page":3}"#.into()),
    };
    book.set_sync_state(&s).unwrap();
    assert_eq!(book.sync_state().unwrap(), s);
    let f = book.freshness().unwrap();
    assert_eq!(f.last_sync_at, s.last_sync_at);
    assert!(f.sync_interrupted);
    book.set_sync_state(&SyncState {
        cursor: None,
        ..s.clone()
    })
    .unwrap();
    assert!(!book.freshness().unwrap().sync_interrupted);
    assert_eq!(book.sync_value("cursor").unwrap(), None);
}

#[test]
fn a_far_future_updated_at_does_not_freeze_later_updates() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(&dir);
    let mut e = rec(
        "e9",
        "Phone",
        EscrowStatus::Pending,
        "2026-03-01T10:00:00Z",
        5000,
    );
    e.updated_at = Some(t("9999-12-31T23:59:59Z"));
    let t1 = t("2026-03-01T10:01:00Z");
    book.upsert_escrow(&e, t1, ChangeSource::Sync).unwrap();

    // The real update, observed a minute later, carries a true (earlier) updatedAt.
    e.status = EscrowStatus::Paid;
    e.paid_at = Some(t("2026-03-01T10:02:00Z"));
    e.updated_at = e.paid_at;
    let t2 = t("2026-03-01T10:03:00Z");
    let change = book.upsert_escrow(&e, t2, ChangeSource::Watcher).unwrap();
    assert_eq!(
        change.map(|c| (c.old_status, c.new_status)),
        Some((Some(EscrowStatus::Pending), EscrowStatus::Paid))
    );
    let stored = book.escrow("e9").unwrap().unwrap();
    assert_eq!(stored.status, EscrowStatus::Paid);
    assert_eq!(stored.updated_at, e.updated_at);

    // A record half an hour ahead (a server clock ahead of this PC) is still believed.
    e.updated_at = Some(t2 + Duration::minutes(30));
    book.upsert_escrow(&e, t2, ChangeSource::Sync).unwrap();
    let mut older = e.clone();
    older.status = EscrowStatus::Pending;
    older.updated_at = Some(t2);
    assert_eq!(
        book.upsert_escrow(&older, t2, ChangeSource::Sync).unwrap(),
        None
    );
    assert_eq!(
        book.escrow("e9").unwrap().unwrap().status,
        EscrowStatus::Paid
    );
}
