//! The new-escrow form: the fee preview and the create itself.

use chrono::Utc;
use dhmad_api::{Money, Percentage};
use merchant_core::book::{EscrowFilter, EscrowMode, EscrowQuery, EscrowRow, EscrowStatus};
use merchant_core::{
    Book, Created, MerchantError, Patience, create_escrow as core_create, reconcile_create,
};
use tauri::State;

use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::hub::Hub;
use crate::views::create::{
    CreateEscrowRequest, CreateOutcomeView, CreateReconcileRequest, FeePreviewRequest,
    FeePreviewView, PendingCreateView,
};
use crate::views::escrows::EscrowView;

/// DHMAD's usual fee (contract §8: every example is 5 %), used until the book shows the rate.
const USUAL_RATE_BP: i64 = 500;
/// Recent escrows looked at to learn the rate.
const RATE_SAMPLE: u32 = 50;

/// Creates an escrow (validated by the API's own rules first) and stores it in the book. A lost
/// answer comes back as `pending` ("not sure yet — checking"): the UI then calls
/// `create_reconcile`; nothing is re-sent.
#[tauri::command]
#[tracing::instrument(skip_all, fields(mode = %request.mode), err)]
pub async fn create_escrow(
    hub: State<'_, Hub>,
    request: CreateEscrowRequest,
) -> CommandResult<CreateOutcomeView> {
    let api_request = request.to_api()?;
    let shop = hub.shop().await?;
    let created = core_create(&shop.client, &shop.book, &api_request, Utc::now()).await;
    hub.note_network(created.as_ref().err());
    Ok(match created? {
        Created::New(rec) | Created::Reconciled(rec) => CreateOutcomeView {
            escrow: Some(EscrowView::from(&rec)),
            pending: None,
            not_created: false,
        },
        Created::Unsure(pending) => CreateOutcomeView {
            escrow: None,
            pending: Some(PendingCreateView::new(&pending)),
            not_created: false,
        },
    })
}

/// Looks up, patiently, the escrow of a create whose answer was lost (the counter sale's path):
/// the escrow, or `notCreated` ("not created — you can create it again") once DHMAD clearly has
/// not got it. A lookup that could not reach DHMAD is an error: still not sure.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn create_reconcile(
    hub: State<'_, Hub>,
    request: CreateReconcileRequest,
) -> CommandResult<CreateOutcomeView> {
    let pending = request.pending.to_core()?;
    let shop = hub.shop().await?;
    let patience = Patience::default();
    let found = reconcile_create(&shop.client, &shop.book, &pending, Utc::now(), &patience).await;
    hub.note_network(found.as_ref().err());
    let escrow = match found {
        Ok(rec) => Some(EscrowView::from(&rec)),
        Err(MerchantError::SaleFailed(_)) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(CreateOutcomeView {
        not_created: escrow.is_none(),
        escrow,
        pending: None,
    })
}

/// DHMAD's fee, the developer fee and the seller's net for an amount, before creating.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn fee_preview(
    hub: State<'_, Hub>,
    request: FeePreviewRequest,
) -> CommandResult<FeePreviewView> {
    let shop = hub.shop().await?;
    let observed = observed_rate_bp(&shop.book, &request.mode)?;
    let rate_bp = observed.unwrap_or(USUAL_RATE_BP);
    let amount = request.amount_tnd.max(0);
    let escrow_fee = round_to_centimes(amount.saturating_mul(rate_bp) / 10_000);
    let developer_fee = match request.developer_fee_percentage.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(text) => {
            let pct: Percentage = text.parse().map_err(|_| {
                CommandError::new(ErrorCode::Validation, format!("not a percentage: {text}"))
            })?;
            Money::from_millimes(amount)
                .percent_of(pct.0)
                .map_or(0, Money::millimes)
        }
    };
    Ok(FeePreviewView {
        escrow_fee,
        developer_fee,
        net: amount - escrow_fee - developer_fee,
        rate_bp,
        rate_observed: observed.is_some(),
    })
}

/// DHMAD states fees in TND with 2 decimals [I]: round millimes to the nearest 10.
fn round_to_centimes(millimes: i64) -> i64 {
    (millimes + 5) / 10 * 10
}

/// The median fee rate (basis points) of the newest escrows of `mode` in the book.
fn observed_rate_bp(book: &Book, mode: &EscrowMode) -> merchant_core::Result<Option<i64>> {
    let query = EscrowQuery {
        filter: EscrowFilter {
            modes: vec![mode.clone()],
            ..EscrowFilter::default()
        },
        limit: RATE_SAMPLE,
        ..EscrowQuery::default()
    };
    let page = book.query_escrows(&query)?;
    let mut rates: Vec<i64> = page.rows.iter().filter_map(rate_bp).collect();
    rates.sort_unstable();
    Ok(rates.get(rates.len() / 2).copied())
}

fn rate_bp(r: &EscrowRow) -> Option<i64> {
    (r.amount_tnd >= 1_000 && r.status != EscrowStatus::Cancelled)
        .then(|| (r.escrow_fee * 10_000 + r.amount_tnd / 2) / r.amount_tnd)
}
