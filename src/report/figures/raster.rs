//! The PNG backend: plotters' bitmap backend, with text drawn from the same
//! glyph layout as the SVG ([`super::glyphs`]), anti-aliased by ab_glyph.

use super::glyphs::{font, line_height, place, text_size, turn, units_per_em};
use ab_glyph::{point, Font, Glyph, PxScale};
use plotters::backend::BitMapBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

/// The errors of the bitmap backend.
type BitmapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

/// A figure being drawn into an RGB buffer.
pub struct Raster<'a>(pub BitMapBackend<'a>);

impl Raster<'_> {
    /// Draws the glyphs of `text` (anchored at `pos`), each pixel blended by its coverage.
    fn glyphs<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        let placed = place(text, style);
        let font = font();
        // PxScale is the height ascent − descent in pixels.
        let px = PxScale::from((line_height() * style.size() / units_per_em()) as f32);
        let color = style.color();
        let (ox, oy) = placed.offset;
        let mut coverage = Vec::new();
        for &(id, pen) in &placed.line.glyphs {
            // Glyph origins in the text's frame, relative to the anchor.
            let origin = point((ox + pen * placed.scale) as f32, oy as f32);
            let Some(outlined) = font.outline_glyph(Glyph { id, scale: px, position: origin }) else { continue };
            let bounds = outlined.px_bounds();
            outlined.draw(|x, y, c| {
                // Pixel bounds are whole numbers of pixels: the casts are exact.
                coverage.push((bounds.min.x as i32 + x as i32, bounds.min.y as i32 + y as i32, c));
            });
        }
        for (x, y, c) in coverage {
            // A pixel cell [x, x+1) × [y, y+1) turned about the anchor.
            let (cx, cy) = turn(placed.quarter_turns, (f64::from(x) + 0.5, f64::from(y) + 0.5));
            let at = (pos.0 + (cx - 0.5).round() as i32, pos.1 + (cy - 0.5).round() as i32);
            let alpha = color.alpha * f64::from(c.clamp(0.0, 1.0));
            if alpha > 0.0 {
                self.0.draw_pixel(at, BackendColor { alpha, rgb: color.rgb })?;
            }
        }
        Ok(())
    }
}

impl DrawingBackend for Raster<'_> {
    type ErrorType = BitmapError;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.glyphs(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<BitmapError>> {
        Ok(text_size(text, style.size()))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.blit_bitmap(pos, size, src)
    }
}
