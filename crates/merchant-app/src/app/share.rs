//! Watching shared checkout links: poll the session while someone may be acting on it, read the
//! escrow when the link completes, and tell the UI (`share://status`). Fast while pending,
//! slower as time passes, and never more than one watcher per link.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::Utc;
use dhmad_api::EscrowId;
use merchant_core::Shop;
use merchant_core::actions::refresh_session;
use merchant_core::book::{EscrowStatus, SessionStatus};

use super::{App, AppEvent};
use crate::views::actions::ShareStatusEvent;

/// First polling interval (someone may be paying right now).
const FAST: Duration = Duration::from_secs(2);
/// Slowest interval for a link nobody has used for a while.
const SLOW: Duration = Duration::from_secs(15);

/// Links being watched.
#[derive(Debug, Default)]
pub struct ShareWatchers {
    watching: Mutex<HashSet<String>>,
}

impl ShareWatchers {
    fn claim(&self, session_id: &str) -> bool {
        self.watching
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(session_id.to_owned())
    }

    fn release(&self, session_id: &str) {
        self.watching
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(session_id);
    }
}

impl App {
    /// Starts watching `session_id` of `shop` unless it is already watched.
    pub fn watch_session(&self, shop: Shop, session_id: String) {
        if !self.share_watchers().claim(&session_id) {
            return;
        }
        let app = self.clone();
        self.spawn(async move {
            app.run_share_watch(&shop, &session_id).await;
            app.share_watchers().release(&session_id);
        });
    }

    async fn run_share_watch(&self, shop: &Shop, session_id: &str) {
        let mut interval = FAST;
        let mut last = SessionStatus::Pending;
        loop {
            tokio::time::sleep(interval).await;
            let rec = match refresh_session(&shop.client, &shop.book, session_id, Utc::now()).await
            {
                Ok(rec) => rec,
                Err(e) => {
                    tracing::debug!(%session_id, "share watcher: {e}");
                    self.note_network(Some(&e));
                    interval = (interval * 2).min(SLOW);
                    continue;
                }
            };
            self.note_network(None);
            let status = rec.status.clone();
            if status != last {
                let escrow_status = self.refresh_escrow(shop, &rec.escrow_id).await;
                self.emit(AppEvent::Share(ShareStatusEvent {
                    session_id: session_id.to_owned(),
                    status: status.clone(),
                    escrow_status,
                }));
                last = status;
            }
            if last != SessionStatus::Pending {
                return;
            }
            interval = (interval + Duration::from_secs(1)).min(SLOW);
        }
    }

    /// Reads one escrow into the book; its status, or `None` when it could not be read.
    async fn refresh_escrow(&self, shop: &Shop, escrow_id: &str) -> Option<EscrowStatus> {
        let escrow = shop
            .client
            .escrows()
            .get(&EscrowId::new(escrow_id))
            .await
            .ok()?;
        let rec = merchant_core::api_map::escrow_record(&escrow, Utc::now());
        let stored = shop.book.write(|tx| {
            tx.upsert_escrow(&rec, Utc::now(), merchant_core::book::ChangeSource::Watcher)
        });
        if let Err(e) = stored {
            tracing::warn!("could not store escrow {escrow_id}: {e}");
        }
        Some(rec.status)
    }
}
