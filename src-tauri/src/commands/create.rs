//! The new-escrow form: the fee preview and the create itself.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::create::{
    CreateEscrowRequest, CreateOutcomeView, CreateReconcileRequest, FeePreviewRequest,
    FeePreviewView,
};

/// Creates an escrow; a lost answer comes back as `pending`.
#[tauri::command]
#[tracing::instrument(skip_all, fields(mode = ?request.mode), err)]
pub async fn create_escrow(
    app: State<'_, App>,
    request: CreateEscrowRequest,
) -> CommandResult<CreateOutcomeView> {
    app.create_escrow(request).await
}

/// Looks up the escrow of a create whose answer was lost.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn create_reconcile(
    app: State<'_, App>,
    request: CreateReconcileRequest,
) -> CommandResult<CreateOutcomeView> {
    app.create_reconcile(request).await
}

/// DHMAD's fee, the developer fee and the seller's net for an amount.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn fee_preview(
    app: State<'_, App>,
    request: FeePreviewRequest,
) -> CommandResult<FeePreviewView> {
    app.fee_preview(request).await
}
