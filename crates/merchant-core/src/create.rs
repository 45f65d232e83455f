//! Creating an escrow from the app's form: validated locally by dhmad-api (contract §2.3), sent
//! with a reference at the end of its title, and written into the book with its first status.
//! When the answer is lost the escrow is looked up by that reference through the counter sale's
//! own path ([`crate::reconcile`]), never sent again, so a dropped connection never makes a
//! second escrow.

use chrono::{DateTime, Utc};
use dhmad_api::{Client, CreateEscrow, ErrorKind, Escrow};

use crate::api_map::escrow_record;
use crate::book::{Book, ChangeSource, EscrowRecord, EscrowRole};
use crate::error::{MerchantError, Result};
use crate::reconcile::{self, Lookup, Patience, Reference, Wanted};

/// A create whose outcome is not known yet: what finds its escrow again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingCreate {
    /// The reference at the end of the escrow's title.
    pub reference: Reference,
    /// The buyer's e-mail.
    pub buyer_email: String,
    /// When it was sent, by this computer's clock.
    pub sent_at: DateTime<Utc>,
    /// Whether a third party is the seller: DHMAD may then not list the escrow to the
    /// developer (contract §2.4), so not finding it proves nothing.
    pub third_party_seller: bool,
    /// Why the outcome is unknown (the create's own error).
    pub reason: String,
}

/// What a create led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// DHMAD answered with the new escrow.
    New(EscrowRecord),
    /// The answer was lost and the escrow was found by its reference.
    Reconciled(EscrowRecord),
    /// The answer was lost: not sure yet. Call [`reconcile_create`], never create again.
    Unsure(PendingCreate),
}

impl Created {
    /// The escrow, when it is known.
    pub fn record(&self) -> Option<&EscrowRecord> {
        match self {
            Self::New(r) | Self::Reconciled(r) => Some(r),
            Self::Unsure(_) => None,
        }
    }
}

/// `POST /escrows` with `request` (its title gets a fresh reference), then the book. An unknown
/// outcome (the request may have reached DHMAD) is [`Created::Unsure`]; nothing is retried.
pub async fn create_escrow(
    client: &Client,
    book: &Book,
    request: &CreateEscrow,
    now: DateTime<Utc>,
) -> Result<Created> {
    // The merchant's own title is what the rules judge (an empty one stays refused).
    request.validate().map_err(dhmad_api::ApiError::from)?;
    let reference = Reference::random();
    let mut sent = request.clone();
    sent.title = reference.title_with(&request.title);
    match client.escrows().create(&sent).await {
        Ok(created) => {
            let seller = request.seller_email.is_none();
            Ok(Created::New(store(book, &created.escrow, seller, now)?))
        }
        Err(e) if e.kind() == ErrorKind::OutcomeUnknown => {
            tracing::warn!(%reference, "create outcome unknown; it will be looked up, not re-sent");
            Ok(Created::Unsure(PendingCreate {
                reference,
                buyer_email: request.buyer_email.trim().to_owned(),
                sent_at: now,
                third_party_seller: request.seller_email.is_some(),
                reason: e.to_string(),
            }))
        }
        Err(e) => Err(MerchantError::Api(e)),
    }
}

/// Looks for the escrow of an unsure create by its reference, patiently (the counter sale's
/// path). Found → stored and returned. Not found after the whole window → "not created"
/// ([`MerchantError::SaleFailed`]), unless a third party is the seller, whose escrows DHMAD may
/// not list: then the merchant is told to check the dashboard before creating again.
pub async fn reconcile_create(
    client: &Client,
    book: &Book,
    pending: &PendingCreate,
    now: DateTime<Utc>,
    patience: &Patience,
) -> Result<EscrowRecord> {
    let wanted = Wanted {
        reference: &pending.reference,
        buyer_email: &pending.buyer_email,
        sent_at: pending.sent_at,
    };
    match reconcile::find_created(client, &wanted, patience).await? {
        Lookup::Found(e) => store(book, &e, !pending.third_party_seller, now),
        Lookup::NotCreated if pending.third_party_seller => {
            Err(MerchantError::InvalidInput(format!(
                "DHMAD does not list escrow {} among yours; with another seller it may exist \
                 anyway. Check the DHMAD dashboard before creating it again.",
                pending.reference
            )))
        }
        Lookup::NotCreated => Err(reconcile::not_created(&pending.reference, patience)),
    }
}

/// Stores a created escrow. With no `sellerEmail` the merchant is its seller (§2.3): said here,
/// since a create's answer may not carry the role, so that the new sale counts as the merchant's
/// (in "Coming to you", the Books) before the next sync.
fn store(book: &Book, escrow: &Escrow, own_sale: bool, now: DateTime<Utc>) -> Result<EscrowRecord> {
    let mut rec = escrow_record(escrow, now);
    if own_sale {
        rec.role = rec.role.or(Some(EscrowRole::Seller));
    }
    book.write(|tx| tx.upsert_escrow(&rec, now, ChangeSource::Action))?;
    Ok(rec)
}
