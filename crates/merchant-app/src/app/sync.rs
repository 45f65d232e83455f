//! One sync at a time per app, run in the background; its progress goes to the UI as events and
//! stays readable (`sync_status`) for a screen that opens mid-way.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::Utc;
use merchant_core::{Shop, SyncProgress};

use super::{App, AppEvent};
use crate::error::CommandError;
use crate::views::dashboard::{
    BalanceView, ShortfallView, SyncStatusView, UNREADABLE_SHOWN, UnreadableView,
};
use crate::views::time;

/// The running (or last) sync.
#[derive(Debug, Default)]
pub struct SyncTracker {
    status: Mutex<Live>,
    cancel: Arc<AtomicBool>,
}

#[derive(Debug, Default, Clone)]
struct Live {
    running: bool,
    progress: Option<SyncProgress>,
    requests: u32,
    last_error: Option<CommandError>,
    shortfalls: Vec<ShortfallView>,
}

impl SyncTracker {
    fn with<T>(&self, f: impl FnOnce(&mut Live) -> T) -> T {
        f(&mut self.status.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Asks the running sync to stop before its next request.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    fn view(&self, shop: &Shop) -> SyncStatusView {
        let live = self.with(|l| l.clone());
        let fresh = shop.book.freshness().ok();
        SyncStatusView {
            running: live.running,
            phase: live.progress.map(|p| p.phase),
            done: live.progress.map_or(0, |p| p.done),
            total: live.progress.map_or(0, |p| p.total),
            requests: live.progress.map_or(live.requests, |p| p.requests),
            last_sync_at: fresh.as_ref().and_then(|f| f.last_sync_at).map(time),
            escrow_count: fresh.map_or(0, |f| f.escrow_count),
            last_error: live.last_error,
            shortfalls: live.shortfalls,
            unreadable_count: shop.book.unreadable_count().unwrap_or(0),
            unreadable: unreadable_views(shop),
        }
    }
}

fn unreadable_views(shop: &Shop) -> Vec<UnreadableView> {
    let records = shop.book.unreadable_records().unwrap_or_else(|e| {
        tracing::warn!("could not read the unreadable records: {e}");
        Vec::new()
    });
    records
        .into_iter()
        .take(UNREADABLE_SHOWN)
        .map(|r| UnreadableView {
            endpoint: r.endpoint,
            record_id: r.record_id,
            reason: r.reason,
            raw: r.raw,
            first_seen: time(r.first_seen),
            last_seen: time(r.last_seen),
        })
        .collect()
}

impl App {
    /// The sync status of `shop`.
    pub fn sync_status_of(&self, shop: &Shop) -> SyncStatusView {
        self.sync_tracker().view(shop)
    }

    /// Starts a sync of the active shop in the background unless one is running; returns the
    /// status right away. Progress and the end arrive as [`AppEvent::Sync`].
    pub async fn sync_now(&self) -> Result<SyncStatusView, CommandError> {
        let shop = self.shop().await?;
        let tracker = self.sync_tracker();
        let started = tracker.with(|l| {
            if l.running {
                return false;
            }
            *l = Live {
                running: true,
                ..Live::default()
            };
            true
        });
        if started {
            tracker.cancel.store(false, Ordering::Relaxed);
            let app = self.clone();
            let job = shop.clone();
            self.spawn(async move { app.run_sync(job).await });
        }
        Ok(self.sync_status_of(&shop))
    }

    async fn run_sync(self, shop: Shop) {
        let me = shop.associated_user();
        let progress = {
            let app = self.clone();
            let shop = shop.clone();
            move |p: SyncProgress| {
                app.sync_tracker().with(|l| l.progress = Some(p));
                app.emit(AppEvent::Sync(app.sync_status_of(&shop)));
            }
        };
        let cancel = Arc::clone(&self.sync_tracker().cancel);
        let result =
            merchant_core::sync_as(&shop.book, &shop.client, &me, progress, &cancel, Utc::now())
                .await;
        let mut shortfalls = Vec::new();
        let error = match result {
            Ok(report) => {
                tracing::info!(?report, "sync finished");
                shortfalls = report
                    .shortfalls
                    .iter()
                    .map(|s| ShortfallView {
                        endpoint: s.endpoint.clone(),
                        read: s.read,
                        announced: s.announced,
                    })
                    .collect();
                if let Some(user) = &report.associated_user {
                    self.remember_associated_user(&shop, user).await;
                }
                self.refresh_balance_of(&shop).await.err()
            }
            Err(e) => {
                tracing::warn!("sync failed: {e}");
                self.note_network(Some(&e));
                Some(e)
            }
        };
        if error.is_none() {
            self.note_network(None);
        }
        self.sync_tracker().with(|l| {
            l.running = false;
            l.requests = l.progress.map_or(0, |p| p.requests);
            l.progress = None;
            l.last_error = error.map(CommandError::from);
            l.shortfalls = shortfalls;
        });
        self.emit(AppEvent::Sync(self.sync_status_of(&shop)));
    }

    /// Stores the associated user a sync inferred in the profile, so roles are computed from the
    /// start next time.
    async fn remember_associated_user(&self, shop: &Shop, user: &merchant_core::AssociatedUser) {
        let saved = self.workspace().profiles().update(&shop.profile.id, |p| {
            p.connect.associated_user_id.clone_from(&user.id);
            p.connect.associated_user_email.clone_from(&user.email);
        });
        match saved {
            Ok(updated) => self.profile_changed(&updated).await,
            Err(e) => tracing::warn!("could not save the associated user: {e}"),
        }
    }

    /// Reads `GET /balance` and saves it in the book (the dashboard shows the saved figures).
    pub async fn refresh_balance_of(&self, shop: &Shop) -> merchant_core::Result<BalanceView> {
        let saved =
            merchant_core::balance::refresh_balance(&shop.book, &shop.client, Utc::now()).await;
        if let Err(e) = &saved {
            self.note_network(Some(e));
        }
        Ok(BalanceView::from(saved?))
    }
}
