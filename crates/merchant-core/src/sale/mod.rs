//! The counter sale: sale row first, then the escrow, then an `accept_pay`
//! session. A create whose answer is lost is looked up by the sale's reference (see
//! [`crate::reconcile`]), never re-sent.

use chrono::{DateTime, Duration, Utc};
use dhmad_api::{
    Client, CreateEscrow, CreateSession, CreatedSession, ErrorKind, Escrow, EscrowId, EscrowMode,
    Money,
};
use serde::Serialize;
use uuid::Uuid;

use crate::api_map::{created_session_record, escrow_record};
use crate::book::{Book, ChangeSource, CounterSale, EscrowRole, SaleState, SessionAction};
use crate::error::{MerchantError, Result};
use crate::qr::qr_svg;
use crate::reconcile::{self, Lookup, Patience, Reference, Wanted};
use crate::settings::SaleMode;

mod after;

pub(crate) use after::apply;
pub use after::{cancel_sale, complete_link, mark_delivered};

/// Fresh references tried before giving up on finding one the book has not used.
const REFERENCE_TRIES: usize = 5;

/// What the merchant typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleRequest {
    /// Amount (TND, integer millimes inside).
    pub amount: Money,
    /// Escrow title.
    pub title: String,
    /// Buyer's e-mail.
    pub buyer_email: String,
    /// Instant or quick.
    pub mode: SaleMode,
}

/// A sale ready to be paid: show `checkout_url` / `qr_svg` to the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SaleStarted {
    /// The local sale.
    pub sale_id: Uuid,
    /// The escrow.
    pub escrow_id: String,
    /// The `accept_pay` session.
    pub session_id: String,
    /// Hosted checkout link.
    pub checkout_url: String,
    /// When the link expires.
    pub expires_at: DateTime<Utc>,
    /// The link as an SVG QR code.
    pub qr_svg: String,
}

/// What "Charge" led to.
#[derive(Debug)]
pub enum Charge {
    /// The escrow and its link exist: show the QR.
    Started(SaleStarted),
    /// The create's outcome is unknown: the sale is stored `create_unknown` and must be looked up
    /// with [`reconcile_sale`] ("not sure yet — checking"), never sent again.
    Unsure {
        /// The sale.
        sale_id: Uuid,
        /// Why the outcome is unknown.
        error: dhmad_api::ApiError,
    },
}

