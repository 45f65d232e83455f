//! `GET /balance`: the associated user's balances in TND.

use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::decode::{Keyed, resource_key};
use crate::error::ApiError;
use crate::money::Money;

/// Balances of the associated user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    /// Usable now.
    pub available: Money,
    /// Top-ups/payouts in progress.
    pub pending: Money,
    /// Held in active escrows.
    pub escrow: Money,
}

resource_key! {
    BalanceKey = "balance";
}

impl Client {
    /// `GET /balance`.
    ///
    /// # Example
    /// ```no_run
    /// # async fn run(client: dhmad_api::Client) -> Result<(), dhmad_api::ApiError> {
    /// let b = client.balance().await?;
    /// println!("available {} TND", b.available);
    /// # Ok(()) }
    /// ```
    pub async fn balance(&self) -> Result<Balance, ApiError> {
        let env: Keyed<BalanceKey, Balance> = self.get(&["balance"], &[]).await?;
        Ok(env.0)
    }
}
