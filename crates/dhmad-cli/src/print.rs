//! `dhmad print`: documents rendered by the receipt crate and sent to a thermal printer, or
//! written as PNG for support and checks.

use chrono::Utc;
use merchant_core::print::{ReceiptRef, Source, z_document};
use merchant_core::{Book, Profile};
use receipt::escpos::encode;
use receipt::{
    Bitmap, Document, JobOptions, PrintError, PrinterUri, RenderOptions, Renderer, SendSettings,
};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use crate::output::Failure;

/// What to print. Each document is rendered as an image (Arabic shaped, right to left) and sent
/// as ESC/POS raster: no printer driver, no dialog.
#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// The calibration page: a ruler across the printable width and text in both scripts.
    Test(PrintTarget),
    /// A receipt of this till by its number (a recorded sale, a refund or a paid DHMAD counter
    /// sale), from the profile's book; a receipt printed before is marked as a copy.
    Receipt {
        #[arg(value_name = "RECEIPT_NO")]
        number: i64,
        #[command(flatten)]
        target: PrintTarget,
    },
    /// The Z report numbered N, from the profile's book.
    Z {
        #[arg(value_name = "N")]
        number: i64,
        #[command(flatten)]
        target: PrintTarget,
    },
}

/// Where and how a document prints; shared by every `print` command.
#[derive(Debug, Args)]
pub struct PrintTarget {
    /// tcp://HOST[:PORT] (port 9100 by default), a device such as /dev/usb/lp0 (or
    /// file:///dev/usb/lp0), or cups://QUEUE (a raw CUPS queue, through `lp`).
    #[arg(long, value_name = "URI", required_unless_present = "png")]
    pub printer: Option<String>,
    /// The paper roll's width in millimetres: 58 (384 dots) or 80 (576 dots).
    #[arg(long, value_name = "MM", default_value = "58", value_parser = parse_paper)]
    pub width: receipt::Paper,
    /// ar, fr, en, or ar+fr (every label in Arabic and French).
    #[arg(long, value_name = "LANG", default_value = "ar+fr", value_parser = parse_language)]
    pub language: receipt::Language,
    /// Also write the rendered page to this PNG file (alone: only the file, nothing printed).
    #[arg(long, value_name = "FILE")]
    pub png: Option<PathBuf>,
}

fn parse_paper(text: &str) -> Result<receipt::Paper, String> {
    text.trim()
        .trim_end_matches("mm")
        .parse()
        .ok()
        .and_then(receipt::Paper::from_millimetres)
        .ok_or_else(|| "the width is 58 or 80 (millimetres)".to_owned())
}

fn parse_language(text: &str) -> Result<receipt::Language, String> {
    receipt::Language::parse(text).ok_or_else(|| "the language is ar, fr, en or ar+fr".to_owned())
}

/// Renders and prints the document; the JSON says where it went and the image's size. The
/// profile's book (`book`) is opened only for what comes from it.
pub fn run(
    command: &PrintCommand,
    book: impl FnOnce() -> Result<(Profile, Book), Failure>,
) -> Result<Value, Failure> {
    match command {
        PrintCommand::Test(target) => print(&Document::Calibration, target, JobOptions::default()),
        PrintCommand::Receipt { number, target } => {
            let (profile, book) = book()?;
            let origin = profile.api_origin();
            let source = source(&profile, &book, &origin);
            let found = source.receipt(ReceiptRef::Number(*number), target.language)?;
            let printed = print(&found.document, target, JobOptions::default())?;
            // Only paper counts as a print: a PNG alone leaves the next print the original.
            if target.printer.is_some() {
                book.note_receipt_printed(&found.entry_id, Utc::now())?;
            }
            Ok(printed)
        }
        PrintCommand::Z { number, target } => {
            let (profile, book) = book()?;
            let z = book.z_report(*number)?.ok_or_else(|| {
                Failure::usage(format!("no Z report No {number} in this profile's book"))
            })?;
            let document = z_document(&z, &profile.settings, target.language, Utc::now());
            print(&document, target, JobOptions::default())
        }
    }
}

fn source<'a>(profile: &'a Profile, book: &'a Book, api_origin: &'a str) -> Source<'a> {
    Source {
        book,
        settings: &profile.settings,
        api_origin,
    }
}

/// The common path of every print command, once the document is built.
fn print(document: &Document, target: &PrintTarget, job: JobOptions) -> Result<Value, Failure> {
    // Parsed before rendering so a mistyped address fails at once.
    let printer = target
        .printer
        .as_deref()
        .map(PrinterUri::parse)
        .transpose()
        .map_err(|err| Failure::usage(err.to_string()))?;
    let options = RenderOptions {
        paper: target.width,
        language: target.language,
    };
    let bitmap = Renderer::new()
        .render(document, options)
        .map_err(|err| Failure::usage(err.to_string()))?;
    let mut result = json!({
        "widthDots": bitmap.width(),
        "heightDots": bitmap.height(),
        "language": target.language.code(),
    });
    if let Some(path) = &target.png {
        write_png(&bitmap, path)?;
        result["png"] = json!(path.display().to_string());
    }
    if let Some(printer) = printer {
        let stream = encode(&bitmap, job);
        receipt::send(&printer, &stream, &SendSettings::default()).map_err(print_failure)?;
        result["printer"] = json!(printer.to_string());
        result["bytes"] = json!(stream.len());
    }
    Ok(result)
}

fn write_png(bitmap: &Bitmap, path: &std::path::Path) -> Result<(), Failure> {
    let bytes = bitmap
        .to_png()
        .map_err(|err| Failure::internal(err.to_string()))?;
    std::fs::write(path, bytes)
        .map_err(|err| Failure::internal(format!("cannot write {}: {err}", path.display())))
}

fn print_failure(err: PrintError) -> Failure {
    Failure::internal(err.to_string()).with("retry", json!(true))
}
