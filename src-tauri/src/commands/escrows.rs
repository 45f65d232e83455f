//! The escrow list and details, from the local book.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::escrows::{EscrowDetailView, EscrowListRequest, EscrowPageView, EscrowRequest};

/// One window of the escrow table (filters, search, sort).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn escrows_list(
    app: State<'_, App>,
    request: EscrowListRequest,
) -> CommandResult<EscrowPageView> {
    app.escrows_list(request).await
}

/// One escrow with its observed history and checkout links.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn escrow_detail(
    app: State<'_, App>,
    request: EscrowRequest,
) -> CommandResult<EscrowDetailView> {
    app.escrow_detail(request).await
}
