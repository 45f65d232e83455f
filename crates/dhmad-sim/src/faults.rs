//! Fault injection: latency, injected error statuses, responses dropped *after* the request was
//! processed (the connection is closed without an answer), late commits (the answer is dropped at
//! once and the request is processed a few seconds later, as a server that commits after its
//! front end gave up), and garbled answers (processed, then answered with a body that is not JSON,
//! as a misbehaving proxy would).
//!
//! Dropping works at the socket: every connection's IO carries a kill flag; the middleware sets
//! it after the handler ran, so hyper's write of the response fails and the connection closes.

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// Faults applied to API requests (`POST /__sim/faults`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultConfig {
    /// Delay before handling, in milliseconds.
    pub latency_ms: Option<u64>,
    /// Probability (0–1) of answering `errorStatus` without processing.
    pub error_rate: Option<f64>,
    /// Status for injected errors (default 500).
    pub error_status: Option<u16>,
    /// Probability (0–1) of processing the request, then closing the connection unanswered.
    pub drop_response_rate: Option<f64>,
    /// Probability (0–1) of dropping the answer at once and processing the request
    /// `lateCommitMs` later.
    pub late_commit_rate: Option<f64>,
    /// How long after the dropped answer a late commit is processed (default 4000 ms, at most
    /// [`MAX_LATE_COMMIT_MS`]).
    pub late_commit_ms: Option<u64>,
    /// Probability (0–1) of processing the request, then answering its status with an HTML body.
    pub garble_response_rate: Option<f64>,
    /// Path prefixes the faults apply to (all API paths when absent).
    pub paths: Option<Vec<String>>,
    /// HTTP methods the faults apply to, e.g. `["POST"]` (all methods when absent).
    pub methods: Option<Vec<String>>,
}

/// Delay of a late commit when `lateCommitMs` is absent.
pub const DEFAULT_LATE_COMMIT_MS: u64 = 4_000;
/// Longest accepted `lateCommitMs`: a late commit is seconds late, not a stuck task.
pub const MAX_LATE_COMMIT_MS: u64 = 120_000;

/// What happens to one request under the current faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Not processed; answered with this status.
    Error(u16),
    /// Answer dropped now, processed after this delay.
    LateCommit(std::time::Duration),
    /// Processed normally (the answer may still be dropped or garbled afterwards).
    Process,
}

/// What happens to a processed request's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerFate {
    /// Sent as is.
    Sent,
    /// The connection closes unanswered.
    Dropped,
    /// Sent with its status and an HTML body instead of JSON.
    Garbled,
}

impl FaultConfig {
    /// The rates are probabilities and the delays bounded; otherwise the sentence saying why.
    pub fn check(&self) -> Result<(), &'static str> {
        let rate_ok = |r: Option<f64>| r.is_none_or(|r| (0.0..=1.0).contains(&r));
        let rates = [
            self.error_rate,
            self.drop_response_rate,
            self.late_commit_rate,
            self.garble_response_rate,
        ];
        if !rates.into_iter().all(rate_ok) {
            return Err(
                "errorRate, dropResponseRate, lateCommitRate and garbleResponseRate \
                        must be between 0 and 1",
            );
        }
        if self.error_status.is_some_and(|s| !(400..=599).contains(&s)) {
            return Err("errorStatus must be between 400 and 599");
        }
        if self
            .late_commit_ms
            .is_some_and(|ms| ms > MAX_LATE_COMMIT_MS)
        {
            return Err("lateCommitMs must be at most 120000");
        }
        Ok(())
    }

    /// The faults apply to `method` on `path`.
    pub fn applies_to(&self, method: &str, path: &str) -> bool {
        let path_ok = self
            .paths
            .as_ref()
            .is_none_or(|ps| ps.iter().any(|p| path.starts_with(p.as_str())));
        let method_ok = self
            .methods
            .as_ref()
            .is_none_or(|ms| ms.iter().any(|m| m.eq_ignore_ascii_case(method)));
        path_ok && method_ok
    }
}

