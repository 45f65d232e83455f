//! The checkout link as a QR code drawn with Unicode half blocks, for a phone to scan off the
//! terminal.

use qrcode::render::unicode::Dense1x2;
use qrcode::{EcLevel, QrCode};

use crate::output::Failure;

/// The QR code of `text`, two modules per character cell, with the quiet zone. Terminals draw
/// text light on dark, so the code's light modules are the drawn ones: the result scans as a
/// normal (dark on light) code on a dark terminal.
pub fn render(text: &str) -> Result<String, Failure> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M)
        .map_err(|err| Failure::internal(format!("cannot draw the QR code: {err}")))?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn draws_half_blocks_with_a_quiet_zone() {
        let text = render("http://127.0.0.1:4010/checkout/cs_123").unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // A version-2+ code is ≥ 25 modules + 2×4 quiet zone = ≥ 33 columns, half as many rows.
        assert!(lines[0].chars().count() >= 33, "{text}");
        assert!(lines.len() * 2 >= lines[0].chars().count(), "{text}");
        // The quiet zone (light) is drawn as full blocks on the first row.
        assert!(lines[0].chars().all(|c| c == '█'), "{text}");
        assert!(text.contains('▀') || text.contains('▄'), "{text}");
    }
}
