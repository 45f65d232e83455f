//! `dhmad login --key-stdin`: validate a key (GET /me, association probe) and keep it in the OS
//! keychain under a profile, so later commands need no key in the environment.

use std::io::Read;
use std::sync::Arc;

use chrono::Utc;
use merchant_core::secrets::account_for;
use merchant_core::{
    ApiKeySecret, ConnectError, Connection, Environment, KeyringStore, Profile, ProfileId,
    Profiles, SecretError, SecretStore, Workspace, client_for, connect_profile,
};
use serde_json::json;

use super::{Globals, key_environment};
use crate::args::LoginArgs;
use crate::output::Failure;

/// Runs `dhmad login`.
pub async fn run(globals: &Globals, args: LoginArgs) -> Result<(), Failure> {
    let key = read_key()?;
    let environment = key_environment(&key)?;
    // Read-only look at the profiles: nothing is written before the key is safely stored.
    let profiles = Profiles::load(&globals.data_dir)?;
    let id = match &globals.profile {
        Some(id) => ProfileId::new(id.as_str())?,
        None => default_profile(&profiles, environment)?,
    };
    let existing = profiles.get(&id);
    let mut profile = existing.clone().unwrap_or_else(|| {
        let mut new = Profile::new(id.clone(), "", environment);
        new.settings.language = merchant_core::Language::of_system();
        new
    });
    profile.environment = environment;
    globals.apply_base_url(&mut profile);
    let client = client_for(&profile, &key)?;
    let connection = connect_profile(&mut profile, &client, args.name.as_deref(), Utc::now())
        .await
        .map_err(connect_failure)?;

    // The key first: without a keychain nothing may reach the disk (never the key in plain text,
    // and no profile that has no key).
    let store = KeyringStore::new();
    store
        .set(&account_for(&profile.id, environment), &key)
        .map_err(keychain_failure)?;
    if let Some(old) = existing
        .as_ref()
        .filter(|old| old.environment != environment)
    {
        // The profile changed environment: its old key would be orphaned.
        store
            .delete(&account_for(&old.id, old.environment))
            .map_err(keychain_failure)?;
    }
    let workspace = Workspace::open(&globals.data_dir, Arc::new(store))?;
    if existing.is_some() {
        let saved = profile.clone();
        workspace.profiles().update(&id, move |p| *p = saved)?;
    } else {
        workspace.profiles().add(profile.clone())?;
    }
    workspace.profiles().set_active(&id)?;

    println!(
        "logged in: profile {} ({})",
        profile.id, profile.display_name
    );
    print_connection(&connection);
    println!("the key is stored in the OS keychain; this profile is now the active one");
    Ok(())
}

/// Without `--profile`: the active profile when it is of the key's environment (a new key for
/// the same shop), else a profile named after the environment (`sandbox` / `live`). The app's
/// demo profile is never taken over.
fn default_profile(profiles: &Profiles, environment: Environment) -> Result<ProfileId, Failure> {
    match profiles.active() {
        Some(active) if active.environment == environment => Ok(active.id),
        _ => Ok(ProfileId::new(environment.as_str())?),
    }
}

/// The key from stdin (a pipe or a paste ended by Ctrl-D), surrounding whitespace removed.
fn read_key() -> Result<ApiKeySecret, Failure> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|err| Failure::usage(format!("cannot read the key from stdin: {err}")))?;
    let key = ApiKeySecret::new(text.trim());
    // The plain copy is overwritten; only the zeroizing wrapper keeps the key.
    text.clear();
    text.shrink_to_fit();
    Ok(key)
}

/// No usable keychain: exit 2, with the store's own explanation.
fn keychain_failure(err: SecretError) -> Failure {
    Failure::usage(format!(
        "{err} (dhmad login needs the OS keychain; for scripts set DHMAD_API_KEY instead)"
    ))
}

fn connect_failure(err: ConnectError) -> Failure {
    match err {
        ConnectError::NotAssociated { steps, connection } => {
            eprintln!(
                "The key is valid, but the developer account is not associated with a DHMAD \
                 user account yet. Nothing was saved. Do this, then log in again:"
            );
            for (n, step) in steps.iter().enumerate() {
                eprintln!("  {}. {step}", n + 1);
            }
            Failure::internal("the developer account is not associated with a DHMAD user account")
                .with("code", json!("NOT_ASSOCIATED"))
                .with("steps", json!(steps))
                .with("developerEmail", json!(connection.developer_email))
        }
        ConnectError::WrongEnvironment { .. }
        | ConnectError::ProfileEnvironment { .. }
        | ConnectError::OtherAccount { .. } => Failure::internal(err.to_string()),
        ConnectError::Api(err) => err.into(),
    }
}

fn print_connection(connection: &Connection) {
    let or_unknown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(not given)".into());
    println!("developer: {}", or_unknown(&connection.developer_email));
    println!("company: {}", or_unknown(&connection.company));
    println!("environment: {}", connection.environment.as_str());
    match connection.rate_limit {
        Some(limit) => println!("rate limit: {limit} requests/minute"),
        None => println!("rate limit: (not given)"),
    }
}
