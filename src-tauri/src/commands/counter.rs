//! Counter mode: charge, watch, deliver, cancel, renew, receipt.

use chrono::Utc;
use dhmad_api::Money;
use merchant_core::{Charge, SaleRequest, Shop};
use tauri::State;
use uuid::Uuid;

use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::hub::Hub;
use crate::views::actions::ShareView;
use crate::views::counter::{
    CounterSaleRequest, CounterSalesView, PastBuyerView, PastBuyersRequest, ReceiptView,
    SaleRequestId, SaleView,
};
use crate::views::escrows::SessionView;

/// Newest sales listed under the unfinished ones.
const RECENT_SALES: u32 = 20;

/// "Charge": creates the escrow and the buyer's pay link (two requests), stores the sale before
/// answering, and starts watching it (`sale://event`). When the create's answer is lost the sale
/// comes back `create_unknown` ("not sure yet — checking") and is looked up in the background.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_start(
    hub: State<'_, Hub>,
    request: CounterSaleRequest,
) -> CommandResult<SaleView> {
    let shop = hub.shop().await?;
    let mode = request
        .mode
        .unwrap_or(shop.profile.settings.default_sale_mode);
    let sale = SaleRequest {
        amount: Money::from_millimes(request.amount),
        title: request.title.clone(),
        buyer_email: request.buyer_email.clone(),
        mode,
    };
    let redirect = redirect_url(&shop)?;
    let charged =
        merchant_core::charge(&shop.book, &shop.client, sale, &redirect, Utc::now()).await;
    hub.note_network(charged.as_ref().err());
    match charged? {
        Charge::Started(started) => {
            hub.watch_counter_sale(&shop, started.sale_id);
            sale_view(&shop, started.sale_id)
        }
        Charge::Unsure { sale_id, .. } => {
            hub.reconcile_in_background(&shop, sale_id);
            sale_view(&shop, sale_id)
        }
    }
}

/// A new pay link for a sale whose link expired.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_renew(hub: State<'_, Hub>, request: SaleRequestId) -> CommandResult<SaleView> {
    let shop = hub.shop().await?;
    let id = sale_id(&request)?;
    let redirect = redirect_url(&shop)?;
    let renewed =
        merchant_core::renew_session(&shop.book, &shop.client, id, &redirect, Utc::now()).await;
    hub.note_network(renewed.as_ref().err());
    renewed?;
    hub.watch_counter_sale(&shop, id);
    sale_view(&shop, id)
}

/// "Check now": looks up, in the background, the escrow a lost "Charge" may have created (never
/// sending it again) unless a lookup is already running; the outcome comes as a `sale://event`.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_reconcile(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    let shop = hub.shop().await?;
    let id = sale_id(&request)?;
    redirect_url(&shop)?;
    let sale = shop.book.sale(id)?.ok_or_else(|| not_found(id))?;
    if !sale.state.is_unsure() {
        let text = format!(
            "sale {id} is {}; only an unsure sale is checked",
            sale.state.as_str()
        );
        return Err(CommandError::new(ErrorCode::Validation, text));
    }
    hub.reconcile_in_background(&shop, id);
    Ok(SaleView::new(&sale))
}

/// "Delivered": an instant sale completes at once; a quick one waits for the buyer.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_deliver(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    let shop = hub.shop().await?;
    let id = sale_id(&request)?;
    let done = merchant_core::mark_delivered(&shop.book, &shop.client, id, Utc::now()).await;
    hub.note_network(done.as_ref().err());
    done?;
    sale_view(&shop, id)
}

/// "Cancel sale": cancels the pending escrow.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_cancel(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<SaleView> {
    let shop = hub.shop().await?;
    let id = sale_id(&request)?;
    let done = merchant_core::cancel_sale(&shop.book, &shop.client, id, Utc::now()).await;
    hub.note_network(done.as_ref().err());
    done?;
    sale_view(&shop, id)
}

/// The buyer's "confirm receipt" link of a delivered quick sale.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_complete_link(
    hub: State<'_, Hub>,
    request: SaleRequestId,
) -> CommandResult<ShareView> {
    let shop = hub.shop().await?;
    let id = sale_id(&request)?;
    let redirect = redirect_url(&shop)?;
    let link =
        merchant_core::complete_link(&shop.book, &shop.client, id, &redirect, Utc::now()).await;
    hub.note_network(link.as_ref().err());
    let (rec, qr_svg) = link?;
    hub.watch_share(shop, rec.session_id.clone());
    Ok(ShareView {
        session: SessionView::from(&rec),
        qr_svg,
    })
}

/// Unfinished sales (to resume) and the newest ones.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn counter_sales(hub: State<'_, Hub>) -> CommandResult<CounterSalesView> {
    let shop = hub.shop().await?;
    Ok(CounterSalesView {
        unfinished: shop
            .book
            .unfinished_sales()?
            .iter()
            .map(SaleView::new)
            .collect(),
        recent: shop
            .book
            .recent_sales(RECENT_SALES)?
            .iter()
            .map(SaleView::new)
            .collect(),
    })
}

/// Buyers seen before whose e-mail starts with the prefix.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn past_buyers(
    hub: State<'_, Hub>,
    request: PastBuyersRequest,
) -> CommandResult<Vec<PastBuyerView>> {
    let shop = hub.shop().await?;
    let buyers = shop.book.past_buyers(request.prefix.trim(), 8)?;
    Ok(buyers
        .into_iter()
        .map(|b| PastBuyerView {
            email: b.email,
            escrow_count: b.escrow_count,
        })
        .collect())
}

/// What the receipt of a sale shows.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn receipt(hub: State<'_, Hub>, request: SaleRequestId) -> CommandResult<ReceiptView> {
    let shop = hub.shop().await?;
    let id = sale_id(&request)?;
    let sale = shop.book.sale(id)?.ok_or_else(|| not_found(id))?;
    let escrow = match &sale.escrow_id {
        Some(e) => shop.book.escrow(e)?,
        None => None,
    };
    let number = shop.book.receipt_of(&sale.id.to_string())?;
    Ok(ReceiptView::new(&shop, &sale, escrow.as_ref(), number)?)
}

fn sale_id(request: &SaleRequestId) -> CommandResult<Uuid> {
    Uuid::parse_str(&request.sale_id).map_err(|_| {
        CommandError::new(
            ErrorCode::Validation,
            format!("not a sale id: {}", request.sale_id),
        )
    })
}

fn not_found(id: Uuid) -> CommandError {
    CommandError::new(ErrorCode::NotFound, format!("no sale {id}"))
}

fn sale_view(shop: &Shop, id: Uuid) -> CommandResult<SaleView> {
    let sale = shop.book.sale(id)?.ok_or_else(|| not_found(id))?;
    Ok(SaleView::new(&sale))
}

/// The profile's allowed redirect URL, which every checkout session needs.
fn redirect_url(shop: &Shop) -> CommandResult<String> {
    shop.profile
        .settings
        .redirect_url
        .clone()
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| {
            let text = "Set the allowed redirect URL in Settings first: DHMAD needs it for every \
                        checkout link.";
            CommandError::new(ErrorCode::Validation, text).with_user_message(text)
        })
}
