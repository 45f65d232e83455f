//! `dhmad-sim`: a faithful, stateful simulator of the DHMAD escrow API (sandbox in a box).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sim = dhmad_sim::Simulator::start(dhmad_sim::SimConfig::default()).await?;
//! println!("{} key {}", sim.base_url(), sim.demo().api_key);
//! sim.shutdown().await;
//! # Ok(()) }
//! ```

mod api;
mod auth;
mod checkout;
mod clock;
mod config;
mod control;
mod control_access;
mod date_header;
mod delivery_log;
mod dialect;
mod engine;
mod error;
mod events_log;
mod faults;
mod model;
mod money;
mod persist;
mod rate_limit;
mod requests;
mod seed;
mod state;
mod store;
mod webhooks;

pub use config::{Demo, SimConfig};
pub use dialect::Dialect;

use clock::SimClock;
use faults::{Conn, Faults, KillableListener};
use state::{AppState, Inner};
use std::sync::atomic::{AtomicI64, AtomicU64};
use std::sync::{Arc, RwLock};
use store::{Settings, Store};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A fresh store: demo developer and merchant, plus `config.history` past escrows.
pub(crate) fn fresh_store(config: &SimConfig, now: clock::Millis) -> (Store, Demo) {
    let settings = Settings {
        fee_pct: i64::from(config.fee_percent) * 1000,
        usd_rate: config.usd_rate_thousandths,
        eur_rate: config.eur_rate_thousandths,
    };
    let mut store = Store::new(settings, config.seed);
    let demo = seed::seed_demo(&mut store, config.seed, now);
    if config.history > 0 {
        seed::seed_history(&mut store, 0, config.history, config.seed, now);
    }
    (store, demo)
}

/// Back to the seeded state (`POST /__sim/reset`): fresh store, clock offset 0, no faults,
/// empty logs.
pub(crate) fn reset_state(st: &AppState) {
    st.0.clock.set_offset_ms(0);
    let now = st.now();
    let (store, demo) = fresh_store(&st.0.config, now);
    {
        let mut guard = st.write();
        *guard = store;
        st.after_change(&guard, Vec::new(), now);
    }
    *st.0
        .demo
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = demo;
    st.0.faults.set(faults::FaultConfig::default());
    st.0.requests.clear();
    st.0.limiter.clear();
    st.0.events.clear();
    st.0.deliveries.clear();
}

