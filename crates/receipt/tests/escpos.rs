//! The ESC/POS stream a printer receives.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use receipt::escpos::{BAND_ROWS, StreamError, encode, parse};
use receipt::{Document, JobOptions, Language, Paper, RenderOptions, Renderer};

const ESC_AT: [u8; 2] = [0x1b, b'@'];

fn rendered(paper: Paper) -> receipt::Bitmap {
    let options = RenderOptions {
        paper,
        language: Language::ArFr,
    };
    let document = Document::Sale(support::sale());
    Renderer::new().render(&document, options).unwrap()
}

/// The `GS v 0` bands, read by hand from the bytes: (bytes per row, rows).
fn bands(stream: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = stream[at..]
        .windows(4)
        .position(|w| w == [0x1d, b'v', b'0', 0])
    {
        let header = &stream[at + i + 4..at + i + 8];
        let width = usize::from(header[0]) + 256 * usize::from(header[1]);
        let rows = usize::from(header[2]) + 256 * usize::from(header[3]);
        found.push((width, rows));
        at += i + 8 + width * rows;
    }
    found
}

#[test]
fn stream_initialises_prints_bands_and_cuts() {
    for paper in [Paper::Mm58, Paper::Mm80] {
        let bitmap = rendered(paper);
        let stream = encode(&bitmap, JobOptions::default());
        assert!(stream.starts_with(&ESC_AT));
        assert!(stream.ends_with(&[0x1d, b'V', 1]), "ends with a cut");
        let bands = bands(&stream);
        assert!(bands.len() >= 2, "a receipt is taller than one band");
        assert!(bands.iter().all(|&(_, rows)| rows <= BAND_ROWS as usize));
        assert!(
            bands
                .iter()
                .all(|&(width, _)| width * 8 == paper.dots() as usize)
        );
        let height: usize = bands.iter().map(|&(_, rows)| rows).sum();
        assert_eq!(height, bitmap.height() as usize);
        // No text mode: nothing but the commands and the image data.
        let image: usize = bands.iter().map(|&(w, r)| 8 + w * r).sum();
        assert_eq!(stream.len(), 2 + image + 3 + 3);
        assert_eq!(parse(&stream).unwrap().bitmap, bitmap);
    }
}

#[test]
fn drawer_kick_only_when_asked() {
    let bitmap = rendered(Paper::Mm58);
    let kick = [0x1b, b'p', 0];
    let plain = encode(&bitmap, JobOptions { drawer_kick: false });
    assert!(!plain.windows(3).any(|w| w == kick));
    assert_eq!(parse(&plain).unwrap().drawer_kicks, 0);
    let cash = encode(&bitmap, JobOptions { drawer_kick: true });
    assert_eq!(&cash[..5], &[0x1b, b'@', 0x1b, b'p', 0]);
    assert_eq!(parse(&cash).unwrap().drawer_kicks, 1);
}

#[test]
fn parser_refuses_malformed_streams() {
    let bitmap = rendered(Paper::Mm58);
    let good = encode(&bitmap, JobOptions::default());
    assert_eq!(parse(&good[2..]), Err(StreamError::NoInitialise));
    assert_eq!(parse(&good[..good.len() - 3]), Err(StreamError::NoCut));
    assert!(matches!(
        parse(&good[..100]),
        Err(StreamError::Truncated { .. })
    ));
    let mut text = ESC_AT.to_vec();
    text.extend_from_slice(b"Total 12.500");
    assert!(matches!(
        parse(&text),
        Err(StreamError::Unexpected { byte: b'T', .. })
    ));
    assert_eq!(
        parse(&[0x1b, b'@', 0x1d, b'V', 1]),
        Err(StreamError::NoImage)
    );
}
