//! Counter sales' watchers: one per sale — started with the sale, restarted by a renew or a
//! reconcile, resumed for every unfinished sale when the shop opens — and stopped when the shop
//! closes, so a sale never has two watchers and the UI never hears "paid" twice. Their events go
//! to the UI as `sale://event`.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use futures::StreamExt;
use merchant_core::watch::{SaleEvent, WatchConfig, watch_sale};
use merchant_core::{MerchantError, Patience, ProfileId, Shop};
use tokio::task::JoinHandle;
use uuid::Uuid;

use super::{App, AppEvent};
use crate::views::counter::{SaleEventKind, SaleEventView, SaleView};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// The running sale watchers, by sale.
#[derive(Debug, Default)]
pub struct SaleWatchers {
    running: Mutex<HashMap<Uuid, Running>>,
    next_generation: Mutex<u64>,
    /// Sales being looked up at DHMAD right now: one lookup per sale, so pressing "Check now"
    /// during one never opens a second checkout session.
    checking: Mutex<HashSet<Uuid>>,
}

#[derive(Debug)]
struct Running {
    profile: ProfileId,
    generation: u64,
    task: JoinHandle<()>,
}

impl SaleWatchers {
    fn generation(&self) -> u64 {
        let mut next = self
            .next_generation
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *next += 1;
        *next
    }

    /// Forgets `sale_id`'s watcher when it ended by itself (unless a newer one replaced it).
    fn finished(&self, sale_id: Uuid, generation: u64) {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if running
            .get(&sale_id)
            .is_some_and(|r| r.generation == generation)
        {
            running.remove(&sale_id);
        }
    }

    /// Stops every watcher of `profile` (its shop is closing).
    pub fn stop_profile(&self, profile: &ProfileId) {
        self.running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, r| {
                let keep = &r.profile != profile;
                if !keep {
                    r.task.abort();
                }
                keep
            });
    }

    /// Marks `sale_id` as being checked; false when it already was.
    fn start_checking(&self, sale_id: Uuid) -> bool {
        self.checking
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(sale_id)
    }

    fn done_checking(&self, sale_id: Uuid) {
        self.checking
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&sale_id);
    }

    /// How many sales are being watched.
    pub fn count(&self) -> usize {
        self.running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl App {
    /// Watches one sale until it finishes, replacing any watcher it already had.
    pub fn watch_counter_sale(&self, shop: &Shop, sale_id: Uuid) {
        let watchers = &self.0.sales;
        let generation = watchers.generation();
        let events = watch_sale(
            shop.book.clone(),
            shop.client.clone(),
            sale_id,
            WatchConfig::default(),
            now,
        );
        let (app, shop_for_task) = (self.clone(), shop.clone());
        let mut events = Box::pin(events);
        // Locked across the spawn: a task that ends at once must find itself recorded, or
        // `finished` would miss it and leave a stale entry behind.
        let mut running = watchers
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let task = self.spawn(async move {
            while let Some(event) = events.next().await {
                if let Some(view) = event_view(&shop_for_task, &event) {
                    app.emit(AppEvent::Sale(Box::new(view)));
                }
            }
            app.0.sales.finished(sale_id, generation);
        });
        let replaced = running.insert(
            sale_id,
            Running {
                profile: shop.profile.id.clone(),
                generation,
                task,
            },
        );
        drop(running);
        if let Some(previous) = replaced {
            previous.task.abort();
        }
    }

    /// Resumes the watcher of every unfinished sale that has an escrow (after a restart or a
    /// profile switch). A sale an earlier run left being created (the app was killed, or lost
    /// the answer) is reconciled first in the background — looked up at DHMAD, never sent
    /// again — and then watched; the counter screen shows where it stands meanwhile.
    pub(crate) fn resume_counter_sales(&self, shop: &Shop) {
        let sales = match shop.book.unfinished_sales() {
            Ok(sales) => sales,
            Err(e) => {
                tracing::warn!("could not resume unfinished sales: {e}");
                return;
            }
        };
        for sale in sales {
            if sale.escrow_id.is_some() {
                self.watch_counter_sale(shop, sale.id);
            } else if sale.created_at < self.0.started_at {
                self.reconcile_in_background(shop, sale.id);
            }
        }
    }

    /// Looks up, in the background, a sale whose create answer was lost (never sending it
    /// again); the counter shows "not sure yet — checking" meanwhile and hears the outcome as a
    /// `sale://event` (`reconciled`, `notCreated` or `stillUnsure`). A sale already being checked
    /// is left to that lookup.
    pub fn reconcile_in_background(&self, shop: &Shop, sale_id: Uuid) {
        let Some(redirect) = shop.profile.settings.redirect_url.clone() else {
            return; // no checkout link without it: the counter screen asks for the setting
        };
        if !self.0.sales.start_checking(sale_id) {
            return;
        }
        let (app, shop) = (self.clone(), shop.clone());
        self.spawn(async move {
            let patience = Patience::default();
            let done = merchant_core::reconcile_sale(
                &shop.book,
                &shop.client,
                sale_id,
                &redirect,
                now(),
                &patience,
            )
            .await;
            app.0.sales.done_checking(sale_id);
            app.note_network(done.as_ref().err());
            let kind = match done {
                Ok(_) => {
                    app.watch_counter_sale(&shop, sale_id);
                    SaleEventKind::Reconciled
                }
                Err(MerchantError::SaleFailed(_)) => {
                    tracing::info!(%sale_id, "a sale whose answer was lost was never created");
                    SaleEventKind::NotCreated
                }
                Err(e) => {
                    tracing::warn!(%sale_id, "could not check a sale with DHMAD yet: {e}");
                    SaleEventKind::StillUnsure
                }
            };
            if let Some(sale) = shop.book.sale(sale_id).ok().flatten() {
                app.emit(AppEvent::Sale(Box::new(SaleEventView {
                    sale_id: sale_id.to_string(),
                    kind,
                    sale: SaleView::new(&sale),
                })));
            }
        });
    }

    /// The running sale watchers.
    pub fn sale_watchers(&self) -> &SaleWatchers {
        &self.0.sales
    }
}

fn event_view(shop: &Shop, event: &SaleEvent) -> Option<SaleEventView> {
    let (sale_id, kind) = match event {
        SaleEvent::Paid { sale_id } => (sale_id, SaleEventKind::Paid),
        SaleEvent::Delivered { sale_id } => (sale_id, SaleEventKind::Delivered),
        SaleEvent::Completed { sale_id } => (sale_id, SaleEventKind::Completed),
        SaleEvent::Cancelled { sale_id } => (sale_id, SaleEventKind::Cancelled),
        SaleEvent::SessionExpired { sale_id, .. } => (sale_id, SaleEventKind::SessionExpired),
    };
    let sale = shop.book.sale(*sale_id).ok().flatten()?;
    Some(SaleEventView {
        sale_id: sale_id.to_string(),
        kind,
        sale: SaleView::new(&sale),
    })
}
