//! The escrow list and details, from the local book.

use crate::app::App;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::escrows::{
    EscrowDetailView, EscrowListRequest, EscrowPageView, EscrowRequest, EscrowRowView,
};

impl App {
    /// One window of the escrow table (filters, search, sort) from the local book.
    pub async fn escrows_list(&self, request: EscrowListRequest) -> CommandResult<EscrowPageView> {
        let query = request.to_query()?;
        let shop = self.shop().await?;
        let page = shop.book.query_escrows(&query)?;
        Ok(EscrowPageView {
            rows: page.rows.iter().map(EscrowRowView::from).collect(),
            total: page.total,
        })
    }

    /// One escrow with its observed history and checkout links.
    pub async fn escrow_detail(&self, request: EscrowRequest) -> CommandResult<EscrowDetailView> {
        let shop = self.shop().await?;
        let detail = shop.book.escrow_detail(&request.id)?.ok_or_else(|| {
            CommandError::new(
                ErrorCode::NotFound,
                format!("no escrow {} in the book", request.id),
            )
        })?;
        Ok(EscrowDetailView::new(&detail, &shop.associated_user()))
    }
}
