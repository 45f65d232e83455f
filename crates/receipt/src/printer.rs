//! Where a print goes: a network printer (raw TCP, usually port 9100), a device file (a USB
//! printer on Linux: /dev/usb/lp0) or a CUPS raw queue through `lp`.

use std::fmt;
use std::io::{self, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

pub const DEFAULT_TCP_PORT: u16 = 9100;

/// A printer's address, as written in settings or on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterUri {
    /// `tcp://HOST[:PORT]`.
    Tcp { host: String, port: u16 },
    /// `/dev/usb/lp0` or `file:///dev/usb/lp0`.
    Device(PathBuf),
    /// `cups://QUEUE`.
    Cups { queue: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "not a printer address: {input:?} ({why}); expected tcp://HOST:PORT, /dev/usb/lp0, file:///PATH or cups://QUEUE"
)]
pub struct UriError {
    pub input: String,
    pub why: &'static str,
}

impl PrinterUri {
    pub fn parse(input: &str) -> Result<PrinterUri, UriError> {
        let text = input.trim();
        let error = |why| UriError {
            input: input.to_owned(),
            why,
        };
        if let Some(rest) = text.strip_prefix("tcp://") {
            let rest = rest.trim_end_matches('/');
            let (host, port) = split_host_port(rest).ok_or_else(|| error("bad port"))?;
            if host.is_empty() {
                return Err(error("no host"));
            }
            return Ok(PrinterUri::Tcp { host, port });
        }
        if let Some(queue) = text.strip_prefix("cups://") {
            let queue = queue.trim_end_matches('/');
            let valid = !queue.is_empty()
                && queue
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c));
            return valid
                .then(|| PrinterUri::Cups {
                    queue: queue.to_owned(),
                })
                .ok_or_else(|| error("a CUPS queue name is letters, digits, - _ . @"));
        }
        if let Some(path) = text.strip_prefix("file://") {
            return path
                .starts_with('/')
                .then(|| PrinterUri::Device(PathBuf::from(path)))
                .ok_or_else(|| error("file:// needs an absolute path"));
        }
        if text.starts_with('/') {
            return Ok(PrinterUri::Device(PathBuf::from(text)));
        }
        Err(error("unknown kind"))
    }
}

fn split_host_port(rest: &str) -> Option<(String, u16)> {
    // [v6]:port, host:port or a bare host.
    if let Some(inner) = rest.strip_prefix('[') {
        let (host, after) = inner.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(port) => port.parse().ok()?,
            None if after.is_empty() => DEFAULT_TCP_PORT,
            None => return None,
        };
        return Some((host.to_owned(), port));
    }
    match rest.rsplit_once(':') {
        Some((host, port)) => Some((host.to_owned(), port.parse().ok()?)),
        None => Some((rest.to_owned(), DEFAULT_TCP_PORT)),
    }
}

impl fmt::Display for PrinterUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrinterUri::Tcp { host, port } if host.contains(':') => {
                write!(f, "tcp://[{host}]:{port}")
            }
            PrinterUri::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            PrinterUri::Device(path) => write!(f, "{}", path.display()),
            PrinterUri::Cups { queue } => write!(f, "cups://{queue}"),
        }
    }
}

/// How to reach printers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendSettings {
    /// For connecting and for each write to a network printer.
    pub timeout: Duration,
    /// The CUPS client run for `cups://` (`lp`); tests put a script here.
    pub lp_command: PathBuf,
}

impl Default for SendSettings {
    fn default() -> Self {
        SendSettings {
            timeout: Duration::from_secs(5),
            lp_command: PathBuf::from("lp"),
        }
    }
}

const USB_HINT: &str = "add your user to the lp group (sudo usermod -aG lp $USER, then log out and in) or add a udev rule such as SUBSYSTEM==\"usbmisc\", KERNEL==\"lp[0-9]*\", GROUP=\"lp\", MODE=\"0660\" in /etc/udev/rules.d/60-receipt-printer.rules";

