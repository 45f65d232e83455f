//! The app's secret store: the OS keychain, plus keys the merchant chose to keep for this
//! session only (when there is no keychain). Reads look at the session keys first.

use std::sync::Arc;

use merchant_core::{ApiKeySecret, MemoryStore, SecretError, SecretStore};

/// Session keys over a persistent store.
#[allow(missing_debug_implementations)] // holds a trait object; nothing useful to print
pub struct LayeredStore {
    session: MemoryStore,
    keychain: Arc<dyn SecretStore>,
}

impl LayeredStore {
    /// `session` is shared with the app (which writes session-only keys into it).
    pub fn new(session: MemoryStore, keychain: Arc<dyn SecretStore>) -> Self {
        Self { session, keychain }
    }
}

impl SecretStore for LayeredStore {
    fn get(&self, account: &str) -> Result<Option<ApiKeySecret>, SecretError> {
        match self.session.get(account)? {
            Some(key) => Ok(Some(key)),
            None => self.keychain.get(account),
        }
    }

    fn set(&self, account: &str, secret: &ApiKeySecret) -> Result<(), SecretError> {
        self.keychain.set(account, secret)
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.session.delete(account)?;
        match self.keychain.delete(account) {
            // No keychain: nothing can have been stored in it.
            Err(SecretError::Unavailable { .. }) => Ok(()),
            other => other,
        }
    }
}
