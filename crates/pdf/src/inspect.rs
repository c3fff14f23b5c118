//! Reads a rendered PDF back, for tests (feature `inspect`; nothing in production links
//! it): how many pages it has, each page's text as a reader would take it — lines from the
//! top, each line in reading order — and each page as a PNG image a person can look at.
//!
//! It goes through `hayro`, a PDF renderer written in Rust that typst already builds (for
//! PDF images), so the tests need no `pdftotext` or `pdftoppm` on the machine. Text comes
//! from the glyphs as drawn: each glyph's Unicode text (the file's ToUnicode maps) at its
//! place on the page. A PDF draws right-to-left text in visual order, so a Persian line is
//! read from its right end, and the runs inside it that are written left to right (numbers,
//! Latin words) are turned back, as the Unicode bidirectional algorithm laid them out. This
//! is enough to say «this page says these Persian words in this order»; it is not a general
//! text extractor. A zero-width non-joiner draws nothing, so it is not read back: compare
//! with [`without_zwnj`] of the expected text.

use std::sync::Arc;

use hayro::hayro_interpret::font::Glyph;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, interpret_page,
};
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::kurbo::{Affine, BezPath, Point, Rect};
use hayro::{RenderCache, RenderSettings};

/// The number of pages of the PDF (0 when it does not parse).
pub fn page_count(pdf: &[u8]) -> usize {
    Pdf::new(pdf.to_vec()).map_or(0, |pdf| pdf.pages().len())
}

/// Each page's lines of text, from the top of the page, each in reading order, with
/// the space between words as one space.
pub fn page_lines(pdf: &[u8]) -> Vec<Vec<String>> {
    let Ok(pdf) = Pdf::new(pdf.to_vec()) else {
        return Vec::new();
    };
    let cache = InterpreterCache::new();
    pdf.pages()
        .iter()
        .map(|page| {
            let (width, height) = page.render_dimensions();
            let mut context = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
                &cache,
                page.xref(),
                settings(),
            );
            let mut glyphs = GlyphCollector::default();
            interpret_page(page, &mut context, &mut glyphs);
            lines_of(glyphs.glyphs)
        })
        .collect()
}

/// All the text of the PDF: its pages' lines joined by newlines.
pub fn text(pdf: &[u8]) -> String {
    page_lines(pdf)
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

/// One page (counted from 0) as a PNG image on white, `scale` pixels per point (2.0 is
/// 144 dpi); `None` when the PDF has no such page.
pub fn page_png(pdf: &[u8], page: usize, scale: f32) -> Option<Vec<u8>> {
    let pdf = Pdf::new(pdf.to_vec()).ok()?;
    let page = pdf.pages().get(page)?;
    let cache = RenderCache::new();
    let pixmap = hayro::render(
        page,
        &cache,
        &settings(),
        &RenderSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
            ..RenderSettings::default()
        },
    );
    pixmap.into_png().ok()
}

/// The fonts are embedded in every Hamyar PDF, so no font is ever looked up.
fn settings() -> InterpreterSettings {
    InterpreterSettings {
        font_resolver: Arc::new(|_| None),
        ..InterpreterSettings::default()
    }
}

/// One glyph as drawn: its text, where its origin is (y grows down the page), how far it
/// advances and how large its font is, in points.
#[derive(Debug, Clone)]
struct Placed {
    text: String,
    x: f64,
    y: f64,
    advance: f64,
    size: f64,
}

#[derive(Default)]
struct GlyphCollector {
    glyphs: Vec<Placed>,
}

impl<'a> Device<'a> for GlyphCollector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let Some(text) = glyph.as_unicode() else {
            return;
        };
        let text = match text {
            hayro::hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro::hayro_interpret::hayro_cmap::BfString::String(s) => s,
        };
        // Outlines are in units of a 1000-unit em.
        let whole = transform * glyph_transform;
        let origin = whole * Point::ZERO;
        let [a, b, c, d, _, _] = whole.as_coeffs();
        let advance_units = match glyph {
            Glyph::Outline(outline) => outline.advance_width().map_or(0.0, f64::from),
            Glyph::Type3(_) => 0.0,
        };
        self.glyphs.push(Placed {
            text,
            x: origin.x,
            y: origin.y,
            advance: advance_units * a.hypot(b),
            size: 1000.0 * c.hypot(d),
        });
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// Glyphs whose baselines lie within this many points are on one line.
const SAME_LINE: f64 = 2.0;

