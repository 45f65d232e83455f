//! `dhmad` end to end: the real binary against a mock server (wiremock), a socket that drops
//! the connection, and (book commands) the real simulator in-process. Checks what a script sees:
//! stdout, stderr JSON, exit status.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod book;
mod day;
mod day_kill;
mod doctor;
mod errors;
mod interrupt;
mod kill;
mod login;
mod print;
mod reading;
mod sale;
mod sim;
mod success;

use std::process::Output;

use serde_json::Value;

pub const KEY: &str = "sk_sandbox_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// Runs `dhmad` with the test key against `base` (the versioned root).
pub async fn dhmad(base: &str, args: &[&str]) -> Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_dhmad"))
        .env_remove("DHMAD_BASE_URL")
        .env("DHMAD_API_KEY", KEY)
        .arg("--base-url")
        .arg(base)
        .args(args)
        .output()
        .await
        .expect("dhmad runs")
}

pub fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// The one JSON object printed on stderr.
pub fn stderr_json(output: &Output) -> Value {
    let text = String::from_utf8_lossy(&output.stderr);
    let line = text.lines().last().unwrap_or_default();
    serde_json::from_str(line)
        .unwrap_or_else(|e| panic!("stderr is not one JSON object ({e}): {text}"))
}
