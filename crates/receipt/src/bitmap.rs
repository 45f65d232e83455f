//! A 1-bit image, packed the way ESC/POS raster wants it: rows of bytes, most significant bit
//! first, 1 = a black dot.

use std::io::Cursor;

/// A black-and-white picture of the paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("could not write the PNG: {0}")]
    Encode(#[from] png::EncodingError),
    #[error("not a readable PNG: {0}")]
    Decode(#[from] png::DecodingError),
    #[error("unsupported PNG pixel format {0:?}")]
    Format(png::ColorType),
}

impl Bitmap {
    /// A white bitmap.
    pub fn new(width: u32, height: u32) -> Bitmap {
        let bytes = bytes_per_row(width) * height as usize;
        Bitmap {
            width,
            height,
            data: vec![0; bytes],
        }
    }

    /// From packed rows (see the module's doc); `None` when the length does not match.
    pub fn from_packed(width: u32, height: u32, data: Vec<u8>) -> Option<Bitmap> {
        (data.len() == bytes_per_row(width) * height as usize).then_some(Bitmap {
            width,
            height,
            data,
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn bytes_per_row(&self) -> usize {
        bytes_per_row(self.width)
    }

    /// The packed rows.
    pub fn packed(&self) -> &[u8] {
        &self.data
    }

    /// Rows `from..to` packed.
    pub fn packed_rows(&self, from: u32, to: u32) -> &[u8] {
        let row = self.bytes_per_row();
        let to = to.min(self.height);
        let from = from.min(to);
        &self.data[from as usize * row..to as usize * row]
    }

    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let byte = self.data[y as usize * self.bytes_per_row() + (x / 8) as usize];
        byte & (0x80 >> (x % 8)) != 0
    }

    /// Blackens a dot; dots outside the paper are ignored.
    pub fn set(&mut self, x: i64, y: i64) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let index = y as usize * self.bytes_per_row() + (x / 8) as usize;
        self.data[index] |= 0x80 >> (x % 8);
    }

    pub fn fill_rect(&mut self, x: i64, y: i64, width: u32, height: u32) {
        for row in y..y + i64::from(height) {
            for column in x..x + i64::from(width) {
                self.set(column, row);
            }
        }
    }

    /// Adds white rows at the bottom.
    pub fn grow(&mut self, rows: u32) {
        self.height += rows;
        self.data
            .resize(self.bytes_per_row() * self.height as usize, 0);
    }

    pub fn black_dots(&self) -> usize {
        self.data.iter().map(|b| b.count_ones() as usize).sum()
    }

    /// How many dots differ from another bitmap (every dot, when the sizes differ).
    pub fn differing_dots(&self, other: &Bitmap) -> usize {
        if (self.width, self.height) != (other.width, other.height) {
            return (self.width.max(other.width) * self.height.max(other.height)) as usize;
        }
        let diff = self.data.iter().zip(&other.data);
        diff.map(|(a, b)| (a ^ b).count_ones() as usize).sum()
    }

    /// A 1-bit grayscale PNG (black on white).
    pub fn to_png(&self) -> Result<Vec<u8>, PngError> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        let mut writer = encoder.write_header()?;
        // PNG's 1-bit gray has 1 = white: the opposite of the printer's dots.
        let inverted: Vec<u8> = self.data.iter().map(|b| !b).collect();
        writer.write_image_data(&inverted)?;
        writer.finish()?;
        Ok(out)
    }

    /// Reads any PNG; a pixel darker than mid-gray (or opaque enough) is a black dot.
    pub fn from_png(bytes: &[u8]) -> Result<Bitmap, PngError> {
        let mut decoder = png::Decoder::new(Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info()?;
        let mut buffer = vec![0; reader.output_buffer_size().unwrap_or(0)];
        let info = reader.next_frame(&mut buffer)?;
        let channels = match info.color_type {
            png::ColorType::Grayscale => 1,
            png::ColorType::GrayscaleAlpha => 2,
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => return Err(PngError::Format(other)),
        };
        let mut bitmap = Bitmap::new(info.width, info.height);
        for y in 0..info.height {
            let row = &buffer[y as usize * info.line_size..][..info.line_size];
            for x in 0..info.width {
                if is_dark(&row[x as usize * channels..][..channels]) {
                    bitmap.set(i64::from(x), i64::from(y));
                }
            }
        }
        Ok(bitmap)
    }
}

fn is_dark(pixel: &[u8]) -> bool {
    let (gray, alpha) = match pixel {
        [g] => (u32::from(*g), 255),
        [g, a] => (u32::from(*g), u32::from(*a)),
        [r, g, b] => ((u32::from(*r) + u32::from(*g) + u32::from(*b)) / 3, 255),
        [r, g, b, a] => (
            (u32::from(*r) + u32::from(*g) + u32::from(*b)) / 3,
            u32::from(*a),
        ),
        _ => (255, 0),
    };
    // Composite on white paper.
    let on_white = (gray * alpha + 255 * (255 - alpha)) / 255;
    on_white < 128
}

fn bytes_per_row(width: u32) -> usize {
    width.div_ceil(8) as usize
}
