//! A bare Tauri 2 window: the baseline `scripts/bench` compares the app with. It prints the same
//! "ui ready after N ms" line as the app when its page says it is interactive, and nothing else.

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Called once by the page when it is interactive (as the app's UI calls `ui_ready`), with when
/// its script began to run, its first contentful paint and the call, in milliseconds after its
/// navigation began; printed split into steps the way the app logs its own.
#[tauri::command]
fn ready(script: f64, painted: f64, signalled: f64) -> u64 {
    let elapsed = STARTED.get().map(Instant::elapsed).unwrap_or_default();
    let ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
    let navigation = ms as f64 - signalled;
    let paint = painted - script;
    let signal = signalled - painted;
    eprintln!(
        "ui ready after {ms} ms: navigation {navigation:+.0}, script {script:+.0}, \
         paint {paint:+.0}, signal {signal:+.0} ms"
    );
    ms
}

fn main() {
    STARTED.get_or_init(Instant::now);
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("bare window: {e}");
        std::process::exit(1);
    }
}
