//! Checkout links as QR codes: SVG, black on white, EC level M, 4-module quiet zone.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::error::{MerchantError, Result};

/// Smallest side of the rendered SVG in pixels (readable from a phone across a counter).
pub const MIN_SIZE_PX: u32 = 320;

/// Renders `text` (a checkout URL) as a standalone SVG document.
pub fn qr_svg(text: &str) -> Result<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| MerchantError::InvalidInput(format!("cannot make a QR code: {e}")))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .min_dimensions(MIN_SIZE_PX, MIN_SIZE_PX)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}
