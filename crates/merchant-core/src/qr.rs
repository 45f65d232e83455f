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

#[cfg(test)]
mod tests {
    use super::*;

    /// The front end draws the code itself from the view box and the one path (its `Qr`
    /// component) and falls back to a slower image for anything else: keep this shape.
    #[test]
    fn the_svg_is_one_view_box_and_one_path_of_moves_and_lines() {
        let svg = qr_svg("https://sandbox.dhmad.tn/checkout/550e8400-e29b-41d4-a716-446655440000")
            .unwrap();
        let attr = |name: &str| {
            let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            svg[start..].split('"').next().unwrap().to_owned()
        };
        let view_box: Vec<u32> = attr("viewBox")
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(view_box[..2], [0, 0]);
        assert_eq!(view_box[2], view_box[3]);
        assert!(view_box[2] >= MIN_SIZE_PX);
        assert_eq!(svg.matches("<path").count(), 1);
        let path = attr("d");
        assert!(path.starts_with('M'));
        assert!(
            path.chars().all(|c| "MHVhv0123456789 ".contains(c)),
            "{path}"
        );
    }
}
