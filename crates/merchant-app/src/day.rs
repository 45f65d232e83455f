//! The shop's day: sales paid another way than DHMAD, the drawer, and the X and Z reports. All
//! local (merchant-core's `day`): nothing here sends a request, so they work offline.

use chrono::Utc;
use dhmad_api::Money;
use merchant_core::day::{
    self, BUILT_IN, CashMove, CloseRequest, Counted, Denomination, PaymentMethod, RefundRequest,
    SaleEntry,
};
use merchant_core::tz::TUNIS;
use merchant_core::{Settings, Shop};

use crate::app::App;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::day::{
    DayView, DenominationView, DrawerCloseRequest, DrawerMoveRequest, DrawerOpenRequest,
    MethodView, RecordSaleRequest, RecordedView, RefundSaleRequest, RefundedView, ZCsvRequest,
    ZNumberRequest, ZReport,
};
use crate::views::time;

impl App {
    /// The methods, the open drawer, the day so far and the past closes.
    pub async fn day_status(&self) -> CommandResult<DayView> {
        day_view(&self.shop().await?)
    }

    /// Records a sale paid in cash, by card, by a wallet or a cheque; answers its receipt.
    pub async fn record_sale(&self, request: RecordSaleRequest) -> CommandResult<RecordedView> {
        let shop = self.shop().await?;
        let sale = SaleEntry {
            amount: Money::from_millimes(request.amount),
            title: request.title,
            method: request.method.clone(),
            reference: request.reference.filter(|r| !r.trim().is_empty()),
            customer: request.customer.filter(|c| !c.trim().is_empty()),
            tendered: request.tendered.map(Money::from_millimes),
        };
        let recorded = day::record_sale(&shop.book, &shop.profile.settings, &sale, Utc::now())?;
        Ok(RecordedView {
            receipt_no: recorded.entry.receipt_no,
            change: recorded.change_millimes,
            amount: recorded.entry.amount_millimes,
            method: request.method,
            at: time(recorded.entry.at),
        })
    }

    /// Refunds a recorded sale, in full or in part, as a new linked entry.
    pub async fn refund_sale(&self, request: RefundSaleRequest) -> CommandResult<RefundedView> {
        let shop = self.shop().await?;
        let refund = RefundRequest {
            receipt_no: request.receipt_no,
            amount: request.amount.map(Money::from_millimes),
            reason: request.reason,
        };
        let refunded = day::refund_sale(&shop.book, &shop.profile.settings, &refund, Utc::now())?;
        Ok(RefundedView {
            receipt_no: refunded.entry.receipt_no,
            day: day_view(&shop)?,
        })
    }

    /// Opens the till's drawer with a float.
    pub async fn drawer_open(&self, request: DrawerOpenRequest) -> CommandResult<DayView> {
        let shop = self.shop().await?;
        let till = &shop.profile.settings.till_id;
        let float = Money::from_millimes(request.float);
        day::open_drawer(&shop.book, till, float, &request.cashier, Utc::now())?;
        day_view(&shop)
    }

    /// Cash paid into or out of the open drawer, with its reason.
    pub async fn drawer_move(&self, request: DrawerMoveRequest) -> CommandResult<DayView> {
        let shop = self.shop().await?;
        let way = if request.into_drawer {
            CashMove::In
        } else {
            CashMove::Out
        };
        let amount = Money::from_millimes(request.amount);
        let till = &shop.profile.settings.till_id;
        day::move_cash(&shop.book, till, way, amount, &request.reason, Utc::now())?;
        day_view(&shop)
    }

    /// Closes the drawer with the counted totals: the numbered, chained Z.
    pub async fn drawer_close(&self, request: DrawerCloseRequest) -> CommandResult<ZReport> {
        let shop = self.shop().await?;
        let counted = request
            .counted
            .into_iter()
            .map(|c| (c.method, Counted::Total(c.amount)))
            .collect();
        let close = CloseRequest {
            counted,
            blind: request.blind,
            cashier: Some(request.cashier).filter(|c| !c.trim().is_empty()),
        };
        let z = day::close_drawer(&shop.book, &shop.profile.settings, &close, Utc::now())?;
        Ok(z)
    }

    /// A past Z, to show or print again.
    pub async fn z_report(&self, request: ZNumberRequest) -> CommandResult<Option<ZReport>> {
        let shop = self.shop().await?;
        Ok(shop.book.z_report(request.number)?)
    }

    /// Writes a past Z to a file the save dialog returned, as CSV (every figure, its hash).
    pub async fn z_csv(&self, request: ZCsvRequest) -> CommandResult<()> {
        let path = self.chosen_paths().file(&request.path)?;
        let shop = self.shop().await?;
        let z = shop.book.z_report(request.number)?.ok_or_else(|| {
            CommandError::new(
                ErrorCode::NotFound,
                format!("no Z report No {}", request.number),
            )
        })?;
        Ok(day::write_z_csv(&z, request.delimiter, TUNIS, &path)?)
    }
}

fn day_view(shop: &Shop) -> CommandResult<DayView> {
    let settings = &shop.profile.settings;
    let drawer = shop.book.open_drawer_of(&settings.till_id)?;
    // An X report is of the open drawer; with none, there is nothing to count yet.
    let x = match &drawer {
        Some(_) => Some(day::x_report(&shop.book, settings, Utc::now())?),
        None => None,
    };
    let mut z_numbers = shop.book.z_numbers()?;
    z_numbers.reverse();
    Ok(DayView {
        methods: methods(settings),
        drawer,
        x,
        z_numbers,
        denominations: Denomination::ALL.map(DenominationView::from).to_vec(),
    })
}

/// Every method but DHMAD (the counter's QR sale), then the merchant's own.
fn methods(settings: &Settings) -> Vec<MethodView> {
    let built_in = BUILT_IN
        .iter()
        .filter(|m| **m != PaymentMethod::Dhmad)
        .map(|m| MethodView {
            code: m.clone(),
            custom_name: None,
            counted: day::counted_at_close(m, settings),
        });
    let custom = settings.custom_methods.iter().map(|c| MethodView {
        code: c.method(),
        custom_name: Some(c.name.clone()),
        counted: c.in_drawer,
    });
    built_in.chain(custom).collect()
}
