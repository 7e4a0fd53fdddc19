//! The language of what the tool writes for a person — the figures,
//! REPORT.md, `verify`'s text and the evidence of its findings — and the
//! way numbers are written in it.
//!
//! French (the article's language) writes $0{,}936$ with a decimal comma,
//! lists as `[1 ; 2 ; 5]`, and both languages use the minus sign − (U+2212),
//! not a hyphen, and powers of ten as $10^{-16}$ → `10⁻¹⁶`.

use std::fmt;
use std::str::FromStr;

/// The language of the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// French, the article's language (the default).
    #[default]
    Fr,
    /// English.
    En,
}

/// An unknown `--lang`.
#[derive(Debug, thiserror::Error)]
#[error("unknown language `{0}` (use fr or en)")]
pub struct UnknownLang(String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            other => Err(UnknownLang(other.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The minus sign.
pub const MINUS: char = '\u{2212}';

impl Lang {
    /// `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The French text or the English one.
    pub fn pick<'t>(self, fr: &'t str, en: &'t str) -> &'t str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// The decimal separator.
    fn point(self) -> char {
        self.pick(",", ".").chars().next().unwrap_or('.')
    }

    /// Writes a plain Rust number (`-0.25`, `1.5`) in this language: decimal
    /// separator, minus sign; a zero never carries a sign.
    fn localise(self, plain: &str) -> String {
        let is_zero = plain.chars().all(|c| matches!(c, '-' | '0' | '.'));
        let plain = if is_zero { plain.trim_start_matches('-') } else { plain };
        plain
            .chars()
            .map(|c| {
                if c == '.' {
                    self.point()
                } else if c == '-' {
                    MINUS
                } else {
                    c
                }
            })
            .collect()
    }

    /// `v` with `decimals` digits after the separator: `0,936`, `−0,25`.
    pub fn fixed(self, v: f64, decimals: usize) -> String {
        if !v.is_finite() {
            return self.special(v);
        }
        self.localise(&format!("{v:.decimals$}"))
    }

    /// NaN and ±∞.
    fn special(self, v: f64) -> String {
        if v.is_nan() {
            "NaN".to_string()
        } else if v > 0.0 {
            "+∞".to_string()
        } else {
            format!("{MINUS}∞")
        }
    }

    /// `v` with `digits` significant digits as mantissa × 10^e: `5,75 × 10⁻²⁹⁰`.
    pub fn sci(self, v: f64, digits: usize) -> String {
        if !v.is_finite() {
            return self.special(v);
        }
        if v == 0.0 {
            return "0".to_string();
        }
        let text = format!("{v:.prec$e}", prec = digits.saturating_sub(1));
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        if exponent == 0 {
            return self.localise(mantissa);
        }
        format!("{} × {}", self.localise(mantissa), pow10(exponent))
    }

    /// `v` readably: plain with `digits` significant digits between 10⁻³
    /// and 10⁴, scientific outside; integers as integers.
    pub fn num(self, v: f64, digits: usize) -> String {
        if !v.is_finite() {
            return self.special(v);
        }
        // Integers of moderate size print exactly (an exact test: is v whole?).
        if v.fract() == 0.0 && v.abs() < 1e15 {
            return self.localise(&format!("{v}"));
        }
        let magnitude = v.abs().log10().floor();
        if (-3.0..4.0).contains(&magnitude) {
            // digits − 1 − magnitude decimals give `digits` significant digits.
            let decimals = (digits as f64 - 1.0 - magnitude).max(0.0) as usize;
            self.localise(&format!("{v:.decimals$}"))
        } else {
            self.sci(v, digits)
        }
    }

    /// A count, grouped by thousands: `28 498` (narrow no-break space) or `28,498`.
    pub fn count(self, n: usize) -> String {
        let digits = n.to_string();
        let sep = self.pick("\u{202F}", ",");
        let mut out = String::new();
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    /// `v` in its shortest exact form when that is short (`0,02`, `123`,
    /// `1,5`), else with four significant digits.
    pub fn short(self, v: f64) -> String {
        let plain = format!("{v}");
        if v.is_finite() && plain.len() <= 9 {
            self.localise(&plain)
        } else {
            self.num(v, 4)
        }
    }

    /// `v` with every digit of its shortest round-trip form (nothing rounded
    /// away, as a counterexample needs): `0,25`, `−1`, and `5,75 × 10⁻²⁹⁰`
    /// below 10⁻⁵ or from 10¹⁶ on.
    pub fn exact(self, v: f64) -> String {
        if !v.is_finite() {
            return self.special(v);
        }
        self.styled(&crate::format_number(v))
    }

    /// A number written as Rust writes it (`-7.500e-1`, `0.48296`, `1.2e-400`, its
    /// exponent possibly beyond f64's) in this language's style, its digits kept:
    /// `−7,500 × 10⁻¹`; text of any other shape is returned as it is.
    pub fn styled(self, text: &str) -> String {
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, Some(e)),
            None => (text, None),
        };
        let digits = mantissa.strip_prefix('-').unwrap_or(mantissa);
        let number = !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            && digits.matches('.').count() <= 1;
        let exponent = match exponent.map(str::parse::<i32>) {
            None => None,
            Some(Ok(e)) => Some(e),
            Some(Err(_)) => return text.to_string(),
        };
        if !number {
            return text.to_string();
        }
        match exponent {
            None | Some(0) => self.localise(mantissa),
            Some(e) => format!("{} × {}", self.localise(mantissa), pow10(e)),
        }
    }

    /// A list of numbers: `[0 ; 1 ; 3]` or `[0, 1, 3]`; −∞ for a mask.
    pub fn list(self, values: &[f64]) -> String {
        self.bracket(&values.iter().map(|&v| self.short(v)).collect::<Vec<_>>())
    }

    /// Items as a list: `[a ; b]` (a no-break space before the semicolon,
    /// as French typography wants) or `[a, b]`.
    pub fn bracket(self, items: &[String]) -> String {
        format!("[{}]", items.join(self.pick("\u{a0}; ", ", ")))
    }
}

/// $10^e$ with superscript digits: `10⁻¹⁶`.
pub fn pow10(e: i32) -> String {
    format!("10{}", superscript(e))
}

/// An integer as superscript characters: −16 → ⁻¹⁶.
pub fn superscript(e: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let sign = if e < 0 { "⁻" } else { "" };
    let digits: String = e.unsigned_abs().to_string().chars().map(|c| DIGITS[c as usize - '0' as usize]).collect();
    format!("{sign}{digits}")
}

/// A subscript number: 12 → ₁₂.
pub fn subscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    n.to_string().chars().map(|c| DIGITS[c as usize - '0' as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        let fr = Lang::Fr;
        assert_eq!(fr.fixed(0.84379, 3), "0,844");
        assert_eq!(fr.fixed(-6.0, 1), "−6,0");
        assert_eq!(fr.fixed(-0.0001, 3), "0,000");
        assert_eq!(fr.sci(5.752_744e-290, 3), "5,75 × 10⁻²⁹⁰");
        assert_eq!(fr.num(709.782_712_893_384, 5), "709,78");
        assert_eq!(fr.num(1e-16, 2), "1,0 × 10⁻¹⁶");
        assert_eq!(fr.list(&[1.0, 2.0, f64::NEG_INFINITY]), "[1\u{a0}; 2\u{a0}; −∞]");
        assert_eq!(fr.list(&[0.02, -0.5, 1.0 / 3.0]), "[0,02\u{a0}; −0,5\u{a0}; 0,3333]");
        assert_eq!(fr.count(2_496_786), "2\u{202F}496\u{202F}786");
        assert_eq!(pow10(-16), "10⁻¹⁶");
    }

    #[test]
    fn english_numbers() {
        let en = Lang::En;
        assert_eq!(en.fixed(0.84379, 3), "0.844");
        assert_eq!(en.num(-0.25, 2), "−0.25");
        assert_eq!(en.list(&[200.0, 500.0, 800.0]), "[200, 500, 800]");
        assert_eq!(en.count(28498), "28,498");
        // Every digit kept: a counterexample's values are not rounded.
        assert_eq!(en.exact(0.250_000_000_000_000_1), "0.2500000000000001");
        assert_eq!(Lang::Fr.exact(-5.752_744e-290), "−5,752744 × 10⁻²⁹⁰");
        assert_eq!(en.exact(-0.0), "0");
        assert_eq!(Lang::Fr.styled("-7.500e-1"), "−7,500 × 10⁻¹");
        assert_eq!(en.styled("1.2e-400"), "1.2 × 10⁻⁴⁰⁰");
        assert_eq!(Lang::Fr.styled("-0.48296"), "−0,48296");
        assert_eq!(en.styled("(Z - 1)^2"), "(Z - 1)^2");
        assert_eq!(
            "de".parse::<Lang>().map_err(|e| e.to_string()).unwrap_err(),
            "unknown language `de` (use fr or en)"
        );
    }
}
