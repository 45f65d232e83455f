//! Connect: validate a key with `GET /me`, check its environment, then probe the association
//! with `GET /balance` so a not-associated developer gets steps instead of a raw 403.

use chrono::{DateTime, Utc};
use dhmad_api::{ApiError, ApiKeyEnvironment, Client, Environment, ErrorKind};

use crate::profile::Profile;
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
    /// A key of the other environment for this profile (a live key for a sandbox shop…).
    #[error("This is a {key} key, not a {profile} key.")]
    ProfileEnvironment {
        /// The key's.
        key: &'static str,
        /// The profile's.
        profile: &'static str,
    },
    /// The key belongs to another developer account than the one the profile was connected
    /// with: the profile's book holds the first account's escrows.
    #[error(
        "This key belongs to {now}, but this shop was connected with {before}'s key. Enter \
         {before}'s key, or add the other account as a new shop."
    )]
    OtherAccount {
        /// The account the profile was connected with.
        before: String,
        /// The key's account.
        now: String,
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

/// Connects `profile` with the key `client` carries, for the app's "Connect" and `dhmad login`
/// alike: the key must be of the profile's environment and, when the profile was connected
/// before, of the same developer account. Records what `GET /me` said (developer, company, rate
/// limit, when) and names the profile: `name` when given, else a blank name becomes the company's
/// or the environment's. Nothing is stored: the caller keeps the key and saves the profile.
pub async fn connect_profile(
    profile: &mut Profile,
    client: &Client,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Connection, ConnectError> {
    let wanted = match profile.environment {
        crate::Environment::Live => Environment::Live,
        crate::Environment::Sandbox | crate::Environment::Demo => Environment::Sandbox,
    };
    if client.environment() != wanted {
        return Err(ConnectError::ProfileEnvironment {
            key: client.environment().as_str(),
            profile: profile.environment.as_str(),
        });
    }
    let connection = connect(client).await?;
    same_account(profile, connection.developer_email.as_deref())?;
    record(profile, &connection, name, now);
    Ok(connection)
}

fn same_account(profile: &Profile, developer_email: Option<&str>) -> Result<(), ConnectError> {
    match (profile.connect.developer_email.as_deref(), developer_email) {
        (Some(before), Some(now)) if !before.eq_ignore_ascii_case(now) => {
            Err(ConnectError::OtherAccount {
                before: before.to_owned(),
                now: now.to_owned(),
            })
        }
        _ => Ok(()),
    }
}

fn record(profile: &mut Profile, connection: &Connection, name: Option<&str>, now: DateTime<Utc>) {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => profile.display_name = name.to_owned(),
        None if profile.display_name.trim().is_empty() => {
            profile.display_name = connection
                .company
                .clone()
                .unwrap_or_else(|| profile.environment.as_str().to_owned());
        }
        None => {}
    }
    let facts = &mut profile.connect;
    facts
        .developer_email
        .clone_from(&connection.developer_email);
    facts.company_name.clone_from(&connection.company);
    facts.rate_limit = connection.rate_limit;
    facts.checked_at_ms = Some(now.timestamp_millis());
}
