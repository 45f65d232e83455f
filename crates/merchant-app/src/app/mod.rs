//! The app: what it is and its folders, the workspace (profiles + keys), the open shop of the
//! active profile (its client and book, and for a demo profile the embedded simulator), the sync
//! status, the running watchers and the files the save dialog returned. The one state the shell
//! manages; cheap to clone. Its use cases are in the crate's modules by area (`counter.rs`,
//! `profiles.rs`, `day.rs`, …), each an `impl App` block.

mod check;
mod demo;
mod keys;
mod sales;
mod share;
mod sync;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use dhmad_sim::Simulator;
use merchant_core::{MemoryStore, MerchantError, Profile, ProfileId, SecretStore, Shop, Workspace};

pub use demo::{DEMO_PROFILE_ID, ensure_profile as demo_profile};
pub use keys::LayeredStore;
pub use sales::SaleWatchers;
pub use share::ShareWatchers;
pub use sync::SyncTracker;

use crate::about::{About, Install};
use crate::chosen_paths::ChosenPaths;
use crate::error::CommandError;
use crate::host::Host;
use crate::views::actions::ShareStatusEvent;
use crate::views::books::ExportProgressView;
use crate::views::counter::SaleEventView;
use crate::views::dashboard::SyncStatusView;

/// Past escrows a demo simulator starts with unless the app was started with another count.
pub const DEFAULT_DEMO_ESCROWS: usize = 300;

/// Events the app sends to the UI.
#[derive(Debug, Clone)]
pub enum AppEvent {
    /// Sync progress or its end (`sync://status`).
    Sync(SyncStatusView),
    /// A watched checkout link changed (`share://status`).
    Share(ShareStatusEvent),
    /// A counter sale changed (`sale://event`); boxed, a whole sale view is the largest event.
    Sale(Box<SaleEventView>),
    /// A CSV export advanced (`export://progress`).
    Export(ExportProgressView),
}

/// See the module docs.
#[derive(Clone)]
pub struct App(Arc<Inner>);

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("workspace", &self.0.workspace)
            .finish_non_exhaustive()
    }
}

struct Inner {
    about: About,
    workspace: Workspace,
    session_keys: MemoryStore,
    open: tokio::sync::Mutex<Option<OpenShop>>,
    sync: SyncTracker,
    shares: ShareWatchers,
    sales: SaleWatchers,
    offline: AtomicBool,
    /// When this process started: sales created before it cannot be in flight here.
    started_at: chrono::DateTime<chrono::Utc>,
    /// Past escrows a new demo simulator starts with.
    demo_escrows: AtomicUsize,
    /// What only the shell can do: reach the UI, notify, open a link.
    host: Arc<dyn Host>,
    /// The files the save dialog returned, the only ones an export may write.
    chosen_paths: ChosenPaths,
    /// The runtime the app's background work (sync, watchers, lookups) runs on.
    runtime: tokio::runtime::Handle,
}

/// The active profile, opened.
struct OpenShop {
    shop: Shop,
    /// The embedded simulator of a demo profile (stopped when another profile is opened).
    sim: Option<Simulator>,
}

impl App {
    /// Opens the app installed as `install`: its profiles and books under the data folder, keys
    /// in `keychain` (or for this session only, in memory). What only the shell can do goes
    /// through `host`; background work (sync, watchers, lookups) runs on `runtime`.
    pub fn open(
        install: Install,
        keychain: Arc<dyn SecretStore>,
        host: Arc<dyn Host>,
        runtime: tokio::runtime::Handle,
    ) -> Result<Self, MerchantError> {
        let session_keys = MemoryStore::new();
        let store = LayeredStore::new(session_keys.clone(), keychain);
        let workspace = Workspace::open(install.data_dir.clone(), Arc::new(store))?;
        Ok(Self(Arc::new(Inner {
            about: About::new(install),
            workspace,
            session_keys,
            open: tokio::sync::Mutex::new(None),
            sync: SyncTracker::default(),
            shares: ShareWatchers::default(),
            sales: SaleWatchers::default(),
            offline: AtomicBool::new(false),
            demo_escrows: AtomicUsize::new(DEFAULT_DEMO_ESCROWS),
            started_at: chrono::Utc::now(),
            host,
            chosen_paths: ChosenPaths::default(),
            runtime,
        })))
    }

    /// What the app is and when it started.
    pub(crate) fn about(&self) -> &About {
        &self.0.about
    }

    /// The workspace.
    pub fn workspace(&self) -> &Workspace {
        &self.0.workspace
    }

    /// The shop of the active profile, opening it (and a demo profile's simulator) on first use.
    pub async fn shop(&self) -> Result<Shop, CommandError> {
        let active = self
            .0
            .workspace
            .active_profile()
            .map_err(CommandError::from)?;
        let mut open = self.0.open.lock().await;
        if let Some(o) = open.as_ref()
            && o.shop.profile.id == active.id
        {
            return Ok(o.shop.clone());
        }
        if let Some(previous) = open.take() {
            self.close(previous).await;
        }
        let opened = self.open_profile(active).await?;
        let shop = opened.shop.clone();
        *open = Some(opened);
        self.resume_counter_sales(&shop);
        Ok(shop)
    }

