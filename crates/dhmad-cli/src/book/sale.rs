//! `dhmad sale`: a counter sale. Creates the escrow and its `accept_pay` link (merchant-core
//! stores the sale before anything is shown), prints the link and its QR code, then watches
//! until the buyer pays. When the create's answer is lost it says "not sure yet — checking with
//! DHMAD…" and looks the escrow up by the sale's reference (never sending it again) until it is
//! found or DHMAD clearly has not got it: "not created — you can charge again".

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::Utc;
use dhmad_api::Money;
use futures::StreamExt;
use merchant_core::{
    Charge, MerchantError, Patience, SaleEvent, SaleMode, SaleRequest, SaleStarted, Shop,
    WatchConfig, charge, reconcile_sale, watch_sale,
};
use uuid::Uuid;

use super::{Globals, cancel_on_ctrl_c, open_shop, qr};
use crate::args::{SaleArgs, SaleModeArg};
use crate::output::{EXIT_INTERRUPTED, EXIT_OUTCOME_UNKNOWN, Failure};

/// How often the Ctrl-C flag is looked at while waiting for the watcher.
const CTRL_C_POLL: Duration = Duration::from_millis(200);

/// Runs `dhmad sale`.
pub async fn run(globals: &Globals, args: SaleArgs) -> Result<(), Failure> {
    let amount = sale_amount(&args.amount)?;
    let shop = open_shop(globals)?;
    let mode = match args.mode {
        Some(SaleModeArg::Instant) => SaleMode::Instant,
        Some(SaleModeArg::Quick) => SaleMode::Quick,
        None => shop.profile.settings.default_sale_mode,
    };
    let redirect_url = args
        .redirect_url
        .or_else(|| shop.profile.settings.redirect_url.clone())
        .ok_or_else(|| {
            Failure::usage(
                "no redirect URL: pass --redirect-url (one of your allowed redirect URLs) or \
                 set DHMAD_REDIRECT_URL",
            )
        })?;
    let request = SaleRequest {
        amount,
        title: args.title,
        buyer_email: args.buyer_email,
        mode,
    };
    let charged = charge(&shop.book, &shop.client, request, &redirect_url, Utc::now()).await?;
    let started = match charged {
        Charge::Started(started) => started,
        Charge::Unsure { sale_id, error } => check(&shop, sale_id, &error, &redirect_url).await?,
    };
    let cancel = cancel_on_ctrl_c().await;
    print_started(&shop, &started)?;
    wait_for_payment(&shop, &started, &cancel).await
}

/// What the buyer needs: the link and its QR code; and the sale's receipt number.
fn print_started(shop: &Shop, started: &SaleStarted) -> Result<(), Failure> {
    println!("sale: {}", started.sale_id);
    // The number was taken with the sale row, before the escrow was asked for.
    if let Some((till, number)) = shop.book.receipt_of(&started.sale_id.to_string())? {
        println!("receipt: {number} (till {till})");
    }
    println!("escrow: {}", started.escrow_id);
    println!("checkout: {}", started.checkout_url);
    println!("link expires: {}", started.expires_at.to_rfc3339());
    println!("{}", qr::render(&started.checkout_url)?);
    println!("waiting for payment (Ctrl-C stops waiting; the sale stays saved)");
    flush();
    Ok(())
}

/// Watches the sale until it is paid or cannot be any more; Ctrl-C stops waiting, the sale
/// stays saved.
async fn wait_for_payment(
    shop: &Shop,
    started: &SaleStarted,
    cancel: &AtomicBool,
) -> Result<(), Failure> {
    let mut events = Box::pin(watch_sale(
        shop.book.clone(),
        shop.client.clone(),
        started.sale_id,
        WatchConfig::default(),
        Utc::now,
    ));
    loop {
        let event = tokio::select! {
            event = events.next() => event,
            () = tokio::time::sleep(CTRL_C_POLL) => {
                if cancel.load(Ordering::Relaxed) {
                    return Err(interrupted(&started.sale_id.to_string()));
                }
                continue;
            }
        };
        if let Some(outcome) = sale_outcome(event, started) {
            return outcome;
        }
        flush();
    }
}

