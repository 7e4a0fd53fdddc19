//! An SVG backend for plotters whose text is glyph outlines.
//!
//! Each glyph used is defined once in `<defs>` (its outline in font units)
//! and placed with `<use>`: the figure looks the same in every browser, with
//! no font to find, and stays small. The document carries `<title>` and
//! `<desc>` (referenced by `aria-labelledby`) for screen readers and search.

use super::glyphs::{place, svg_path, text_size, turn};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// An SVG document being drawn.
pub struct Document {
    size: (u32, u32),
    body: String,
    /// Glyph id → outline, for `<defs>`.
    glyphs: BTreeMap<u16, String>,
}

/// The plotters backend drawing into a [`Document`].
pub struct Svg<'d>(pub &'d mut Document);

/// `#rrggbb`.
fn hex(c: BackendColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.rgb.0, c.rgb.1, c.rgb.2)
}

/// The paint attribute `attr` (`fill` or `stroke`) with its opacity when not 1.
fn paint(attr: &str, c: BackendColor) -> String {
    if c.alpha >= 1.0 {
        format!(r#"{attr}="{}""#, hex(c))
    } else {
        format!(r#"{attr}="{}" {attr}-opacity="{:.3}""#, hex(c), c.alpha)
    }
}

/// Escapes text for XML.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Document {
    /// An empty figure of `size` pixels.
    pub fn new(size: (u32, u32)) -> Document {
        Document { size, body: String::new(), glyphs: BTreeMap::new() }
    }

    /// The document, with `title` and `desc`.
    pub fn finish(self, title: &str, desc: &str) -> String {
        let (w, h) = self.size;
        let mut out = String::new();
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="title desc">"#
        );
        let _ = writeln!(out, r#"<title id="title">{}</title>"#, escape(title));
        let _ = writeln!(out, r#"<desc id="desc">{}</desc>"#, escape(desc));
        out.push_str("<defs>\n");
        for (id, d) in &self.glyphs {
            let _ = writeln!(out, r#"<path id="g{id}" d="{d}"/>"#);
        }
        out.push_str("</defs>\n");
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

impl Svg<'_> {
    fn stroke(style: &impl BackendStyle) -> String {
        format!(r#"{} stroke-width="{}" fill="none""#, paint("stroke", style.color()), style.stroke_width())
    }

    fn points(path: impl IntoIterator<Item = BackendCoord>) -> String {
        path.into_iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")
    }
}

impl DrawingBackend for Svg<'_> {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.0.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        if color.alpha > 0.0 {
            let _ = writeln!(self.0.body, r#"<rect x="{x}" y="{y}" width="1" height="1" {}/>"#, paint("fill", color));
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        if style.color().alpha > 0.0 {
            let _ = writeln!(self.0.body, r#"<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" {}/>"#, Self::stroke(style));
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let (x, y, w, h) = (x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs());
        let look = if fill { paint("fill", style.color()) } else { Self::stroke(style) };
        // plotters' filled rectangles include their last row and column.
        let extra = i32::from(fill);
        let _ = writeln!(self.0.body, r#"<rect x="{x}" y="{y}" width="{}" height="{}" {look}/>"#, w + extra, h + extra);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        if style.color().alpha > 0.0 {
            let _ = writeln!(
                self.0.body,
                r#"<polyline points="{}" {} stroke-linejoin="round"/>"#,
                Self::points(path),
                Self::stroke(style)
            );
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        if style.color().alpha > 0.0 {
            let look = if fill { paint("fill", style.color()) } else { Self::stroke(style) };
            let _ = writeln!(self.0.body, r#"<circle cx="{x}" cy="{y}" r="{radius}" {look}/>"#);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        if style.color().alpha > 0.0 {
            let _ =
                writeln!(self.0.body, r#"<polygon points="{}" {}/>"#, Self::points(vert), paint("fill", style.color()));
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<std::fmt::Error>> {
        let color = style.color();
        if color.alpha <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let placed = place(text, style);
        let (dx, dy) = turn(placed.quarter_turns, placed.offset);
        let rotate = u32::from(placed.quarter_turns) * 90;
        let _ = writeln!(
            self.0.body,
            r#"<g {} font-size="{}" transform="translate({:.2} {:.2}) rotate({rotate}) scale({:.6} {:.6})">"#,
            paint("fill", color),
            style.size(),
            f64::from(x) + dx,
            f64::from(y) + dy,
            placed.scale,
            -placed.scale
        );
        for &(id, pen) in &placed.line.glyphs {
            if let std::collections::btree_map::Entry::Vacant(slot) = self.0.glyphs.entry(id.0) {
                let Some(d) = svg_path(id) else { continue };
                slot.insert(d);
            }
            let _ = writeln!(self.0.body, "<use xlink:href=\"#g{}\" x=\"{pen}\"/>", id.0);
        }
        self.0.body.push_str("</g>\n");
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<std::fmt::Error>> {
        Ok(text_size(text, style.size()))
    }
}