/// Starts a counter sale; an unknown create outcome is the API's `OutcomeUnknown` error (the
/// sale stays `create_unknown`). See [`charge`], which says which sale to reconcile.
pub async fn start_sale(
    book: &Book,
    client: &Client,
    req: SaleRequest,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> Result<SaleStarted> {
    match charge(book, client, req, redirect_url, now).await? {
        Charge::Started(started) => Ok(started),
        Charge::Unsure { error, .. } => Err(error.into()),
    }
}

/// "Charge": exactly two requests on the happy path (create + session).
///
/// The sale is stored as `creating` (with its reference) before the create is sent and as
/// `awaiting_payment` before this returns. When the create's outcome is unknown the sale is left
/// `create_unknown` and [`Charge::Unsure`] names it: the caller then runs [`reconcile_sale`],
/// which looks the escrow up and never sends the create again.
pub async fn charge(
    book: &Book,
    client: &Client,
    req: SaleRequest,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> Result<Charge> {
    if !req.amount.is_positive() {
        return Err(MerchantError::InvalidInput(
            "the amount must be above zero".into(),
        ));
    }
    let reference = unused_reference(book)?;
    let mut sale = new_sale(&req, &reference, now);
    book.insert_sale(&sale)?;
    tracing::debug!(sale_id = %sale.id, "counter sale stored; sending its create");
    let create = create_request(&sale, &reference, req.amount);
    match client.escrows().create(&create).await {
        Ok(created) => bind(book, &mut sale, &created.escrow, now)?,
        Err(e) if e.kind() == ErrorKind::OutcomeUnknown => {
            sale.state = SaleState::CreateUnknown;
            sale.last_error = Some(e.to_string());
            book.update_sale(&sale)?;
            return Ok(Charge::Unsure {
                sale_id: sale.id,
                error: e,
            });
        }
        Err(e) => {
            sale.state = SaleState::Failed;
            sale.last_error = Some(
                e.user_message()
                    .map_or_else(|| e.to_string(), str::to_owned),
            );
            book.update_sale(&sale)?;
            return Err(e.into());
        }
    }
    let started = open_session(book, client, &mut sale, redirect_url, now).await?;
    Ok(Charge::Started(started))
}

/// The sale as stored before the create is sent: `creating`, with the reference the escrow
/// will carry so a lost answer can be looked up by it.
fn new_sale(req: &SaleRequest, reference: &Reference, now: DateTime<Utc>) -> CounterSale {
    CounterSale {
        id: Uuid::new_v4(),
        created_at: now,
        amount_millimes: req.amount.millimes(),
        title: req.title.trim().to_owned(),
        buyer_email: req.buyer_email.trim().to_owned(),
        mode: req.mode,
        state: SaleState::Creating,
        escrow_id: None,
        session_id: None,
        checkout_url: None,
        session_expires_at: None,
        last_error: None,
        updated_at: now,
        reference: Some(reference.as_str().to_owned()),
    }
}

/// A reference no sale in the book carries yet (after [`REFERENCE_TRIES`] draws the book's
/// unique index refuses a duplicate rather than this guessing forever).
fn unused_reference(book: &Book) -> Result<Reference> {
    let mut r = Reference::random();
    for _ in 1..REFERENCE_TRIES {
        if book.sale_by_reference(r.as_str())?.is_none() {
            break;
        }
        r = Reference::random();
    }
    Ok(r)
}

fn create_request(sale: &CounterSale, reference: &Reference, amount: Money) -> CreateEscrow {
    let title = reference.title_with(&sale.title);
    let mut create = CreateEscrow::new(title, amount, sale.buyer_email.clone());
    match sale.mode {
        SaleMode::Instant => create.mode = Some(EscrowMode::Instant),
        SaleMode::Quick => {
            create.mode = Some(EscrowMode::Quick);
            create.estimated_delivery_days = Some(1);
        }
    }
    create
}

/// Finds the escrow of a sale whose create outcome is unknown, patiently (see
/// [`crate::reconcile`]), then opens its checkout session.
///
/// Meanwhile the sale stays `create_unknown` ("not sure yet — checking"). It becomes
/// `not_created` (error [`MerchantError::SaleFailed`]) only when a full search after the whole
/// window found nothing; if the last search failed, the error is returned and the sale stays
/// unsure. The create is never sent again.
pub async fn reconcile_sale(
    book: &Book,
    client: &Client,
    sale_id: Uuid,
    redirect_url: &str,
    now: DateTime<Utc>,
    patience: &Patience,
) -> Result<SaleStarted> {
    let mut sale = load(book, sale_id)?;
    // `creating` is what a sale shows when the app died while its create was in flight: the
    // outcome is as unknown as after a dropped response.
    if !sale.state.is_unsure() {
        return Err(MerchantError::InvalidInput(format!(
            "sale {sale_id} is {}, not waiting for reconciliation",
            sale.state.as_str()
        )));
    }
    if sale.escrow_id.is_none() {
        find_escrow(book, client, &mut sale, now, patience).await?;
    }
    open_session(book, client, &mut sale, redirect_url, now).await
}

async fn find_escrow(
    book: &Book,
    client: &Client,
    sale: &mut CounterSale,
    now: DateTime<Utc>,
    patience: &Patience,
) -> Result<()> {
    let reference = sale
        .reference
        .as_deref()
        .and_then(Reference::parse)
        .ok_or_else(|| {
            MerchantError::InvalidInput(format!(
                "sale {} was started before sales carried a reference; look for it on the DHMAD \
                 dashboard before charging again",
                sale.id
            ))
        })?;
    sale.state = SaleState::CreateUnknown;
    sale.updated_at = now;
    book.update_sale(sale)?;
    let wanted = Wanted {
        reference: &reference,
        buyer_email: &sale.buyer_email,
        sent_at: sale.created_at,
    };
    match reconcile::find_created(client, &wanted, patience).await {
        Ok(Lookup::Found(e)) => bind(book, sale, &e, now),
        Ok(Lookup::NotCreated) => {
            sale.state = SaleState::NotCreated;
            sale.last_error = Some(reconcile::not_created_message(&reference, patience));
            sale.updated_at = now;
            book.update_sale(sale)?;
            Err(reconcile::not_created(&reference, patience))
        }
        Err(e) => {
            sale.last_error = Some(format!("Not sure yet: {e}"));
            book.update_sale(sale)?;
            Err(e)
        }
    }
}

fn bind(book: &Book, sale: &mut CounterSale, e: &Escrow, now: DateTime<Utc>) -> Result<()> {
    sale.escrow_id = Some(e.id.as_str().to_owned());
    sale.state = SaleState::Creating;
    sale.last_error = None;
    sale.updated_at = now;
    let mut rec = escrow_record(e, now);
    // A counter sale never names another seller: the merchant sells it, whether or not the
    // create's answer says so.
    rec.role = rec.role.or(Some(EscrowRole::Seller));
    book.write(|tx| {
        tx.upsert_escrow(&rec, now, ChangeSource::Action)?;
        tx.update_sale(sale)
    })
}

/// Creates the buyer's `accept_pay` session and stores it with the sale (state
/// `awaiting_payment`) before returning.
async fn open_session(
    book: &Book,
    client: &Client,
    sale: &mut CounterSale,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> Result<SaleStarted> {
    let escrow_id = escrow_of(sale)?;
    let s = create_session(
        client,
        &escrow_id,
        SessionAction::AcceptPay,
        sale,
        redirect_url,
    )
    .await;
    let s = match s {
        Ok(s) => s,
        Err(e) => {
            // The escrow exists; `renew_session` can make the link later.
            sale.state = SaleState::AwaitingPayment;
            sale.last_error = Some(e.to_string());
            book.update_sale(sale)?;
            return Err(e);
        }
    };
    let expires_at = s.expires_at.unwrap_or(now + Duration::minutes(30));
    sale.state = SaleState::AwaitingPayment;
    sale.session_id = Some(s.session_id.as_str().to_owned());
    sale.checkout_url = Some(s.url.clone());
    sale.session_expires_at = Some(expires_at);
    sale.last_error = None;
    sale.updated_at = now;
    let rec = created_session_record(
        &s,
        escrow_id.as_str(),
        SessionAction::AcceptPay,
        &sale.buyer_email,
        redirect_url,
        now,
    );
    book.write(|tx| {
        tx.upsert_session(&rec)?;
        tx.update_sale(sale)
    })?;
    Ok(SaleStarted {
        sale_id: sale.id,
        escrow_id: escrow_id.as_str().to_owned(),
        session_id: rec.session_id,
        checkout_url: s.url.clone(),
        expires_at,
        qr_svg: qr_svg(&s.url)?,
    })
}

pub(crate) async fn create_session(
    client: &Client,
    escrow: &EscrowId,
    action: SessionAction,
    sale: &CounterSale,
    redirect_url: &str,
) -> Result<CreatedSession> {
    let req = CreateSession::new(action, sale.buyer_email.clone(), redirect_url);
    Ok(client.sessions().create(escrow, &req).await?)
}

pub(crate) fn load(book: &Book, sale_id: Uuid) -> Result<CounterSale> {
    book.sale(sale_id)?
        .ok_or_else(|| MerchantError::NotFound(format!("counter sale {sale_id}")))
}

pub(crate) fn escrow_of(sale: &CounterSale) -> Result<EscrowId> {
    sale.escrow_id
        .clone()
        .map(EscrowId::new)
        .ok_or_else(|| MerchantError::InvalidInput(format!("sale {} has no escrow yet", sale.id)))
}

/// A new `accept_pay` link for a sale still awaiting payment (the old one expired).
pub async fn renew_session(
    book: &Book,
    client: &Client,
    sale_id: Uuid,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> Result<SaleStarted> {
    let mut sale = load(book, sale_id)?;
    if sale.state != SaleState::AwaitingPayment {
        return Err(MerchantError::InvalidInput(format!(
            "sale {sale_id} is {}; only a sale awaiting payment gets a new link",
            sale.state.as_str()
        )));
    }
    open_session(book, client, &mut sale, redirect_url, now).await
}
