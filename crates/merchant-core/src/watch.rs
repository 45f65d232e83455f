//! Watchers: poll a sale's checkout session and escrow, fast while the buyer
//! may be paying, backing off when idle, and emit typed events. One request per tick, so a
//! watcher stays far inside the rate budget (≤ 30 requests/minute at the fastest).

use std::time::Duration;

use chrono::{DateTime, Utc};
use dhmad_api::{Client, EscrowId, SessionId};
use futures::Stream;
use serde::Serialize;
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::api_map::session_status;
use crate::book::{Book, ChangeSource, CounterSale, SaleState, SessionStatus};
use crate::error::Result;
use crate::sale::{apply, load};

/// What a watcher saw happen to a sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum SaleEvent {
    /// The buyer paid.
    Paid {
        /// The sale.
        sale_id: Uuid,
    },
    /// The escrow is delivered (a quick sale waits for the buyer).
    Delivered {
        /// The sale.
        sale_id: Uuid,
    },
    /// Done: funds released.
    Completed {
        /// The sale.
        sale_id: Uuid,
    },
    /// Cancelled.
    Cancelled {
        /// The sale.
        sale_id: Uuid,
    },
    /// The checkout link expired before payment; renew it with `renew_session`.
    SessionExpired {
        /// The sale.
        sale_id: Uuid,
        /// The expired session.
        session_id: String,
    },
}

/// Polling rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchConfig {
    /// Interval while a checkout session is pending (someone may be paying).
    pub fast: Duration,
    /// Longest interval when nothing happens.
    pub idle_max: Duration,
}

impl Default for WatchConfig {
    fn default() -> Self {
        Self {
            fast: Duration::from_secs(2),
            idle_max: Duration::from_secs(30),
        }
    }
}

/// The clock watchers stamp observations with (tests may pass a fixed one).
pub type Clock = fn() -> DateTime<Utc>;

/// Watches one sale until it is finished; the stream ends then. Spawns a tokio task (call it
/// inside a runtime); the task stops at its next event once the stream is dropped.
pub fn watch_sale(
    book: Book,
    client: Client,
    sale_id: Uuid,
    config: WatchConfig,
    clock: Clock,
) -> impl Stream<Item = SaleEvent> + Send + 'static {
    let (tx, rx) = mpsc::channel(16);
    tokio::spawn(async move {
        if let Err(e) = run(&book, &client, sale_id, config, clock, &tx).await {
            tracing::warn!(%sale_id, error = %e, "sale watcher stopped");
        }
    });
    receiver_stream(rx)
}

/// Restarts a watcher for every unfinished sale that has an escrow (after an app restart);
/// their events arrive merged.
pub fn resume_unfinished(
    book: &Book,
    client: &Client,
    config: WatchConfig,
    clock: Clock,
) -> Result<impl Stream<Item = SaleEvent> + Send + 'static> {
    let (tx, rx) = mpsc::channel(16);
    for sale in book.unfinished_sales()? {
        if sale.escrow_id.is_none() {
            continue; // creating / create_unknown: reconcile first, nothing to watch yet.
        }
        let (book, client, tx) = (book.clone(), client.clone(), tx.clone());
        tokio::spawn(async move {
            if let Err(e) = run(&book, &client, sale.id, config, clock, &tx).await {
                tracing::warn!(sale_id = %sale.id, error = %e, "sale watcher stopped");
            }
        });
    }
    Ok(receiver_stream(rx))
}

fn receiver_stream<T: Send + 'static>(rx: mpsc::Receiver<T>) -> impl Stream<Item = T> + Send {
    futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|v| (v, rx)) })
}

