//! The printable pieces a document is made of, before any pixel: each document becomes a list of
//! blocks (see `compose`), which the renderer draws top to bottom.

/// Text sizes, in the renderer's scale for the paper width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSize {
    Normal,
    Large,
}

/// Where a text block sits across the paper. `Start` is left in a left-to-right document and
/// right in an Arabic one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Start,
    Center,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Wrapped text; each `\n` starts a new line.
    Text {
        text: String,
        size: TextSize,
        placement: Placement,
    },
    /// A label (one line per language, wrapped) beside a value that never wraps: in a
    /// left-to-right document the label is on the left and the value on the right, mirrored in
    /// an Arabic one.
    Row {
        label: Vec<String>,
        value: String,
        size: TextSize,
    },
    /// A dashed rule across the paper.
    Rule,
    /// A QR code of the payload, centred.
    Qr(String),
    /// Blank paper, in dots.
    Space(u32),
    /// A ruler across the whole printable width: a tick every 8 dots (1 mm at 203 dpi), longer
    /// every 40 and 80.
    Ruler,
}

impl Block {
    pub fn text(text: impl Into<String>, size: TextSize, placement: Placement) -> Block {
        Block::Text {
            text: text.into(),
            size,
            placement,
        }
    }

    pub fn row(label: Vec<String>, value: impl Into<String>) -> Block {
        Block::Row {
            label,
            value: value.into(),
            size: TextSize::Normal,
        }
    }
}
