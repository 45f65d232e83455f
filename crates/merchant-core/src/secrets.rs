//! Where the API key lives: only in the OS keychain ([`KeyringStore`]) or, by the user's explicit
//! choice, in memory for this session ([`MemoryStore`]). Never in a file.

use std::collections::HashMap;
use std::fmt;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use zeroize::Zeroizing;

use crate::profile::{Environment, ProfileId};

/// An API key. It never prints (`Debug`/`Display` show `<redacted>`), cannot be serialised, and
/// its memory is zeroed on drop. [`ApiKeySecret::expose`] is the only way to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKeySecret(Zeroizing<String>);

impl ApiKeySecret {
    /// Wraps a key (surrounding whitespace, e.g. a pasted newline, is trimmed).
    pub fn new(key: impl Into<String>) -> Self {
        // The untrimmed original is zeroed too when it drops here.
        let original = Zeroizing::new(key.into());
        Self(Zeroizing::new(original.trim().to_owned()))
    }

    /// The key itself — only for building the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKeySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for ApiKeySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The keychain entry name for a profile: `<profile id>:<environment>`.
pub fn account_for(profile: &ProfileId, environment: Environment) -> String {
    format!("{}:{}", profile.as_str(), environment.as_str())
}

/// Why the secret store failed.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// There is no system keychain (no Secret Service, no D-Bus session) or it refused access.
    #[error(
        "No system keychain is available on this computer ({detail}). The API key cannot be \
         saved safely; you can keep the key for this session only, and you will be asked for it \
         again next time."
    )]
    Unavailable {
        /// The platform's own words, for support.
        detail: String,
    },
    /// The keychain did not answer in time (on Linux: usually a locked keyring waiting for an
    /// unlock prompt nobody can see).
    #[error(
        "The system keychain did not answer within {seconds} s. It may be locked: unlock it \
         (for example by logging in to the desktop) and try again, or keep the key for this \
         session only."
    )]
    Timeout {
        /// The timeout that elapsed.
        seconds: u64,
    },
    /// Any other keychain failure.
    #[error("the system keychain failed: {0}")]
    Failed(String),
}

/// A place to keep one API key per account (see [`account_for`]).
pub trait SecretStore: Send + Sync {
    /// The key stored for `account`, if any.
    fn get(&self, account: &str) -> Result<Option<ApiKeySecret>, SecretError>;
    /// Stores (or replaces) the key for `account`.
    fn set(&self, account: &str, secret: &ApiKeySecret) -> Result<(), SecretError>;
    /// Removes the key for `account`; removing a missing key is not an error.
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// Keys in memory only: for tests and for the user's explicit "this session only" choice.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    keys: Arc<Mutex<HashMap<String, ApiKeySecret>>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ApiKeySecret>> {
        // A panic while holding this lock cannot leave the map half-updated, so recover it.
        self.keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<ApiKeySecret>, SecretError> {
        Ok(self.lock().get(account).cloned())
    }

    fn set(&self, account: &str, secret: &ApiKeySecret) -> Result<(), SecretError> {
        self.lock().insert(account.to_owned(), secret.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.lock().remove(account);
        Ok(())
    }
}

/// The keychain service name, namespaced by build so a debug build never reads or overwrites
/// the keys of the installed app.
pub const fn keyring_service() -> &'static str {
    if cfg!(debug_assertions) {
        "tn.dhmad.merchant.dev"
    } else {
        "tn.dhmad.merchant"
    }
}

/// The OS keychain through the `keyring` crate (Secret Service, macOS Keychain, Windows
/// Credential Manager). Every call runs on its own thread with a timeout: the Secret Service can
/// block forever on a locked keyring. A call that times out leaves its thread blocked in the
/// platform call; it ends when the platform answers (there is no way to abort it).
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
    timeout: Duration,
}

impl Default for KeyringStore {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyringStore {
    /// The store for this build's service name and a 5 s timeout.
    pub fn new() -> Self {
        Self {
            service: keyring_service().to_owned(),
            timeout: Duration::from_secs(5),
        }
    }

    /// Uses another service name (tests use a unique one).
    pub fn with_service(mut self, service: impl Into<String>) -> Self {
        self.service = service.into();
        self
    }

    /// Changes the per-call timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The service name in use.
    pub fn service(&self) -> &str {
        &self.service
    }

    fn run<T: Send + 'static>(
        &self,
        account: &str,
        op: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    ) -> Result<T, SecretError> {
        let (tx, rx) = mpsc::sync_channel(1);
        let service = self.service.clone();
        let account = account.to_owned();
        std::thread::Builder::new()
            .name("keychain".into())
            .spawn(move || {
                let result = keyring::Entry::new(&service, &account).and_then(|e| op(&e));
                // The receiver may have given up (timeout); nothing to do then.
                let _ = tx.send(result);
            })
            .map_err(|e| SecretError::Failed(format!("cannot start keychain thread: {e}")))?;
        match rx.recv_timeout(self.timeout) {
            Ok(result) => result.map_err(map_keyring_error),
            Err(mpsc::RecvTimeoutError::Timeout) => Err(SecretError::Timeout {
                seconds: self.timeout.as_secs().max(1),
            }),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(SecretError::Failed(
                "the keychain thread stopped unexpectedly".into(),
            )),
        }
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<ApiKeySecret>, SecretError> {
        let got = self.run(account, |e| match e.get_password() {
            Ok(p) => Ok(Some(ApiKeySecret::new(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(other) => Err(other),
        })?;
        Ok(got)
    }

    fn set(&self, account: &str, secret: &ApiKeySecret) -> Result<(), SecretError> {
        let secret = secret.clone();
        self.run(account, move |e| e.set_password(secret.expose()))
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.run(account, |e| match e.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(other) => Err(other),
        })
    }
}

/// Sorts keyring failures into "no keychain here" and everything else.
fn map_keyring_error(err: keyring::Error) -> SecretError {
    let detail = err.to_string();
    match err {
        keyring::Error::NoStorageAccess(_) => SecretError::Unavailable { detail },
        keyring::Error::PlatformFailure(_) if looks_unavailable(&detail) => {
            SecretError::Unavailable { detail }
        }
        _ => SecretError::Failed(detail),
    }
}

/// D-Bus/Secret Service messages that mean "there is no keychain service to talk to".
fn looks_unavailable(detail: &str) -> bool {
    const SIGNS: [&str; 6] = [
        "org.freedesktop.secrets",
        "autolaunch",
        "DBUS_SESSION_BUS_ADDRESS",
        "ServiceUnknown",
        "Failed to connect to socket",
        "No such file or directory",
    ];
    SIGNS.iter().any(|s| detail.contains(s))
}
