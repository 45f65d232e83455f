//! Paper widths of thermal printers, in dots at 203 dpi (8 dots a millimetre).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paper {
    /// 58 mm rolls: 384 printable dots.
    Mm58,
    /// 80 mm rolls: 576 printable dots.
    Mm80,
}

impl Paper {
    /// From the roll's width in millimetres (58 or 80).
    pub fn from_millimetres(mm: u32) -> Option<Paper> {
        match mm {
            58 => Some(Paper::Mm58),
            80 => Some(Paper::Mm80),
            _ => None,
        }
    }

    pub fn millimetres(self) -> u32 {
        match self {
            Paper::Mm58 => 58,
            Paper::Mm80 => 80,
        }
    }

    pub fn dots(self) -> u32 {
        match self {
            Paper::Mm58 => 384,
            Paper::Mm80 => 576,
        }
    }
}
