//! `dhmad`: the DHMAD API from the command line (see `dhmad --help`).

// The argument types' doc comments are the `--help` text, written for a terminal: a bare URL or
// `HOST[:PORT]` there is what the merchant should read, not a link for rustdoc.
#![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links)]

mod api;
mod args;
mod book;
mod day_args;
mod key_value;
mod output;
mod print;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::output::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.verbose {
        // Redacted like the app's log: a key-shaped id or URL in a request line never shows.
        tracing_subscriber::fmt()
            .with_writer(|| merchant_core::secrets::Redacting(std::io::stderr()))
            .with_env_filter("dhmad_api=debug,merchant_core=debug")
            .init();
    }
    if let args::Command::Print(command) = &cli.command {
        return match print::run(command, || book::for_printing(&cli)) {
            Ok(value) => output::print_success(&value),
            Err(failure) => failure.report(),
        };
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            return Failure::internal(format!("cannot start the async runtime: {err}")).report();
        }
    };
    if matches!(cli.command, args::Command::Book(_)) {
        return match runtime.block_on(book::run(cli)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => failure.report(),
        };
    }
    match runtime.block_on(api::run(cli)) {
        Ok(value) => output::print_success(&value),
        Err(failure) => failure.report(),
    }
}
