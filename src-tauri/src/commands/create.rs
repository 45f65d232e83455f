//! The new-escrow form: the fee preview and the create itself.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::create::{
    CreateEscrowRequest, CreateOutcomeView, CreateReconcileRequest, FeePreviewRequest,
    FeePreviewView,
};

/// Creates an escrow; a lost answer comes back as `pending`.
#[tauri::command]
#[tracing::instrument(skip_all, fields(mode = %request.mode), err)]
pub async fn create_escrow(
    hub: State<'_, Hub>,
    request: CreateEscrowRequest,
) -> CommandResult<CreateOutcomeView> {
    hub.create_escrow(request).await
}

/// Looks up the escrow of a create whose answer was lost.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn create_reconcile(
    hub: State<'_, Hub>,
    request: CreateReconcileRequest,
) -> CommandResult<CreateOutcomeView> {
    hub.create_reconcile(request).await
}

/// DHMAD's fee, the developer fee and the seller's net for an amount.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn fee_preview(
    hub: State<'_, Hub>,
    request: FeePreviewRequest,
) -> CommandResult<FeePreviewView> {
    hub.fee_preview(request).await
}
