//! Everything the app writes is for the merchant's eyes only: its data, config, cache and log
//! folders are 0700 and its files 0600 on Linux and macOS. merchant-core sets these modes on the
//! book and the profiles itself; the rest (the log files, the window-state plugin's file, the
//! webview's caches, the demo simulator's state) is created by libraries that take the process's
//! umask, so the app sets it before any of them runs.

/// Makes every file and folder the process creates from now on owner-only (umask 077).
pub fn restrict_new_files() {
    #[cfg(unix)]
    let _previous = rustix::process::umask(rustix::fs::Mode::from_bits_truncate(0o077));
}
