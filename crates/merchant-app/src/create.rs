//! The new-escrow form: the fee preview and the create itself.

use chrono::Utc;
use dhmad_api::{Money, Percentage};
use merchant_core::book::{EscrowFilter, EscrowMode, EscrowQuery, EscrowRow, EscrowStatus};
use merchant_core::{
    Book, Created, MerchantError, Patience, create_escrow as core_create, reconcile_create,
};

use crate::app::App;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::create::{
    CreateEscrowRequest, CreateOutcomeView, CreateReconcileRequest, FeePreviewRequest,
    FeePreviewView, PendingCreateView,
};
use crate::views::escrows::EscrowView;

/// DHMAD's usual fee (contract §8: every example is 5 %), used until the book shows the rate.
const USUAL_RATE_BP: i64 = 500;
/// Recent escrows looked at to learn the rate.
const RATE_SAMPLE: u32 = 50;

impl App {
    /// Creates an escrow (validated by the API's own rules first) and stores it in the book. A
    /// lost answer comes back as `pending` ("not sure yet — checking"): the UI then calls
    /// `create_reconcile`; nothing is re-sent.
    #[tracing::instrument(skip_all, fields(mode = ?request.mode))]
    pub async fn create_escrow(
        &self,
        request: CreateEscrowRequest,
    ) -> CommandResult<CreateOutcomeView> {
        let api_request = request.to_api()?;
        let shop = self.shop().await?;
        let created = core_create(&shop.client, &shop.book, &api_request, Utc::now()).await;
        self.note_network(created.as_ref().err());
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

    /// Looks up, patiently, the escrow of a create whose answer was lost (the counter sale's
    /// path): the escrow, or `notCreated` ("not created — you can create it again") once DHMAD
    /// clearly has not got it. A lookup that could not reach DHMAD is an error: still not sure.
    pub async fn create_reconcile(
        &self,
        request: CreateReconcileRequest,
    ) -> CommandResult<CreateOutcomeView> {
        let pending = request.pending.to_core()?;
        let shop = self.shop().await?;
        let patience = Patience::default();
        let found =
            reconcile_create(&shop.client, &shop.book, &pending, Utc::now(), &patience).await;
        self.note_network(found.as_ref().err());
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
    pub async fn fee_preview(&self, request: FeePreviewRequest) -> CommandResult<FeePreviewView> {
        let shop = self.shop().await?;
        let observed = observed_rate_bp(&shop.book, &request.mode)?;
        let rate_bp = observed.unwrap_or(USUAL_RATE_BP);
        let amount = request.amount_tnd.max(0);
        let escrow_fee = round_to_centimes(amount.saturating_mul(rate_bp) / 10_000);
        let developer_fee = developer_fee(amount, request.developer_fee_percentage.as_deref())?;
        Ok(FeePreviewView {
            escrow_fee,
            developer_fee,
            net: amount - escrow_fee - developer_fee,
            rate_bp,
            rate_observed: observed.is_some(),
        })
    }
}

/// The developer's share of `amount` (millimes) at the percentage typed, none when blank.
fn developer_fee(amount: i64, percentage: Option<&str>) -> CommandResult<i64> {
    match percentage.map(str::trim) {
        None | Some("") => Ok(0),
        Some(text) => {
            let pct: Percentage = text.parse().map_err(|_| {
                CommandError::new(ErrorCode::Validation, format!("not a percentage: {text}"))
            })?;
            Ok(Money::from_millimes(amount)
                .percent_of(pct.0)
                .map_or(0, Money::millimes))
        }
    }
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
