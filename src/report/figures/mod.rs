//! The figures of the report, each rendered as SVG (for the web article) and
//! as PNG at twice the size (for slides).
//!
//! Text is drawn with DejaVu Sans, shipped in `assets/fonts/` and compiled
//! in: no font of the machine is looked up, and two runs give identical files.

mod derivative_sweep;
mod jacobian_heatmap;
mod overflow;
mod softmax_sweep;
mod step_error;
mod worked_example;

use crate::{Error, Logits};
use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::ranged1d::Ranged;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use std::sync::Once;

/// Where a figure is drawn.
pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

/// What drawing returns.
pub(crate) type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The SVG size in pixels; the PNG is twice as large.
pub const SIZE: (u32, u32) = (960, 600);

/// The font every figure uses.
const FONT: &str = "sans-serif";

static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Registers the shipped font with plotters, once.
fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The shipped font is a valid TrueType file; a failure here is a build defect.
        if plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES).is_err() {
            panic!("assets/fonts/DejaVuSans.ttf is not a valid font");
        }
    });
}

/// The figures, in the order the report shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// $S_i$ against $a_j$.
    SoftmaxSweep,
    /// $\partial S_i / \partial a_j$ against $a_j$, closed forms and finite differences.
    DerivativeSweep,
    /// The Jacobian at the point, as a heatmap.
    JacobianHeatmap,
    /// Error of each numerical method against the step $h$.
    StepError,
    /// Naive against stable softmax as the logits grow.
    Overflow,
    /// The worked example as bars.
    WorkedExample,
}

impl Figure {
    /// Every figure.
    pub const ALL: [Figure; 6] = [
        Figure::SoftmaxSweep,
        Figure::DerivativeSweep,
        Figure::JacobianHeatmap,
        Figure::StepError,
        Figure::Overflow,
        Figure::WorkedExample,
    ];

    /// The file stem (`.svg` and `.png` are added).
    pub fn name(self) -> &'static str {
        match self {
            Figure::SoftmaxSweep => "softmax-vs-aj",
            Figure::DerivativeSweep => "derivative-vs-aj",
            Figure::JacobianHeatmap => "jacobian-heatmap",
            Figure::StepError => "error-vs-step",
            Figure::Overflow => "naive-vs-stable",
            Figure::WorkedExample => "worked-example",
        }
    }

    /// The title drawn on the figure.
    pub fn title(self, at: &Logits) -> String {
        match self {
            Figure::SoftmaxSweep => format!("Sᵢ against a₁, other logits fixed (a = {at})"),
            Figure::DerivativeSweep => {
                format!("∂Sᵢ/∂a₁ against a₁: closed forms and finite differences (a = {at})")
            }
            Figure::JacobianHeatmap => {
                format!("The Jacobian DS at a = {at}: row i, column j holds ∂Sᵢ/∂aⱼ")
            }
            Figure::StepError => {
                format!("Error of numerical derivatives against the step h (a = {at})")
            }
            Figure::Overflow => "Naive against stable softmax as the logits grow: a = t·[0.2, 0.4, 1]".to_string(),
            Figure::WorkedExample => format!("Softmax of a = {at}"),
        }
    }

    /// The caption the report prints under the figure.
    pub fn caption(self) -> &'static str {
        match self {
            Figure::SoftmaxSweep => "Sweeping a₁ with the other logits fixed: S₁ (the case i = j, solid) rises as a₁ grows, while every other Sᵢ (the case i ≠ j, dashed) falls. The vertical line marks the base point.",
            Figure::DerivativeSweep => "The derivative along the same sweep: S₁(1 − S₁) for i = j (positive, largest where S₁ = ½) and −SᵢS₁ for i ≠ j (never positive). The markers are central finite differences; they sit on the closed forms.",
            Figure::JacobianHeatmap => "Each cell is D_jS_i = ∂Sᵢ/∂aⱼ. The diagonal Sᵢ(1 − Sᵢ) is positive, the off-diagonal −SᵢSⱼ negative; the matrix is symmetric and each row sums to 0 (Σⱼ Sⱼ = 1 is constant).",
            Figure::StepError => "Largest relative error over the Jacobian's entries, against the exact reference. Finite differences trade truncation (falling with h) against rounding (rising as h shrinks); the dashed lines mark the theoretical optimal steps √u, u^(1/3), u^(1/5). The complex step has no subtraction and stays at rounding level. This is why a check against finite differences needs a tolerance, and how large.",
            Figure::Overflow => "With a = t·[0.2, 0.4, 1], the naive formula e^(aᵢ)/Σ e^(aₖ) agrees with the stable one until e^(a₃) overflows (a₃ > 709.78): from there it returns NaN (shaded). The stable form, shifted by ln C = −max aₖ, never overflows.",
            Figure::WorkedExample => "The values of S at the base point, printed to four decimals. For the article's a = [1, 2, 5] the article's printed values are marked: its third value 0,93 is S₃ = 0.9362 truncated, not rounded (0,94).",
        }
    }
}

/// Sizes scaled for the output: 1 for SVG, 2 for the PNG.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scale(pub(crate) f64);

impl Scale {
    /// A length in pixels.
    pub(crate) fn px(self, v: f64) -> u32 {
        // Lengths are small positive numbers of pixels: the cast cannot overflow.
        (v * self.0).round() as u32
    }

    /// A signed pixel offset.
    pub(crate) fn off(self, v: f64) -> i32 {
        (v * self.0).round() as i32
    }

    /// The figure font at `size` (before scaling).
    pub(crate) fn font(self, size: f64) -> TextStyle<'static> {
        (FONT, size * self.0).into_font().into()
    }
}

