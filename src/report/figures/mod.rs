//! The figures of the report, for the web (SVG) and for print and slides
//! (PNG at 1× and 2×).
//!
//! Every text is drawn as glyph outlines of DejaVu Sans, shipped in
//! `assets/fonts/` and compiled in ([`glyphs`]): no font of the machine or
//! of the reader is used, so the SVG and the PNG look the same everywhere,
//! and two runs give identical files. Figures are [`SIZE`] pixels, the width
//! of a blog column, with tick labels of 15 px; lines differ by dash pattern
//! and marker as well as colour, so that a grey-scale print keeps them apart.

mod derivative_sweep;
pub mod glyphs;
mod jacobian_heatmap;
mod legend;
mod overflow;
pub mod png;
pub mod raster;
mod softmax_sweep;
mod step_error;
pub mod svg;
mod worked_example;

use crate::lang::Lang;
use crate::{Error, Logits};
use legend::LineLook;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where a figure is drawn.
pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

/// What drawing returns.
pub(crate) type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The size in pixels of the SVG and of the 1× PNG; the 2× PNG is twice as large.
pub const SIZE: (u32, u32) = (700, 440);

/// The smallest text size, in pixels at [`SIZE`]: tick labels, legends, notes.
pub const TEXT_PX: f64 = 15.0;

/// What the figures show and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The point: the sweeps are centred on it, the heatmap and the worked example are at it.
    pub at: Logits,
    /// The swept logit $a_j$ (0-based here, 1-based on the command line and in every text).
    pub j: usize,
    /// The logits of the overflow figure at $t = 1$ (the post's overflow demonstration, when it has one).
    pub overflow_at: Logits,
    /// The values the post prints for its worked example at [`Options::at`]
    /// (value, decimals), when it has one: marked on the worked-example figure.
    pub printed: Option<Vec<(f64, usize)>>,
    /// The language of every text.
    pub lang: Lang,
    /// Whether the title is drawn inside the image (it is always in the SVG's `<title>`).
    pub titles: bool,
    /// Where the figures will be served from (`https://blog.example/assets/softmax/`): the
    /// `src` of the HTML snippets to paste into the post; `None` keeps them relative to the
    /// report's folder.
    pub base_url: Option<String>,
}

/// The point of the figures when the post has no worked example.
pub fn default_point() -> Logits {
    Logits::new(vec![0.0, 1.0, 2.0]).expect("valid")
}

/// The logits of the overflow figure when the post shows no overflow:
/// every $e^{a_k}$ overflows `f64` ($a_k > 709.78$).
pub fn default_overflow() -> Logits {
    Logits::new(vec![1000.0, 1001.0, 1002.0]).expect("valid")
}

impl Default for Options {
    fn default() -> Options {
        Options {
            at: default_point(),
            j: 0,
            overflow_at: default_overflow(),
            printed: None,
            lang: Lang::Fr,
            titles: false,
            base_url: None,
        }
    }
}

impl Options {
    /// The point, written in the report's language.
    pub fn point(&self) -> String {
        self.lang.list(self.at.as_slice())
    }

    /// The post's printed values at the point, when one of them is not its
    /// value correctly rounded (more than half a unit of its last digit away).
    pub fn printed_wrong(&self) -> Option<&[(f64, usize)]> {
        let printed = self.printed.as_deref()?;
        let s = crate::softmax::softmax(&self.at);
        let half = |d: usize| 0.5 * 10f64.powi(-(d as i32));
        (printed.len() == s.len() && printed.iter().zip(&s).any(|(&(p, d), &v)| (v - p).abs() > half(d)))
            .then_some(printed)
    }
}

/// A figure's texts: its title, its description (the alt text and the SVG's
/// `<desc>`: what the image shows, for a reader who cannot see it), and the
/// caption printed under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Texts {
    /// The title.
    pub title: String,
    /// What the figure shows, in words.
    pub alt: String,
    /// The caption: what to read in it.
    pub caption: String,
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

