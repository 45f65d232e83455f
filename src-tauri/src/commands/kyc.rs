//! KYC invites.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::kyc::{
    KycIdRequest, KycInviteOutcomeView, KycInviteRequest, KycInviteView, KycListRequest,
};

/// Invites a person to verify their identity.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_invite(
    app: State<'_, App>,
    request: KycInviteRequest,
) -> CommandResult<KycInviteOutcomeView> {
    app.kyc_invite(request).await
}

/// The invites of one e-mail (from DHMAD), or the newest ones in the book.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_list(
    app: State<'_, App>,
    request: KycListRequest,
) -> CommandResult<Vec<KycInviteView>> {
    app.kyc_list(request).await
}

/// Reads one invite's status from DHMAD.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_refresh(
    app: State<'_, App>,
    request: KycIdRequest,
) -> CommandResult<KycInviteView> {
    app.kyc_refresh(request).await
}
