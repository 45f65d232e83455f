//! What is drawn as dots rather than text: rules, the calibration ruler, QR codes.

use qrcode::QrCode;

use crate::bitmap::Bitmap;

/// A dashed rule with a little paper above and below.
pub fn rule(bitmap: &mut Bitmap) {
    let top = i64::from(bitmap.height());
    bitmap.grow(14);
    let mut x = 0;
    while x < i64::from(bitmap.width()) {
        bitmap.fill_rect(x, top + 6, 6, 2);
        x += 10;
    }
}

/// Ticks every millimetre (8 dots), longer every 5 and 10 mm, with both edges marked so a test
/// page shows whether the printer prints the whole width.
pub fn ruler(bitmap: &mut Bitmap) {
    let top = i64::from(bitmap.height());
    let width = bitmap.width();
    bitmap.grow(40);
    bitmap.fill_rect(0, top + 4, width, 2);
    for x in (0..width).step_by(8) {
        let length = match x % 80 {
            0 => 30,
            40 => 20,
            _ => 10,
        };
        bitmap.fill_rect(i64::from(x), top + 4, 2, length);
    }
    bitmap.fill_rect(i64::from(width) - 2, top, 2, 40);
    bitmap.fill_rect(0, top, 2, 40);
}

/// The payload as a QR code centred on the paper, with its quiet zone.
pub fn qr(bitmap: &mut Bitmap, payload: &str) -> Result<(), qrcode::types::QrError> {
    let code = QrCode::new(payload.as_bytes())?;
    let modules = code.width() as u32;
    const QUIET: u32 = 4;
    // About 60% of the paper and at most 8 dots a module: large enough for a phone at arm's length.
    let scale = (bitmap.width() * 3 / 5 / (modules + 2 * QUIET)).clamp(2, 8);
    let side = (modules + 2 * QUIET) * scale;
    let left = i64::from(bitmap.width().saturating_sub(side) / 2 + QUIET * scale);
    let top = i64::from(bitmap.height() + QUIET * scale);
    bitmap.grow(side);
    for (index, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (column, row) = (index as u32 % modules, index as u32 / modules);
            let x = left + i64::from(column * scale);
            let y = top + i64::from(row * scale);
            bitmap.fill_rect(x, y, scale, scale);
        }
    }
    Ok(())
}
