//! The whole way from a document to paper in one call, for callers that just print.

use crate::bitmap::Bitmap;
use crate::document::Document;
use crate::escpos::{JobOptions, encode};
use crate::printer::{PrintError, PrinterUri, SendSettings, send};
use crate::render::{RenderError, RenderOptions, Renderer};

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Print(#[from] PrintError),
}

/// Renders the document, encodes it and sends it; returns the bitmap that was printed (to keep
/// or show). Blocks until the printer took the bytes: call it off the UI thread.
pub fn print_document(
    renderer: &mut Renderer,
    document: &Document,
    options: RenderOptions,
    job: JobOptions,
    printer: &PrinterUri,
    settings: &SendSettings,
) -> Result<Bitmap, JobError> {
    let bitmap = renderer.render(document, options)?;
    send(printer, &encode(&bitmap, job), settings)?;
    Ok(bitmap)
}
