//! Escrows: create, list (and stream every page), get, proof, contract, update, deliver,
//! reject delivery, cancel.

mod model;
mod pages;
mod request;

pub use model::*;
pub use request::*;

use futures::Stream;
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
    /// println!("{} of {} escrows", page.escrows.len(), page.pagination.total);
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, query: &ListEscrows) -> Result<EscrowPage, ApiError> {
        query.validate()?;
        self.client.get(&["escrows"], &query.query_pairs()).await
    }

    /// Every escrow matching `filter` (its `page`/`limit` are ignored), fetched 100 per page,
    /// as a stream that ends after the last page. A server that keeps returning pages past the
    /// announced count, repeats a page, or exceeds 10,000 pages ends the stream with
    /// [`ApiError::Protocol`].
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// use futures::TryStreamExt;
    /// let all: Vec<_> = client.escrows().list_all(Default::default()).try_collect().await?;
    /// println!("{} escrows", all.len());
    /// # Ok(()) }
    /// ```
    pub fn list_all(
        &self,
        filter: ListEscrows,
    ) -> impl Stream<Item = Result<Escrow, ApiError>> + Send + 'static {
        pages::stream(self.clone(), filter)
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
        Ok(env.escrow)
    }

    /// `GET /escrows/:id/proof` (Quick Escrow with Proof only).
    pub async fn proof(&self, id: &EscrowId) -> Result<Proof, ApiError> {
        let env: ProofEnvelope = self
            .client
            .get(&["escrows", id.as_str(), "proof"], &[])
            .await?;
        Ok(env.proof)
    }

    /// `GET /escrows/:id/contract` (standard mode only).
    pub async fn contract(&self, id: &EscrowId) -> Result<Contract, ApiError> {
        let env: ContractEnvelope = self
            .client
            .get(&["escrows", id.as_str(), "contract"], &[])
            .await?;
        Ok(env.contract)
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
