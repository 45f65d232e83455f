//! The same receipt in every language at both widths, compared with the committed PNGs in
//! tests/golden/. `RECEIPT_BLESS=1 cargo test -p receipt --test golden` writes them anew (then
//! look at them before committing).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::PathBuf;

use receipt::blocks::Block;
use receipt::{Bitmap, Document, Language, Paper, RenderOptions, Renderer};

/// Anti-aliasing thresholds may flip a few dots between font rasteriser versions.
const TOLERATED_DOTS: usize = 40;

fn golden_path(language: Language, paper: Paper) -> PathBuf {
    let lang = language.code().replace('+', "-");
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("sale-{lang}-{}mm.png", paper.millimetres()))
}

#[test]
fn sale_receipt_matches_its_golden_in_every_language_and_width() {
    let mut renderer = Renderer::new();
    let bless = std::env::var_os("RECEIPT_BLESS").is_some();
    let document = Document::Sale(support::sale());
    let mut failures = Vec::new();
    for language in [Language::En, Language::Fr, Language::Ar, Language::ArFr] {
        for paper in [Paper::Mm58, Paper::Mm80] {
            let options = RenderOptions { paper, language };
            let bitmap = renderer.render(&document, options).unwrap();
            assert_eq!(bitmap.width(), paper.dots());
            let path = golden_path(language, paper);
            if bless {
                std::fs::write(&path, bitmap.to_png().unwrap()).unwrap();
                continue;
            }
            let golden = Bitmap::from_png(&std::fs::read(&path).unwrap()).unwrap();
            let differing = bitmap.differing_dots(&golden);
            if differing > TOLERATED_DOTS {
                let actual = path.with_extension("actual.png");
                std::fs::write(&actual, bitmap.to_png().unwrap()).unwrap();
                failures.push(format!("{}: {differing} dots differ", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn languages_differ_and_arabic_is_mirrored() {
    let mut renderer = Renderer::new();
    let document = Document::Sale(support::sale());
    let options = |language| RenderOptions {
        paper: Paper::Mm80,
        language,
    };
    let fr = renderer.render(&document, options(Language::Fr)).unwrap();
    let ar = renderer.render(&document, options(Language::Ar)).unwrap();
    assert!(fr.differing_dots(&ar) > 1000);

    // An amount alone on its row: on the right in French, on the left in Arabic.
    let amount = [Block::row(vec![String::new()], "32.500")];
    let ink_x = |bitmap: &Bitmap| {
        let xs = (0..bitmap.height())
            .flat_map(|y| (0..bitmap.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| bitmap.get(x, y))
            .map(|(x, _)| x);
        (xs.clone().min().unwrap(), xs.max().unwrap())
    };
    let fr = renderer
        .render_blocks(&amount, options(Language::Fr))
        .unwrap();
    let ar = renderer
        .render_blocks(&amount, options(Language::Ar))
        .unwrap();
    let (fr_left, fr_right) = ink_x(&fr);
    let (ar_left, ar_right) = ink_x(&ar);
    assert!(fr_left > 400 && fr_right > 560, "{fr_left}..{fr_right}");
    assert!(ar_left < 16 && ar_right < 180, "{ar_left}..{ar_right}");
}
