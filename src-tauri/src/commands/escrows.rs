//! The escrow list and details, from the local book.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::escrows::{EscrowDetailView, EscrowListRequest, EscrowPageView, EscrowRequest};

/// One window of the escrow table (filters, search, sort).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn escrows_list(
    hub: State<'_, Hub>,
    request: EscrowListRequest,
) -> CommandResult<EscrowPageView> {
    hub.escrows_list(request).await
}

/// One escrow with its observed history and checkout links.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn escrow_detail(
    hub: State<'_, Hub>,
    request: EscrowRequest,
) -> CommandResult<EscrowDetailView> {
    hub.escrow_detail(request).await
}
