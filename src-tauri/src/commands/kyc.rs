//! KYC invites.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::kyc::{
    KycIdRequest, KycInviteOutcomeView, KycInviteRequest, KycInviteView, KycListRequest,
};

/// Invites a person to verify their identity.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_invite(
    hub: State<'_, Hub>,
    request: KycInviteRequest,
) -> CommandResult<KycInviteOutcomeView> {
    hub.kyc_invite(request).await
}

/// The invites of one e-mail (from DHMAD), or the newest ones in the book.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_list(
    hub: State<'_, Hub>,
    request: KycListRequest,
) -> CommandResult<Vec<KycInviteView>> {
    hub.kyc_list(request).await
}

/// Reads one invite's status from DHMAD.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_refresh(
    hub: State<'_, Hub>,
    request: KycIdRequest,
) -> CommandResult<KycInviteView> {
    hub.kyc_refresh(request).await
}
