//! Where the API key lives: only in the OS keychain ([`KeyringStore`]) or, by the user's explicit
//! choice, in memory for this session ([`MemoryStore`]). Never in a file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use regex::Regex;
use zeroize::Zeroizing;

use crate::error::SecretError;
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

/// What replaces a secret in logs and verbose output.
pub const REDACTED: &str = "<redacted>";

/// Anything that may be a DHMAD key: `sk_live_` / `sk_sandbox_` followed by 8 or more key-like
/// characters (a mistyped key is as secret as a valid one, so the rest need not be hex), and a
/// bare run of 64 hex digits (a key pasted without its prefix; webhook signatures look the same
/// and are not for logs either).
static SECRET_SHAPES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"sk_(?:live|sandbox)_[A-Za-z0-9_\-]{8,}|\b[0-9a-fA-F]{64}\b").ok()
});

/// `text` with every key-shaped substring replaced by [`REDACTED`].
pub fn redact(text: &str) -> Cow<'_, str> {
    match SECRET_SHAPES.as_ref() {
        Some(re) => re.replace_all(text, REDACTED),
        // The pattern is a constant known to compile; should it ever fail, hide the whole text
        // rather than risk writing a key.
        None => Cow::Borrowed(REDACTED),
    }
}

/// A writer that redacts what passes through it. `tracing_subscriber::fmt` writes one whole
/// event per `write` call, so a key never straddles two calls.
#[derive(Debug)]
pub struct Redacting<W>(pub W);

impl<W: Write> Write for Redacting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(redact(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// The keychain entry name for a profile: `<profile id>:<environment>`.
pub fn account_for(profile: &ProfileId, environment: Environment) -> String {
    format!("{}:{}", profile.as_str(), environment.as_str())
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
/// Credential Manager). Calls run one at a time on ONE worker thread per store, each waited for
/// at most the timeout: the Secret Service can block forever on a locked keyring, and a blocked
/// platform call cannot be aborted. Once a caller gave up on the call the worker is stuck in,
/// every call fails at once with [`SecretError::Timeout`] (no wait, no new thread) until the
/// platform answers; so a locked keychain holds up one command for the timeout, not every
/// command, and never piles up threads.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
    timeout: Duration,
    worker: Arc<KeychainWorker>,
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
            worker: Arc::new(KeychainWorker::default()),
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
        let (service, account) = (self.service.clone(), account.to_owned());
        self.worker
            .call(self.timeout, move || {
                keyring::Entry::new(&service, &account).and_then(|e| op(&e))
            })?
            .map_err(map_keyring_error)
    }
}

type Job = Box<dyn FnOnce() + Send>;

/// The one thread a [`KeyringStore`] (and its clones) talks to the keychain on.
#[derive(Debug, Default)]
struct KeychainWorker {
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    /// The number of the job the worker is running (1, 2, …), 0 when idle. Written by the worker.
    running: Arc<AtomicU64>,
    /// The job that was running when a caller last gave up waiting: while it still runs, the
    /// keychain is stuck and every call fails at once.
    given_up_on: AtomicU64,
}

impl KeychainWorker {
    /// Runs `f` on the worker and waits at most `timeout` for its answer.
    fn call<T: Send + 'static>(
        &self,
        timeout: Duration,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, SecretError> {
        let timed_out = || SecretError::Timeout {
            seconds: timeout.as_secs().max(1),
        };
        let running = self.running.load(Ordering::Acquire);
        if running != 0 && self.given_up_on.load(Ordering::Acquire) == running {
            return Err(timed_out());
        }
        let (tx, rx) = mpsc::sync_channel(1);
        let given_up = Arc::new(AtomicBool::new(false));
        let skip = given_up.clone();
        self.submit(Box::new(move || {
            // A caller that stopped waiting before its turn came does not want it done late.
            if !skip.load(Ordering::Acquire) {
                let _ = tx.send(f());
            }
        }))?;
        match rx.recv_timeout(timeout) {
            Ok(answer) => Ok(answer),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                given_up.store(true, Ordering::Release);
                self.given_up_on
                    .store(self.running.load(Ordering::Acquire), Ordering::Release);
                Err(timed_out())
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(SecretError::Failed(
                "the keychain thread stopped unexpectedly".into(),
            )),
        }
    }

    fn submit(&self, job: Job) -> Result<(), SecretError> {
        let mut jobs = self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if jobs.is_none() {
            *jobs = Some(self.spawn()?);
        }
        let sent = jobs.as_ref().map(|tx| tx.send(job));
        match sent {
            Some(Ok(())) => Ok(()),
            _ => {
                *jobs = None;
                Err(SecretError::Failed(
                    "the keychain thread stopped unexpectedly".into(),
                ))
            }
        }
    }

    fn spawn(&self) -> Result<mpsc::Sender<Job>, SecretError> {
        let (tx, rx) = mpsc::channel::<Job>();
        let running = self.running.clone();
        std::thread::Builder::new()
            .name("keychain".into())
            .spawn(move || {
                for (number, job) in (1_u64..).zip(rx) {
                    running.store(number, Ordering::Release);
                    job();
                    running.store(0, Ordering::Release);
                }
            })
            .map_err(|e| SecretError::Failed(format!("cannot start the keychain thread: {e}")))?;
        Ok(tx)
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
