//! Acting on an escrow: direct calls, and checkout links to share (with their watcher).

use chrono::Utc;
use dhmad_api::Money;
use merchant_core::actions::{
    EscrowUpdate, cancel_escrow, create_checkout_session, deliver_escrow, reject_delivery,
    update_escrow as core_update,
};
use merchant_core::book::{CheckoutSessionRecord, SessionAction, SessionStatus};
use merchant_core::{Shop, qr_svg};

use crate::app::App;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::actions::{
    DirectAction, EscrowActionRequest, SessionRequest, ShareRequest, ShareView, UpdateEscrowRequest,
};
use crate::views::escrows::EscrowView;

impl App {
    /// Deliver, reject the delivery, or cancel — checked locally against the escrow's mode,
    /// status and the merchant's part before anything is sent.
    #[tracing::instrument(skip_all, fields(action = ?request.action))]
    pub async fn escrow_action(&self, request: EscrowActionRequest) -> CommandResult<EscrowView> {
        let shop = self.shop().await?;
        let (client, book, id, now) = (&shop.client, &shop.book, request.id.as_str(), Utc::now());
        let done = match request.action {
            DirectAction::Deliver => deliver_escrow(client, book, id, now).await,
            DirectAction::RejectDelivery => {
                reject_delivery(client, book, id, request.reason.as_deref(), now).await
            }
            DirectAction::Cancel => cancel_escrow(client, book, id, now).await,
            DirectAction::Update => {
                return Err(CommandError::new(
                    ErrorCode::Validation,
                    "an escrow is changed with update_escrow",
                ));
            }
        };
        self.note_network(done.as_ref().err());
        Ok(EscrowView::from(&done?))
    }

    /// Changes a pending escrow's title, description, amount or delivery days.
    pub async fn update_escrow(&self, request: UpdateEscrowRequest) -> CommandResult<EscrowView> {
        let shop = self.shop().await?;
        let update = EscrowUpdate {
            title: request.title.clone(),
            description: request.description.clone(),
            amount: request.amount.map(Money::from_millimes),
            estimated_delivery_days: request.estimated_delivery_days,
        };
        let done = core_update(&shop.client, &shop.book, &request.id, &update, Utc::now()).await;
        self.note_network(done.as_ref().err());
        Ok(EscrowView::from(&done?))
    }

    /// Creates a checkout link for an action of contract §4.2 (the right party targeted, the
    /// profile's redirect URL) and starts watching it.
    #[tracing::instrument(skip_all, fields(action = ?request.action))]
    pub async fn create_share(&self, request: ShareRequest) -> CommandResult<ShareView> {
        let shop = self.shop().await?;
        let action = request.action.clone();
        let target = request.target_email.as_deref();
        self.share_link(shop, &request.escrow_id, action, target)
            .await
    }

    /// A fresh link for the same escrow, action and person (the old one expired or was lost).
    pub async fn renew_share(&self, request: SessionRequest) -> CommandResult<ShareView> {
        let shop = self.shop().await?;
        let old = known_session(&shop, &request.session_id)?;
        let target = Some(old.target_email.as_str());
        self.share_link(shop.clone(), &old.escrow_id, old.action.clone(), target)
            .await
    }

    /// Creates the session, stores it, and starts its watcher.
    async fn share_link(
        &self,
        shop: Shop,
        escrow_id: &str,
        action: SessionAction,
        target: Option<&str>,
    ) -> CommandResult<ShareView> {
        let redirect = shop.profile.settings.redirect_url.clone();
        let (client, book) = (&shop.client, &shop.book);
        let rec = create_checkout_session(
            client,
            book,
            escrow_id,
            action,
            target,
            redirect.as_deref(),
            Utc::now(),
        )
        .await;
        self.note_network(rec.as_ref().err());
        let rec = rec?;
        self.watch_session(shop, rec.session_id.clone());
        share_view(rec)
    }

    /// Watches a link created earlier (e.g. the share dialog reopened); status changes arrive as
    /// [`crate::app::AppEvent::Share`] events.
    pub async fn watch_share(&self, request: SessionRequest) -> CommandResult<ShareView> {
        let shop = self.shop().await?;
        let rec = known_session(&shop, &request.session_id)?;
        if rec.status == SessionStatus::Pending {
            self.watch_session(shop, rec.session_id.clone());
        }
        share_view(rec)
    }
}

fn known_session(shop: &Shop, session_id: &str) -> CommandResult<CheckoutSessionRecord> {
    shop.book
        .session(session_id)?
        .ok_or_else(|| CommandError::new(ErrorCode::NotFound, format!("no link {session_id}")))
}

fn share_view(rec: CheckoutSessionRecord) -> CommandResult<ShareView> {
    Ok(ShareView {
        qr_svg: qr_svg(&rec.url)?,
        session: rec,
    })
}
