//! `dhmad drawer …`: the profile's till drawer, X and Z reports, and the Z chain's check.

use chrono::Utc;
use merchant_core::day::{
    CashMove, CloseRequest, Counted, Denomination, PaymentMethod, close_drawer, move_cash,
    open_drawer, x_report,
};
use serde_json::json;

use super::day::day_failure;
use super::day_json::{entry_json, report_json, report_text, tnd, z_json};
use super::sale::tnd_amount;
use super::{Globals, open_day_book};
use crate::args::{CloseArgs, DrawerCommand, MoveArgs};
use crate::output::{Failure, print_json};

/// Runs a `dhmad drawer` subcommand.
pub fn run(globals: &Globals, command: DrawerCommand) -> Result<(), Failure> {
    match command {
        DrawerCommand::Open { float } => open(globals, &float),
        DrawerCommand::Move(args) => move_(globals, &args),
        DrawerCommand::X { json } => x(globals, json),
        DrawerCommand::Close(args) => close(globals, &args),
        DrawerCommand::Z { number, json } => z(globals, number, json),
        DrawerCommand::Verify => verify(globals),
    }
}

fn open(globals: &Globals, float: &str) -> Result<(), Failure> {
    let float = tnd_amount("--float", float, true)?;
    let (profile, book) = open_day_book(globals)?;
    let s = &profile.settings;
    let drawer =
        open_drawer(&book, &s.till_id, float, &s.cashier_name, Utc::now()).map_err(day_failure)?;
    print_json(&json!({
        "till": drawer.till,
        "openedAt": drawer.opened_at.to_rfc3339(),
        "float": tnd(drawer.float_millimes),
        "cashier": drawer.cashier,
    }))
}

fn move_(globals: &Globals, args: &MoveArgs) -> Result<(), Failure> {
    let amount = tnd_amount("AMOUNT", &args.amount, false)?;
    let direction = if args.cash_in {
        CashMove::In
    } else {
        CashMove::Out
    };
    let (profile, book) = open_day_book(globals)?;
    let till = &profile.settings.till_id;
    let entry =
        move_cash(&book, till, direction, amount, &args.reason, Utc::now()).map_err(day_failure)?;
    print_json(&entry_json(&entry))
}

fn x(globals: &Globals, json: bool) -> Result<(), Failure> {
    let (profile, book) = open_day_book(globals)?;
    let report = x_report(&book, &profile.settings, Utc::now()).map_err(day_failure)?;
    if json {
        return print_json(&report_json(&report));
    }
    print!("{}", report_text(&report, "X report (next Z)"));
    Ok(())
}

fn close(globals: &Globals, args: &CloseArgs) -> Result<(), Failure> {
    let req = CloseRequest {
        counted: counted(args)?,
        blind: args.blind,
        cashier: args.cashier.clone(),
    };
    let (profile, book) = open_day_book(globals)?;
    let z = close_drawer(&book, &profile.settings, &req, Utc::now()).map_err(day_failure)?;
    if args.json {
        return print_json(&z_json(&z));
    }
    print!("{}", report_text(&z.report, "Z"));
    println!("hash {}", z.hash);
    Ok(())
}

/// `--counted METHOD=AMOUNT` totals and `--cash-piece VALUE=N` pieces.
fn counted(args: &CloseArgs) -> Result<Vec<(PaymentMethod, Counted)>, Failure> {
    let mut out = Vec::new();
    for (method, amount) in &args.counted {
        let method = PaymentMethod::parse(method).map_err(day_failure)?;
        let amount = tnd_amount(&format!("--counted {method}="), amount, true)?;
        out.push((method, Counted::Total(amount.millimes())));
    }
    if !args.pieces.is_empty() {
        let pieces = args
            .pieces
            .iter()
            .map(|(value, n)| piece(value, n))
            .collect::<Result<_, _>>()?;
        out.push((PaymentMethod::Cash, Counted::Pieces(pieces)));
    }
    Ok(out)
}

fn piece(value: &str, n: &str) -> Result<(Denomination, u32), Failure> {
    let how_many: u32 = n.trim().parse().map_err(|_| {
        Failure::usage(format!(
            "--cash-piece {value}={n}: `{n}` is not a number of pieces"
        ))
    })?;
    let denomination = match value.trim() {
        "5n" => Some(Denomination::Note5),
        "5c" | "5" => Some(Denomination::Coin5),
        other => tnd_amount("--cash-piece", other, false).ok().and_then(|m| {
            Denomination::ALL
                .into_iter()
                .filter(|d| !matches!(d, Denomination::Note5 | Denomination::Coin5))
                .find(|d| d.millimes() == m.millimes())
        }),
    };
    let denomination = denomination.ok_or_else(|| {
        Failure::usage(format!(
            "--cash-piece {value}: not a Tunisian note or coin (50, 20, 10, 5n, 5c, 2, 1, 0.5, \
             0.2, 0.1, 0.05, 0.02, 0.01, 0.005)"
        ))
    })?;
    Ok((denomination, how_many))
}

fn z(globals: &Globals, number: i64, json: bool) -> Result<(), Failure> {
    let (_, book) = open_day_book(globals)?;
    let z = book
        .z_report(number)?
        .ok_or_else(|| Failure::usage(format!("there is no Z report number {number}")))?;
    if json {
        return print_json(&z_json(&z));
    }
    print!("{}", report_text(&z.report, "Z"));
    println!("hash {}\nprevious {}", z.hash, z.previous_hash);
    Ok(())
}

fn verify(globals: &Globals) -> Result<(), Failure> {
    let (_, book) = open_day_book(globals)?;
    let check = book.verify_z_chain()?;
    match check.first_broken {
        None => {
            println!(
                "ok: {} Z reports checked, the chain is intact",
                check.checked
            );
            Ok(())
        }
        Some(broken) => Err(Failure::internal(format!(
            "Z {} is broken: {}",
            broken.number, broken.reason
        ))
        .with("brokenZ", json!(broken.number))),
    }
}