    async fn open_profile(&self, profile: Profile) -> Result<OpenShop, CommandError> {
        if profile.environment == merchant_core::Environment::Demo {
            let history = self.0.demo_escrows.load(Ordering::Relaxed);
            return demo::open(&self.0.workspace, profile, history).await;
        }
        let Some(key) = self.0.workspace.key(&profile)? else {
            return Err(key_needed(&profile));
        };
        let shop = self.0.workspace.open_shop_with(profile, &key)?;
        Ok(OpenShop { shop, sim: None })
    }

    /// Gives the open shop the profile's new settings and facts (after they were saved).
    pub async fn profile_changed(&self, updated: &Profile) {
        let mut open = self.0.open.lock().await;
        if let Some(o) = open.as_mut()
            && o.shop.profile.id == updated.id
        {
            // The base URL of a demo profile is the running simulator's, not the saved one.
            let base_url = o.shop.profile.base_url.take();
            o.shop.profile = updated.clone();
            o.shop.profile.base_url = base_url;
        }
    }

    /// Closes the open shop if it belongs to `id` (before the profile is removed or switched).
    pub async fn close_if(&self, id: &ProfileId) {
        let mut open = self.0.open.lock().await;
        if open.as_ref().is_some_and(|o| &o.shop.profile.id == id)
            && let Some(previous) = open.take()
        {
            self.close(previous).await;
        }
    }

    /// Stops what belongs to an open shop: its sale watchers, a demo's simulator.
    async fn close(&self, open: OpenShop) {
        self.0.sales.stop_profile(&open.shop.profile.id);
        if let Some(sim) = open.sim {
            sim.shutdown().await;
        }
    }

    /// The running demo simulator's origin (`http://127.0.0.1:PORT`), if a demo shop is open.
    pub async fn demo_origin(&self) -> Option<String> {
        let open = self.0.open.lock().await;
        open.as_ref()
            .and_then(|o| o.sim.as_ref())
            .map(Simulator::origin)
    }

    /// How many past escrows a demo simulator started from now on begins with (a demo with saved
    /// state keeps its own).
    pub fn set_demo_escrows(&self, count: usize) {
        self.0.demo_escrows.store(count, Ordering::Relaxed);
    }

    /// Keys kept for this session only.
    pub fn session_keys(&self) -> &MemoryStore {
        &self.0.session_keys
    }

    /// The sync tracker.
    pub fn sync_tracker(&self) -> &SyncTracker {
        &self.0.sync
    }

    /// The checkout links being watched.
    pub fn share_watchers(&self) -> &ShareWatchers {
        &self.0.shares
    }

    /// DHMAD could not be reached on the last attempt.
    pub fn offline(&self) -> bool {
        self.0.offline.load(Ordering::Relaxed)
    }

    /// Records whether the last network attempt reached DHMAD (from its error, `None` = success).
    pub fn note_network(&self, error: Option<&MerchantError>) {
        let unreachable = error.is_some_and(is_unreachable);
        self.0.offline.store(unreachable, Ordering::Relaxed);
    }

    /// The files the merchant chose in the save dialog.
    pub fn chosen_paths(&self) -> &ChosenPaths {
        &self.0.chosen_paths
    }

    /// Runs synchronous work (SQLite, files, a printer) off the async workers; `what` names it
    /// in the error when the work panicked.
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        what: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, CommandError> {
        self.0
            .runtime
            .spawn_blocking(work)
            .await
            .map_err(|e| CommandError::internal(format!("{what} stopped: {e}")))
    }

    pub(crate) fn host(&self) -> &dyn Host {
        self.0.host.as_ref()
    }

    fn spawn<F>(&self, work: F) -> tokio::task::JoinHandle<F::Output>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.0.runtime.spawn(work)
    }
}

/// The error says DHMAD could not be reached (as opposed to DHMAD refusing).
pub fn is_unreachable(e: &MerchantError) -> bool {
    matches!(e, MerchantError::Api(api) if matches!(
        api.kind(),
        dhmad_api::ErrorKind::Transport | dhmad_api::ErrorKind::Timeout
    ))
}

/// The profile's key is neither in the keychain nor kept for this session (a "this session only"
/// key after a restart): the UI asks for it again, and `connect_key` with the profile's id keeps
/// the profile and its book.
fn key_needed(profile: &Profile) -> CommandError {
    let text = format!(
        "The key of \"{}\" was kept for the last session only. Enter it again to open this \
         shop; its local book is kept.",
        profile.display_name
    );
    let shop = crate::error::KeyNeeded {
        profile_id: profile.id.as_str().to_owned(),
        environment: profile.environment,
    };
    let message = format!("no API key for profile {} in this session", profile.id);
    CommandError::key_needed(message, shop).with_user_message(text)
}
