//! `dhmad sync`: bring the profile's book up to date (merchant-core's minimal-request sync).

use chrono::Utc;
use merchant_core::balance::SavedBalance;
use merchant_core::book::UnreadableRecord;
use merchant_core::sync::ListShortfall;
use merchant_core::{SyncPhase, SyncProgress, SyncReport, sync_as};
use serde_json::{Value, json};

use super::{Globals, cancel_on_ctrl_c, open_shop};
use crate::args::SyncArgs;
use crate::output::{Failure, print_json};

/// The one `GET /balance` each run makes after the escrows.
const BALANCE_REQUESTS: u32 = 1;

/// Runs `dhmad sync`.
pub async fn run(globals: &Globals, args: SyncArgs) -> Result<(), Failure> {
    let shop = open_shop(globals)?;
    let cancel = cancel_on_ctrl_c().await;
    let me = shop.associated_user();
    // Cancellation is checked before each request and every page is stored in one
    // transaction, so stopping leaves a consistent book that the next run completes.
    let report = sync_as(
        &shop.book,
        &shop.client,
        &me,
        print_progress,
        &cancel,
        Utc::now(),
    )
    .await?;
    // The balance too, as the app's sync does, so the app's dashboard shows what this run read.
    // Not fatal: the escrows are synced whatever the balance endpoint answers.
    let balance =
        match merchant_core::balance::refresh_balance(&shop.book, &shop.client, Utc::now()).await {
            Ok(saved) => Some(saved),
            Err(e) => {
                eprintln!("warning: the balance could not be read: {e}");
                None
            }
        };
    // Everything still unreadable, this sync's and earlier ones', so nothing is lost silently.
    let unreadable = shop.book.unreadable_records()?;
    let profile = shop.profile.id.as_str();
    if args.json {
        print_json(&report_json(
            profile,
            &report,
            balance.as_ref(),
            &unreadable,
        ))?;
    } else {
        print_report(profile, &report, balance.as_ref(), &unreadable);
    }
    Ok(())
}

/// `dhmad sync --json`: the counts, problems and balance for a script.
fn report_json(
    profile: &str,
    report: &SyncReport,
    balance: Option<&SavedBalance>,
    unreadable: &[UnreadableRecord],
) -> Value {
    json!({
        "profile": profile,
        "requests": report.requests + BALANCE_REQUESTS,
        "new": report.new,
        "updated": report.updated,
        "statusChanges": report.status_changes,
        "shortfalls": report.shortfalls,
        "unreadable": unreadable,
        "balance": balance.map(|b| json!({
            "available": b.available,
            "pending": b.pending,
            "escrow": b.escrow,
            "asOf": b.as_of,
        })),
    })
}

/// The same for a person reading the terminal; problems come last.
fn print_report(
    profile: &str,
    report: &SyncReport,
    balance: Option<&SavedBalance>,
    unreadable: &[UnreadableRecord],
) {
    println!("synced profile {profile}");
    println!("requests: {}", report.requests + BALANCE_REQUESTS);
    println!("new escrows: {}", report.new);
    println!("updated escrows: {}", report.updated);
    println!("status changes: {}", report.status_changes);
    if let Some(b) = balance {
        println!(
            "balance: available {} TND, pending {} TND, escrow {} TND",
            b.available, b.pending, b.escrow
        );
    }
    print_problems(&report.shortfalls, unreadable);
}

fn print_problems(shortfalls: &[ListShortfall], unreadable: &[UnreadableRecord]) {
    for s in shortfalls {
        eprintln!(
            "warning: {}: {} of {} read (the server's total disagrees)",
            s.endpoint, s.read, s.announced
        );
    }
    if !unreadable.is_empty() {
        println!("could not be read: {}", unreadable.len());
    }
    for r in unreadable {
        let id = r.record_id.as_deref().unwrap_or("(no id)");
        println!("  {} {id}: {}", r.endpoint, r.reason);
    }
}

fn print_progress(progress: SyncProgress) {
    let phase = match progress.phase {
        SyncPhase::New => "new escrows, page",
        SyncPhase::Active => "active escrows, page",
        SyncPhase::Changed => "finished escrows, read",
    };
    eprintln!(
        "sync: {phase} {}/{} ({} requests)",
        progress.done, progress.total, progress.requests
    );
}
