//! The rewrite itself, over a parsed JSON answer.

use super::Dialect;
use super::schema::{Kind, shape};
use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde_json::{Map, Value, json};

/// Tunis time: the offset the `strings` dialect writes timestamps in.
const TUNIS_SECONDS: i32 = 3600;

/// Rewrites `body`, an answer of kind `root` (`None`: only the envelope applies), in `dialect`.
pub fn apply(dialect: Dialect, root: Option<Kind>, body: &mut Value) {
    if let Some(kind) = root {
        visit(dialect, kind, body);
    }
    if dialect.envelope() {
        *body = json!({ "data": body.take() });
    }
}

fn visit(d: Dialect, kind: Kind, v: &mut Value) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| visit(d, kind, i)),
        Value::Object(o) => object(d, kind, o),
        _ => {}
    }
}

fn object(d: Dialect, kind: Kind, o: &mut Map<String, Value>) {
    let s = shape(kind);
    for (key, child) in s.children {
        if let Some(v) = o.get_mut(*key) {
            visit(d, *child, v);
        }
    }
    if d.ids() {
        both_ids(o);
    }
    if d.strings() {
        for key in s.money {
            if let Some(v) = o.get_mut(*key) {
                money_as_text(v);
            }
        }
        for (key, v) in o.iter_mut() {
            if is_time_key(key) {
                with_offset(v);
            }
        }
    }
    if d.nulls() {
        for key in s.optional {
            let v = o.entry(*key).or_insert(Value::Null);
            if is_empty(v) {
                *v = Value::Null;
            }
        }
    }
}

/// `_id` beside `id` and `id` beside `_id` (same value).
fn both_ids(o: &mut Map<String, Value>) {
    let id = o.get("id").or_else(|| o.get("_id")).cloned();
    if let Some(id @ Value::String(_)) = id {
        o.entry("id").or_insert_with(|| id.clone());
        o.entry("_id").or_insert(id);
    }
}

/// A JSON number of TND as a decimal string with the millimes: `25` → `"25.000"`.
fn money_as_text(v: &mut Value) {
    if !v.is_number() {
        return;
    }
    if let Ok(m) = crate::money::parse_thousandths(v) {
        let sign = if m < 0 { "-" } else { "" };
        let m = m.unsigned_abs();
        *v = Value::String(format!("{sign}{}.{:03}", m / 1000, m % 1000));
    }
}

fn is_time_key(key: &str) -> bool {
    key.ends_with("At") || key.ends_with("_at") || key.ends_with("Deadline")
}

/// A `Z` timestamp as the same instant at `+01:00`, keeping its precision.
fn with_offset(v: &mut Value) {
    let Value::String(text) = v else { return };
    let Ok(t) = DateTime::parse_from_rfc3339(text) else {
        return;
    };
    let Some(tunis) = FixedOffset::east_opt(TUNIS_SECONDS) else {
        return;
    };
    let precision = if text.contains('.') {
        SecondsFormat::Millis
    } else {
        SecondsFormat::Secs
    };
    *text = t.with_timezone(&tunis).to_rfc3339_opts(precision, false);
}

/// An empty object or list: an optional value that says nothing.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Object(o) => o.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_every_millime_and_timestamps_keep_their_instant() {
        let mut body = json!({"balance": {"available": 25.5, "pending": 0, "escrow": 1234.567}});
        apply(Dialect::Strings, Some(Kind::BalanceReply), &mut body);
        assert_eq!(
            body,
            json!({"balance": {"available": "25.500", "pending": "0.000", "escrow": "1234.567"}})
        );
        let mut s = json!({"session": {"expiresAt": "2024-01-15T10:30:00.000Z", "completedAt": "2024-01-15T23:30:00Z", "metadata": {"doneAt": "2024-01-15T10:30:00Z"}}});
        apply(Dialect::Strings, Some(Kind::SessionReply), &mut s);
        assert_eq!(
            s,
            json!({"session": {"expiresAt": "2024-01-15T11:30:00.000+01:00", "completedAt": "2024-01-16T00:30:00+01:00", "metadata": {"doneAt": "2024-01-15T10:30:00Z"}}}),
            "metadata is the developer's own data and is never rewritten"
        );
    }

    #[test]
    fn nulls_fill_absent_and_empty_optional_fields_only() {
        let mut me = json!({"apiKey": {"id": "k", "metadata": {}}, "developer": {"id": "d"}});
        apply(Dialect::Nulls, Some(Kind::Me), &mut me);
        assert_eq!(
            me,
            json!({"apiKey": {"id": "k", "metadata": null, "name": null, "lastUsedAt": null, "expiresAt": null}, "developer": {"id": "d", "companyName": null}})
        );
    }
}