/// A running simulator.
#[derive(Debug)]
pub struct Simulator {
    state: AppState,
    addr: std::net::SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<()>,
    tick: JoinHandle<()>,
    webhook_worker: JoinHandle<()>,
    saver: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Binds `config.host:config.port`, loads or seeds the state, and serves.
    pub async fn start(mut config: SimConfig) -> std::io::Result<Self> {
        if !control_access::host_is_loopback(&config.host) && config.control_token.is_none() {
            config.control_token = Some(control_access::generate_token());
        }
        let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
        let addr = listener.local_addr()?;
        let origin = format!("http://{}", addr_for_url(&config.host, addr));
        let public_origin = config
            .public_url
            .clone()
            .map_or_else(|| origin.clone(), |u| u.trim_end_matches('/').to_owned());
        let clock = SimClock::new(config.clock_start);
        let (store, demo) = load_or_seed(&config, &clock)?;
        let next_due = store.deadlines.next().unwrap_or(i64::MAX);
        let seed = config.seed;
        let state = AppState(Arc::new(Inner {
            store: RwLock::new(store),
            clock,
            config,
            origin,
            public_origin,
            events: events_log::EventLog::default(),
            limiter: rate_limit::RateLimiter::default(),
            faults: Faults::new(seed),
            requests: requests::RequestLog::default(),
            next_due: AtomicI64::new(next_due),
            version: AtomicU64::new(0),
            demo: RwLock::new(demo),
            deliveries: delivery_log::DeliveryLog::default(),
        }));
        // Subscribes now, before anything can happen.
        let webhook_worker = webhooks::spawn_worker(state.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let server = serve(listener, app_router(state.clone()), rx);
        let tick = spawn_tick(state.clone());
        let saver = state
            .0
            .config
            .state_file
            .clone()
            .map(|path| persist::spawn_saver(state.clone(), path));
        Ok(Self {
            state,
            addr,
            stop: Some(tx),
            server,
            tick,
            webhook_worker,
            saver,
        })
    }

    /// `http://HOST:PORT/api/v1`.
    pub fn base_url(&self) -> String {
        format!("{}/api/v1", self.state.0.origin)
    }

    /// `http://HOST:PORT`.
    pub fn origin(&self) -> String {
        self.state.0.origin.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> std::net::SocketAddr {
        self.addr
    }

    /// The token `/__sim` asks for (header `X-Sim-Control-Token`), when one is set: always on a
    /// bind other than loopback.
    pub fn control_token(&self) -> Option<String> {
        self.state.0.config.control_token.clone()
    }

    /// The seeded demo credentials.
    pub fn demo(&self) -> Demo {
        self.state
            .0
            .demo
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The origin checkout links use (`config.public_url`, else [`Self::origin`]).
    pub fn public_origin(&self) -> String {
        self.state.0.public_origin.clone()
    }

    /// Whether the bind reaches beyond loopback, where `/__sim` needs the control token and the
    /// demo credentials should not be printed.
    pub fn is_network_bind(&self) -> bool {
        !control_access::host_is_loopback(&self.state.0.config.host)
    }

    /// Stops serving and, with a state file, saves one last time.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        self.tick.abort();
        self.webhook_worker.abort();
        if let Some(s) = self.saver.take() {
            s.abort();
        }
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), &mut self.server).await;
        self.server.abort();
        if let Some(path) = self.state.0.config.state_file.clone()
            && let Err(e) = persist::save(&self.state, &path)
        {
            tracing::warn!("could not save state to {}: {e}", path.display());
        }
    }
}

/// The saved state when `config.state_file` holds one (its clock offset restored), else a
/// freshly seeded store.
fn load_or_seed(config: &SimConfig, clock: &SimClock) -> std::io::Result<(Store, Demo)> {
    let loaded = match &config.state_file {
        Some(path) => persist::load(path)?,
        None => None,
    };
    Ok(match loaded {
        Some(saved) => {
            clock.set_offset_ms(saved.clock_offset_ms);
            (saved.store, saved.demo)
        }
        None => fresh_store(config, clock.now()),
    })
}

/// Serves `app` on `listener` until `stop` fires (or its sender is dropped).
fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: oneshot::Receiver<()>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let svc = app.into_make_service_with_connect_info::<Conn>();
        let _ = axum::serve(KillableListener(listener), svc)
            .with_graceful_shutdown(async {
                let _ = stop.await;
            })
            .await;
    })
}

/// Once a second, applies what fell due (session and proof deadlines) even when no request
/// comes in.
fn spawn_tick(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(1));
        loop {
            interval.tick().await;
            state.sweep();
        }
    })
}

fn addr_for_url(host: &str, addr: std::net::SocketAddr) -> String {
    match addr {
        std::net::SocketAddr::V6(a) if host != "localhost" => format!("[{}]:{}", a.ip(), a.port()),
        _ if host == "localhost" => format!("localhost:{}", addr.port()),
        a => a.to_string(),
    }
}

/// The whole HTTP surface: `/api/v1`, `/__sim`, hosted checkout, webhook management, proof
/// placeholders.
fn app_router(state: AppState) -> axum::Router {
    axum::Router::new()
        .nest("/api/v1", api::router(state.clone()))
        .merge(checkout::router(state.clone()))
        .merge(webhooks::router(state.clone()))
        .nest("/__sim", control::router(state.clone()))
        .route(
            "/escrow-proof/{escrow}/{n}/{k}",
            axum::routing::get(proof_placeholder),
        )
        .layer(axum::middleware::from_fn_with_state(
            state,
            date_header::sim_date,
        ))
}

async fn proof_placeholder() -> &'static str {
    "dhmad-sim: proof files are not stored; this is a placeholder for the uploaded attachment.\n"
}
