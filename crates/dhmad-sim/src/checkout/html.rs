//! Small HTML helpers for the hosted checkout: escaping, money, and the page shell.

use crate::clock::Millis;
use chrono::{TimeZone, Utc};

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Thousandths as `1,234.500` (three decimals, comma-grouped), sign kept.
pub fn thousandths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    let whole = (abs / 1000).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (n, c) in whole.chars().enumerate() {
        if n > 0 && (whole.len() - n).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:03}", abs % 1000)
}

/// Millimes as `1,234.500 TND`.
pub fn tnd(millimes: i64) -> String {
    format!("{} TND", thousandths(millimes))
}

/// A simulated instant as `2026-06-19 14:00 UTC`.
pub fn when(ms: Millis) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// A byte count as `1.2 MB` / `34 KB` / `12 bytes`.
pub fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{}.{} MB",
            bytes / (1024 * 1024),
            bytes % (1024 * 1024) * 10 / (1024 * 1024)
        )
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// The sandbox banner every page carries.
pub const SANDBOX_BANNER: &str =
    "Sandbox environment — for testing only. Data and transactions are not production.";

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2430;background:#eef1f5}
.sandbox{background:#ffe08a;color:#4a3800;padding:10px 16px;font-size:14px;font-weight:600;text-align:center;border-bottom:1px solid #e6c35c}
main{max-width:480px;margin:0 auto;padding:16px}
.brand{font-weight:700;letter-spacing:.04em;color:#0b6e4f;margin:4px 0 12px}
.card{background:#fff;border-radius:14px;padding:18px;margin-bottom:14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:21px;margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:17px;margin:12px 0 10px}
.card>h2:first-child{margin-top:0}
.action{color:#5a6573;font-size:14px;margin:0 0 12px;text-transform:uppercase;letter-spacing:.05em}
.amount{font-size:30px;font-weight:700;margin:4px 0 2px}
.sub{color:#5a6573;font-size:14px;margin:0}
dl{margin:0;display:grid;grid-template-columns:minmax(0,1fr) auto;gap:8px 0;align-items:start}
dt{color:#5a6573;font-size:15px}
dd{margin:0;padding-left:12px;text-align:right;white-space:nowrap}
dd small,dt small{display:block;color:#5a6573;font-size:13px;white-space:normal}
.total{border-top:1px solid #e3e7ec;padding-top:8px;font-weight:700;color:#1c2430}
.parties{display:grid;gap:10px}
.parties div{overflow-wrap:anywhere}
.parties span{display:block;color:#5a6573;font-size:13px;text-transform:uppercase;letter-spacing:.05em}
.parties small{display:block;color:#5a6573}
label{display:block;font-weight:600;margin:12px 0 6px}
textarea,input[type=file]{width:100%;font:inherit;padding:10px;border:1px solid #b8c1cc;border-radius:10px;background:#fff}
textarea{min-height:96px;resize:vertical}
.check{display:flex;gap:10px;align-items:flex-start;font-weight:400}
.check input{width:22px;height:22px;margin:2px 0 0}
button{display:block;width:100%;min-height:52px;margin-top:14px;border:0;border-radius:12px;font:inherit;font-weight:700;font-size:17px;cursor:pointer}
.primary{background:#0b6e4f;color:#fff}
.danger{background:#b42318;color:#fff}
.secondary{background:#fff;color:#1c2430;border:1px solid #b8c1cc}
.note{background:#eef6ff;border-left:4px solid #3b82f6;padding:10px 12px;border-radius:8px;font-size:14px;margin:12px 0 0}
.error{background:#fdecea;border-left:4px solid #b42318;color:#7a1a12;padding:12px;border-radius:8px;margin-bottom:14px;font-weight:600}
.terms{white-space:pre-wrap;max-height:220px;overflow:auto;background:#f6f8fa;border-radius:8px;padding:10px;font-size:14px}
.badge{display:inline-block;background:#e7f3ee;color:#0b6e4f;border-radius:999px;padding:2px 10px;font-size:13px;font-weight:600}
footer{color:#5a6573;font-size:13px;text-align:center;margin:8px 0 24px}
"#;

/// The whole document around `body` (already escaped HTML).
pub fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta name=\"robots\" content=\"noindex\">\
<title>{} · DHMAD checkout (sandbox)</title><style>{CSS}</style></head>\
<body><div class=\"sandbox\" role=\"note\">{SANDBOX_BANNER}</div><main>\
<div class=\"brand\">DHMAD · Secure checkout</div>{body}</main></body></html>\n",
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn money_has_three_decimals_and_groups() {
        assert_eq!(tnd(0), "0.000 TND");
        assert_eq!(tnd(5), "0.005 TND");
        assert_eq!(tnd(1_234_500), "1,234.500 TND");
        assert_eq!(tnd(100_000_000), "100,000.000 TND");
        assert_eq!(thousandths(-12_345), "-12.345");
    }

    #[test]
    fn sizes() {
        assert_eq!(size(12), "12 bytes");
        assert_eq!(size(2048), "2 KB");
        assert_eq!(size(5 * 1024 * 1024), "5.0 MB");
    }
}