fn lines_of(mut glyphs: Vec<Placed>) -> Vec<String> {
    glyphs.sort_by(|p, q| p.y.total_cmp(&q.y));
    let mut lines: Vec<Vec<Placed>> = Vec::new();
    for glyph in glyphs {
        match lines.last_mut() {
            Some(line) if (glyph.y - line[0].y).abs() <= SAME_LINE => line.push(glyph),
            _ => lines.push(vec![glyph]),
        }
    }
    lines
        .into_iter()
        .map(read_line)
        .filter(|line| !line.is_empty())
        .collect()
}

/// A line in reading order: right to left when it holds a right-to-left letter.
fn read_line(mut line: Vec<Placed>) -> String {
    let rtl = line.iter().any(|g| g.text.chars().any(is_right_to_left));
    if rtl {
        line.sort_by(|p, q| q.x.total_cmp(&p.x));
    } else {
        line.sort_by(|p, q| p.x.total_cmp(&q.x));
    }
    // Words: a gap wider than a fifth of the font size between two glyphs is a space.
    let mut words: Vec<String> = vec![String::new()];
    for (i, glyph) in line.iter().enumerate() {
        if i > 0 {
            let before = &line[i - 1];
            let gap = if rtl {
                before.x - (glyph.x + glyph.advance)
            } else {
                glyph.x - (before.x + before.advance)
            };
            if gap > 0.2 * glyph.size.max(before.size) {
                words.push(String::new());
            }
        }
        let word = words.last_mut().expect("never empty");
        if glyph.text.trim().is_empty() {
            words.push(String::new());
        } else {
            word.push_str(&glyph.text);
        }
    }
    let words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    let words = if rtl { turn_runs(words) } else { words };
    words.join(" ")
}

/// In a right-to-left line read from the right, the numbers and Latin words came out
/// backwards: each such run of characters is turned back, and so is a run of Latin words
/// (the space between two Latin words belongs to their run; the space between two numbers
/// takes the line's direction, so each number is a run of its own).
fn turn_runs(words: Vec<String>) -> Vec<String> {
    let words: Vec<String> = words.into_iter().map(|w| turn_within(&w)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for word in words {
        if word.chars().all(is_left_to_right_or_neutral)
            && word.chars().any(|c| c.is_ascii_alphabetic())
        {
            run.push(word);
        } else {
            out.extend(run.drain(..).rev());
            out.push(word);
        }
    }
    out.extend(run.drain(..).rev());
    out
}

/// Turns back each run of left-to-right characters inside a word («۵۰۴۱» → «۱۴۰۵»), with
/// the separators between its digits («۰۱/۸۰/۵۰۴۱» → «۱۴۰۵/۰۸/۱۰»).
fn turn_within(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if is_left_to_right(chars[i]) {
            let mut end = i;
            let mut j = i;
            while j < chars.len() && is_left_to_right_or_neutral(chars[j]) {
                if is_left_to_right(chars[j]) {
                    end = j;
                }
                j += 1;
            }
            out.extend(chars[i..=end].iter().rev());
            i = end + 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && !is_digit(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

fn is_left_to_right(c: char) -> bool {
    is_digit(c) || c.is_ascii_alphabetic()
}

/// Characters that stay inside a number or a Latin word: separators of thousands, of
/// decimals and of a date's parts (the common separators of the bidirectional algorithm;
/// a hyphen between Persian digits after Persian letters is not one of them, and the
/// number on each side of it is a run of its own).
fn is_left_to_right_or_neutral(c: char) -> bool {
    is_left_to_right(c) || matches!(c, '٬' | '٫' | ',' | '.' | '/' | ':')
}

/// `text` without zero-width non-joiners: a ZWNJ shapes the letters around it but draws
/// no glyph of its own, so text read back from a page has none; compare with this.
pub fn without_zwnj(text: &str) -> String {
    text.replace('\u{200c}', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_a_right_to_left_line_are_turned_back() {
        assert_eq!(turn_within("۵۰۴۱"), "۱۴۰۵");
        assert_eq!(turn_within("۱۰/۸۰/۵۰۴۱"), "۱۴۰۵/۰۸/۰۱");
        assert_eq!(turn_within("گروه"), "گروه");
        // «سال ۱۴۰۵ AB CD ۱۲ ۳۴» as drawn, read from the right.
        let drawn = ["سال", "۵۰۴۱", "DC", "BA", "۲۱", "۴۳"];
        assert_eq!(
            turn_runs(drawn.map(str::to_owned).to_vec()),
            ["سال", "۱۴۰۵", "AB", "CD", "۱۲", "۳۴"]
        );
    }
}
