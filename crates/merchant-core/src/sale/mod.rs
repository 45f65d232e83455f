//! The counter sale (issue 4 item 5): sale row first, then the escrow, then an `accept_pay`
//! session; a lost create response is reconciled, never re-sent blindly.

use chrono::{DateTime, Duration, Utc};
use dhmad_api::{
    Client, CreateEscrow, CreateSession, CreatedSession, ErrorKind, Escrow, EscrowId, EscrowMode,
    EscrowStatus as ApiStatus, ListEscrows, Money, SessionAction as ApiAction,
};
use serde::Serialize;
use uuid::Uuid;

use crate::api_map::{created_session_record, escrow_record};
use crate::book::{Book, ChangeSource, CounterSale, SaleState, SessionAction};
use crate::error::{MerchantError, Result};
use crate::qr::qr_svg;
use crate::settings::SaleMode;

mod after;

pub(crate) use after::apply;
pub use after::{cancel_sale, complete_link, mark_delivered};

/// Clock skew tolerated between this machine and the server when reconciling.
const SKEW: Duration = Duration::seconds(60);

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

/// Starts a counter sale: exactly two requests on the happy path (create + session).
///
/// The sale is stored as `creating` before the create is sent and as `awaiting_payment` before
/// this returns. A dropped create response is reconciled against the newest pending escrows.
pub async fn start_sale(
    book: &Book,
    client: &Client,
    req: SaleRequest,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> Result<SaleStarted> {
    if !req.amount.is_positive() {
        return Err(MerchantError::InvalidInput(
            "the amount must be above zero".into(),
        ));
    }
    let mut sale = CounterSale {
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
    };
    book.insert_sale(&sale)?;
    let mut create = CreateEscrow::new(sale.title.clone(), req.amount, sale.buyer_email.clone());
    match sale.mode {
        SaleMode::Instant => create.mode = Some(EscrowMode::Instant),
        SaleMode::Quick => {
            create.mode = Some(EscrowMode::Quick);
            create.estimated_delivery_days = Some(1);
        }
    }
    match client.escrows().create(&create).await {
        Ok(created) => bind(book, &mut sale, &created.escrow, now)?,
        Err(e) if e.kind() == ErrorKind::OutcomeUnknown => {
            sale.state = SaleState::CreateUnknown;
            sale.last_error = Some(e.to_string());
            book.update_sale(&sale)?;
            reconcile(book, client, &mut sale, now).await?;
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
    open_session(book, client, &mut sale, redirect_url, now).await
}

/// Reconciles a sale whose create outcome is unknown, then opens its checkout session.
pub async fn reconcile_sale(
    book: &Book,
    client: &Client,
    sale_id: Uuid,
    redirect_url: &str,
    now: DateTime<Utc>,
) -> Result<SaleStarted> {
    let mut sale = load(book, sale_id)?;
    // `creating` is what a sale shows when the app died while its create was in flight: the
    // outcome is as unknown as after a dropped response.
    if !matches!(sale.state, SaleState::CreateUnknown | SaleState::Creating) {
        return Err(MerchantError::InvalidInput(format!(
            "sale {sale_id} is {}, not waiting for reconciliation",
            sale.state.as_str()
        )));
    }
    reconcile(book, client, &mut sale, now).await?;
    open_session(book, client, &mut sale, redirect_url, now).await
}

/// Looks for the escrow a lost create may have made (one request); binds it or fails the sale.
async fn reconcile(
    book: &Book,
    client: &Client,
    sale: &mut CounterSale,
    now: DateTime<Utc>,
) -> Result<()> {
    let q = ListEscrows {
        status: Some(ApiStatus::Pending),
        role: None,
        page: Some(1),
        limit: Some(100),
    };
    let page = client.escrows().list(&q).await?;
    for e in &page.escrows {
        if matches_sale(e, sale) && !bound_elsewhere(book, e.id.as_str(), sale.id)? {
            return bind(book, sale, e, now);
        }
    }
    sale.state = SaleState::Failed;
    sale.last_error = Some(
        "The escrow was not created (no matching escrow found on DHMAD). You can start the sale again."
            .into(),
    );
    sale.updated_at = now;
    book.update_sale(sale)?;
    Err(MerchantError::SaleFailed(
        sale.last_error.clone().unwrap_or_default(),
    ))
}

fn matches_sale(e: &Escrow, sale: &CounterSale) -> bool {
    e.title.as_deref() == Some(sale.title.as_str())
        && e.amount.map(Money::millimes) == Some(sale.amount_millimes)
        && e.buyer_email
            .as_deref()
            .is_some_and(|b| b.eq_ignore_ascii_case(&sale.buyer_email))
        && e.created_at.is_none_or(|c| c >= sale.created_at - SKEW)
}

fn bound_elsewhere(book: &Book, escrow_id: &str, sale_id: Uuid) -> Result<bool> {
    book.read(|c| {
        let n: i64 = c.query_row(
            "SELECT count(*) FROM counter_sales WHERE escrow_id = ?1 AND id <> ?2",
            [escrow_id, &sale_id.to_string()],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    })
}

fn bind(book: &Book, sale: &mut CounterSale, e: &Escrow, now: DateTime<Utc>) -> Result<()> {
    sale.escrow_id = Some(e.id.as_str().to_owned());
    sale.state = SaleState::Creating;
    sale.last_error = None;
    sale.updated_at = now;
    let rec = escrow_record(e, now);
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
    let s = create_session(client, &escrow_id, ApiAction::AcceptPay, sale, redirect_url).await;
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
    action: ApiAction,
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
