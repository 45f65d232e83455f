//! After payment: deliver, the buyer's `complete` link, cancel — local checks first, the same
//! ones the Escrows screen applies.

use chrono::{DateTime, Utc};
use dhmad_api::{Client, Escrow};
use uuid::Uuid;

use super::{create_session, escrow_of, load};
use crate::actions::{cancel_escrow, deliver_escrow};
use crate::api_map::{created_session_record, merge_escrow};
use crate::book::{
    Book, ChangeSource, CheckoutSessionRecord, CounterSale, EscrowRecord, EscrowStatus, SaleState,
    SessionAction,
};
use crate::error::{MerchantError, Result};
use crate::qr::qr_svg;

/// Marks a paid sale delivered: an instant sale completes at once, a quick one waits for the
/// buyer (see [`complete_link`]). The Escrows screen's own path, with its status, mode, proof
/// and party checks before any request. Returns the sale's new state.
pub async fn mark_delivered(
    book: &Book,
    client: &Client,
    sale_id: Uuid,
    now: DateTime<Utc>,
) -> Result<SaleState> {
    let mut sale = load(book, sale_id)?;
    let id = escrow_of(&sale)?;
    let rec = deliver_escrow(client, book, id.as_str(), now).await?;
    follow(book, &mut sale, &rec, now)
}

/// A `complete` session for the buyer of a delivered quick sale; returns the link and its QR.
pub async fn complete_link(
    book: &Book,
    client: &Client,
    sale_id: Uuid,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> Result<(CheckoutSessionRecord, String)> {
    let sale = load(book, sale_id)?;
    if sale.state != SaleState::Delivered {
        return Err(MerchantError::InvalidInput(format!(
            "sale {sale_id} is {}; the buyer confirms only a delivered sale",
            sale.state.as_str()
        )));
    }
    let id = escrow_of(&sale)?;
    let s = create_session(client, &id, SessionAction::Complete, &sale, redirect_url).await?;
    let rec = created_session_record(
        &s,
        id.as_str(),
        SessionAction::Complete,
        &sale.buyer_email,
        redirect_url,
        now,
    );
    book.upsert_session(&rec)?;
    let svg = qr_svg(&rec.url)?;
    Ok((rec, svg))
}

/// Cancels a sale whose escrow is still pending (`POST /escrows/:id/cancel`), through the
/// Escrows screen's own path and checks. Returns the sale's new state.
pub async fn cancel_sale(
    book: &Book,
    client: &Client,
    sale_id: Uuid,
    now: DateTime<Utc>,
) -> Result<SaleState> {
    let mut sale = load(book, sale_id)?;
    let id = escrow_of(&sale)?;
    let rec = cancel_escrow(client, book, id.as_str(), now).await?;
    follow(book, &mut sale, &rec, now)
}

/// Moves the sale along to what its stored escrow now says.
fn follow(
    book: &Book,
    sale: &mut CounterSale,
    rec: &EscrowRecord,
    now: DateTime<Utc>,
) -> Result<SaleState> {
    sale.state = state_for(&rec.status, sale.state);
    sale.updated_at = now;
    book.update_sale(sale)?;
    Ok(sale.state)
}

/// The sale state an escrow status implies.
pub(crate) fn state_for(status: &EscrowStatus, current: SaleState) -> SaleState {
    match status {
        EscrowStatus::Paid => SaleState::Paid,
        EscrowStatus::Delivered => SaleState::Delivered,
        EscrowStatus::Completed => SaleState::Completed,
        EscrowStatus::Cancelled => SaleState::Cancelled,
        _ => current,
    }
}

/// Stores an observed escrow (merged over the stored one: action responses may be partial)
/// and moves the sale along.
pub(crate) fn apply(
    book: &Book,
    sale: &mut CounterSale,
    e: &Escrow,
    source: ChangeSource,
    now: DateTime<Utc>,
) -> Result<()> {
    book.write(|tx| {
        let rec = merge_escrow(tx.escrow(e.id.as_str())?, e, now);
        tx.upsert_escrow(&rec, now, source)?;
        // The stored row, not `rec`: a stale observation (older `updatedAt`) was ignored and
        // must not move the sale backwards.
        let status = tx.escrow(&rec.id)?.map_or(rec.status, |r| r.status);
        sale.state = state_for(&status, sale.state);
        sale.updated_at = now;
        tx.update_sale(sale)
    })
}
