//! Arabic comes out shaped and in visual order: the glyphs the renderer lays out for a line are
//! exactly what HarfBuzz's shaping of the string gives (joined forms, right to left), not the
//! letters' isolated forms in the order they were typed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cosmic_text::harfrust::{FontRef, ShaperData, UnicodeBuffer};
use receipt::{FONT, Label, Language, Renderer};

/// The glyph ids HarfBuzz (harfrust) gives for the text; for right-to-left text they come in
/// visual order, left to right.
fn shaped(text: &str) -> Vec<u16> {
    let font = FontRef::new(FONT).unwrap();
    let data = ShaperData::new(&font);
    let shaper = data.shaper(&font).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let glyphs = shaper.shape(buffer, &[]);
    glyphs
        .glyph_infos()
        .iter()
        .map(|g| u16::try_from(g.glyph_id).unwrap())
        .collect()
}

/// Each letter shaped alone (its isolated form), in typing order.
fn isolated_in_logical_order(text: &str) -> Vec<u16> {
    text.chars().flat_map(|c| shaped(&c.to_string())).collect()
}

#[test]
fn arabic_labels_are_laid_out_as_shaped_in_visual_order() {
    let mut renderer = Renderer::new();
    for label in [Label::Total, Label::Method, Label::Change, Label::Receipt] {
        let text = Language::Ar.inline(label);
        let laid_out = renderer.glyph_run(&text);
        assert_eq!(laid_out, shaped(&text), "{text}");
        // The same in a right-aligned column as narrow as a 58 mm label column.
        assert_eq!(
            renderer.glyph_run_in(&text, Some(250.0)),
            laid_out,
            "{text}"
        );

        let logical = isolated_in_logical_order(&text);
        assert_eq!(logical.len(), text.chars().count());
        assert_ne!(laid_out, logical, "{text}: letters left in typing order");
        let mut reversed = logical.clone();
        reversed.reverse();
        assert_ne!(laid_out, reversed, "{text}: reversed but not joined");
    }
}

#[test]
fn a_joined_word_reads_right_to_left() {
    // "الباقي": alef-lam at the right end, yeh at the left end in its final form.
    let mut renderer = Renderer::new();
    let laid_out = renderer.glyph_run("الباقي");
    let isolated_yeh = shaped("ي").first().copied().unwrap();
    let isolated_alef = shaped("ا").first().copied().unwrap();
    assert_eq!(laid_out.last().copied(), Some(isolated_alef));
    // The yeh is joined to the qaf: not its isolated glyph.
    assert_ne!(laid_out.first().copied(), Some(isolated_yeh));
    assert_eq!(laid_out.len(), 6);
}

#[test]
fn mixed_line_keeps_numbers_in_reading_order() {
    // HarfBuzz shapes one direction at a time; the bidi algorithm splits the line into an
    // Arabic run (right to left) and a number (left to right) and orders the runs: the number
    // ends up at the left, its digits still reading 3 2 . 5 0 0.
    let mut renderer = Renderer::new();
    let laid_out = renderer.glyph_run("المجموع 32.500");
    let mut expected = shaped("32.500");
    expected.extend(shaped(" "));
    expected.extend(shaped("المجموع"));
    assert_eq!(laid_out, expected);
    assert_ne!(
        laid_out,
        shaped("المجموع 32.500"),
        "digits reversed: no bidi"
    );
}