/// The part of a derivation of softmax a figure illustrates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The properties and the worked example.
    Characteristics,
    /// The overflow and the shift by the maximum.
    Instability,
    /// The Jacobian.
    Jacobian,
    /// The derivative, case by case.
    Derivative,
}

impl Section {
    /// Every section, in the order of a derivation.
    pub const ALL: [Section; 4] =
        [Section::Characteristics, Section::Instability, Section::Jacobian, Section::Derivative];

    /// The section's name in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        match self {
            Section::Characteristics => lang.pick("Propriétés et exemple", "Properties and example"),
            Section::Instability => lang.pick("Débordement et décalage", "Overflow and the shift"),
            Section::Jacobian => lang.pick("La jacobienne", "The Jacobian"),
            Section::Derivative => lang.pick("La dérivée, cas par cas", "The derivative, case by case"),
        }
    }
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

    /// The file stem (`.svg`, `.png` and `@2x.png` are added).
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

    /// The part of a derivation the figure illustrates.
    pub fn section(self) -> Section {
        match self {
            Figure::WorkedExample => Section::Characteristics,
            Figure::Overflow => Section::Instability,
            Figure::JacobianHeatmap => Section::Jacobian,
            Figure::SoftmaxSweep | Figure::DerivativeSweep | Figure::StepError => Section::Derivative,
        }
    }

    /// The figure's texts, in `o.lang`, for its point.
    pub fn texts(self, o: &Options) -> Texts {
        let t = match self {
            Figure::SoftmaxSweep => softmax_sweep::texts(o),
            Figure::DerivativeSweep => derivative_sweep::texts(o),
            Figure::JacobianHeatmap => jacobian_heatmap::texts(o),
            Figure::StepError => step_error::texts(o),
            Figure::Overflow => overflow::texts(o),
            Figure::WorkedExample => worked_example::texts(o),
        };
        match o.lang {
            // French spacing in what the figure and its snippet say.
            Lang::Fr => {
                let fr = crate::report::typography::french;
                Texts { title: fr(&t.title), alt: fr(&t.alt), caption: fr(&t.caption) }
            }
            Lang::En => t,
        }
    }

    /// The files of the figure: SVG, PNG 1×, PNG 2×.
    pub fn files(self) -> [String; 3] {
        [format!("{}.svg", self.name()), format!("{}.png", self.name()), format!("{}@2x.png", self.name())]
    }
}

/// Sizes scaled for the output: 1 for SVG and the 1× PNG, 2 for the 2× PNG.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scale(pub(crate) f64);

/// The font family name given to plotters; the backends draw every text
/// with the shipped font whatever the name.
const FONT: &str = "DejaVu Sans";

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

    /// The figure font at `size` px (before scaling).
    pub(crate) fn font(self, size: f64) -> TextStyle<'static> {
        (FONT, size * self.0).into_font().into()
    }
}

/// What a figure's drawing function receives.
pub(crate) struct Plot<'o> {
    /// The options.
    pub(crate) o: &'o Options,
    /// The scale.
    pub(crate) k: Scale,
    /// The figure's texts.
    pub(crate) texts: Texts,
}

impl Plot<'_> {
    /// The language.
    pub(crate) fn lang(&self) -> Lang {
        self.o.lang
    }

    /// French or English text.
    pub(crate) fn t<'t>(&self, fr: &'t str, en: &'t str) -> &'t str {
        self.o.lang.pick(fr, en)
    }
}

/// A drawing failure, as text.
fn draw_error<E: std::error::Error + Send + Sync>(figure: Figure, e: DrawingAreaErrorKind<E>) -> Error {
    Error::Render { figure: figure.name(), message: format!("{e:?}") }
}

