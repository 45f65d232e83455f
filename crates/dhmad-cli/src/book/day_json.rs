//! The day's figures as JSON: amounts as exact decimal numbers in TND (`Money`'s encoding, like
//! every amount the CLI prints), times in RFC 3339.

use dhmad_api::Money;
use merchant_core::day::{DayEntry, DayReport, DhmadSection, EscrowFigure, MethodLine, ZReport};
use serde_json::{Map, Value, json};

/// An amount in millimes as an exact TND number.
pub fn tnd(millimes: i64) -> Value {
    serde_json::to_value(Money::from_millimes(millimes)).unwrap_or(Value::Null)
}

fn opt_tnd(millimes: Option<i64>) -> Value {
    millimes.map_or(Value::Null, tnd)
}

/// A Z report: exactly the fields the Z shows (its entries digest stays in the stored content,
/// which `drawer verify` checks).
pub fn z_json(z: &ZReport) -> Value {
    let mut value = report_json(&z.report);
    value["hash"] = json!(z.hash);
    value["previousHash"] = json!(z.previous_hash);
    value
}

/// An X report (no hash: it is not stored); `number` is the one the next Z will take.
pub fn report_json(r: &DayReport) -> Value {
    let by_method: Map<String, Value> = r
        .by_method
        .iter()
        .map(|(m, line)| (m.to_string(), line_json(line)))
        .collect();
    json!({
        "number": r.number,
        "openedAt": r.opened_at.to_rfc3339(),
        "closedAt": r.closed_at.to_rfc3339(),
        "till": r.till,
        "cashier": r.cashier,
        "float": tnd(r.float),
        "byMethod": by_method,
        "paidIn": tnd(r.paid_in),
        "paidOut": tnd(r.paid_out),
        "receipts": {
            "first": r.receipts.first,
            "last": r.receipts.last,
            "count": r.receipts.count,
        },
        "blind": r.blind,
        "dhmad": dhmad_json(&r.dhmad),
    })
}

fn line_json(line: &MethodLine) -> Value {
    json!({
        "sales": tnd(line.sales),
        "refunds": tnd(line.refunds),
        "expected": tnd(line.expected),
        "counted": opt_tnd(line.counted),
        "difference": opt_tnd(line.difference),
    })
}

fn dhmad_json(d: &DhmadSection) -> Value {
    let figure = |f: &EscrowFigure| json!({"count": f.count, "amount": tnd(f.amount)});
    json!({
        "paidToday": figure(&d.paid_today),
        "releasedToday": figure(&d.released_today),
        "held": figure(&d.held),
        "cancelled": figure(&d.cancelled),
    })
}

/// A recorded sale, refund or cash move.
pub fn entry_json(e: &DayEntry) -> Value {
    json!({
        "id": e.id.to_string(),
        "kind": e.kind,
        "receiptNo": e.receipt_no,
        "till": e.till,
        "at": e.at.to_rfc3339(),
        "amount": tnd(e.amount_millimes),
        "method": e.method,
        "title": e.title,
        "reference": e.reference,
        "customer": e.customer,
        "tendered": opt_tnd(e.tendered_millimes),
        "change": opt_tnd(e.change_millimes()),
        "reason": e.reason,
    })
}

/// The report as text, one line per figure (for a terminal).
pub fn report_text(r: &DayReport, title: &str) -> String {
    let money = |m: i64| merchant_core::export::money(m, '.');
    let opt = |m: Option<i64>| m.map_or_else(|| "-".to_owned(), money);
    let mut out = format!(
        "{title} {}  till {}  cashier {}\nopened {}  closed {}\nfloat {}  paid in {}  paid out {}\n",
        r.number,
        r.till,
        r.cashier,
        r.opened_at.to_rfc3339(),
        r.closed_at.to_rfc3339(),
        money(r.float),
        money(r.paid_in),
        money(r.paid_out),
    );
    out.push_str("method        sales     refunds   expected  counted   difference\n");
    for (m, l) in &r.by_method {
        out.push_str(&format!(
            "{:<12}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}\n",
            m.as_str(),
            money(l.sales),
            money(l.refunds),
            money(l.expected),
            opt(l.counted),
            opt(l.difference),
        ));
    }
    let d = &r.dhmad;
    out.push_str(&format!(
        "receipts {}-{} ({})\nDHMAD (not cash): paid {} ({}), released {} ({}), held {} ({}), cancelled {} ({})\n",
        r.receipts.first.map_or_else(|| "-".into(), |n| n.to_string()),
        r.receipts.last.map_or_else(|| "-".into(), |n| n.to_string()),
        r.receipts.count,
        money(d.paid_today.amount),
        d.paid_today.count,
        money(d.released_today.amount),
        d.released_today.count,
        money(d.held.amount),
        d.held.count,
        money(d.cancelled.amount),
        d.cancelled.count,
    ));
    if r.blind {
        out.push_str("blind close\n");
    }
    out
}
