//! `key=value` arguments (`--metadata`, `--counted`), shared by the session and day commands.

/// Splits `key=value` at the first `=`; the key may not be empty, the value may.
pub(crate) fn parse_key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("expected key=value, got `{text}`")),
    }
}
