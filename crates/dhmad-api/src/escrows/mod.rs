//! Escrows: create, list (and stream every page), get, proof, contract, update, deliver,
//! reject delivery, cancel.

mod model;
mod pages;
mod request;

pub use model::*;
pub use pages::{AllEscrows, ListSummary, Listed, MAX_PAGES, PageGuard};
pub use request::*;

use futures::{Stream, TryStreamExt};
use reqwest::Method;

use crate::client::Client;
use crate::error::ApiError;
use crate::ids::EscrowId;

/// Escrow endpoints; get it with [`Client::escrows`].
#[derive(Debug, Clone)]
pub struct Escrows {
    client: Client,
}

impl Client {
    /// Escrow endpoints.
    pub fn escrows(&self) -> Escrows {
        Escrows {
            client: self.clone(),
        }
    }
}

impl Escrows {
    /// `POST /escrows`. The request is validated first (contract §2.3); a request that breaks a
    /// rule returns [`ApiError::Validation`] and nothing is sent. A lost answer returns
    /// [`ApiError::OutcomeUnknown`] and is never re-sent: list escrows to find out.
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// use dhmad_api::{CreateEscrow, EscrowMode, Money};
    /// let mut req = CreateEscrow::new("Handmade rug", Money::from_tnd_str("120.500").unwrap(), "buyer@example.com");
    /// req.mode = Some(EscrowMode::Quick);
    /// req.estimated_delivery_days = Some(3);
    /// let created = client.escrows().create(&req).await?;
    /// println!("escrow {} for {}", created.escrow.id, created.escrow.amount.unwrap_or_default());
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: &CreateEscrow) -> Result<CreatedEscrow, ApiError> {
        request.validate()?;
        self.client
            .send_json(Method::POST, &["escrows"], Some(request))
            .await
    }

    /// `GET /escrows`: one page (newest first).
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// use dhmad_api::{EscrowStatus, ListEscrows};
    /// let page = client.escrows().list(&ListEscrows { status: Some(EscrowStatus::Paid), ..Default::default() }).await?;
    /// println!("{} of {:?} escrows", page.escrows.len(), page.pagination.total);
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, query: &ListEscrows) -> Result<EscrowPage, ApiError> {
        query.validate()?;
        self.client.get(&["escrows"], &query.query_pairs()).await
    }

    /// Every escrow matching `filter` (its `page`/`limit` are ignored), fetched 100 per page,
    /// as a stream: readable escrows, unreadable records (set aside, never dropped) and, last,
    /// [`Listed::End`] with what was received against the `total` announced. Pages are read
    /// until one comes back short or empty, whatever `pages`/`total` say; a server that repeats
    /// a full page, or goes past [`MAX_PAGES`], ends the stream with [`ApiError::Protocol`].
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// use dhmad_api::escrows::Listed;
    /// use futures::TryStreamExt;
    /// let mut items = std::pin::pin!(client.escrows().list_all(Default::default()));
    /// while let Some(item) = items.try_next().await? {
    ///     match item {
    ///         Listed::Escrow(e) => println!("{}", e.id),
    ///         Listed::Unreadable(bad) => eprintln!("could not read {bad}"),
    ///         Listed::End(summary) => println!("{} received", summary.received),
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_all(
        &self,
        filter: ListEscrows,
    ) -> impl Stream<Item = Result<Listed, ApiError>> + Send + 'static {
        pages::stream(self.clone(), filter)
    }

    /// [`Escrows::list_all`] collected: every readable escrow, the unreadable records and the
    /// summary (check [`ListSummary::shortfall`]).
    pub async fn read_all(&self, filter: ListEscrows) -> Result<AllEscrows, ApiError> {
        let mut all = AllEscrows::default();
        let mut items = std::pin::pin!(self.list_all(filter));
        while let Some(item) = items.try_next().await? {
            match item {
                Listed::Escrow(e) => all.escrows.push(*e),
                Listed::Unreadable(bad) => all.unreadable.push(bad),
                Listed::End(summary) => all.summary = summary,
            }
        }
        Ok(all)
    }

    /// `GET /escrows/:id`.
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// let escrow = client.escrows().get(&"507f1f77bcf86cd799439011".into()).await?;
    /// println!("{:?}", escrow.status);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &EscrowId) -> Result<Escrow, ApiError> {
        let env: EscrowEnvelope = self.client.get(&["escrows", id.as_str()], &[]).await?;
        Ok(env.0)
    }

    /// `GET /escrows/:id/proof` (Quick Escrow with Proof only).
    pub async fn proof(&self, id: &EscrowId) -> Result<Proof, ApiError> {
        let env: ProofEnvelope = self
            .client
            .get(&["escrows", id.as_str(), "proof"], &[])
            .await?;
        Ok(env.0)
    }

    /// `GET /escrows/:id/contract` (standard mode only).
    pub async fn contract(&self, id: &EscrowId) -> Result<Contract, ApiError> {
        let env: ContractEnvelope = self
            .client
            .get(&["escrows", id.as_str(), "contract"], &[])
            .await?;
        Ok(env.0)
    }

    /// `PUT /escrows/:id` (pending escrows only), validated first.
    pub async fn update(
        &self,
        id: &EscrowId,
        request: &UpdateEscrow,
    ) -> Result<EscrowChange, ApiError> {
        request.validate()?;
        self.client
            .send_json(Method::PUT, &["escrows", id.as_str()], Some(request))
            .await
    }

    /// `POST /escrows/:id/deliver` (seller; escrow `paid`).
    pub async fn deliver(&self, id: &EscrowId) -> Result<EscrowChange, ApiError> {
        self.client
            .send_json::<_, ()>(Method::POST, &["escrows", id.as_str(), "deliver"], None)
            .await
    }

    /// `POST /escrows/:id/reject-delivery` (buyer; escrow `delivered`), with an optional reason.
    pub async fn reject_delivery(
        &self,
        id: &EscrowId,
        reason: Option<&str>,
    ) -> Result<EscrowChange, ApiError> {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            reason: Option<&'a str>,
        }
        self.client
            .send_json(
                Method::POST,
                &["escrows", id.as_str(), "reject-delivery"],
                Some(&Body { reason }),
            )
            .await
    }

    /// `POST /escrows/:id/cancel` (pending escrows only).
    pub async fn cancel(&self, id: &EscrowId) -> Result<EscrowChange, ApiError> {
        self.client
            .send_json::<_, ()>(Method::POST, &["escrows", id.as_str(), "cancel"], None)
            .await
    }
}
