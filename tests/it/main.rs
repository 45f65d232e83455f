//! The desktop app's integration tests, in one binary: `ipc` drives the commands on Tauri's mock
//! runtime against the embedded simulator; `e2e` drives the real window through tauri-driver
//! (only with DHMAD_E2E=1 at build time); `package` checks the installed `.deb`. What they share
//! is in `support`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e;
mod ipc;
mod package;
mod support;
