//! Logs: `tracing` to a daily-rotated file in the app's log folder (and to stderr), with anything
//! shaped like a DHMAD API key replaced by `<redacted>` before it is written anywhere (the shapes
//! are merchant-core's `secrets::redact`, shared with the CLI's `--verbose`).
//!
//! Redaction sits in the writer, after formatting, so it covers every field, span and message —
//! including ones that were never meant to carry a key.

use std::io;
use std::path::Path;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

pub use merchant_core::secrets::{REDACTED, Redacting, redact};

/// Log files kept before the oldest is deleted (one per day).
const KEPT_LOG_FILES: usize = 14;

/// Wraps a [`MakeWriter`] so everything it writes is redacted.
#[derive(Debug, Clone)]
pub struct RedactingMakeWriter<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for RedactingMakeWriter<M> {
    type Writer = Redacting<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        Redacting(self.0.make_writer())
    }
}

/// A file appender rotated daily in `log_dir` (`dhmad-merchant.YYYY-MM-DD.log`).
pub fn file_appender(log_dir: &Path) -> Result<RollingFileAppender, String> {
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("dhmad-merchant")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(log_dir)
        .map_err(|e| format!("cannot open the log folder {}: {e}", log_dir.display()))
}

/// Installs the global subscriber: redacted file + stderr, level from `RUST_LOG` (default
/// `info`). Returns an error if the log folder cannot be used or a subscriber is already set.
pub fn init(log_dir: &Path) -> Result<(), String> {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(RedactingMakeWriter(file_appender(log_dir)?))
        .with_filter(filter());
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(RedactingMakeWriter(io::stderr))
        .with_filter(filter());
    tracing_subscriber::registry()
        .with(file)
        .with(stderr)
        .try_init()
        .map_err(|e| format!("logging already initialised: {e}"))
}

/// What a panic prints: its message and where it happened, redacted. The default hook writes the
/// message as it is; a panic that quoted a key (a failed parse of a header, say) would put the key
/// on stderr and into whatever collects crash output.
pub fn panic_report(message: &str, location: Option<&std::panic::Location<'_>>) -> String {
    let place = location.map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
    redact(&format!("DHMAD Merchant panicked{place}: {message}")).into_owned()
}

/// Replaces the default panic hook with one that reports through [`panic_report`]: to the log
/// (file and stderr) once logging is up, to stderr before.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        let report = panic_report(&message, info.location());
        if tracing::dispatcher::has_been_set() {
            tracing::error!("{report}");
        } else {
            eprintln!("{report}");
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_report_says_where_and_hides_keys() {
        let location = std::panic::Location::caller();
        let report = panic_report(&format!("bad header value {LIVE}"), Some(location));
        assert!(
            report.starts_with("DHMAD Merchant panicked at src-tauri/src/logging.rs:"),
            "{report}"
        );
        assert!(
            report.ends_with(": bad header value <redacted>"),
            "{report}"
        );
        assert!(!report.contains("sk_live_"), "{report}");
    }

    const LIVE: &str = "sk_live_0123456789abcdefABCDEF";
    const SANDBOX: &str = "sk_sandbox_deadbeef00";
    /// A live key with a typo: 64 characters after the prefix, not all of them hex.
    const MISTYPED: &str =
        "sk_live_0123456789abcdef0123456789abcdeg0123456789abcdef0123456789abcdeO";
    const BARE_HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn redacts_live_and_sandbox_keys_anywhere_in_a_line() {
        let line = format!("key={LIVE} header=\"Bearer {SANDBOX}\" done");
        assert_eq!(
            redact(&line),
            "key=<redacted> header=\"Bearer <redacted>\" done"
        );
    }

    #[test]
    fn leaves_text_that_is_not_a_key_alone() {
        // Too short, wrong prefix, a hash shorter than a key: not the shape of a key.
        for text in [
            "sk_live_1234567",
            "sk_test_0123456789ab",
            &"ab".repeat(20),
            "ok",
        ] {
            assert_eq!(redact(text), text);
        }
    }

    #[test]
    fn events_logged_through_the_file_layer_never_contain_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let appender = file_appender(dir.path()).unwrap();
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(RedactingMakeWriter(appender)),
        );
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!("connect", key = SANDBOX);
            let _entered = span.enter();
            tracing::info!(api_key = LIVE, "validating {LIVE} for the merchant");
            tracing::warn!("refused key {MISTYPED}; pasted without prefix: {BARE_HEX}");
        });

        let mut written = String::new();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            written.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        assert!(
            written.contains("validating <redacted> for the merchant"),
            "{written}"
        );
        assert!(written.contains(r#"api_key="<redacted>""#), "{written}");
        assert!(
            written.contains(r#"connect{key="<redacted>"}"#),
            "{written}"
        );
        assert!(
            written.contains("refused key <redacted>; pasted without prefix: <redacted>"),
            "{written}"
        );
        assert!(!written.contains("sk_live_"), "{written}");
        assert!(!written.contains("sk_sandbox_"), "{written}");
        assert!(!written.contains(&BARE_HEX[..16]), "{written}");
    }
}
