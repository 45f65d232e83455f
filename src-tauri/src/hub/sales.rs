//! Counter sales' watchers: one per sale started here, and every unfinished sale resumed when
//! the shop opens. Their events go to the UI as `sale://event`.

use futures::{Stream, StreamExt};
use merchant_core::Shop;
use merchant_core::watch::{SaleEvent, WatchConfig, resume_unfinished, watch_sale};
use uuid::Uuid;

use super::{Hub, HubEvent};
use crate::views::counter::{SaleEventView, SaleView};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

impl Hub {
    /// Watches one sale until it finishes.
    pub fn watch_counter_sale(&self, shop: &Shop, sale_id: Uuid) {
        let events = watch_sale(
            shop.book.clone(),
            shop.client.clone(),
            sale_id,
            WatchConfig::default(),
            now,
        );
        self.forward_sale_events(shop.clone(), events);
    }

    /// Resumes the watchers of every unfinished sale (after a restart or a profile switch).
    pub(crate) fn resume_counter_sales(&self, shop: &Shop) {
        match resume_unfinished(&shop.book, &shop.client, WatchConfig::default(), now) {
            Ok(events) => self.forward_sale_events(shop.clone(), events),
            Err(e) => tracing::warn!("could not resume unfinished sales: {e}"),
        }
    }

    fn forward_sale_events(
        &self,
        shop: Shop,
        events: impl Stream<Item = SaleEvent> + Send + 'static,
    ) {
        let hub = self.clone();
        tauri::async_runtime::spawn(async move {
            let mut events = Box::pin(events);
            while let Some(event) = events.next().await {
                if let Some(view) = event_view(&shop, &event) {
                    hub.emit(HubEvent::Sale(view));
                }
            }
        });
    }
}

fn event_view(shop: &Shop, event: &SaleEvent) -> Option<SaleEventView> {
    let (sale_id, kind) = match event {
        SaleEvent::Paid { sale_id } => (sale_id, "paid"),
        SaleEvent::Delivered { sale_id } => (sale_id, "delivered"),
        SaleEvent::Completed { sale_id } => (sale_id, "completed"),
        SaleEvent::Cancelled { sale_id } => (sale_id, "cancelled"),
        SaleEvent::SessionExpired { sale_id, .. } => (sale_id, "sessionExpired"),
    };
    let sale = shop.book.sale(*sale_id).ok().flatten()?;
    Some(SaleEventView {
        sale_id: sale_id.to_string(),
        kind: kind.to_owned(),
        sale: SaleView::new(&sale),
    })
}
