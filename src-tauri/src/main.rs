//! The DHMAD Merchant desktop app's entry point: everything lives in the library.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Taken first so "ui ready after N ms" measures from (almost) process start.
    let started = std::time::Instant::now();
    dhmad_merchant_lib::run(started);
}
