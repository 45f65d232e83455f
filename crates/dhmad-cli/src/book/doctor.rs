//! `dhmad doctor`: merchant-core's connection check, printed one line per check (or as JSON).

use merchant_core::{Book, Check, CheckStatus, DoctorReport, doctor};

use super::{Globals, KeyCheck, find_profile_and_key};
use crate::args::DoctorArgs;
use crate::output::{EXIT_API_ERROR, Failure, print_json};

/// Runs `dhmad doctor`. A failed check is exit status 1 after the whole report is printed.
pub async fn run(globals: &Globals, args: DoctorArgs) -> Result<(), Failure> {
    let found = find_profile_and_key(globals, KeyCheck::Report)?;
    let mut profile = found.profile;
    if args.redirect_url.is_some() {
        profile.settings.redirect_url = args.redirect_url;
    }
    let book_path = found.workspace.profiles().book_path(&profile.id);
    // Only an existing book is opened: a check must not create one.
    let unreadable = if book_path.exists() {
        Book::open(&book_path)?.unreadable_count().ok()
    } else {
        None
    };
    let report = doctor(&profile, &found.key, unreadable).await;
    if args.json {
        print_json(
            &serde_json::to_value(&report)
                .map_err(|e| Failure::internal(format!("cannot encode the report: {e}")))?,
        )?;
    } else {
        print_report(&report);
    }
    if report.passed() {
        Ok(())
    } else {
        Err(Failure::with_exit(
            EXIT_API_ERROR,
            "a check failed: see the ✗ lines above for what to do",
        ))
    }
}

fn print_report(report: &DoctorReport) {
    println!(
        "dhmad doctor: profile {} ({}){}",
        report.profile,
        report.environment,
        report
            .base_url
            .as_deref()
            .map(|u| format!(", {u}"))
            .unwrap_or_default()
    );
    for check in &report.checks {
        print_check(check);
    }
}

fn print_check(check: &Check) {
    println!(
        "{} {:<18} {}",
        check.status.mark(),
        label(check),
        check.summary
    );
    if check.status == CheckStatus::Ok {
        return;
    }
    if let Some(advice) = &check.advice {
        println!("  → {advice}");
    }
    for (n, step) in check.steps.iter().enumerate() {
        println!("    {}. {step}", n + 1);
    }
}

fn label(check: &Check) -> &'static str {
    use merchant_core::CheckId as Id;
    match check.id {
        Id::Key => "key",
        Id::Account => "account (GET /me)",
        Id::Association => "association",
        Id::Balance => "balance",
        Id::Escrows => "escrows",
        Id::RateLimit => "rate limit",
        Id::Clock => "clock",
        Id::RedirectUrl => "redirect URL",
        Id::UnreadableRecords => "unreadable records",
    }
}
