//! `dhmad-sim` binary: serve the simulator and print where and with which credentials.

use clap::Parser;
use dhmad_sim::{SimConfig, Simulator};
use receipt::VirtualPrinter;
use std::io::Write;
use std::path::PathBuf;

/// A faithful, stateful simulator of the DHMAD escrow API.
#[derive(Debug, Parser)]
#[command(name = "dhmad-sim", version)]
struct Args {
    /// Port to listen on (0 = any free port).
    #[arg(long, default_value_t = 4010)]
    port: u16,
    /// Interface to bind; other than 127.0.0.1 only when asked (e.g. 0.0.0.0 for a phone).
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Seed for the demo key, ids and history.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Persist state in this file (loaded at start when present).
    #[arg(long)]
    state: Option<PathBuf>,
    /// Disable the per-key rate limit.
    #[arg(long)]
    no_rate_limit: bool,
    /// Requests per minute per key.
    #[arg(long, default_value_t = 100)]
    rate_limit: u32,
    /// Platform fee percentage.
    #[arg(long, default_value_t = 5)]
    fee_percent: u32,
    /// Past escrows to seed for the demo merchant.
    #[arg(long, default_value_t = 0)]
    history: usize,
    /// Origin used in checkout URLs (e.g. http://192.168.1.20:4010).
    #[arg(long)]
    public_url: Option<String>,
    /// Answer in a documented variant: plain, data-envelope, nulls, ids, strings or mixed.
    #[arg(long, default_value = "plain")]
    dialect: dhmad_sim::Dialect,
    /// The token `/__sim` asks for off loopback (header X-Sim-Control-Token); a random one is
    /// made and printed when the bind is not loopback and none is given.
    #[arg(long)]
    control_token: Option<String>,
    /// Print the demo API key and developer token even on a bind other than loopback (anyone
    /// who can read this terminal's output can then use them).
    #[arg(long)]
    print_key: bool,
    /// Also start a virtual receipt printer on 127.0.0.1:N (0 = any free port): it takes ESC/POS
    /// like a network printer (tcp://127.0.0.1:N) and saves each print as a PNG.
    #[arg(long, value_name = "N")]
    printer_port: Option<u16>,
    /// Where the virtual printer saves its prints (print-0001.png, …). Default: a
    /// dhmad-virtual-printer folder in the system's temporary folder.
    #[arg(long, value_name = "DIR", requires = "printer_port")]
    printer_folder: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let a = Args::parse();
    let config = SimConfig {
        host: a.host,
        port: a.port,
        seed: a.seed,
        state_file: a.state,
        rate_limit: (!a.no_rate_limit).then_some(a.rate_limit),
        fee_percent: a.fee_percent,
        history: a.history,
        public_url: a.public_url,
        dialect: a.dialect,
        control_token: a.control_token,
        ..SimConfig::default()
    };
    let sim = match Simulator::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dhmad-sim: cannot start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    print_start(&sim, a.print_key);
    // Kept alive until the end of main: dropping it stops the printer.
    let _printer = match a
        .printer_port
        .map(|port| start_printer(port, a.printer_folder))
    {
        Some(Ok(printer)) => Some(printer),
        Some(Err(e)) => {
            eprintln!("dhmad-sim: cannot start the virtual printer: {e}");
            sim.shutdown().await;
            return std::process::ExitCode::FAILURE;
        }
        None => None,
    };
    let _ = tokio::signal::ctrl_c().await;
    sim.shutdown().await;
    std::process::ExitCode::SUCCESS
}

/// The start-up lines. Off loopback the control token is printed (the operator needs it) and the
/// demo credentials only with `--print-key`: such a bind is reachable by the whole network, and
/// this output often ends up in shared terminals and logs.
fn print_start(sim: &Simulator, print_key: bool) {
    let network_bind = sim.is_network_bind();
    let d = sim.demo();
    let checkout = sim.public_origin();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "dhmad-sim listening on {}", sim.origin());
    let _ = writeln!(out, "api base: {}", sim.base_url());
    if network_bind && !print_key {
        let _ = writeln!(
            out,
            "api key: (not printed on a network bind; add --print-key, or GET /__sim/demo with the control token)"
        );
    } else {
        let _ = writeln!(out, "api key: {}", d.api_key);
        let _ = writeln!(out, "developer token: {}", d.developer_token);
    }
    if let Some(token) = sim.control_token() {
        let _ = writeln!(out, "control token: {token}");
    }
    let _ = writeln!(out, "developer: {}", d.developer_email);
    let _ = writeln!(out, "merchant: {}", d.merchant_email);
    let _ = writeln!(out, "checkout: {checkout}/checkout/");
    let _ = out.flush();
}

fn start_printer(port: u16, folder: Option<PathBuf>) -> std::io::Result<VirtualPrinter> {
    let folder = folder.unwrap_or_else(|| std::env::temp_dir().join("dhmad-virtual-printer"));
    let printer = VirtualPrinter::start(port, Some(folder.clone()))?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "virtual printer: {} (prints saved in {})",
        printer.uri(),
        folder.display()
    );
    let _ = out.flush();
    Ok(printer)
}
