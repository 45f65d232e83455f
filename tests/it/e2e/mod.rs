//! The real app window under Xvfb, driven through tauri-driver and WebKitWebDriver.
//!
//! Built only into a useful test when `DHMAD_E2E=1` is set at build time (build.rs turns it into
//! `cfg(dhmad_e2e)`); otherwise `#[ignore]`d so plain `cargo test` needs no display.
//! Run it with `scripts/test-e2e`, which builds the UI and this binary with
//! `--features custom-protocol` (so the window serves ui/dist instead of the Vite dev URL).

mod a11y;
mod bench;
mod bench_escrows;
mod day;
mod first_run;
mod flow;
mod kill;
mod print;
mod secrets;
