//! Profiles: which DHMAD environment to talk to, with which settings. All profiles and the active
//! one live in ONE JSON file (`<data>/profiles.json`), replaced atomically on every change. The API
//! key is never in it (see `secrets.rs`).
//!
//! The app and the `dhmad` CLI may run at once on the same folder, so every change is a
//! read-modify-write of the file under an exclusive lock on `profiles.json.lock`: a profile the
//! CLI added while the app runs survives the app's next change.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

use crate::error::{MerchantError, Result};
use crate::settings::{ConnectFacts, Settings};

/// Folder name of the app's data under the OS data directory.
pub const APP_DIR_NAME: &str = "tn.dhmad.merchant";
/// The profiles file's name inside the data folder.
pub const PROFILES_FILE: &str = "profiles.json";
/// The lock file every change of [`PROFILES_FILE`] holds (the profiles file itself is replaced by
/// a rename, so it cannot carry the lock).
pub const PROFILES_LOCK_FILE: &str = "profiles.json.lock";
const FORMAT_VERSION: u32 = 1;

/// `<OS data dir>/tn.dhmad.merchant` (e.g. `~/.local/share/tn.dhmad.merchant` on Linux), or
/// `None` when the OS has no data directory for this user.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_DIR_NAME))
}

/// A profile's id: 1–64 characters of `[a-z0-9_-]`, so it is safe as a folder name and in a
/// keychain account name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProfileId(String);

impl ProfileId {
    /// Validates an id.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        let ok = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(id))
        } else {
            Err(MerchantError::InvalidInput(format!(
                "profile id {id:?} must be 1–64 characters of a–z, 0–9, '-' or '_'"
            )))
        }
    }

    /// A fresh random id (UUID v4, simple form).
    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().simple().to_string())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProfileId {
    type Error = MerchantError;
    fn try_from(s: String) -> Result<Self> {
        Self::new(s)
    }
}

impl From<ProfileId> for String {
    fn from(id: ProfileId) -> Self {
        id.0
    }
}

impl std::fmt::Display for ProfileId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which DHMAD the profile talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Production (`sk_live_` keys).
    Live,
    /// Sandbox (`sk_sandbox_` keys).
    Sandbox,
    /// An embedded simulator started by the app; no real money.
    Demo,
}

impl Environment {
    /// `live` / `sandbox` / `demo`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Sandbox => "sandbox",
            Self::Demo => "demo",
        }
    }
}

/// One profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Stable id (folder name of the profile's book).
    pub id: ProfileId,
    /// Name shown in the profile switcher.
    pub display_name: String,
    /// Environment.
    pub environment: Environment,
    /// Overrides the environment's API base URL (tests, a local simulator).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The base URL the merchant confirmed as a proxy they trust with a live key. It counts only
    /// while it equals `base_url`: changing the address asks again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_proxy: Option<String>,
    /// Settings.
    #[serde(default)]
    pub settings: Settings,
    /// Facts learned at connect.
    #[serde(default)]
    pub connect: ConnectFacts,
}

impl Profile {
    /// A profile with default settings.
    pub fn new(id: ProfileId, display_name: impl Into<String>, environment: Environment) -> Self {
        Self {
            id,
            display_name: display_name.into(),
            environment,
            base_url: None,
            confirmed_proxy: None,
            settings: Settings::default(),
            connect: ConnectFacts::default(),
        }
    }
}

impl Profile {
    /// Sets the base-URL override (blank means none). With `confirm_proxy` the merchant has
    /// confirmed, in a clearly worded step, that this address is a proxy they trust with a live
    /// key; without it any earlier confirmation is dropped.
    pub fn set_base_url(&mut self, base_url: Option<String>, confirm_proxy: bool) {
        self.base_url = base_url
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        self.confirmed_proxy = self.base_url.clone().filter(|_| confirm_proxy);
    }

