//! The X and Z reports of the daily close, in the receipt's language.

use chrono::{DateTime, Utc};
use receipt::{Document, Label, Language, Report, ReportRow, ReportSection, format_millimes};

use super::words::{method_name, shop_header};
use crate::day::{DayReport, EscrowFigure, MethodLine, ZReport};
use crate::settings::Settings;

/// A Z report as it prints: its figures and the start of its hash, which the stored chain can
/// be checked against.
pub fn z_document(
    z: &ZReport,
    settings: &Settings,
    language: Language,
    now: DateTime<Utc>,
) -> Document {
    let mut report = day_report(&z.report, settings, language, now, Label::ZReport);
    report.sections.push(ReportSection {
        heading: None,
        rows: vec![row(
            language,
            Label::Hash,
            z.hash.chars().take(16).collect(),
        )],
    });
    Document::Report(report)
}

/// The X report: the open drawer's figures so far (nothing stored).
pub fn x_document(
    x: &DayReport,
    settings: &Settings,
    language: Language,
    now: DateTime<Utc>,
) -> Document {
    Document::Report(day_report(x, settings, language, now, Label::XReport))
}

fn day_report(
    r: &DayReport,
    settings: &Settings,
    language: Language,
    now: DateTime<Utc>,
    title: Label,
) -> Report {
    let mut sections = vec![drawer_section(r, language)];
    sections.extend(r.by_method.iter().map(|(method, line)| ReportSection {
        heading: Some(method_name(method, settings, language)),
        rows: method_rows(line, language),
    }));
    sections.push(dhmad_section(r, language));
    Report {
        shop: shop_header(settings),
        // One line per language: an Arabic and a French title on one line would interleave.
        title: language
            .words(title)
            .iter()
            .map(|words| format!("{words} {}", r.number))
            .collect::<Vec<_>>()
            .join("\n"),
        period: format!(
            "{} – {}",
            receipt::compose::format_time(r.opened_at),
            receipt::compose::format_time(r.closed_at)
        ),
        printed_at: now,
        sections,
        footer: Vec::new(),
    }
}

fn drawer_section(r: &DayReport, language: Language) -> ReportSection {
    let receipts = match (r.receipts.first, r.receipts.last) {
        (Some(first), Some(last)) => format!("{first}–{last} ({})", r.receipts.count),
        _ => r.receipts.count.to_string(),
    };
    let mut rows = vec![
        row(language, Label::Till, r.till.clone()),
        row(language, Label::Cashier, r.cashier.clone()),
        row(language, Label::Float, format_millimes(r.float)),
        row(language, Label::PaidIn, format_millimes(r.paid_in)),
        row(language, Label::PaidOut, format_millimes(r.paid_out)),
        row(language, Label::Receipts, receipts),
    ];
    if r.blind {
        rows.push(row(
            language,
            Label::BlindClose,
            language.inline(Label::Yes),
        ));
    }
    ReportSection {
        heading: None,
        rows,
    }
}

fn method_rows(line: &MethodLine, language: Language) -> Vec<ReportRow> {
    let mut rows = vec![
        row(language, Label::Sales, format_millimes(line.sales)),
        row(language, Label::Refunds, format_millimes(line.refunds)),
        row(language, Label::Expected, format_millimes(line.expected)),
    ];
    if let Some(counted) = line.counted {
        rows.push(row(language, Label::Counted, format_millimes(counted)));
    }
    if let Some(difference) = line.difference {
        rows.push(row(
            language,
            Label::Difference,
            format_millimes(difference),
        ));
    }
    rows
}

/// DHMAD's money apart from the drawer's: held by DHMAD until released, never counted as cash.
fn dhmad_section(r: &DayReport, language: Language) -> ReportSection {
    let d = &r.dhmad;
    // The amount, then how many escrows it is (as the receipts row gives its count).
    let figure = |f: EscrowFigure| format!("{} ({})", format_millimes(f.amount), f.count);
    ReportSection {
        heading: Some(language.words(Label::Dhmad).join("\n")),
        rows: vec![
            row(language, Label::DhmadPaid, figure(d.paid_today)),
            row(language, Label::DhmadReleased, figure(d.released_today)),
            row(language, Label::DhmadHeld, figure(d.held)),
            row(language, Label::DhmadCancelled, figure(d.cancelled)),
        ],
    }
}

fn row(language: Language, label: Label, value: String) -> ReportRow {
    ReportRow {
        label: language.inline(label),
        value,
    }
}
