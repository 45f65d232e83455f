//! The associated user inferred by a sync, and the roles it fills (sim history: the demo
//! merchant sells every escrow).

use std::sync::atomic::AtomicBool;

use chrono::Utc;
use dhmad_api::{CreateEscrow, EscrowMode, Money};
use merchant_core::api_map::escrow_record;
use merchant_core::book::EscrowRole;
use merchant_core::{AssociatedUser, Book, infer_associated_user, sync, sync_as};

use crate::sim::Sim;

/// Every escrow id the sim lists.
async fn all_ids(api: &dhmad_api::Client) -> Vec<String> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let q = dhmad_api::ListEscrows {
            page: Some(page),
            limit: Some(100),
            ..Default::default()
        };
        let p = api.escrows().list(&q).await.unwrap();
        out.extend(p.escrows.iter().map(|e| e.id.to_string()));
        if page >= p.pagination.pages.unwrap() {
            return out;
        }
        page += 1;
    }
}

#[tokio::test]
async fn sync_infers_the_merchant_and_fills_every_role() {
    let sim = Sim::start(150).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("book.sqlite3")).unwrap();
    let stop = AtomicBool::new(false);
    let report = sync(&book, &api, |_| {}, &stop, Utc::now()).await.unwrap();
    let me = report.associated_user.expect("inferred");
    assert_eq!(
        me.email.as_deref(),
        Some(sim.sim.demo().merchant_email.as_str())
    );
    assert!(me.id.is_some());
    let all = all_ids(&api).await;
    assert_eq!(all.len(), 150);
    for id in &all {
        assert_eq!(
            book.escrow(id).unwrap().unwrap().role,
            Some(EscrowRole::Seller),
            "escrow {id}"
        );
    }

    // A sync given the user infers nothing and keeps the roles.
    let again = sync_as(&book, &api, &me, |_| {}, &stop, Utc::now())
        .await
        .unwrap();
    assert_eq!(again.associated_user, None);
    // A later sync with no user keeps roles even when it re-reads escrows.
    sync(&book, &api, |_| {}, &stop, Utc::now()).await.unwrap();
    let first = book.escrow(&all[0]).unwrap().unwrap();
    assert_eq!(first.role, Some(EscrowRole::Seller));
}

#[tokio::test]
async fn one_buyer_only_is_ambiguous_and_own_escrow_names_the_seller() {
    let sim = Sim::start(0).await;
    let api = sim.client();
    let mut recs = Vec::new();
    for title in ["Lamp", "Chair"] {
        let mut c = CreateEscrow::new(title, Money::from_millimes(9_000), "one@buyer.tn");
        c.mode = Some(EscrowMode::Instant);
        let e = api.escrows().create(&c).await.unwrap().escrow;
        recs.push(escrow_record(&e, Utc::now()));
    }
    // Two escrows with the same buyer: either party could be the associated user.
    assert_eq!(infer_associated_user(&recs), None);
    let own = AssociatedUser::from_own_escrow(&recs[0]).unwrap();
    assert_eq!(
        own.email.as_deref(),
        Some(sim.sim.demo().merchant_email.as_str())
    );
    assert_eq!(own.role_in(&recs[1]), Some(EscrowRole::Seller));

    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("book.sqlite3")).unwrap();
    let report = sync(&book, &api, |_| {}, &AtomicBool::new(false), Utc::now())
        .await
        .unwrap();
    assert_eq!(report.associated_user, None);
    assert_eq!(book.escrow(&recs[0].id).unwrap().unwrap().role, None);
}
