//! A printer on loopback for tests and demos: it accepts raw ESC/POS on TCP like a network
//! printer, checks the stream as a strict printer would, and keeps what the paper would show.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::bitmap::Bitmap;
use crate::escpos::{StreamError, parse};
use crate::printer::PrinterUri;

/// One job the virtual printer printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    /// From 1, in the order received.
    pub number: usize,
    pub bitmap: Bitmap,
    pub bands: usize,
    pub drawer_kicked: bool,
    /// Where its PNG was saved, when the printer has a folder.
    pub png: Option<PathBuf>,
}

#[derive(Debug, Default)]
struct Jobs {
    prints: Vec<Print>,
    rejected: Vec<StreamError>,
}

#[derive(Debug)]
struct Shared {
    jobs: Mutex<Jobs>,
    changed: Condvar,
    folder: Option<PathBuf>,
    stop: AtomicBool,
}

impl Shared {
    fn jobs(&self) -> MutexGuard<'_, Jobs> {
        // A poisoned lock only means a reader panicked; the list itself is intact.
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Stops when dropped.
#[derive(Debug)]
pub struct VirtualPrinter {
    address: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl VirtualPrinter {
    /// Listens on 127.0.0.1:`port` (0: any free port); with a folder, saves each print there as
    /// `print-0001.png`, `print-0002.png`, …
    pub fn start(port: u16, folder: Option<PathBuf>) -> std::io::Result<VirtualPrinter> {
        if let Some(folder) = &folder {
            std::fs::create_dir_all(folder)?;
        }
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            jobs: Mutex::new(Jobs::default()),
            changed: Condvar::new(),
            folder,
            stop: AtomicBool::new(false),
        });
        let serving = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("virtual-printer".to_owned())
            .spawn(move || serve(&listener, &serving))?;
        Ok(VirtualPrinter {
            address,
            shared,
            thread: Some(thread),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `tcp://127.0.0.1:PORT`.
    pub fn uri(&self) -> PrinterUri {
        PrinterUri::Tcp {
            host: self.address.ip().to_string(),
            port: self.address.port(),
        }
    }

    pub fn prints(&self) -> Vec<Print> {
        self.shared.jobs().prints.clone()
    }

    /// Streams refused as malformed, with why.
    pub fn rejected(&self) -> Vec<StreamError> {
        self.shared.jobs().rejected.clone()
    }

    /// Waits until `count` jobs (printed or rejected) arrived, or the timeout; returns the prints.
    pub fn wait_for_jobs(&self, count: usize, timeout: Duration) -> Vec<Print> {
        let deadline = Instant::now() + timeout;
        let mut jobs = self.shared.jobs();
        while jobs.prints.len() + jobs.rejected.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            jobs = match self.shared.changed.wait_timeout(jobs, left) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        jobs.prints.clone()
    }
}

impl Drop for VirtualPrinter {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept call.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(listener: &TcpListener, shared: &Shared) {
    for connection in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        // One job at a time, as a printer does; a failed connection is the sender's problem.
        if let Ok(stream) = connection {
            receive(stream, shared);
        }
    }
}

fn receive(mut stream: TcpStream, shared: &Shared) {
    let mut bytes = Vec::new();
    // A sender that stops sending without closing is treated as done after a while.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.read_to_end(&mut bytes);
    if bytes.is_empty() {
        return; // a connection test, not a job
    }
    let mut jobs = shared.jobs();
    match parse(&bytes) {
        Ok(job) => {
            let number = jobs.prints.len() + 1;
            let png = shared.folder.as_ref().and_then(|folder| {
                let path = folder.join(format!("print-{number:04}.png"));
                let partial = folder.join(format!(".print-{number:04}.png.part"));
                let encoded = job.bitmap.to_png().ok()?;
                // Renamed once whole: whoever watches the folder never reads half a file.
                std::fs::write(&partial, encoded).ok()?;
                std::fs::rename(&partial, &path).ok().map(|()| path)
            });
            jobs.prints.push(Print {
                number,
                bitmap: job.bitmap,
                bands: job.bands.len(),
                drawer_kicked: job.drawer_kicks > 0,
                png,
            });
        }
        Err(error) => jobs.rejected.push(error),
    }
    drop(jobs);
    shared.changed.notify_all();
}
