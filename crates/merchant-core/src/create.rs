//! Creating an escrow from the app's form: validated locally by dhmad-api (contract §2.3), written
//! into the book with its first status, and — when the response was lost — reconciled instead of
//! re-sent, so a dropped connection never makes a second escrow.

use chrono::{DateTime, Duration, Utc};
use dhmad_api::{Client, CreateEscrow, ErrorKind, Escrow, EscrowStatus as ApiStatus, ListEscrows};

use crate::api_map::escrow_record;
use crate::book::{Book, ChangeSource, EscrowRecord};
use crate::error::{MerchantError, Result};

/// Clock difference tolerated between this computer and DHMAD when matching a lost create.
const SKEW: Duration = Duration::minutes(5);

/// What a create led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// DHMAD answered with the new escrow.
    New(EscrowRecord),
    /// The answer was lost, and the escrow it made was found among the pending ones.
    Reconciled(EscrowRecord),
}

impl Created {
    /// The escrow, however it was learned.
    pub fn record(&self) -> &EscrowRecord {
        match self {
            Self::New(r) | Self::Reconciled(r) => r,
        }
    }
}

/// `POST /escrows` with `request`, then the book. On an unknown outcome (the request may have
/// reached DHMAD) it looks once for the escrow among the newest pending ones (same title, amount
/// and buyer, created since `now` − 5 min); if none is found the original error is returned and
/// nothing is retried. An escrow with a third-party seller may not be listed (contract §2.4), in
/// which case the merchant is told to check before creating again.
pub async fn create_escrow(
    client: &Client,
    book: &Book,
    request: &CreateEscrow,
    now: DateTime<Utc>,
) -> Result<Created> {
    match client.escrows().create(request).await {
        Ok(created) => {
            let rec = store(book, &created.escrow, now)?;
            Ok(Created::New(rec))
        }
        Err(e) if matches!(e.kind(), ErrorKind::OutcomeUnknown) => {
            tracing::warn!("create outcome unknown; looking for the escrow before anything else");
            // A failed lookup leaves the outcome unknown: report the create's own error.
            match find_lost(client, request, now).await {
                Ok(Some(escrow)) => Ok(Created::Reconciled(store(book, &escrow, now)?)),
                Ok(None) | Err(_) => Err(MerchantError::Api(e)),
            }
        }
        Err(e) => Err(MerchantError::Api(e)),
    }
}

fn store(book: &Book, escrow: &Escrow, now: DateTime<Utc>) -> Result<EscrowRecord> {
    let rec = escrow_record(escrow, now);
    book.write(|tx| tx.upsert_escrow(&rec, now, ChangeSource::Action))?;
    Ok(rec)
}

async fn find_lost(
    client: &Client,
    request: &CreateEscrow,
    now: DateTime<Utc>,
) -> Result<Option<Escrow>> {
    let q = ListEscrows {
        status: Some(ApiStatus::Pending),
        role: None,
        page: Some(1),
        limit: Some(100),
    };
    let page = client.escrows().list(&q).await?;
    Ok(page.escrows.into_iter().find(|e| matches(e, request, now)))
}

fn matches(e: &Escrow, r: &CreateEscrow, now: DateTime<Utc>) -> bool {
    e.title.as_deref() == Some(r.title.as_str())
        && e.amount == Some(r.amount)
        && e.buyer_email
            .as_deref()
            .is_some_and(|b| b.eq_ignore_ascii_case(&r.buyer_email))
        && e.created_at.is_none_or(|c| c >= now - SKEW)
}