/// Draws `figure` on `area`.
fn draw<DB: DrawingBackend>(figure: Figure, area: &Area<DB>, plot: &Plot<'_>) -> Result<(), Error> {
    let result = (|| {
        area.fill(&WHITE)?;
        let area = if plot.o.titles { title_band(area, &plot.texts.title, plot.k)? } else { area.clone() };
        let area = &area;
        match figure {
            Figure::SoftmaxSweep => softmax_sweep::draw(area, plot),
            Figure::DerivativeSweep => derivative_sweep::draw(area, plot),
            Figure::JacobianHeatmap => jacobian_heatmap::draw(area, plot),
            Figure::StepError => step_error::draw(area, plot),
            Figure::Overflow => overflow::draw(area, plot),
            Figure::WorkedExample => worked_example::draw(area, plot),
        }?;
        area.present()
    })();
    result.map_err(|e| draw_error(figure, e))
}

/// The figure as an SVG document, with its title and description.
///
/// # Errors
/// [`Error::Render`] when plotters fails.
pub fn svg(figure: Figure, o: &Options) -> Result<String, Error> {
    let texts = figure.texts(o);
    let mut doc = svg::Document::new(SIZE);
    {
        let area = svg::Svg(&mut doc).into_drawing_area();
        draw(figure, &area, &Plot { o, k: Scale(1.0), texts: texts.clone() })?;
    }
    Ok(doc.finish(&texts.title, &texts.alt))
}

/// The figure as a PNG file, `scale` times [`SIZE`] (1 or 2).
///
/// # Errors
/// [`Error::Render`] when plotters or the PNG encoder fails.
pub fn png(figure: Figure, o: &Options, scale: u32) -> Result<Vec<u8>, Error> {
    let (rgb, (w, h)) = rgb(figure, o, scale)?;
    png::encode(&rgb, w, h).map_err(|e| Error::Render { figure: figure.name(), message: e.to_string() })
}

/// The figure's pixels, `scale` times [`SIZE`], as RGB bytes, with the size.
///
/// # Errors
/// [`Error::Render`] when plotters fails.
pub fn rgb(figure: Figure, o: &Options, scale: u32) -> Result<(Vec<u8>, (u32, u32)), Error> {
    let (w, h) = (SIZE.0 * scale, SIZE.1 * scale);
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let backend = plotters::backend::BitMapBackend::with_buffer(&mut rgb, (w, h));
        let area = raster::Raster(backend).into_drawing_area();
        draw(figure, &area, &Plot { o, k: Scale(f64::from(scale)), texts: figure.texts(o) })?;
    }
    Ok((rgb, (w, h)))
}

/// The size of a title drawn inside a figure (`--titles`), in pixels before scaling.
const TITLE_PX: f64 = 17.0;

/// The lines of `title` drawn across a figure `width` pixels wide (after
/// scaling `k`): wrapped at spaces so that each line fits between the margins
/// (an equation is not broken at its `=`: `a = [0,5 ; 1,5 ; 3]` moves as one piece).
pub(crate) fn title_lines(title: &str, width: u32, k: Scale) -> Vec<String> {
    legend::wrap(title, width.saturating_sub(k.px(2.0 * TITLE_MARGIN)), k.0 * TITLE_PX)
}

/// The margin left and right of a title, in pixels before scaling.
const TITLE_MARGIN: f64 = 12.0;

/// Draws `title` across the top of `area`, centred and wrapped to its width,
/// and returns the area below it: the chart and its legend keep their whole
/// room under the title, so the title is never clipped nor drawn over the legend.
fn title_band<DB: DrawingBackend>(
    area: &Area<DB>,
    title: &str,
    k: Scale,
) -> Result<Area<DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let width = area.dim_in_pixel().0;
    let lines = title_lines(title, width, k);
    let line_height = k.off(TITLE_PX * 1.3);
    let top = k.off(8.0);
    let style = k.font(TITLE_PX).pos(Pos::new(HPos::Center, VPos::Top));
    let centre = i32::try_from(width / 2).unwrap_or(i32::MAX);
    for (n, line) in lines.iter().enumerate() {
        let y = top + line_height * i32::try_from(n).unwrap_or(i32::MAX);
        area.draw(&Text::new(line.clone(), (centre, y), style.clone()))?;
    }
    let used = top + line_height * i32::try_from(lines.len()).unwrap_or(i32::MAX);
    Ok(area.split_vertically(used).1)
}

