//! Sync request counts against dhmad-sim, asserted through `/__sim/requests`.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::Utc;
use dhmad_api::{Client, CreateEscrow, EscrowMode, EscrowStatus as S, ListEscrows, Money};
use merchant_core::book::{EscrowRole, EscrowStatus};
use merchant_core::{Book, MerchantError, sync};

use crate::sim::Sim;

fn pages(n: u64) -> u32 {
    u32::try_from(n.div_ceil(100)).unwrap()
}

async fn total(client: &Client, status: Option<S>) -> u64 {
    let q = ListEscrows {
        status,
        limit: Some(1),
        ..ListEscrows::default()
    };
    client
        .escrows()
        .list(&q)
        .await
        .unwrap()
        .pagination
        .total
        .unwrap()
}

/// Requests of the three active lists: an empty list still costs its one page.
async fn active_requests(client: &Client) -> u32 {
    let mut n = 0;
    for s in [S::Pending, S::Paid, S::Delivered] {
        n += pages(total(client, Some(s)).await).max(1);
    }
    n
}

/// Every escrow of the sim (id, status) through the API.
async fn all_escrows(client: &Client) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let q = ListEscrows {
            page: Some(page),
            limit: Some(100),
            ..ListEscrows::default()
        };
        let p = client.escrows().list(&q).await.unwrap();
        for e in &p.escrows {
            out.push((e.id.to_string(), e.status.clone().unwrap().to_string()));
        }
        if page >= p.pagination.pages.unwrap() {
            return out;
        }
        page += 1;
    }
}

fn book(dir: &tempfile::TempDir, name: &str) -> Book {
    Book::open(dir.path().join(name)).unwrap()
}

#[tokio::test]
async fn request_counts_first_then_nothing_then_changes() {
    let sim = Sim::start(250).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir, "book.sqlite3");
    let stop = AtomicBool::new(false);

    // Expected from the sim's own data: every page once, the active lists, and one GET per
    // listed escrow whose status is none of the five list statuses (it never shows in them).
    let all = all_escrows(&api).await;
    let odd = all
        .iter()
        .filter(|(_, s)| {
            !["pending", "paid", "delivered", "completed", "cancelled"].contains(&s.as_str())
        })
        .count();
    let first_expected = pages(all.len() as u64) + active_requests(&api).await + odd as u32;
    sim.reset_requests().await;
    let report = sync(&book, &api, |_| {}, &stop, Utc::now()).await.unwrap();
    assert_eq!(sim.requests().await.len() as u32, first_expected);
    assert_eq!(report.requests, first_expected);
    assert_eq!(report.new as usize, all.len());
    assert_eq!(book.freshness().unwrap().escrow_count as usize, all.len());
    assert!(book.sync_state().unwrap().last_full_sync_at.is_some());

    let second_expected = 1 + active_requests(&api).await + odd as u32;
    sim.reset_requests().await;
    let report = sync(&book, &api, |_| {}, &stop, Utc::now()).await.unwrap();
    assert_eq!(sim.requests().await.len() as u32, second_expected);
    assert_eq!((report.new, report.status_changes), (0, 0));

    // 3 new escrows, one pending escrow paid, another cancelled.
    let pending: Vec<_> = all.iter().filter(|(_, s)| s == "pending").collect();
    assert!(pending.len() >= 2, "the history needs two pending escrows");
    let paid_id = dhmad_api::EscrowId::new(pending[0].0.clone());
    let paid = api.escrows().get(&paid_id).await.unwrap();
    let buyer = paid.buyer_email.clone().unwrap();
    let session = api
        .sessions()
        .create(
            &paid_id,
            &dhmad_api::CreateSession::new(
                dhmad_api::SessionAction::AcceptPay,
                buyer,
                "https://merchant.example/return",
            ),
        )
        .await
        .unwrap();
    sim.complete_session(session.session_id.as_str()).await;
    let cancelled_pos = all.iter().rposition(|(_, s)| s == "pending").unwrap();
    let cancelled_id = dhmad_api::EscrowId::new(all[cancelled_pos].0.clone());
    api.escrows().cancel(&cancelled_id).await.unwrap();
    for i in 0..3 {
        let mut c = CreateEscrow::new(
            format!("New {i}"),
            Money::from_millimes(12_500),
            "new@example.tn",
        );
        c.mode = Some(EscrowMode::Instant);
        api.escrows().create(&c).await.unwrap();
    }
    // The paid one shows in the paid list. The cancelled one is older than the first page of
    // new escrows (the 100 newest), so it is in no list any more: one GET of its own.
    assert!(
        cancelled_pos + 3 >= 100,
        "the cancelled escrow must be off the first page"
    );
    let third_expected = 1 + active_requests(&api).await + odd as u32 + 1;
    sim.reset_requests().await;
    let report = sync(&book, &api, |_| {}, &stop, Utc::now()).await.unwrap();
    assert_eq!(sim.requests().await.len() as u32, third_expected);
    assert_eq!(report.new, 3);
    assert_eq!(report.status_changes, 2);
    let rec = book.escrow(paid_id.as_str()).unwrap().unwrap();
    assert_eq!(rec.status, EscrowStatus::Paid);
    let h = book.history(paid_id.as_str()).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (last.old_status.clone(), last.new_status.clone()),
        (Some(EscrowStatus::Pending), EscrowStatus::Paid)
    );
    let h = book.history(cancelled_id.as_str()).unwrap();
    assert_eq!(h.last().unwrap().new_status, EscrowStatus::Cancelled);
    assert_eq!(
        book.escrow(cancelled_id.as_str()).unwrap().unwrap().status,
        EscrowStatus::Cancelled
    );
}

