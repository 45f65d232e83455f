//! `dhmad sync`: bring the profile's book up to date (merchant-core's minimal-request sync).

use chrono::Utc;
use merchant_core::{SyncPhase, SyncProgress, sync_as};
use serde_json::json;

use super::{Globals, cancel_on_ctrl_c, open_shop};
use crate::args::SyncArgs;
use crate::output::{Failure, print_json};

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
    if args.json {
        print_json(&json!({
            "profile": shop.profile.id.as_str(),
            "requests": report.requests,
            "new": report.new,
            "updated": report.updated,
            "statusChanges": report.status_changes,
        }))?;
    } else {
        println!("synced profile {}", shop.profile.id);
        println!("requests: {}", report.requests);
        println!("new escrows: {}", report.new);
        println!("updated escrows: {}", report.updated);
        println!("status changes: {}", report.status_changes);
    }
    Ok(())
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
