//! The four direct escrow calls: update, deliver, reject delivery, cancel.

use chrono::{DateTime, Utc};
use dhmad_api::{Client, EscrowId};

use super::rules::{EscrowAction, check_actor, check_state};
use super::{known_escrow, store_escrow};
use crate::book::{Book, EscrowRecord};
use crate::error::Result;

/// `PUT /escrows/:id` body: `title`, `amount` (TND), `description`, `estimatedDeliveryDays`,
/// at least one (dhmad-api's type, validated locally before sending).
pub use dhmad_api::UpdateEscrow as EscrowUpdate;

/// The book's record of `id` once `action`'s status, mode and party rules pass (the party rule
/// uses the stored role; an unknown role is left to the server).
fn checked(book: &Book, id: &str, action: &EscrowAction) -> Result<EscrowRecord> {
    let r = known_escrow(book, id)?;
    let party = check_state(&r, action)?;
    check_actor(r.role.as_ref(), action, party)?;
    Ok(r)
}

/// Updates a pending escrow. Refused locally when the escrow is not pending (contract §2.8) or
/// the update is empty or not positive (dhmad-api's checks); an amount under the mode's minimum
/// is the server's to judge, since the update page documents no minimum.
pub async fn update_escrow(
    client: &Client,
    book: &Book,
    id: &str,
    update: &EscrowUpdate,
    now: DateTime<Utc>,
) -> Result<EscrowRecord> {
    checked(book, id, &EscrowAction::Update)?;
    let changed = client.escrows().update(&EscrowId::new(id), update).await?;
    store_escrow(book, &changed.escrow, now)
}

/// Marks a paid escrow delivered (the associated user must be the seller; with purchase
/// proof, only once the proof is accepted). Instant escrows complete at once.
pub async fn deliver_escrow(
    client: &Client,
    book: &Book,
    id: &str,
    now: DateTime<Utc>,
) -> Result<EscrowRecord> {
    checked(book, id, &EscrowAction::Deliver)?;
    let changed = client.escrows().deliver(&EscrowId::new(id)).await?;
    store_escrow(book, &changed.escrow, now)
}

/// Rejects a delivered escrow's delivery (the associated user must be the buyer; not instant;
/// not while a dispute is open): the escrow goes back to paid.
pub async fn reject_delivery(
    client: &Client,
    book: &Book,
    id: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<EscrowRecord> {
    checked(book, id, &EscrowAction::RejectDelivery)?;
    let reason = reason.map(str::trim).filter(|s| !s.is_empty());
    let changed = client
        .escrows()
        .reject_delivery(&EscrowId::new(id), reason)
        .await?;
    store_escrow(book, &changed.escrow, now)
}

/// Cancels a pending escrow. A paid or delivered one is refused with the contract's advice:
/// the buyer uses a `request_cancellation` session, the seller a `cancel_escrow` session.
pub async fn cancel_escrow(
    client: &Client,
    book: &Book,
    id: &str,
    now: DateTime<Utc>,
) -> Result<EscrowRecord> {
    checked(book, id, &EscrowAction::Cancel)?;
    let changed = client.escrows().cancel(&EscrowId::new(id)).await?;
    store_escrow(book, &changed.escrow, now)
}
