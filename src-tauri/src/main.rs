//! The DHMAD Merchant desktop app's entry point: everything lives in the library.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// jemalloc, whose background thread returns freed memory to the system: after a sync of
/// 100,000 escrows glibc's allocator kept tens of MiB in per-thread arenas for good.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    // Taken first so "ui ready after N ms" measures from (almost) process start.
    let started = std::time::Instant::now();
    dhmad_merchant_lib::run(started);
}
