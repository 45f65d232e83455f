//! The dashboard: the local book's figures and the sync state.

use chrono::Utc;
use merchant_core::day::{BooksRequest, PaymentMethod};
use merchant_core::tz::TUNIS;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::dashboard::{
    BalanceView, DashboardView, NEEDS_ACTION_SHOWN, NeedsActionView, SyncStatusView,
};

impl App {
    /// The dashboard from the local book (no request): balances as last read, today's and this
    /// month's sales, what needs action, the sync state.
    pub async fn dashboard(&self) -> CommandResult<DashboardView> {
        let shop = self.shop().await?;
        let figures = shop.book.dashboard_figures(Utc::now(), TUNIS)?;
        let needs = shop.book.needs_action()?;
        let balance = merchant_core::balance::saved_balance(&shop.book)?.map(BalanceView::from);
        let coming = shop.book.coming_to_you(Utc::now())?;
        let till = shop
            .book
            .totals_by_method(&BooksRequest::day_of(Utc::now(), TUNIS), TUNIS)?;
        Ok(DashboardView {
            balance,
            coming_to_you: coming.into(),
            today: figures.today,
            month: figures.month,
            till_today: till
                .iter()
                .filter(|m| m.method != PaymentMethod::Dhmad)
                .cloned()
                .collect(),
            needs_action: needs
                .iter()
                .take(NEEDS_ACTION_SHOWN)
                .map(NeedsActionView::from)
                .collect(),
            needs_action_total: u32::try_from(needs.len()).unwrap_or(u32::MAX),
            sync: self.sync_status_of(&shop),
            offline: self.offline(),
        })
    }

    /// Where the sync of the active profile's shop stands.
    pub async fn sync_status(&self) -> CommandResult<SyncStatusView> {
        let shop = self.shop().await?;
        Ok(self.sync_status_of(&shop))
    }

    /// Reads the active shop's balance from DHMAD now.
    pub async fn refresh_balance(&self) -> CommandResult<BalanceView> {
        let shop = self.shop().await?;
        Ok(self.refresh_balance_of(&shop).await?)
    }
}