/// Why a print did not reach the printer. Nothing was changed anywhere else: print again.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(
        "the printer at {address} refused the connection: is it switched on, and is the address right?"
    )]
    Refused { address: String },
    #[error(
        "the printer at {address} did not answer within {seconds} s: is it switched on and on this network?"
    )]
    Timeout { address: String, seconds: u64 },
    #[error("cannot find the printer's host {host}: {source}")]
    Resolve { host: String, source: io::Error },
    #[error("the connection to the printer at {address} failed: {source}")]
    Network { address: String, source: io::Error },
    #[error("no printer at {path}: is it plugged in and switched on?")]
    NoDevice { path: String },
    #[error("not allowed to write to the printer at {path}: {USB_HINT}")]
    DevicePermission { path: String },
    #[error("writing to the printer at {path} failed: {source}")]
    Device { path: String, source: io::Error },
    #[error(
        "the CUPS command {command:?} is not installed (install CUPS' client: apt install cups-client)"
    )]
    LpMissing { command: String },
    #[error("the CUPS command {command:?} failed ({status}): {stderr}")]
    LpFailed {
        command: String,
        status: String,
        stderr: String,
    },
    #[error("running the CUPS command {command:?} failed: {source}")]
    LpIo { command: String, source: io::Error },
}

/// Sends an ESC/POS stream to the printer.
pub fn send(uri: &PrinterUri, bytes: &[u8], settings: &SendSettings) -> Result<(), PrintError> {
    match uri {
        PrinterUri::Tcp { host, port } => send_tcp(host, *port, bytes, settings.timeout),
        PrinterUri::Device(path) => send_device(path, bytes),
        PrinterUri::Cups { queue } => send_cups(&settings.lp_command, queue, bytes),
    }
}

fn send_tcp(host: &str, port: u16, bytes: &[u8], timeout: Duration) -> Result<(), PrintError> {
    let address = PrinterUri::Tcp {
        host: host.to_owned(),
        port,
    }
    .to_string();
    let network = |source: io::Error| match source.kind() {
        io::ErrorKind::ConnectionRefused => PrintError::Refused {
            address: address.clone(),
        },
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => PrintError::Timeout {
            address: address.clone(),
            seconds: timeout.as_secs().max(1),
        },
        _ => PrintError::Network {
            address: address.clone(),
            source,
        },
    };
    let resolve = |source| PrintError::Resolve {
        host: host.to_owned(),
        source,
    };
    let mut last = None;
    for socket in (host, port).to_socket_addrs().map_err(resolve)? {
        match TcpStream::connect_timeout(&socket, timeout) {
            Ok(mut stream) => {
                stream.set_write_timeout(Some(timeout)).map_err(network)?;
                stream.write_all(bytes).map_err(network)?;
                stream.flush().map_err(network)?;
                return stream.shutdown(std::net::Shutdown::Write).map_err(network);
            }
            Err(error) => last = Some(error),
        }
    }
    let none = io::Error::new(io::ErrorKind::NotFound, "no address for this host");
    Err(network(last.unwrap_or(none)))
}

fn send_device(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    let shown = path.display().to_string();
    let error = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => PrintError::NoDevice {
            path: shown.clone(),
        },
        io::ErrorKind::PermissionDenied => PrintError::DevicePermission {
            path: shown.clone(),
        },
        _ => PrintError::Device {
            path: shown.clone(),
            source,
        },
    };
    // Never create: a missing device means an unplugged printer, not a file to make.
    let mut device = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(error)?;
    device.write_all(bytes).map_err(error)?;
    device.flush().map_err(error)
}

fn send_cups(lp: &Path, queue: &str, bytes: &[u8]) -> Result<(), PrintError> {
    let command = lp.display().to_string();
    let io_error = |source: io::Error| PrintError::LpIo {
        command: command.clone(),
        source,
    };
    let mut child = Command::new(lp)
        .args(["-d", queue, "-o", "raw"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => PrintError::LpMissing {
                command: command.clone(),
            },
            _ => io_error(source),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that exits early closes its stdin: its status says why, below.
        let _ = stdin.write_all(bytes);
    }
    let output = child.wait_with_output().map_err(io_error)?;
    if output.status.success() {
        return Ok(());
    }
    Err(PrintError::LpFailed {
        command,
        status: output.status.to_string(),
        stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
    })
}
