//! Counter mode: charge, watch, deliver, cancel, renew, receipt.

use chrono::Utc;
use dhmad_api::Money;
use merchant_core::book::CounterSale;
use merchant_core::{Charge, SaleRequest, Shop};
use uuid::Uuid;

use crate::app::App;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::actions::ShareView;
use crate::views::counter::{
    CounterSaleRequest, CounterSalesView, PastBuyerView, PastBuyersRequest, ReceiptView,
    SaleRequestId, SaleView,
};

/// Newest sales listed under the unfinished ones.
const RECENT_SALES: u32 = 20;
/// Past buyers offered as the merchant types an e-mail.
const PAST_BUYERS_SHOWN: u32 = 8;

impl App {
    /// "Charge": creates the escrow and the buyer's pay link (two requests), stores the sale
    /// before answering, and starts watching it ([`crate::app::AppEvent::Sale`]). When the
    /// create's answer is lost the sale comes back `create_unknown` ("not sure yet — checking")
    /// and is looked up in the background.
    pub async fn counter_start(&self, request: CounterSaleRequest) -> CommandResult<SaleView> {
        let asked = std::time::Instant::now();
        let shop = self.shop().await?;
        tracing::debug!(
            waited_ms = asked.elapsed().as_millis(),
            "counter sale: shop open"
        );
        let sale = SaleRequest {
            amount: Money::from_millimes(request.amount),
            title: request.title.clone(),
            buyer_email: request.buyer_email.clone(),
            mode: request
                .mode
                .unwrap_or(shop.profile.settings.default_sale_mode),
        };
        let redirect = redirect_url(&shop)?;
        let charged =
            merchant_core::charge(&shop.book, &shop.client, sale, &redirect, Utc::now()).await;
        self.note_network(charged.as_ref().err());
        match charged? {
            Charge::Started(started) => {
                self.watch_counter_sale(&shop, started.sale_id);
                let view = sale_view(&shop, started.sale_id);
                tracing::debug!(sale_id = %started.sale_id, "counter sale answered with its QR");
                view
            }
            Charge::Unsure { sale_id, .. } => {
                self.reconcile_in_background(&shop, sale_id);
                sale_view(&shop, sale_id)
            }
        }
    }

    /// A new pay link for a sale whose link expired.
    pub async fn counter_renew(&self, request: SaleRequestId) -> CommandResult<SaleView> {
        let shop = self.shop().await?;
        let id = sale_id(&request)?;
        let redirect = redirect_url(&shop)?;
        let renewed =
            merchant_core::renew_session(&shop.book, &shop.client, id, &redirect, Utc::now()).await;
        self.note_network(renewed.as_ref().err());
        renewed?;
        self.watch_counter_sale(&shop, id);
        sale_view(&shop, id)
    }

    /// "Check now": looks up, in the background, the escrow a lost "Charge" may have created
    /// (never sending it again) unless a lookup is already running; the outcome comes as a
    /// [`crate::app::AppEvent::Sale`].
    pub async fn counter_reconcile(&self, request: SaleRequestId) -> CommandResult<SaleView> {
        let shop = self.shop().await?;
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
        self.reconcile_in_background(&shop, id);
        Ok(SaleView::new(&sale))
    }

    /// "Delivered": an instant sale completes at once; a quick one waits for the buyer.
    pub async fn counter_deliver(&self, request: SaleRequestId) -> CommandResult<SaleView> {
        let shop = self.shop().await?;
        let id = sale_id(&request)?;
        let done = merchant_core::mark_delivered(&shop.book, &shop.client, id, Utc::now()).await;
        self.note_network(done.as_ref().err());
        done?;
        sale_view(&shop, id)
    }

    /// "Cancel sale": cancels the pending escrow.
    pub async fn counter_cancel(&self, request: SaleRequestId) -> CommandResult<SaleView> {
        let shop = self.shop().await?;
        let id = sale_id(&request)?;
        let done = merchant_core::cancel_sale(&shop.book, &shop.client, id, Utc::now()).await;
        self.note_network(done.as_ref().err());
        done?;
        sale_view(&shop, id)
    }

    /// The buyer's "confirm receipt" link of a delivered quick sale.
    pub async fn counter_complete_link(&self, request: SaleRequestId) -> CommandResult<ShareView> {
        let shop = self.shop().await?;
        let id = sale_id(&request)?;
        let redirect = redirect_url(&shop)?;
        let link =
            merchant_core::complete_link(&shop.book, &shop.client, id, &redirect, Utc::now()).await;
        self.note_network(link.as_ref().err());
        let (rec, qr_svg) = link?;
        self.watch_session(shop, rec.session_id.clone());
        Ok(ShareView {
            session: rec,
            qr_svg,
        })
    }

    /// Unfinished sales (to resume) and the newest ones.
    pub async fn counter_sales(&self) -> CommandResult<CounterSalesView> {
        let shop = self.shop().await?;
        Ok(CounterSalesView {
            unfinished: sale_views(&shop.book.unfinished_sales()?),
            recent: sale_views(&shop.book.recent_sales(RECENT_SALES)?),
        })
    }

    /// Buyers seen before whose e-mail starts with the prefix.
    pub async fn past_buyers(
        &self,
        request: PastBuyersRequest,
    ) -> CommandResult<Vec<PastBuyerView>> {
        let shop = self.shop().await?;
        let buyers = shop
            .book
            .past_buyers(request.prefix.trim(), PAST_BUYERS_SHOWN)?;
        Ok(buyers
            .into_iter()
            .map(|b| PastBuyerView {
                email: b.email,
                escrow_count: b.escrow_count,
            })
            .collect())
    }

    /// What the receipt of a sale shows.
    pub async fn receipt(&self, request: SaleRequestId) -> CommandResult<ReceiptView> {
        let shop = self.shop().await?;
        let id = sale_id(&request)?;
        let sale = shop.book.sale(id)?.ok_or_else(|| not_found(id))?;
        let escrow = match &sale.escrow_id {
            Some(e) => shop.book.escrow(e)?,
            None => None,
        };
        let number = shop.book.receipt_of(&sale.id.to_string())?;
        Ok(ReceiptView::new(&shop, &sale, escrow.as_ref(), number)?)
    }
}

/// The mode the merchant chose, or the profile's default when none.
fn sale_views(sales: &[CounterSale]) -> Vec<SaleView> {
    sales.iter().map(SaleView::new).collect()
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
