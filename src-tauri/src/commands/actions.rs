//! Acting on an escrow: direct calls, and checkout links to share (with their watcher).

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::actions::{
    EscrowActionRequest, SessionRequest, ShareRequest, ShareView, UpdateEscrowRequest,
};
use crate::views::escrows::EscrowView;

/// Deliver, reject the delivery, or cancel.
#[tauri::command]
#[tracing::instrument(skip_all, fields(action = %request.action), err)]
pub async fn escrow_action(
    hub: State<'_, Hub>,
    request: EscrowActionRequest,
) -> CommandResult<EscrowView> {
    hub.escrow_action(request).await
}

/// Changes a pending escrow's title, description, amount or delivery days.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn update_escrow(
    hub: State<'_, Hub>,
    request: UpdateEscrowRequest,
) -> CommandResult<EscrowView> {
    hub.update_escrow(request).await
}

/// A checkout link to share, watched (`share://status`).
#[tauri::command]
#[tracing::instrument(skip_all, fields(action = %request.action), err)]
pub async fn create_share(hub: State<'_, Hub>, request: ShareRequest) -> CommandResult<ShareView> {
    hub.create_share(request).await
}

/// A fresh link for the same escrow, action and person.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn renew_share(hub: State<'_, Hub>, request: SessionRequest) -> CommandResult<ShareView> {
    hub.renew_share(request).await
}

/// Watches a link created earlier (`share://status`).
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn watch_share(hub: State<'_, Hub>, request: SessionRequest) -> CommandResult<ShareView> {
    hub.watch_known_share(request).await
}