/// Current faults and the seeded dice.
#[derive(Debug)]
pub struct Faults {
    active: AtomicBool,
    config: Mutex<FaultConfig>,
    rng: Mutex<StdRng>,
}

impl Faults {
    /// No faults; dice seeded from `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            active: AtomicBool::new(false),
            config: Mutex::new(FaultConfig::default()),
            rng: Mutex::new(StdRng::seed_from_u64(seed ^ 0xfa17)),
        }
    }
    /// Current faults.
    pub fn get(&self) -> FaultConfig {
        self.config
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
    /// Any fault configured (checked without locking on every request).
    pub fn active(&self) -> bool {
        self.active.load(Ordering::Relaxed)
    }
    /// Replaces the faults.
    pub fn set(&self, c: FaultConfig) {
        self.active
            .store(c != FaultConfig::default(), Ordering::Relaxed);
        *self
            .config
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = c;
    }
    /// Rolls the dice that decide, before processing, what happens to a request under `c`.
    pub fn fate(&self, c: &FaultConfig) -> Fate {
        if self.roll(c.error_rate) {
            return Fate::Error(c.error_status.unwrap_or(500));
        }
        if self.roll(c.late_commit_rate) {
            let ms = c.late_commit_ms.unwrap_or(DEFAULT_LATE_COMMIT_MS);
            return Fate::LateCommit(std::time::Duration::from_millis(ms));
        }
        Fate::Process
    }

    /// Rolls the dice that decide what happens to a processed request's answer under `c`.
    pub fn answer_fate(&self, c: &FaultConfig) -> AnswerFate {
        if self.roll(c.drop_response_rate) {
            AnswerFate::Dropped
        } else if self.roll(c.garble_response_rate) {
            AnswerFate::Garbled
        } else {
            AnswerFate::Sent
        }
    }

    /// Rolls a die with probability `p`.
    pub fn roll(&self, p: Option<f64>) -> bool {
        let p = p.unwrap_or(0.0);
        if p <= 0.0 {
            return false;
        }
        let x: f64 = self
            .rng
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .random();
        x < p
    }
}

/// A TCP listener whose connections can be killed from a handler.
#[derive(Debug)]
pub struct KillableListener(pub TcpListener);

/// A TCP stream with a kill flag: once set, reads see EOF and writes fail.
#[derive(Debug)]
pub struct KillableIo {
    inner: TcpStream,
    kill: Arc<AtomicBool>,
}

impl Listener for KillableListener {
    type Io = KillableIo;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.0.accept().await {
                Ok((s, a)) => {
                    let _ = s.set_nodelay(true);
                    return (
                        KillableIo {
                            inner: s,
                            kill: Arc::default(),
                        },
                        a,
                    );
                }
                // Too many open files and the like: wait a little and retry.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

impl AsyncRead for KillableIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.kill.load(Ordering::Relaxed) {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

fn killed() -> io::Error {
    io::Error::new(
        io::ErrorKind::BrokenPipe,
        "response dropped by fault injection",
    )
}

impl AsyncWrite for KillableIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.kill.load(Ordering::Relaxed) {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.kill.load(Ordering::Relaxed) {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Per-connection info handed to handlers: peer address and the kill switch.
#[derive(Debug, Clone)]
pub struct Conn {
    /// Peer address.
    pub addr: SocketAddr,
    kill: Arc<AtomicBool>,
}

impl Conn {
    /// Closes the connection without answering (after the current handler returns).
    pub fn kill(&self) {
        self.kill.store(true, Ordering::Relaxed);
    }
}

impl Connected<IncomingStream<'_, KillableListener>> for Conn {
    fn connect_info(stream: IncomingStream<'_, KillableListener>) -> Self {
        Self {
            addr: *stream.remote_addr(),
            kill: stream.io().kill.clone(),
        }
    }
}