async fn run(
    book: &Book,
    client: &Client,
    sale_id: Uuid,
    config: WatchConfig,
    clock: Clock,
    tx: &mpsc::Sender<SaleEvent>,
) -> Result<()> {
    let mut seen = load(book, sale_id)?.state;
    let mut expired_reported: Option<String> = None;
    let mut idle = config.fast;
    loop {
        if tx.is_closed() {
            return Ok(()); // nobody listens any more: stop polling DHMAD
        }
        let mut sale = load(book, sale_id)?;
        if sale.state != seen {
            if !send_all(tx, events(seen, sale.state, sale_id)).await {
                return Ok(()); // nobody listens any more
            }
            seen = sale.state;
        }
        if sale.state.is_finished() {
            return Ok(());
        }
        let fast = match tick(book, client, &mut sale, clock).await {
            Ok(Tick::SessionPending) => true,
            Ok(Tick::SessionExpired(id)) => {
                if !report_expiry(&mut expired_reported, id, sale_id, tx).await {
                    return Ok(());
                }
                false
            }
            Ok(Tick::Other) => false,
            Err(e) => {
                tracing::debug!(%sale_id, error = %e, "watch tick failed; backing off");
                false
            }
        };
        if load(book, sale_id)?.state != seen {
            continue; // report at once
        }
        idle = if fast {
            config.fast
        } else {
            (idle * 2).min(config.idle_max)
        };
        tokio::time::sleep(idle).await;
    }
}

/// Sends `events` in order; `false` when nobody listens any more.
async fn send_all(tx: &mpsc::Sender<SaleEvent>, events: Vec<SaleEvent>) -> bool {
    for ev in events {
        if tx.send(ev).await.is_err() {
            return false;
        }
    }
    true
}

/// Reports an expired link once: every poll sees it again until the link is renewed. `false`
/// when nobody listens any more.
async fn report_expiry(
    reported: &mut Option<String>,
    session_id: String,
    sale_id: Uuid,
    tx: &mpsc::Sender<SaleEvent>,
) -> bool {
    if reported.as_deref() == Some(session_id.as_str()) {
        return true;
    }
    *reported = Some(session_id.clone());
    tx.send(SaleEvent::SessionExpired {
        sale_id,
        session_id,
    })
    .await
    .is_ok()
}

enum Tick {
    SessionPending,
    SessionExpired(String),
    Other,
}

/// One poll: the session while awaiting payment (the escrow once it is done), else the escrow.
async fn tick(book: &Book, client: &Client, sale: &mut CounterSale, clock: Clock) -> Result<Tick> {
    let Some(escrow_id) = sale.escrow_id.clone() else {
        return Ok(Tick::Other);
    };
    if sale.state == SaleState::AwaitingPayment
        && let Some(sid) = sale.session_id.clone()
    {
        let s = client.sessions().get(&SessionId::new(sid.clone())).await?;
        let status = session_status(s.status.as_ref());
        if book.session(&sid)?.is_some() {
            book.set_session_status(&sid, &status, s.completed_at)?;
        }
        match status {
            SessionStatus::Pending => return Ok(Tick::SessionPending),
            SessionStatus::Expired | SessionStatus::Cancelled => {
                return Ok(Tick::SessionExpired(sid));
            }
            _ => {} // completed: read the escrow now
        }
    }
    let e = client.escrows().get(&EscrowId::new(escrow_id)).await?;
    apply(book, sale, &e, ChangeSource::Watcher, clock())?;
    Ok(Tick::Other)
}

/// Events for a jump between sale states. A slow poll may skip `paid` (awaiting → completed):
/// `Paid` is still reported; an instant sale goes paid → completed with no `Delivered`.
fn events(from: SaleState, to: SaleState, sale_id: Uuid) -> Vec<SaleEvent> {
    let was_unpaid = matches!(
        from,
        SaleState::Creating | SaleState::CreateUnknown | SaleState::AwaitingPayment
    );
    let mut out = Vec::new();
    if was_unpaid
        && matches!(
            to,
            SaleState::Paid | SaleState::Delivered | SaleState::Completed
        )
    {
        out.push(SaleEvent::Paid { sale_id });
    }
    match to {
        SaleState::Delivered => out.push(SaleEvent::Delivered { sale_id }),
        SaleState::Completed => out.push(SaleEvent::Completed { sale_id }),
        SaleState::Cancelled => out.push(SaleEvent::Cancelled { sale_id }),
        _ => {}
    }
    out
}
