//! KYC invites.

use chrono::Utc;
use merchant_core::{invite, invites_by_email, refresh_invite};
use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::kyc::{
    KycIdRequest, KycInviteOutcomeView, KycInviteRequest, KycInviteView, KycListRequest,
};

/// Invites in the list when no e-mail is searched.
const RECENT_INVITES: u32 = 200;

/// Invites a person to verify their identity (DHMAD e-mails them). A second invite to the same
/// person within 5 minutes is refused with the time a resend is allowed.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_invite(
    hub: State<'_, Hub>,
    request: KycInviteRequest,
) -> CommandResult<KycInviteOutcomeView> {
    let shop = hub.shop().await?;
    let blank = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let redirect =
        blank(&request.redirect_url).or_else(|| shop.profile.settings.redirect_url.clone());
    let done = invite(
        &shop.client,
        &shop.book,
        &request.email,
        blank(&request.external_id).as_deref(),
        redirect.as_deref(),
        Utc::now(),
    )
    .await;
    hub.note_network(done.as_ref().err());
    let done = done?;
    Ok(KycInviteOutcomeView {
        invite: KycInviteView::from(&done.invite),
        existing: done.existing,
        message: done.message,
    })
}

/// The invites of one e-mail (from DHMAD), or the newest ones in the book.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_list(
    hub: State<'_, Hub>,
    request: KycListRequest,
) -> CommandResult<Vec<KycInviteView>> {
    let shop = hub.shop().await?;
    let records = match request
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        Some(email) => {
            let found = invites_by_email(&shop.client, &shop.book, email, Utc::now()).await;
            hub.note_network(found.as_ref().err());
            found?
        }
        None => shop.book.recent_invites(RECENT_INVITES)?,
    };
    Ok(records.iter().map(KycInviteView::from).collect())
}

/// Reads one invite's status from DHMAD.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn kyc_refresh(
    hub: State<'_, Hub>,
    request: KycIdRequest,
) -> CommandResult<KycInviteView> {
    let shop = hub.shop().await?;
    let done = refresh_invite(&shop.client, &shop.book, &request.id, Utc::now()).await;
    hub.note_network(done.as_ref().err());
    Ok(KycInviteView::from(&done?))
}