#[tokio::test]
async fn cancelled_sync_rerun_gives_the_same_book() {
    let sim = Sim::start(320).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();

    let whole = book(&dir, "whole.sqlite3");
    sync(&whole, &api, |_| {}, &AtomicBool::new(false), now)
        .await
        .unwrap();

    let cut = book(&dir, "cut.sqlite3");
    let stop = AtomicBool::new(false);
    let err = sync(
        &cut,
        &api,
        |p| {
            if p.done >= 2 {
                stop.store(true, Ordering::Relaxed);
            }
        },
        &stop,
        now,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, MerchantError::Cancelled));
    let partial = cut.freshness().unwrap();
    assert!(partial.sync_interrupted);
    assert!(partial.last_full_sync_at.is_none());
    assert_eq!(partial.escrow_count, 200);

    // "Restart": reopen the file and run again to the end.
    drop(cut);
    let cut = book(&dir, "cut.sqlite3");
    sync(&cut, &api, |_| {}, &AtomicBool::new(false), now)
        .await
        .unwrap();
    let all = all_escrows(&api).await;
    assert_eq!(cut.freshness().unwrap().escrow_count as usize, all.len());
    assert!(!cut.freshness().unwrap().sync_interrupted);
    for (id, _) in &all {
        assert_eq!(
            cut.escrow(id).unwrap(),
            whole.escrow(id).unwrap(),
            "escrow {id}"
        );
        let hist = |b: &Book| {
            b.history(id)
                .unwrap()
                .into_iter()
                .map(|c| (c.old_status, c.new_status))
                .collect::<Vec<_>>()
        };
        assert_eq!(hist(&cut), hist(&whole), "history of {id}");
    }
}

#[tokio::test]
async fn progress_counts_pages_of_each_list() {
    let sim = Sim::start(250).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir, "p.sqlite3");
    let seen = std::sync::Mutex::new(Vec::new());
    let report = sync(
        &b,
        &api,
        |p| seen.lock().unwrap().push(p),
        &AtomicBool::new(false),
        Utc::now(),
    )
    .await
    .unwrap();
    let seen = seen.into_inner().unwrap();
    let new: Vec<_> = seen
        .iter()
        .filter(|p| p.phase == merchant_core::SyncPhase::New)
        .map(|p| (p.done, p.total))
        .collect();
    assert_eq!(new, vec![(1, 3), (2, 3), (3, 3)]);
    // One report per request, the last one with the sync's total.
    assert_eq!(seen.len() as u32, report.requests);
    assert_eq!(seen.last().unwrap().requests, report.requests);
}

#[tokio::test]
async fn sync_with_the_rate_limit_on_sends_each_request_once_without_429() {
    // Rate-limit headers on (20/min, more than these two syncs need): no request is
    // refused or sent twice.
    let sim = Sim::start_with(250, Some(20)).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir, "r.sqlite3");
    let stop = AtomicBool::new(false);
    let first = sync(&b, &api, |_| {}, &stop, Utc::now()).await.unwrap();
    let second = sync(&b, &api, |_| {}, &stop, Utc::now()).await.unwrap();
    let logged = sim.requests().await;
    assert_eq!(logged.len() as u32, first.requests + second.requests);
    assert!(logged.iter().all(|r| r["status"] == 200), "{logged:?}");
}

#[tokio::test]
async fn roles_come_from_the_associated_user() {
    let sim = Sim::start(120).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir, "roles.sqlite3");
    let me = merchant_core::AssociatedUser {
        id: None,
        email: Some("merchant@demo.dhmad.test".into()),
    };
    merchant_core::sync_as(&b, &api, &me, |_| {}, &AtomicBool::new(false), Utc::now())
        .await
        .unwrap();
    let all = all_escrows(&api).await;
    assert_eq!(all.len(), 120);
    // The sim's history is sold by the demo merchant (its README).
    for (id, _) in &all {
        let rec = b.escrow(id).unwrap().unwrap();
        assert_eq!(rec.role, Some(EscrowRole::Seller), "escrow {id}");
    }
}

#[tokio::test]
async fn a_big_sync_gives_the_books_memory_back_and_a_small_one_keeps_it() {
    // Past BIG_SYNC_PAGES pages in the new-escrows list alone, and past one batch of roles.
    let sim = Sim::start(2_500).await;
    let api = sim.client();
    let dir = tempfile::tempdir().unwrap();
    let b = book(&dir, "big.sqlite3");
    let me = merchant_core::AssociatedUser {
        id: None,
        email: Some("merchant@demo.dhmad.test".into()),
    };
    let stop = AtomicBool::new(false);
    let first = merchant_core::sync_as(&b, &api, &me, |_| {}, &stop, Utc::now())
        .await
        .unwrap();
    assert!(first.requests >= merchant_core::book::BIG_SYNC_PAGES);
    assert_eq!(
        b.memory_releases(),
        1,
        "the first sync gave its memory back"
    );
    // Every escrow got its role, across the batches roles are set in.
    let all = all_escrows(&api).await;
    assert_eq!(all.len(), 2_500);
    for (id, _) in &all {
        let rec = b.escrow(id).unwrap().unwrap();
        assert_eq!(rec.role, Some(EscrowRole::Seller), "escrow {id}");
    }

    // An incremental sync with nothing new reads a page and the active lists only.
    let second = merchant_core::sync_as(&b, &api, &me, |_| {}, &stop, Utc::now())
        .await
        .unwrap();
    assert_eq!(second.new, 0);
    assert!(
        second.requests < merchant_core::book::BIG_SYNC_PAGES,
        "{second:?}"
    );
    assert_eq!(b.memory_releases(), 1, "a small sync keeps its warm cache");
    assert_eq!(b.freshness().unwrap().escrow_count, 2_500);
}
