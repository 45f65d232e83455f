//! Acting on an escrow: direct calls, and checkout links to share (with their watcher).

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::actions::{
    EscrowActionRequest, SessionRequest, ShareRequest, ShareView, UpdateEscrowRequest,
};
use crate::views::escrows::EscrowView;

/// Deliver, reject the delivery, or cancel.
#[tauri::command]
#[tracing::instrument(skip_all, fields(action = ?request.action), err)]
pub async fn escrow_action(
    app: State<'_, App>,
    request: EscrowActionRequest,
) -> CommandResult<EscrowView> {
    app.escrow_action(request).await
}

/// Changes a pending escrow's title, description, amount or delivery days.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn update_escrow(
    app: State<'_, App>,
    request: UpdateEscrowRequest,
) -> CommandResult<EscrowView> {
    app.update_escrow(request).await
}

/// A checkout link to share, watched (`share://status`).
#[tauri::command]
#[tracing::instrument(skip_all, fields(action = ?request.action), err)]
pub async fn create_share(app: State<'_, App>, request: ShareRequest) -> CommandResult<ShareView> {
    app.create_share(request).await
}

/// A fresh link for the same escrow, action and person.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn renew_share(app: State<'_, App>, request: SessionRequest) -> CommandResult<ShareView> {
    app.renew_share(request).await
}

/// Watches a link created earlier (`share://status`).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn watch_share(app: State<'_, App>, request: SessionRequest) -> CommandResult<ShareView> {
    app.watch_known_share(request).await
}
