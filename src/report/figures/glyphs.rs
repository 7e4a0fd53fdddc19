//! Text of the figures, laid out with the shipped font (DejaVu Sans, in
//! `assets/fonts/`) and drawn as glyph outlines, the same in SVG and PNG.
//!
//! A text style's size is its em in pixels (CSS `font-size`). Both backends
//! ([`mod@super::svg`], [`super::raster`]) measure and place text here, so a
//! legend box sized for a text fits it in both, whatever fonts the viewer has.

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendTextStyle, FontTransform};
use std::fmt::Write as _;
use std::sync::OnceLock;

static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// The shipped font.
pub(crate) fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    // The shipped font is a valid TrueType file, checked by a unit test.
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).expect("assets/fonts/DejaVuSans.ttf is a valid font"))
}

/// Font units per em (2048 for DejaVu Sans).
pub(crate) fn units_per_em() -> f64 {
    f64::from(font().units_per_em().unwrap_or(2048.0))
}

/// A line of text: each glyph and its pen position, in font units.
pub(crate) struct Line {
    /// (glyph, x of its origin).
    pub(crate) glyphs: Vec<(GlyphId, f64)>,
    /// The advance of the whole line.
    pub(crate) width: f64,
}

/// Lays `text` out on one line, with the font's kerning.
pub(crate) fn line(text: &str) -> Line {
    let font = font();
    let mut glyphs = Vec::new();
    let mut x = 0.0;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            x += f64::from(font.kern_unscaled(p, id));
        }
        glyphs.push((id, x));
        x += f64::from(font.h_advance_unscaled(id));
        previous = Some(id);
    }
    Line { glyphs, width: x }
}

/// The height of a line, ascent − descent, in font units.
pub(crate) fn line_height() -> f64 {
    f64::from(font().ascent_unscaled() - font().descent_unscaled())
}

/// The box of `text` at `size` px: (width, ascent − descent), in pixels.
pub(crate) fn text_size(text: &str, size: f64) -> (u32, u32) {
    let k = size / units_per_em();
    let height = line_height();
    // Text boxes are a few hundred pixels: the casts cannot overflow.
    ((line(text).width * k).ceil() as u32, (height * k).ceil() as u32)
}

/// Where a text goes: the baseline origin of its first glyph relative to the
/// anchor point, in the text's own (unrotated) frame, and the rotation.
pub(crate) struct Placement {
    /// The line.
    pub(crate) line: Line,
    /// Pixels per font unit.
    pub(crate) scale: f64,
    /// Offset of the baseline origin from the anchor, before rotation.
    pub(crate) offset: (f64, f64),
    /// Quarter turns clockwise (0 to 3).
    pub(crate) quarter_turns: u8,
}

/// Places `text` in `style` (size, anchor, rotation) at its anchor point.
pub(crate) fn place<S: BackendTextStyle>(text: &str, style: &S) -> Placement {
    let line = line(text);
    let scale = style.size() / units_per_em();
    let (ascent, descent) = (f64::from(font().ascent_unscaled()), f64::from(font().descent_unscaled()));
    let anchor = style.anchor();
    let dx = match anchor.h_pos {
        HPos::Left => 0.0,
        HPos::Center => -line.width * scale / 2.0,
        HPos::Right => -line.width * scale,
    };
    // y grows downwards; the descent is negative.
    let dy = match anchor.v_pos {
        VPos::Top => ascent * scale,
        VPos::Center => (ascent + descent) / 2.0 * scale,
        VPos::Bottom => descent * scale,
    };
    let quarter_turns = match style.transform() {
        FontTransform::Rotate90 => 1,
        FontTransform::Rotate180 => 2,
        FontTransform::Rotate270 => 3,
        FontTransform::None => 0,
    };
    Placement { line, scale, offset: (dx, dy), quarter_turns }
}

/// Rotates a screen offset by `quarter_turns` clockwise turns (y down).
pub(crate) fn turn(quarter_turns: u8, (x, y): (f64, f64)) -> (f64, f64) {
    match quarter_turns % 4 {
        1 => (-y, x),
        2 => (-x, -y),
        3 => (y, -x),
        _ => (x, y),
    }
}

/// The outline of glyph `id` as SVG path data, in font units (y up), or
/// `None` for a glyph that draws nothing (a space).
pub(crate) fn svg_path(id: GlyphId) -> Option<String> {
    let outline = font().outline(id)?;
    let mut d = String::new();
    let mut end: Option<(f32, f32)> = None;
    for curve in &outline.curves {
        let (start, rest): (_, Vec<ab_glyph::Point>) = match *curve {
            OutlineCurve::Line(p0, p1) => (p0, vec![p1]),
            OutlineCurve::Quad(p0, p1, p2) => (p0, vec![p1, p2]),
            OutlineCurve::Cubic(p0, p1, p2, p3) => (p0, vec![p1, p2, p3]),
        };
        if end != Some((start.x, start.y)) {
            let _ = write!(d, "M{} {}", start.x, start.y);
        }
        let command = ["", "L", "Q", "C"][rest.len()];
        d.push_str(command);
        let points: Vec<String> = rest.iter().map(|p| format!("{} {}", p.x, p.y)).collect();
        d.push_str(&points.join(" "));
        let last = rest[rest.len() - 1];
        end = Some((last.x, last.y));
    }
    (!d.is_empty()).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_every_character_the_figures_use() {
        for c in "ᵢⱼₖ₀₁₂₃∂≠−Σ⁻⁰¹²³⁴⁵⁶⁷⁸⁹√·×«»éèàçôîï≤≥∞→δλ½".chars()
        {
            assert_ne!(font().glyph_id(c).0, 0, "no glyph for {c}");
        }
    }

    #[test]
    fn a_glyph_outline_is_a_closed_path() {
        let d = svg_path(font().glyph_id('a')).expect("a has an outline");
        assert!(d.starts_with('M') && d.contains('Q'), "{d}");
        assert!(svg_path(font().glyph_id(' ')).is_none());
    }

    #[test]
    fn quarter_turns_keep_lengths() {
        assert_eq!(turn(3, (10.0, 0.0)), (0.0, -10.0), "text rotated 270° reads upwards");
        assert_eq!(turn(1, (10.0, 0.0)), (0.0, 10.0));
    }
}
