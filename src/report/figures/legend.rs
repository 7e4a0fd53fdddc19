//! How curves look (colour, dash pattern, marker) and the legend column at
//! the right of a figure, where a legend can never hide a curve.

use super::glyphs::text_size;
use super::{Area, Drawn, Scale, TEXT_PX};
use plotters::chart::ChartContext;
use plotters::coord::CoordTranslate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A marker shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    /// ○
    Circle,
    /// △
    Triangle,
    /// □
    Square,
    /// ◇
    Diamond,
    /// ×
    Cross,
}

impl Marker {
    /// The shapes in turn.
    pub(crate) fn cycle(i: usize) -> Marker {
        [Marker::Circle, Marker::Triangle, Marker::Square, Marker::Diamond, Marker::Cross][i % 5]
    }
}

/// The look of a curve.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineLook {
    /// Its colour.
    pub(crate) colour: RGBColor,
    /// Line width in pixels (before scaling).
    pub(crate) width: f64,
    /// Dash length and gap (before scaling), or a solid line.
    pub(crate) dash: Option<(f64, f64)>,
    /// A marker drawn along the curve, or none.
    pub(crate) marker: Option<Marker>,
}

impl LineLook {
    /// A solid line.
    pub(crate) fn solid(colour: RGBColor, width: f64) -> LineLook {
        LineLook { colour, width, dash: None, marker: None }
    }

    /// A dashed line.
    pub(crate) fn dashed(colour: RGBColor, width: f64) -> LineLook {
        LineLook { colour, width, dash: Some((9.0, 5.0)), marker: None }
    }

    /// The same with another dash pattern.
    pub(crate) fn with_dash(self, on: f64, off: f64) -> LineLook {
        LineLook { dash: Some((on, off)), ..self }
    }

    /// The same with markers.
    pub(crate) fn with_marker(self, marker: Marker) -> LineLook {
        LineLook { marker: Some(marker), ..self }
    }

    /// No line, markers only.
    pub(crate) fn markers_only(colour: RGBColor, marker: Marker) -> LineLook {
        LineLook { colour, width: 0.0, dash: None, marker: Some(marker) }
    }

    fn stroke(&self, k: Scale) -> ShapeStyle {
        self.colour.stroke_width(k.px(self.width).max(1))
    }
}

/// The marker radius in pixels (before scaling).
const MARKER_R: f64 = 4.5;

/// Draws `marker` at each of `points`: white inside, outlined in `colour`.
pub(crate) fn markers<'a, DB: DrawingBackend + 'a, CT: CoordTranslate<From = (f64, f64)>>(
    chart: &mut ChartContext<'a, DB, CT>,
    points: &[(f64, f64)],
    marker: Marker,
    colour: RGBColor,
    k: Scale,
) -> Drawn<DB> {
    for &p in points {
        draw_marker(chart.plotting_area(), p, marker, colour, k)?;
    }
    Ok(())
}

/// The corners of a polygonal marker of radius `r`, around (0, 0).
fn corners(marker: Marker, r: i32) -> Vec<(i32, i32)> {
    match marker {
        Marker::Triangle => vec![(0, -r - 1), (r + 1, r - 1), (-r - 1, r - 1)],
        Marker::Square => vec![(1 - r, 1 - r), (r - 1, 1 - r), (r - 1, r - 1), (1 - r, r - 1)],
        _ => vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
    }
}

/// Draws one marker centred on `at` (in `area`'s coordinates).
fn draw_marker<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    at: CT::From,
    marker: Marker,
    colour: RGBColor,
    k: Scale,
) -> Drawn<DB>
where
    CT::From: Clone,
{
    let r = k.off(MARKER_R);
    let outline = colour.stroke_width(k.px(1.6));
    match marker {
        Marker::Circle => area
            .draw(&(EmptyElement::at(at) + Circle::new((0, 0), r, WHITE.filled()) + Circle::new((0, 0), r, outline))),
        Marker::Cross => area.draw(
            &(EmptyElement::at(at)
                + PathElement::new(vec![(-r, -r), (r, r)], outline)
                + PathElement::new(vec![(-r, r), (r, -r)], outline)),
        ),
        _ => {
            let shape = corners(marker, r);
            let mut closed = shape.clone();
            closed.push(shape[0]);
            area.draw(&(EmptyElement::at(at) + Polygon::new(shape, WHITE.filled()) + PathElement::new(closed, outline)))
        }
    }
}

/// Draws the line of `look` through `points` (in `area`'s coordinates):
/// solid or dashed; nothing for a look without a line.
fn line<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    points: Vec<CT::From>,
    look: &LineLook,
    k: Scale,
) -> Drawn<DB>
where
    CT::From: Clone,
{
    if look.width <= 0.0 {
        return Ok(());
    }
    let style = look.stroke(k);
    match look.dash {
        Some((on, off)) => DashedLineSeries::new(points, k.px(on), k.px(off), style)
            .into_iter()
            .try_for_each(|dashes| area.draw(&dashes)),
        None => area.draw(&PathElement::new(points, style)),
    }
}

