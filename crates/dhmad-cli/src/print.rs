//! `dhmad print`: documents rendered by the receipt crate and sent to a thermal printer, or
//! written as PNG for support and checks.

use receipt::escpos::encode;
use receipt::{
    Bitmap, Document, JobOptions, PrintError, PrinterUri, RenderOptions, Renderer, SendSettings,
};
use serde_json::{Value, json};

use crate::args::{PrintCommand, PrintTarget};
use crate::output::Failure;

/// Renders and prints the document; the JSON says where it went and the image's size.
pub fn run(command: &PrintCommand) -> Result<Value, Failure> {
    match command {
        PrintCommand::Test(target) => print(&Document::Calibration, target, JobOptions::default()),
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