    /// The origin of the profile's DHMAD (escrow pages are on it): its base URL's when it has
    /// one, else its environment's.
    pub fn api_origin(&self) -> String {
        let default = match self.environment {
            Environment::Sandbox => dhmad_api::Environment::Sandbox.default_base_url(),
            Environment::Live | Environment::Demo => {
                dhmad_api::Environment::Live.default_base_url()
            }
        };
        let url = self
            .base_url
            .as_deref()
            .and_then(|b| dhmad_api::Url::parse(b).ok())
            .unwrap_or(default);
        url.origin().ascii_serialization()
    }

    /// Whether the merchant confirmed the current base URL as a trusted proxy.
    pub fn proxy_confirmed(&self) -> bool {
        self.base_url.is_some() && self.confirmed_proxy == self.base_url
    }
}

/// The profiles file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ProfilesFile {
    version: u32,
    active: Option<ProfileId>,
    profiles: Vec<Profile>,
}

/// The profiles store: a cheap `Clone` handle over the file's content. Every change is written to
/// disk (temp file + fsync + rename) before it becomes visible in memory, so memory and disk agree
/// even when a write fails.
#[derive(Debug, Clone)]
pub struct Profiles {
    data_dir: PathBuf,
    state: Arc<RwLock<ProfilesFile>>,
}

impl Profiles {
    /// Loads `<data_dir>/profiles.json` (an absent file means no profiles yet). A damaged file
    /// gives [`MerchantError::ProfilesCorrupt`] and is left as it is.
    pub fn load(data_dir: impl Into<PathBuf>) -> Result<Self> {
        let data_dir = data_dir.into();
        let state = read_file(&data_dir.join(PROFILES_FILE))?;
        Ok(Self {
            data_dir,
            state: Arc::new(RwLock::new(state)),
        })
    }

    /// Moves a damaged profiles file aside (to `profiles.json.corrupt-<unix ms>`) — the user's
    /// explicit choice after [`MerchantError::ProfilesCorrupt`] — and returns where it went.
    pub fn set_aside_corrupt(data_dir: &Path, now_ms: i64) -> Result<PathBuf> {
        let path = data_dir.join(PROFILES_FILE);
        let aside = data_dir.join(format!("{PROFILES_FILE}.corrupt-{now_ms}"));
        fs::rename(&path, &aside).map_err(|e| MerchantError::io(&path, e))?;
        Ok(aside)
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Path of the profiles file.
    pub fn file_path(&self) -> PathBuf {
        self.data_dir.join(PROFILES_FILE)
    }

    /// `<data>/profiles/<id>/book.sqlite3`.
    pub fn book_path(&self, id: &ProfileId) -> PathBuf {
        self.data_dir
            .join("profiles")
            .join(id.as_str())
            .join("book.sqlite3")
    }

    /// All profiles, in creation order.
    pub fn list(&self) -> Vec<Profile> {
        self.read(|s| s.profiles.clone())
    }

    /// One profile.
    pub fn get(&self, id: &ProfileId) -> Option<Profile> {
        self.read(|s| s.profiles.iter().find(|p| &p.id == id).cloned())
    }

    /// The active profile, if one is chosen.
    pub fn active(&self) -> Option<Profile> {
        self.read(|s| {
            let id = s.active.as_ref()?;
            s.profiles.iter().find(|p| &p.id == id).cloned()
        })
    }

    /// Adds a profile; the first one becomes active.
    pub fn add(&self, profile: Profile) -> Result<()> {
        self.change(|s| {
            if s.profiles.iter().any(|p| p.id == profile.id) {
                return Err(MerchantError::InvalidInput(format!(
                    "a profile with id {} already exists",
                    profile.id
                )));
            }
            if s.active.is_none() {
                s.active = Some(profile.id.clone());
            }
            s.profiles.push(profile);
            Ok(())
        })
    }

    /// Changes a profile in place (its id cannot change).
    pub fn update(&self, id: &ProfileId, edit: impl FnOnce(&mut Profile)) -> Result<Profile> {
        self.change(|s| {
            let p = s
                .profiles
                .iter_mut()
                .find(|p| &p.id == id)
                .ok_or_else(|| MerchantError::NotFound(format!("profile {id}")))?;
            let mut edited = p.clone();
            edit(&mut edited);
            edited.id = id.clone();
            *p = edited.clone();
            Ok(edited)
        })
    }

    /// Removes a profile (its book folder is left for the caller to delete). If it was active,
    /// no profile is active afterwards.
    pub fn remove(&self, id: &ProfileId) -> Result<()> {
        self.change(|s| {
            let before = s.profiles.len();
            s.profiles.retain(|p| &p.id != id);
            if s.profiles.len() == before {
                return Err(MerchantError::NotFound(format!("profile {id}")));
            }
            if s.active.as_ref() == Some(id) {
                s.active = None;
            }
            Ok(())
        })
    }

    /// Chooses the active profile.
    pub fn set_active(&self, id: &ProfileId) -> Result<()> {
        self.change(|s| {
            if !s.profiles.iter().any(|p| &p.id == id) {
                return Err(MerchantError::NotFound(format!("profile {id}")));
            }
            s.active = Some(id.clone());
            Ok(())
        })
    }

    fn read<T>(&self, f: impl FnOnce(&ProfilesFile) -> T) -> T {
        let guard = self
            .state
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&guard)
    }