/// A drawing failure, as text.
fn draw_error<E: std::error::Error + Send + Sync>(figure: Figure, e: DrawingAreaErrorKind<E>) -> Error {
    Error::Render { figure: figure.name(), message: format!("{e:?}") }
}

/// Draws `figure` on `area`.
fn draw<DB: DrawingBackend>(figure: Figure, area: &DrawingArea<DB, Shift>, at: &Logits, k: Scale) -> Result<(), Error> {
    register_font();
    let result = (|| {
        area.fill(&WHITE)?;
        match figure {
            Figure::SoftmaxSweep => softmax_sweep::draw(area, at, figure, k),
            Figure::DerivativeSweep => derivative_sweep::draw(area, at, figure, k),
            Figure::JacobianHeatmap => jacobian_heatmap::draw(area, at, figure, k),
            Figure::StepError => step_error::draw(area, at, figure, k),
            Figure::Overflow => overflow::draw(area, figure, k),
            Figure::WorkedExample => worked_example::draw(area, at, figure, k),
        }?;
        area.present()
    })();
    result.map_err(|e| draw_error(figure, e))
}

/// The figure as an SVG document.
///
/// # Errors
/// [`Error::Render`] when plotters fails.
pub fn svg(figure: Figure, at: &Logits) -> Result<String, Error> {
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, SIZE).into_drawing_area();
        draw(figure, &area, at, Scale(1.0))?;
    }
    Ok(text)
}

/// The figure as a PNG file at twice [`SIZE`].
///
/// # Errors
/// [`Error::Render`] when plotters or the PNG encoder fails.
pub fn png(figure: Figure, at: &Logits) -> Result<Vec<u8>, Error> {
    let (w, h) = (SIZE.0 * 2, SIZE.1 * 2);
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw(figure, &area, at, Scale(2.0))?;
    }
    encode_png(&rgb, w, h).map_err(|e| Error::Render { figure: figure.name(), message: e.to_string() })
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgb)?;
    }
    Ok(bytes)
}

/// The frame every figure shares: title, margins, label areas
/// (`y_label` is the width of the y-axis label area, before scaling).
fn frame<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    title: String,
    k: Scale,
    y_label: f64,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(title, k.font(20.0))
        .margin(k.px(18.0))
        .x_label_area_size(k.px(52.0))
        .y_label_area_size(k.px(y_label));
    builder
}

/// The axes' fonts and light grid every figure shares.
fn mesh<'a, 'b, 'm, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    k: Scale,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.label_style(k.font(15.0)).axis_desc_style(k.font(17.0)).light_line_style(RGBColor(238, 238, 238))
}

/// The legend box, at `position`.
fn legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    k: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart
        .configure_series_labels()
        .position(position)
        .margin(k.px(12.0))
        .legend_area_size(k.px(34.0))
        .label_font(k.font(15.0))
        .background_style(WHITE.mix(0.92))
        .border_style(BLACK.mix(0.3))
        .draw()
}

/// The legend corner that covers the fewest points of `curves`.
///
/// The legend box is estimated as `width` × (`rows` × 6 % + 4 %) of the
/// plotting area, 1.5 % in from the corner; ties go to the first candidate.
fn least_crowded(
    curves: &[Vec<(f64, f64)>],
    x: (f64, f64),
    y: (f64, f64),
    rows: usize,
    width: f64,
) -> SeriesLabelPosition {
    use SeriesLabelPosition::{LowerLeft, LowerRight, MiddleLeft, MiddleRight, UpperLeft, UpperRight};
    // rows is a handful of legend lines: exact as f64.
    let height = rows as f64 * 0.06 + 0.04;
    let (pad, mid) = (0.015, 0.5 - height / 2.0);
    let boxes = [
        (MiddleRight, (1.0 - pad - width, 1.0 - pad), (mid, mid + height)),
        (UpperRight, (1.0 - pad - width, 1.0 - pad), (1.0 - pad - height, 1.0 - pad)),
        (LowerRight, (1.0 - pad - width, 1.0 - pad), (pad, pad + height)),
        (UpperLeft, (pad, pad + width), (1.0 - pad - height, 1.0 - pad)),
        (LowerLeft, (pad, pad + width), (pad, pad + height)),
        (MiddleLeft, (pad, pad + width), (mid, mid + height)),
    ];
    let inside = |(bx, by): ((f64, f64), (f64, f64))| {
        curves
            .iter()
            .flatten()
            .filter(|&&(px, py)| {
                let (u, v) = ((px - x.0) / (x.1 - x.0), (py - y.0) / (y.1 - y.0));
                (bx.0..=bx.1).contains(&u) && (by.0..=by.1).contains(&v)
            })
            .count()
    };
    boxes.into_iter().min_by_key(|&(_, bx, by)| inside((bx, by))).map_or(UpperRight, |(pos, _, _)| pos)
}

/// A legend key: a short line in `style`.
fn line_key(style: ShapeStyle, k: Scale) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + k.off(26.0), y)], style)
}

/// `n` points evenly spaced from `lo` to `hi`.
pub(crate) fn linspace(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> + Clone {
    // n is a small point count: exact as f64.
    (0..n).map(move |k| lo + (hi - lo) * k as f64 / (n - 1) as f64)
}

/// The colour of curve `i` (a qualitative palette that survives greyscale printing).
pub(crate) fn colour(i: usize) -> RGBColor {
    const PALETTE: [RGBColor; 8] = [
        RGBColor(0, 114, 178),
        RGBColor(213, 94, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(230, 159, 0),
        RGBColor(86, 180, 233),
        RGBColor(120, 120, 120),
        RGBColor(0, 0, 0),
    ];
    PALETTE[i % PALETTE.len()]
}

/// A subscript number: 12 → ₁₂.
pub(crate) fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}
