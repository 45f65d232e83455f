//! Blocks → a 1-bit bitmap. Text goes through cosmic-text (harfrust shaping, the Unicode bidi
//! algorithm, line breaking) with the bundled font only, so a receipt renders to the same dots on
//! every machine.

use cosmic_text::{
    Align, Attrs, Buffer, Color, Family, FontSystem, Metrics, Shaping, SwashCache, Weight, Wrap,
    fontdb,
};

use crate::bitmap::Bitmap;
use crate::blocks::{Block, Placement, TextSize};
use crate::compose::compose;
use crate::document::Document;
use crate::lang::Language;
use crate::paper::Paper;
use crate::shapes;

/// DejaVu Sans Bold, cut down to Latin and Arabic (see fonts/LICENSE-DejaVu.txt). Bold: thin
/// strokes fade on thermal paper.
pub const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
const FAMILY: &str = "DejaVu Sans";
/// Coverage from which an anti-aliased dot prints black.
const INK_THRESHOLD: u8 = 110;
/// Between a label and its value.
const COLUMN_GAP: f32 = 16.0;

/// What to print on: the paper's width and the document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    pub paper: Paper,
    pub language: Language,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the QR code cannot hold this text ({length} bytes): {reason}")]
    Qr { length: usize, reason: String },
}

/// Holds the font and the glyph cache: make one and reuse it (loading the font is the slow part).
pub struct Renderer {
    fonts: FontSystem,
    glyphs: SwashCache,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

/// A text block laid out and ready to draw.
struct Laid {
    buffer: Buffer,
    width: f32,
    height: f32,
}

impl Renderer {
    pub fn new() -> Renderer {
        let mut db = fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        Renderer {
            // The locale only orders fallback fonts; there is one font and no system font.
            fonts: FontSystem::new_with_locale_and_db("en-US".to_owned(), db),
            glyphs: SwashCache::new(),
        }
    }

    /// The document as the paper will show it.
    pub fn render(
        &mut self,
        document: &Document,
        options: RenderOptions,
    ) -> Result<Bitmap, RenderError> {
        let blocks = compose(document, options.language, options.paper);
        self.render_blocks(&blocks, options)
    }

    /// Blocks drawn top to bottom across the paper.
    pub fn render_blocks(
        &mut self,
        blocks: &[Block],
        options: RenderOptions,
    ) -> Result<Bitmap, RenderError> {
        let width = options.paper.dots();
        let mut bitmap = Bitmap::new(width, 0);
        let rtl = options.language.is_rtl();
        for block in blocks {
            let top = bitmap.height();
            match block {
                Block::Text {
                    text,
                    size,
                    placement,
                } => {
                    let align = match placement {
                        Placement::Center => Align::Center,
                        Placement::Start if rtl => Align::Right,
                        Placement::Start => Align::Left,
                    };
                    let laid = self.lay_out(text, *size, Some(width as f32), align);
                    bitmap.grow(laid.height.ceil() as u32);
                    self.draw(laid.buffer, &mut bitmap, 0.0, top);
                }
                Block::Row { label, value, size } => {
                    self.row(&mut bitmap, &label.join("\n"), value, *size, rtl);
                }
                Block::Rule => shapes::rule(&mut bitmap),
                Block::Qr(payload) => {
                    shapes::qr(&mut bitmap, payload).map_err(|e| RenderError::Qr {
                        length: payload.len(),
                        reason: e.to_string(),
                    })?;
                }
                Block::Space(dots) => bitmap.grow(*dots),
                Block::Ruler => shapes::ruler(&mut bitmap),
            }
        }
        Ok(bitmap)
    }

    /// The glyph ids of a line of text laid out as a receipt prints it, left to right across the
    /// paper: for Arabic, the shaped (joined) forms in visual order.
    pub fn glyph_run(&mut self, text: &str) -> Vec<u16> {
        self.glyph_run_in(text, None)
    }

    /// [`Self::glyph_run`] with the text laid out in a column `width` dots wide.
    pub fn glyph_run_in(&mut self, text: &str, width: Option<f32>) -> Vec<u16> {
        let laid = self.lay_out(text, TextSize::Normal, width, Align::Left);
        let mut glyphs: Vec<(f32, u16)> = laid
            .buffer
            .layout_runs()
            .flat_map(|run| run.glyphs.iter().map(|g| (g.x, g.glyph_id)))
            .collect();
        glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
        glyphs.into_iter().map(|(_, id)| id).collect()
    }

    /// A label beside a value (mirrored in right-to-left documents); a value too wide to share
    /// the line goes under its label.
    fn row(&mut self, bitmap: &mut Bitmap, label: &str, value: &str, size: TextSize, rtl: bool) {
        let paper = bitmap.width() as f32;
        let value = self.lay_out(value, size, None, Align::Left);
        let top = bitmap.height();
        let shares_line = value.width + COLUMN_GAP <= paper * 0.7;
        if !shares_line {
            let start = if rtl { Align::Right } else { Align::Left };
            let label = self.lay_out(label, size, Some(paper), start);
            let value_x = if rtl { 0.0 } else { paper - value.width };
            bitmap.grow((label.height + value.height).ceil() as u32);
            let value_top = top + label.height.ceil() as u32;
            self.draw(label.buffer, bitmap, 0.0, top);
            self.draw(value.buffer, bitmap, value_x, value_top);
            return;
        }
        let label_width = paper - value.width - COLUMN_GAP;
        let (label_x, value_x, align) = if rtl {
            (paper - label_width, 0.0, Align::Right)
        } else {
            (0.0, paper - value.width, Align::Left)
        };
        let label = self.lay_out(label, size, Some(label_width), align);
        bitmap.grow(label.height.max(value.height).ceil() as u32);
        self.draw(label.buffer, bitmap, label_x, top);
        self.draw(value.buffer, bitmap, value_x.floor(), top);
    }

    fn lay_out(&mut self, text: &str, size: TextSize, width: Option<f32>, align: Align) -> Laid {
        let metrics = match size {
            TextSize::Normal => Metrics::new(24.0, 30.0),
            TextSize::Large => Metrics::new(32.0, 40.0),
        };
        let mut buffer = Buffer::new(&mut self.fonts, metrics);
        buffer.set_wrap(Wrap::WordOrGlyph);
        buffer.set_size(width, None);
        let attrs = Attrs::new()
            .family(Family::Name(FAMILY))
            .weight(Weight::BOLD);
        buffer.set_text(text, &attrs, Shaping::Advanced, Some(align));
        buffer.shape_until_scroll(&mut self.fonts, false);
        let (mut used_width, mut lines) = (0.0f32, 0usize);
        for run in buffer.layout_runs() {
            used_width = used_width.max(run.line_w);
            lines += 1;
        }
        Laid {
            buffer,
            width: used_width.ceil(),
            height: lines as f32 * metrics.line_height,
        }
    }

    fn draw(&mut self, mut buffer: Buffer, bitmap: &mut Bitmap, left: f32, top: u32) {
        let (x0, y0) = (left as i64, i64::from(top));
        let black = Color::rgb(0, 0, 0);
        buffer.draw(
            &mut self.fonts,
            &mut self.glyphs,
            black,
            |x, y, w, h, color| {
                if color.a() >= INK_THRESHOLD {
                    bitmap.fill_rect(x0 + i64::from(x), y0 + i64::from(y), w, h);
                }
            },
        );
    }
}