/// Draws a curve in `look`; its markers (if any) on every `every`-th point
/// from `first`, so that curves that overlap still show each marker.
pub(crate) fn curve<'a, DB: DrawingBackend + 'a, CT: CoordTranslate<From = (f64, f64)>>(
    chart: &mut ChartContext<'a, DB, CT>,
    points: &[(f64, f64)],
    look: &LineLook,
    k: Scale,
    (every, first): (usize, usize),
) -> Drawn<DB> {
    line(chart.plotting_area(), points.to_vec(), look, k)?;
    if let Some(marker) = look.marker {
        let picked: Vec<(f64, f64)> = points.iter().skip(first).step_by(every.max(1)).copied().collect();
        markers(chart, &picked, marker, look.colour, k)?;
    }
    Ok(())
}

/// The legend sample of `look`, 34 px wide, its left end at `(x, y)`.
fn sample<DB: DrawingBackend>(area: &Area<DB>, (x, y): (i32, i32), look: &LineLook, k: Scale) -> Drawn<DB> {
    let length = k.off(34.0);
    line(area, vec![(x, y), (x + length, y)], look, k)?;
    if let Some(marker) = look.marker {
        draw_marker(area, (x + length / 2, y), marker, look.colour, k)?;
    }
    Ok(())
}

/// One line of a legend: a sample and its label.
pub(crate) struct Entry {
    /// The label.
    pub(crate) label: String,
    /// The look (`None`: a label without a sample, e.g. "…").
    pub(crate) look: Option<LineLook>,
}

impl Entry {
    /// An entry with a sample.
    pub(crate) fn new(label: impl Into<String>, look: LineLook) -> Entry {
        Entry { label: label.into(), look: Some(look) }
    }
}

/// The legend column: entries from `top` (pixels before scaling), then
/// `notes` as wrapped paragraphs below them.
pub(crate) fn column<DB: DrawingBackend>(
    area: &Area<DB>,
    entries: &[Entry],
    notes: &[String],
    top: f64,
    k: Scale,
) -> Drawn<DB> {
    let left = k.off(8.0);
    let row = k.off(26.0);
    let mut y = k.off(top);
    let style = k.font(TEXT_PX).pos(Pos::new(HPos::Left, VPos::Center));
    // A label wider than the column is wrapped under its sample, never clipped at the edge.
    let label_width = area.dim_in_pixel().0.saturating_sub(k.px(42.0 + 8.0 + 8.0));
    for entry in entries {
        if let Some(look) = &entry.look {
            sample(area, (left, y), look, k)?;
        }
        for (n, line) in wrap(&entry.label, label_width, k.0 * TEXT_PX).into_iter().enumerate() {
            if n > 0 {
                y += k.off(19.0);
            }
            area.draw(&Text::new(line, (left + k.off(42.0), y), style.clone()))?;
        }
        y += row;
    }
    y += k.off(8.0);
    let width = area.dim_in_pixel().0.saturating_sub(k.px(16.0));
    let note_style = k.font(TEXT_PX).color(&RGBColor(70, 70, 70)).pos(Pos::new(HPos::Left, VPos::Top));
    for note in notes {
        for line in wrap(note, width, k.0 * TEXT_PX) {
            area.draw(&Text::new(line, (left, y), note_style.clone()))?;
            y += k.off(19.0);
        }
        y += k.off(8.0);
    }
    Ok(())
}

/// `text` broken into lines no wider than `width` pixels at `size` px, at
/// spaces — never beside a relation or a product, nor after a sum sign
/// (`t > 0,71`, `a = […]`, `1,1 × 10⁻¹⁶`, `Σ eᵃᵏ` move as one piece).
pub(crate) fn wrap(text: &str, width: u32, size: f64) -> Vec<String> {
    let mut text = text.to_string();
    for op in ['=', '>', '<', '≈', '×', '≤', '≥'] {
        text = text.replace(&format!(" {op} "), &format!("\u{a0}{op}\u{a0}"));
    }
    // Nor between a sum sign and its summand (`Σ eᵃᵏ`).
    let text = text.replace("Σ ", "Σ\u{a0}");
    let text = text.as_str();
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if text_size(&candidate, size).0 > width && !current.is_empty() {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let text = "le calcul naïf renvoie [0 ; 0 ; NaN] dès que e^a₃ déborde";
        let lines = wrap(text, 120, 15.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for l in &lines[..lines.len() - 1] {
            assert!(text_size(l, 15.0).0 <= 120, "{l}");
        }
    }
}
