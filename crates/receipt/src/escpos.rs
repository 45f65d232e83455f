//! ESC/POS output: the whole page as raster images (`GS v 0`), never text mode, so Arabic prints
//! exactly as rendered. [`parse`] reads such a stream back (the virtual printer uses it).

use crate::bitmap::Bitmap;

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;
/// Rows per `GS v 0` image: cheap printers' receive buffers overflow on one tall image.
pub const BAND_ROWS: u32 = 256;
/// Paper fed after the image so the cut falls below the last line (in lines of the printer's
/// default height).
const FEED_LINES: u8 = 4;

/// What to do besides printing the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JobOptions {
    /// Open the cash drawer wired to the printer (cash sales).
    pub drawer_kick: bool,
}

/// Initialise, (kick the drawer), the bitmap in bands, feed, cut.
pub fn encode(bitmap: &Bitmap, options: JobOptions) -> Vec<u8> {
    let mut out = vec![ESC, b'@'];
    if options.drawer_kick {
        // Pin 2, pulse on 50 ms, off 500 ms (units of 2 ms).
        out.extend_from_slice(&[ESC, b'p', 0, 25, 250]);
    }
    let bytes_per_row = bitmap.bytes_per_row();
    let mut top = 0;
    while top < bitmap.height() {
        let rows = BAND_ROWS.min(bitmap.height() - top);
        out.extend_from_slice(&[GS, b'v', b'0', 0]);
        out.extend_from_slice(&u16_le(bytes_per_row));
        out.extend_from_slice(&u16_le(rows as usize));
        out.extend_from_slice(bitmap.packed_rows(top, top + rows));
        top += rows;
    }
    out.extend_from_slice(&[ESC, b'd', FEED_LINES]);
    // Partial cut: the receipt stays hanging until torn, the usual counter setting.
    out.extend_from_slice(&[GS, b'V', 1]);
    out
}

fn u16_le(value: usize) -> [u8; 2] {
    let value = u16::try_from(value).unwrap_or(u16::MAX);
    value.to_le_bytes()
}

/// One `GS v 0` image of a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub width_bytes: u16,
    pub rows: u16,
}

/// A stream read back: the image it prints and what else it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedJob {
    pub bitmap: Bitmap,
    pub bands: Vec<Band>,
    pub drawer_kicks: usize,
    pub cut: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StreamError {
    #[error("the stream does not start with ESC @ (initialise)")]
    NoInitialise,
    #[error("the stream ends in the middle of a command at byte {offset}")]
    Truncated { offset: usize },
    #[error(
        "unexpected byte 0x{byte:02x} at {offset}: only ESC @, ESC p, ESC d, LF, GS v 0 and GS V are expected"
    )]
    Unexpected { byte: u8, offset: usize },
    #[error("GS v 0 at {offset} uses mode {mode}: only normal density (0) is expected")]
    Mode { mode: u8, offset: usize },
    #[error("the image bands differ in width ({first} then {then} bytes)")]
    BandWidths { first: u16, then: u16 },
    #[error("the stream has no image")]
    NoImage,
    #[error("the stream does not end with a cut (GS V)")]
    NoCut,
}

/// Checks a stream the way a strict printer would and decodes its image.
pub fn parse(stream: &[u8]) -> Result<ParsedJob, StreamError> {
    if !stream.starts_with(&[ESC, b'@']) {
        return Err(StreamError::NoInitialise);
    }
    let mut reader = Reader {
        stream,
        offset: 0,
        bands: Vec::new(),
        data: Vec::new(),
        drawer_kicks: 0,
        cut_at_end: false,
    };
    while reader.offset < stream.len() {
        reader.command()?;
    }
    reader.finish()
}

struct Reader<'a> {
    stream: &'a [u8],
    offset: usize,
    bands: Vec<Band>,
    data: Vec<u8>,
    drawer_kicks: usize,
    cut_at_end: bool,
}

impl Reader<'_> {
    fn take(&mut self, count: usize) -> Result<&[u8], StreamError> {
        let start = self.offset;
        let bytes = self
            .stream
            .get(start..start + count)
            .ok_or(StreamError::Truncated { offset: start })?;
        self.offset += count;
        Ok(bytes)
    }

    fn command(&mut self) -> Result<(), StreamError> {
        let offset = self.offset;
        let head = self.take(1)?[0];
        self.cut_at_end = false;
        match head {
            b'\n' => Ok(()),
            ESC => self.escape(offset),
            GS => self.group(offset),
            byte => Err(StreamError::Unexpected { byte, offset }),
        }
    }

    fn escape(&mut self, offset: usize) -> Result<(), StreamError> {
        match self.take(1)?[0] {
            b'@' => Ok(()),
            b'd' => self.take(1).map(drop),
            b'p' => {
                self.take(3)?;
                self.drawer_kicks += 1;
                Ok(())
            }
            byte => Err(StreamError::Unexpected {
                byte,
                offset: offset + 1,
            }),
        }
    }

    fn group(&mut self, offset: usize) -> Result<(), StreamError> {
        match self.take(1)?[0] {
            b'v' => self.raster(offset),
            b'V' => {
                let mode = self.take(1)?[0];
                // Modes 65 and 66 take a feed amount.
                if mode == 65 || mode == 66 {
                    self.take(1)?;
                }
                self.cut_at_end = true;
                Ok(())
            }
            byte => Err(StreamError::Unexpected {
                byte,
                offset: offset + 1,
            }),
        }
    }

    fn raster(&mut self, offset: usize) -> Result<(), StreamError> {
        let header = self.take(6)?;
        let (zero, mode) = (header[0], header[1]);
        if zero != b'0' && zero != 0 {
            return Err(StreamError::Unexpected {
                byte: zero,
                offset: offset + 2,
            });
        }
        if mode != 0 && mode != b'0' {
            return Err(StreamError::Mode { mode, offset });
        }
        let width_bytes = u16::from_le_bytes([header[2], header[3]]);
        let rows = u16::from_le_bytes([header[4], header[5]]);
        if let Some(first) = self.bands.first()
            && first.width_bytes != width_bytes
        {
            return Err(StreamError::BandWidths {
                first: first.width_bytes,
                then: width_bytes,
            });
        }
        let data = self
            .take(usize::from(width_bytes) * usize::from(rows))?
            .to_vec();
        self.data.extend_from_slice(&data);
        self.bands.push(Band { width_bytes, rows });
        Ok(())
    }

    fn finish(self) -> Result<ParsedJob, StreamError> {
        let Some(first) = self.bands.first() else {
            return Err(StreamError::NoImage);
        };
        if !self.cut_at_end {
            return Err(StreamError::NoCut);
        }
        let width = u32::from(first.width_bytes) * 8;
        let height: u32 = self.bands.iter().map(|b| u32::from(b.rows)).sum();
        let bitmap = Bitmap::from_packed(width, height, self.data).ok_or(StreamError::NoImage)?;
        Ok(ParsedJob {
            bitmap,
            bands: self.bands,
            drawer_kicks: self.drawer_kicks,
            cut: true,
        })
    }
}