/// The chart builder every figure shares: margins, label areas (`y_label`
/// is the width of the y-axis label area, before scaling).
fn frame<'a, 'b, DB: DrawingBackend>(area: &'a Area<DB>, plot: &Plot<'_>, y_label: f64) -> ChartBuilder<'a, 'b, DB> {
    let k = plot.k;
    let mut builder = ChartBuilder::on(area);
    builder.margin(k.px(12.0)).x_label_area_size(k.px(46.0)).y_label_area_size(k.px(y_label));
    builder
}

/// The axes' fonts and light grid every figure shares.
fn mesh<'a, 'b, 'm, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    k: Scale,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.label_style(k.font(TEXT_PX))
        .axis_desc_style(k.font(16.0))
        .bold_line_style(RGBColor(225, 225, 225))
        .light_line_style(TRANSPARENT)
}

/// `n` points evenly spaced from `lo` to `hi`.
pub(crate) fn linspace(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> + Clone {
    // n is a small point count: exact as f64.
    (0..n).map(move |k| lo + (hi - lo) * k as f64 / (n - 1) as f64)
}

/// The colour of curve `i` (Okabe–Ito, told apart by colour-blind readers).
pub(crate) fn colour(i: usize) -> RGBColor {
    const PALETTE: [RGBColor; 7] = [
        RGBColor(0, 114, 178),
        RGBColor(213, 94, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(230, 159, 0),
        RGBColor(86, 180, 233),
        RGBColor(0, 0, 0),
    ];
    PALETTE[i % PALETTE.len()]
}

/// A tick label in the report's language, as short as the value allows:
/// `0,25`, `−0,1`, `0`, `120` (ticks are round numbers; rounding to 9
/// decimals removes binary noise such as `0.30000000000000004`).
pub(crate) fn tick(lang: Lang, v: f64) -> String {
    let text = format!("{v:.9}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    lang.fixed(text.parse().unwrap_or(v), text.split_once('.').map_or(0, |(_, d)| d.len()))
}

/// A tick label on a log axis: `10⁻¹⁶`.
pub(crate) fn log_tick(v: f64) -> String {
    // Log-axis ticks are powers of ten: the rounded exponent is exact.
    crate::lang::pow10(v.log10().round() as i32)
}

/// The split of a figure into its chart and a legend column at the right
/// (`width` pixels before scaling).
pub(crate) fn with_legend_column<DB: DrawingBackend>(area: &Area<DB>, k: Scale, width: f64) -> (Area<DB>, Area<DB>) {
    area.split_horizontally(area.dim_in_pixel().0 - k.px(width))
}

/// The look of curve `i` of a sweep: $i = j$ solid and thick; every $i \ne j$
/// dashed, with a marker shape of its own.
pub(crate) fn sweep_look(i: usize, j: usize) -> LineLook {
    if i == j {
        LineLook::solid(colour(0), 3.0)
    } else {
        // The other curves take the next colours and shapes, in order.
        let rank = if i < j { i + 1 } else { i };
        LineLook::dashed(colour(rank), 2.0).with_marker(legend::Marker::cycle(rank - 1))
    }
}

/// The vertical line at the base value `x` of a sweep, labelled above the
/// curves (the y range leaves room at the top, from `top` − 7 %).
pub(crate) fn base_line<'a, DB: DrawingBackend + 'a>(
    chart: &mut plotters::chart::ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    x: f64,
    (bottom, top): (f64, f64),
    label: String,
    k: Scale,
) -> Drawn<DB> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let label_at = top - 0.07 * (top - bottom);
    let line = BLACK.mix(0.55).stroke_width(k.px(1.0));
    chart.draw_series(std::iter::once(PathElement::new(vec![(x, bottom), (x, label_at)], line)))?;
    let style = k.font(TEXT_PX).pos(Pos::new(HPos::Center, VPos::Bottom));
    chart.draw_series(std::iter::once(Text::new(label, (x, label_at), style)))?;
    Ok(())
}
