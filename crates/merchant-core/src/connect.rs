//! Connect: validate a key with `GET /me`, check its environment, then probe the association
//! with `GET /balance` so a not-associated developer gets steps instead of a raw 403.

use dhmad_api::{ApiError, ApiKeyEnvironment, Client, Environment, ErrorKind};
use serde::Serialize;

/// What `GET /me` says about the key, plus whether the account can move money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// The developer's e-mail.
    pub developer_email: Option<String>,
    /// The developer's company.
    pub company: Option<String>,
    /// `live` or `sandbox` (agreed by the key prefix and the server).
    pub environment: Environment,
    /// Requests per minute allowed for this key, when the server says.
    pub rate_limit: Option<u32>,
    /// The developer account is associated with a DHMAD user (`GET /balance` answered).
    pub associated: bool,
}

/// Why a key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The key's prefix and the server disagree about the environment.
    #[error(
        "this is a {key} key but the server says the key belongs to {server}; \
         use a key of the right environment"
    )]
    WrongEnvironment {
        /// From the key's prefix.
        key: Environment,
        /// From `GET /me`.
        server: String,
    },
    /// The developer account has no associated DHMAD user; follow `steps`.
    #[error("the developer account is not associated with a DHMAD user account")]
    NotAssociated {
        /// What the merchant must do, in order.
        steps: Vec<String>,
        /// Facts from `GET /me` (the key itself is valid).
        connection: Connection,
    },
    /// The API failed (invalid key → [`ErrorKind::InvalidKey`], network, …).
    #[error(transparent)]
    Api(#[from] ApiError),
}

/// The association steps of the DHMAD docs (seed 000), in plain words.
pub fn association_steps() -> Vec<String> {
    vec![
        "Open your developer dashboard at https://developer.dhmad.tn/dashboard.".into(),
        "Click \"Associate User Account\" and enter the e-mail of your DHMAD user account.".into(),
        "Open the verification e-mail DHMAD sends to that address and confirm it within 24 hours."
            .into(),
    ]
}

/// Validates the client's key: `GET /me`, environment check, then `GET /balance`.
///
/// A not-associated developer is [`ConnectError::NotAssociated`] with the steps to follow.
pub async fn connect(client: &Client) -> Result<Connection, ConnectError> {
    let me = client.me().await?;
    let key_env = client.environment();
    if let Some(server) = &me.api_key.environment {
        let agrees = matches!(
            (key_env, server),
            (Environment::Live, ApiKeyEnvironment::Live)
                | (Environment::Sandbox, ApiKeyEnvironment::Sandbox)
        );
        if !agrees {
            return Err(ConnectError::WrongEnvironment {
                key: key_env,
                server: server.as_str().to_owned(),
            });
        }
    }
    let mut connection = Connection {
        developer_email: me.developer.email,
        company: me.developer.company_name,
        environment: key_env,
        rate_limit: me.api_key.rate_limit,
        associated: false,
    };
    match client.balance().await {
        Ok(_) => {
            connection.associated = true;
            Ok(connection)
        }
        Err(e) if e.kind() == ErrorKind::NotAssociated => Err(ConnectError::NotAssociated {
            steps: association_steps(),
            connection,
        }),
        Err(e) => Err(e.into()),
    }
}
