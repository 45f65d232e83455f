//! A data folder with its profiles and the secret store, and the "shop" a profile opens into: its
//! API client and its local book. Both faces (the desktop shell and the `dhmad` CLI) start here,
//! so they agree on where keys and books live.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dhmad_api::{Client, Url};

use crate::book::Book;
use crate::error::{MerchantError, Result};
use crate::profile::{Environment, Profile, ProfileId, Profiles};
use crate::roles::AssociatedUser;
use crate::secrets::{ApiKeySecret, SecretStore, account_for};

/// A data folder's profiles plus the store that holds their API keys.
#[derive(Clone)]
pub struct Workspace {
    profiles: Profiles,
    secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("data_dir", &self.profiles.data_dir())
            .finish_non_exhaustive()
    }
}

impl Workspace {
    /// Loads the profiles of `data_dir` (creating the folder, owner-only, when missing).
    pub fn open(data_dir: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> Result<Self> {
        let data_dir = data_dir.into();
        crate::private_fs::ensure_private_dir(&data_dir)?;
        Ok(Self {
            profiles: Profiles::load(data_dir)?,
            secrets,
        })
    }

    /// The profiles store.
    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        self.profiles.data_dir()
    }

    /// The profile `id`, or [`MerchantError::NotFound`].
    pub fn profile(&self, id: &ProfileId) -> Result<Profile> {
        self.profiles
            .get(id)
            .ok_or_else(|| MerchantError::NotFound(format!("profile {id}")))
    }

    /// The active profile, or [`MerchantError::NotFound`] when none is chosen.
    pub fn active_profile(&self) -> Result<Profile> {
        self.profiles
            .active()
            .ok_or_else(|| MerchantError::NotFound("no active profile".into()))
    }

    /// Stores `key` for the profile in the secret store (replacing any earlier key).
    pub fn save_key(&self, profile: &Profile, key: &ApiKeySecret) -> Result<()> {
        let account = account_for(&profile.id, profile.environment);
        Ok(self.secrets.set(&account, key)?)
    }

    /// The profile's key, if one is stored.
    pub fn key(&self, profile: &Profile) -> Result<Option<ApiKeySecret>> {
        let account = account_for(&profile.id, profile.environment);
        Ok(self.secrets.get(&account)?)
    }

    /// Removes the profile: its key from the secret store first (so a failure there leaves the
    /// profile listed and the merchant can retry), then the profile, then its local book.
    pub fn remove_profile(&self, id: &ProfileId) -> Result<()> {
        let profile = self.profile(id)?;
        self.secrets
            .delete(&account_for(&profile.id, profile.environment))?;
        self.profiles.remove(id)?;
        let folder = self.profiles.book_path(id);
        if let Some(folder) = folder.parent() {
            match std::fs::remove_dir_all(folder) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(MerchantError::io(folder, e)),
            }
        }
        Ok(())
    }

    /// Opens the profile with the key from the secret store. A live or sandbox profile with no
    /// stored key is [`MerchantError::NotFound`]; a demo profile needs its running simulator's
    /// key and address, so it is opened with [`Workspace::open_shop_with`].
    pub fn open_shop(&self, id: &ProfileId) -> Result<Shop> {
        let profile = self.profile(id)?;
        if profile.environment == Environment::Demo {
            return Err(MerchantError::InvalidInput(
                "a demo profile is opened with its simulator's key (open_shop_with)".into(),
            ));
        }
        let key = self.key(&profile)?.ok_or_else(|| {
            MerchantError::NotFound(format!("no API key saved for profile {}", profile.id))
        })?;
        self.open_shop_with(profile, &key)
    }

    /// Opens `profile` with `key`: builds the client (the profile's base URL when it has one)
    /// and opens (or creates) the profile's book.
    /// A key of the other environment (a sandbox key for a live profile, or the reverse) is
    /// refused before anything is sent or written: the profile's book must only ever hold the
    /// escrows of its own environment.
    pub fn open_shop_with(&self, profile: Profile, key: &ApiKeySecret) -> Result<Shop> {
        check_key_environment(&profile, key)?;
        let client = client_for(&profile, key)?;
        let book = Book::open(self.profiles.book_path(&profile.id))?;
        book.set_till(&profile.settings.till_id);
        Ok(Shop {
            profile,
            client,
            book,
        })
    }
}

/// Refuses `key` when its prefix names another environment than `profile`'s (a demo profile
/// takes its simulator's sandbox-shaped key). A key that is not a DHMAD key at all is left to the
/// client, which says what is wrong with it.
fn check_key_environment(profile: &Profile, key: &ApiKeySecret) -> Result<()> {
    let Ok(parsed) = dhmad_api::ApiKey::parse(key.expose()) else {
        return Ok(());
    };
    let key_is_live = parsed.environment() == dhmad_api::Environment::Live;
    let profile_is_live = profile.environment == Environment::Live;
    if key_is_live == profile_is_live {
        return Ok(());
    }
    Err(MerchantError::InvalidInput(format!(
        "this is a {} key, but profile {} is a {} profile: use a key of its own environment",
        parsed.environment().as_str(),
        profile.id,
        profile.environment.as_str()
    )))
}

/// A client for `profile`'s environment (or its base URL override) with `key`.
pub fn client_for(profile: &Profile, key: &ApiKeySecret) -> Result<Client> {
    let mut builder = Client::builder(key.expose())
        .user_agent(concat!("dhmad-merchant/", env!("CARGO_PKG_VERSION")));
    if let Some(base) = &profile.base_url {
        let url = Url::parse(base).map_err(|e| {
            MerchantError::InvalidInput(format!(
                "the profile's base URL {base:?} is not a URL: {e}"
            ))
        })?;
        builder = builder
            .base_url(url)
            .confirm_proxy(profile.proxy_confirmed());
    }
    Ok(builder.build()?)
}

/// An open profile: what every business function needs.
#[derive(Debug, Clone)]
pub struct Shop {
    /// The profile (settings and connect facts as of opening).
    pub profile: Profile,
    /// Its API client (one rate budget for everything this shop sends).
    pub client: Client,
    /// Its local book.
    pub book: Book,
}

impl Shop {
    /// The DHMAD user the developer account acts for, as far as the profile knows it.
    pub fn associated_user(&self) -> AssociatedUser {
        AssociatedUser {
            id: self.profile.connect.associated_user_id.clone(),
            email: self.profile.connect.associated_user_email.clone(),
        }
    }

    /// The origin the client talks to, where the escrow pages are (a demo's simulator is only
    /// known once it runs, so this is the client's, not the saved profile's).
    pub fn api_origin(&self) -> &str {
        let url = self.client.base_url();
        let path_start = url.as_str().len() - url.path().len();
        &url.as_str()[..path_start]
    }
}
