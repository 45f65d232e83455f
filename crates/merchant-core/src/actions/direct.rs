//! The four direct escrow calls: update, deliver, reject delivery, cancel.

use chrono::{DateTime, Utc};
use dhmad_api::{Client, EscrowId};

use super::rules::{EscrowAction, check_actor, check_state};
use super::{known_escrow, store_escrow};
use crate::book::{Book, EscrowMode, EscrowRecord};
use crate::error::{MerchantError, Result};

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

/// Smallest amount after an update: 5 TND (standard, quick) or 0.01 TND (instant).
fn check_amount(r: &EscrowRecord, u: &EscrowUpdate) -> Result<()> {
    let Some(amount) = u.amount else {
        return Ok(());
    };
    let (min, text) = if r.mode == Some(EscrowMode::Instant) {
        (
            dhmad_api::Money::from_millimes(10),
            "0.01 TND for an instant escrow",
        )
    } else {
        (
            dhmad_api::Money::from_millimes(5_000),
            "5 TND for a standard or quick escrow",
        )
    };
    // The minimum is on the TND amount; for USD/EUR the server converts and judges.
    if r.currency == "TND" && amount < min {
        return Err(MerchantError::InvalidInput(format!(
            "the amount must be at least {text}"
        )));
    }
    Ok(())
}

/// Updates a pending escrow. Refused locally when the escrow is not pending, the update is
/// empty or out of bounds.
pub async fn update_escrow(
    client: &Client,
    book: &Book,
    id: &str,
    update: &EscrowUpdate,
    now: DateTime<Utc>,
) -> Result<EscrowRecord> {
    let r = checked(book, id, &EscrowAction::Update)?;
    check_amount(&r, update)?;
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