    /// Under the profiles lock: reads the file as it is on disk now (another process may have
    /// changed it), applies `f`, writes the result, then publishes it in memory.
    fn change<T>(&self, f: impl FnOnce(&mut ProfilesFile) -> Result<T>) -> Result<T> {
        let mut guard = self
            .state
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let _lock = self.lock_file()?;
        let mut next = read_file(&self.file_path())?;
        let out = f(&mut next)?;
        next.version = FORMAT_VERSION;
        let json = serde_json::to_vec_pretty(&next)?;
        write_atomic(&self.file_path(), &json)?;
        *guard = next;
        Ok(out)
    }

    /// Takes the exclusive lock (blocking while another process holds it); released on drop.
    fn lock_file(&self) -> Result<fs::File> {
        crate::private_fs::ensure_private_dir(&self.data_dir)?;
        let path = self.data_dir.join(PROFILES_LOCK_FILE);
        let file = crate::private_fs::open_private_file(&path)?;
        file.lock().map_err(|e| MerchantError::io(&path, e))?;
        Ok(file)
    }
}

/// The profiles file's content; an absent file means no profiles yet, a damaged one is
/// [`MerchantError::ProfilesCorrupt`] and is left as it is.
fn read_file(path: &Path) -> Result<ProfilesFile> {
    match fs::read(path) {
        Ok(bytes) => parse_file(path, &bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ProfilesFile {
            version: FORMAT_VERSION,
            ..ProfilesFile::default()
        }),
        Err(e) => Err(MerchantError::io(path, e)),
    }
}

fn parse_file(path: &Path, bytes: &[u8]) -> Result<ProfilesFile> {
    let corrupt = |reason: String| MerchantError::ProfilesCorrupt {
        path: path.to_owned(),
        reason,
    };
    let file: ProfilesFile = serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
    if file.version > FORMAT_VERSION {
        return Err(corrupt(format!(
            "written by a newer version of the app (format {})",
            file.version
        )));
    }
    if let Some(active) = &file.active
        && !file.profiles.iter().any(|p| &p.id == active)
    {
        return Err(corrupt(format!(
            "the active profile {active} is not in the file"
        )));
    }
    Ok(file)
}

/// Replaces `path` atomically: write a temp file in the same folder, fsync it, rename it over the
/// target, then fsync the folder so the rename itself survives a power cut.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    crate::private_fs::ensure_private_dir(dir)?;
    // tempfile creates the file 0600 on Unix, so the replaced file is owner-only too.
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| MerchantError::io(dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| MerchantError::io(tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| MerchantError::io(tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| MerchantError::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: some file systems refuse fsync on a directory; the rename is done anyway.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}
