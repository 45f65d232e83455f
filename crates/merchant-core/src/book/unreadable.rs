//! Records the sync could not read: kept with their reason so the merchant sees a count and
//! support can be sent the details, instead of escrows vanishing silently. Their JSON is stored
//! with API keys and e-mail addresses redacted (it may be copied into a support message).

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use super::{Book, BookTx, from_ms, to_ms};
use crate::error::Result;

/// One record the sync set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadableRecord {
    /// Where it was read, e.g. `GET /escrows?status=paid`.
    pub endpoint: String,
    /// Its id, when it had one.
    pub record_id: Option<String>,
    /// The record's JSON, keys and e-mails redacted.
    pub raw: String,
    /// Why it could not be read (redacted too: decoder messages quote values).
    pub reason: String,
    /// When a sync first met it.
    pub first_seen: DateTime<Utc>,
    /// When a sync last met it.
    pub last_seen: DateTime<Utc>,
}

impl BookTx<'_> {
    /// Records (or refreshes the last sighting of) an unreadable record met at `endpoint`.
    pub fn note_unreadable(
        &self,
        endpoint: &str,
        record_id: Option<&str>,
        raw: &Value,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let raw = redact_value(raw).to_string();
        let key = record_id.map_or_else(|| format!("raw:{raw}"), |id| format!("id:{id}"));
        self.conn()
            .prepare_cached(
                "INSERT INTO unreadable_records
                     (record_key, endpoint, record_id, raw, reason, first_seen, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (record_key) DO UPDATE SET endpoint = excluded.endpoint,
                     raw = excluded.raw, reason = excluded.reason, last_seen = excluded.last_seen",
            )?
            .execute(params![
                key,
                endpoint,
                record_id,
                raw,
                redact_text(reason),
                to_ms(now)
            ])?;
        Ok(())
    }

    /// Forgets the unreadable records of these ids: they have just been read well.
    pub fn forget_unreadable<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("DELETE FROM unreadable_records WHERE record_id = ?1")?;
        for id in ids {
            stmt.execute([id])?;
        }
        Ok(())
    }

    /// After `endpoint` was read to its end at `now`: its records without an id that were not
    /// met again are gone from the server's answer, so they are forgotten.
    pub fn forget_unseen_unreadable(&self, endpoint: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn()
            .prepare_cached(
                "DELETE FROM unreadable_records
                 WHERE endpoint = ?1 AND record_id IS NULL AND last_seen < ?2",
            )?
            .execute(params![endpoint, to_ms(now)])?;
        Ok(())
    }
}

impl Book {
    /// Every record the sync could not read, most recently seen first.
    pub fn unreadable_records(&self) -> Result<Vec<UnreadableRecord>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT endpoint, record_id, raw, reason, first_seen, last_seen
                 FROM unreadable_records ORDER BY last_seen DESC, record_key",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(UnreadableRecord {
                    endpoint: r.get(0)?,
                    record_id: r.get(1)?,
                    raw: r.get(2)?,
                    reason: r.get(3)?,
                    first_seen: from_ms(r.get(4)?)?,
                    last_seen: from_ms(r.get(5)?)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// How many records the sync could not read.
    pub fn unreadable_count(&self) -> Result<u64> {
        self.read(|c| {
            let n: i64 =
                c.query_row("SELECT count(*) FROM unreadable_records", [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }
}

/// The value with every string redacted (see [`redact_text`]).
fn redact_value(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(redact_text(s)),
        Value::Array(items) => Value::Array(items.iter().map(redact_value).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (redact_text(k), redact_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `text` with API keys (`sk_live_…`, `sk_sandbox_…`, bare 64-hex secrets) and e-mail addresses
/// replaced by placeholders.
pub(crate) fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for token in split_keep(text) {
        out.push_str(&redact_token(token));
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '+' | '%' | '@')
}

/// `text` split into runs of word characters and runs of others, in order.
fn split_keep(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (i, c) in text.char_indices() {
        let word = is_word(c);
        if in_word.is_some_and(|w| w != word) {
            parts.push(&text[start..i]);
            start = i;
        }
        in_word = Some(word);
    }
    if start < text.len() {
        parts.push(&text[start..]);
    }
    parts
}

fn redact_token(token: &str) -> String {
    if token.contains("sk_live_") || token.contains("sk_sandbox_") {
        return "<redacted key>".into();
    }
    let hex_run = token
        .split(|c: char| !c.is_ascii_hexdigit())
        .any(|run| run.len() >= 64);
    if hex_run {
        return "<redacted key>".into();
    }
    if let Some((local, domain)) = token.split_once('@')
        && !local.is_empty()
        && domain.contains('.')
    {
        return "<redacted e-mail>".into();
    }
    token.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_emails_are_redacted_everywhere() {
        let key = format!("sk_live_{}", "ab".repeat(32));
        let text = format!("buyer jane.doe+x@shop.tn paid; key={key}, sk_sandbox_zz");
        assert_eq!(
            redact_text(&text),
            "buyer <redacted e-mail> paid; key=<redacted key>, <redacted key>"
        );
        let value =
            serde_json::json!({"buyer": {"email": "a@b.tn"}, "n": 5, "hex": "f".repeat(64)});
        assert_eq!(
            redact_value(&value),
            serde_json::json!({"buyer": {"email": "<redacted e-mail>"}, "n": 5, "hex": "<redacted key>"})
        );
        assert_eq!(
            redact_text("507f1f77bcf86cd799439011 @ 12"),
            "507f1f77bcf86cd799439011 @ 12"
        );
    }
}