/// What one watch event means for the command: `None` goes on waiting, else its end.
fn sale_outcome(event: Option<SaleEvent>, started: &SaleStarted) -> Option<Result<(), Failure>> {
    match event {
        Some(SaleEvent::Paid { .. }) => {
            println!("paid");
            println!(
                "hand over the goods, then mark it delivered: dhmad escrows deliver {}",
                started.escrow_id
            );
            flush();
            Some(Ok(()))
        }
        // Seen only if payment and delivery happened between two polls.
        Some(SaleEvent::Delivered { .. }) => {
            println!("delivered");
            None
        }
        Some(SaleEvent::Completed { .. }) => {
            println!("paid");
            println!("completed");
            Some(Ok(()))
        }
        Some(SaleEvent::Cancelled { .. }) => Some(Err(Failure::internal(
            "the sale was cancelled before payment",
        ))),
        Some(SaleEvent::SessionExpired { session_id, .. }) => {
            Some(Err(Failure::internal(format!(
                "the checkout link {session_id} expired before payment; start the sale again \
                 or renew the link from the app"
            ))))
        }
        None => Some(Err(Failure::internal(
            "stopped watching the sale (see --verbose)",
        ))),
    }
}

/// Looks up a sale whose create answer was lost, saying so first; exit 3 while still unsure.
async fn check(
    shop: &Shop,
    sale_id: Uuid,
    error: &dhmad_api::ApiError,
    redirect_url: &str,
) -> Result<SaleStarted, Failure> {
    println!("sale: {sale_id}");
    println!("Not sure yet — checking with DHMAD… ({error})");
    flush();
    let patience = Patience::default();
    let found = reconcile_sale(
        &shop.book,
        &shop.client,
        sale_id,
        redirect_url,
        Utc::now(),
        &patience,
    )
    .await;
    match found {
        Ok(started) => Ok(started),
        Err(MerchantError::SaleFailed(message)) => Err(Failure::internal(message)),
        Err(e) => Err(Failure::with_exit(
            EXIT_OUTCOME_UNKNOWN,
            format!(
                "Not sure yet: sale {sale_id} could not be checked with DHMAD ({e}). It was not \
                 sent again; do not charge again before it is checked (the desktop app checks it \
                 when it opens)."
            ),
        )),
    }
}

/// The typed amount, exactly: the API client would round a 4th decimal, but a merchant who
/// typed one made a mistake the buyer should not pay for.
fn sale_amount(text: &str) -> Result<Money, Failure> {
    tnd_amount("--amount", text, false)
}

/// An amount in TND as typed after `flag`: at most 3 decimals (more is refused, never rounded),
/// above zero unless `zero_ok`.
pub(super) fn tnd_amount(flag: &str, text: &str, zero_ok: bool) -> Result<Money, Failure> {
    let invalid = |why: String| {
        Failure::usage(format!(
            "{flag} `{text}`: {why} (write it like 12.500, at most 3 decimals)"
        ))
    };
    let text = text.trim();
    let decimals = text.split_once('.').map_or("", |(_, d)| d);
    if decimals.trim_end_matches('0').len() > 3 {
        return Err(invalid("more than 3 decimals".into()));
    }
    let amount = Money::from_tnd_str(text).map_err(|err| invalid(err.to_string()))?;
    if amount.millimes() < 0 || (!zero_ok && !amount.is_positive()) {
        return Err(invalid("the amount must be above zero".into()));
    }
    Ok(amount)
}

fn interrupted(sale_id: &str) -> Failure {
    Failure::with_exit(
        EXIT_INTERRUPTED,
        format!(
            "stopped waiting; sale {sale_id} is saved in the local book and its checkout link \
             stays valid until it expires (the desktop app resumes watching it)"
        ),
    )
}

/// Makes the lines above visible at once when stdout is a pipe.
fn flush() {
    // A closed stdout is not worth failing the sale over.
    let _ = std::io::stdout().flush();
}
