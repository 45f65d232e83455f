//! The desktop app's integration tests, in one binary: IPC smoke tests on Tauri's mock runtime,
//! and the real window driven through tauri-driver (only with DHMAD_E2E=1, see `e2e`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e;
mod e2e_bench;
mod e2e_flow;
mod e2e_kill;
mod e2e_secrets;
mod file_modes;
mod flows;
mod ipc;
mod keys;
mod package;
mod security;
