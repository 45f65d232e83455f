//! The shell's business handle: the workspace (profiles + keys), the open shop of the active
//! profile (its client and book, and for a demo profile the embedded simulator), and the sync
//! status. Cheap to clone; commands take it from Tauri's state and call merchant-core with it.

mod check;
mod demo;
mod keys;
mod sales;
mod share;
mod sync;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use dhmad_sim::Simulator;
use merchant_core::{MemoryStore, MerchantError, Profile, ProfileId, Shop, Workspace};

pub use demo::{DEMO_PROFILE_ID, ensure_profile as demo_profile};
pub use keys::LayeredStore;
pub use sales::SaleWatchers;
pub use share::ShareWatchers;
pub use sync::SyncTracker;

use crate::error::CommandError;
use crate::views::actions::ShareStatusEvent;
use crate::views::books::ExportProgressView;
use crate::views::counter::SaleEventView;
use crate::views::dashboard::SyncStatusView;

/// Past escrows a demo simulator starts with unless the app was started with another count.
pub const DEFAULT_DEMO_ESCROWS: usize = 300;

/// Events the hub sends to the UI.
#[derive(Debug, Clone)]
pub enum HubEvent {
    /// Sync progress or its end (`sync://status`).
    Sync(SyncStatusView),
    /// A watched checkout link changed (`share://status`).
    Share(ShareStatusEvent),
    /// A counter sale changed (`sale://event`); boxed, a whole sale view is the largest event.
    Sale(Box<SaleEventView>),
    /// A CSV export advanced (`export://progress`).
    Export(ExportProgressView),
}

/// Where the hub sends its events (the app's `emit`, a collector in tests).
pub type Emitter = Arc<dyn Fn(HubEvent) + Send + Sync>;

/// See the module docs.
#[derive(Clone)]
pub struct Hub(Arc<Inner>);

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("workspace", &self.0.workspace)
            .finish_non_exhaustive()
    }
}

struct Inner {
    workspace: Workspace,
    session_keys: MemoryStore,
    open: tokio::sync::Mutex<Option<OpenShop>>,
    sync: SyncTracker,
    shares: ShareWatchers,
    sales: SaleWatchers,
    offline: AtomicBool,
    /// When this hub (the app's process) started: sales created before it cannot be in flight here.
    started_at: chrono::DateTime<chrono::Utc>,
    /// Past escrows a new demo simulator starts with.
    demo_escrows: AtomicUsize,
    emit: Emitter,
    /// The runtime the hub's background work (sync, watchers, lookups) runs on.
    runtime: tokio::runtime::Handle,
}

/// The active profile, opened.
struct OpenShop {
    shop: Shop,
    /// The embedded simulator of a demo profile (stopped when another profile is opened).
    sim: Option<Simulator>,
}

impl Hub {
    /// A hub over `workspace`; `session_keys` is the in-memory half of its secret store (see
    /// [`LayeredStore`]). Its background work runs on `runtime`.
    pub fn new(
        workspace: Workspace,
        session_keys: MemoryStore,
        emit: Emitter,
        runtime: tokio::runtime::Handle,
    ) -> Self {
        Self(Arc::new(Inner {
            workspace,
            session_keys,
            open: tokio::sync::Mutex::new(None),
            sync: SyncTracker::default(),
            shares: ShareWatchers::default(),
            sales: SaleWatchers::default(),
            offline: AtomicBool::new(false),
            demo_escrows: AtomicUsize::new(DEFAULT_DEMO_ESCROWS),
            started_at: chrono::Utc::now(),
            emit,
            runtime,
        }))
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

    pub fn emit(&self, event: HubEvent) {
        (self.0.emit)(event);
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
    CommandError::new(
        crate::error::ErrorCode::KeyNeeded,
        format!("no API key for profile {} in this session", profile.id),
    )
    .with_user_message(text)
    .with_details(crate::error::ErrorDetails::KeyNeeded {
        profile_id: profile.id.as_str().to_owned(),
        environment: profile.environment,
    })
}
