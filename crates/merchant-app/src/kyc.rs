//! KYC invites.

use chrono::Utc;
use merchant_core::{invite, invites_by_email, refresh_invite};

use crate::app::App;
use crate::error::CommandResult;
use crate::views::kyc::{
    KycIdRequest, KycInviteOutcomeView, KycInviteRequest, KycInviteView, KycListRequest,
};

/// Invites in the list when no e-mail is searched.
const RECENT_INVITES: u32 = 200;

impl App {
    /// Invites a person to verify their identity (DHMAD e-mails them). A second invite to the
    /// same person within 5 minutes is refused with the time a resend is allowed.
    pub async fn kyc_invite(
        &self,
        request: KycInviteRequest,
    ) -> CommandResult<KycInviteOutcomeView> {
        let shop = self.shop().await?;
        let redirect =
            not_blank(&request.redirect_url).or_else(|| shop.profile.settings.redirect_url.clone());
        let done = invite(
            &shop.client,
            &shop.book,
            &request.email,
            not_blank(&request.external_id).as_deref(),
            redirect.as_deref(),
            Utc::now(),
        )
        .await;
        self.note_network(done.as_ref().err());
        let done = done?;
        Ok(KycInviteOutcomeView {
            invite: KycInviteView::from(&done.invite),
            existing: done.existing,
            message: done.message,
        })
    }

    /// The invites of one e-mail (from DHMAD), or the newest ones in the book.
    pub async fn kyc_list(&self, request: KycListRequest) -> CommandResult<Vec<KycInviteView>> {
        let shop = self.shop().await?;
        let records = match not_blank(&request.email) {
            Some(email) => {
                let found =
                    invites_by_email(&shop.client, &shop.book, email.trim(), Utc::now()).await;
                self.note_network(found.as_ref().err());
                found?
            }
            None => shop.book.recent_invites(RECENT_INVITES)?,
        };
        Ok(records.iter().map(KycInviteView::from).collect())
    }

    /// Reads one invite's status from DHMAD.
    pub async fn kyc_refresh(&self, request: KycIdRequest) -> CommandResult<KycInviteView> {
        let shop = self.shop().await?;
        let done = refresh_invite(&shop.client, &shop.book, &request.id, Utc::now()).await;
        self.note_network(done.as_ref().err());
        Ok(KycInviteView::from(&done?))
    }
}

/// A text field the merchant may leave blank: blank is none.
fn not_blank(value: &Option<String>) -> Option<String> {
    value.clone().filter(|s| !s.trim().is_empty())
}
