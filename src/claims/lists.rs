//! Lists of numbers as posts print them: `[0,5 1,5 3,0]` (decimal commas
//! separated by spaces), `[0.665, 0.245, 0.090]`, `[2; 1; 0]`,
//! `array([6.38e-03, 4.71e-02, 9.46e-01])`, `\left[ 0{,}5 \; 1 \right]`.

/// A number as printed: its value, its decimals, and its significant digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Printed {
    /// The value.
    pub value: f64,
    /// Digits after the decimal mark (of the mantissa, in scientific notation).
    pub decimals: usize,
    /// Whether it is written in scientific notation (`2.40e-145`).
    pub scientific: bool,
}

impl Printed {
    /// Half a unit of the last printed digit: how far from the truth a
    /// correctly rounded value can be.
    pub fn half_unit(&self) -> f64 {
        let unit = 10f64.powi(-(self.decimals as i32));
        if self.scientific && self.value != 0.0 {
            0.5 * unit * 10f64.powf(self.value.abs().log10().floor())
        } else {
            0.5 * unit
        }
    }
}

/// One number: `0,77`, `-1.5`, `4.71e-02`, `0{,}5`, `−3` (a Unicode minus).
fn number(item: &str) -> Option<Printed> {
    let item = item.trim().replace("{,}", ",").replace('−', "-").replace("\\!", "");
    let item = item.trim_matches(|c: char| c == '$' || c == '`');
    if item.is_empty() || !item.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let text = item.replace(',', ".");
    let (mantissa, scientific) = match text.find(['e', 'E']) {
        Some(k) => (&text[..k], true),
        None => (&text[..], false),
    };
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len());
    let value = text.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some(Printed { value, decimals, scientific })
}

/// The items of a list's inside: separated by `;`, by `, ` or `,` (when no
/// space separates items), or by spaces (a comma between digits is then a
/// decimal comma). `None` when an item is not a number.
pub(crate) fn items(inside: &str) -> Option<Vec<Printed>> {
    let inside = inside.replace("\\;", " ").replace("\\,", " ").replace("\\quad", " ").replace("&", " ");
    let inside = inside.trim();
    let parts: Vec<&str> = if inside.contains(';') {
        inside.split(';').collect()
    } else if inside.contains(", ") || !inside.contains(char::is_whitespace) {
        inside.split(',').collect()
    } else {
        inside.split_whitespace().collect()
    };
    let numbers: Option<Vec<Printed>> = parts.iter().filter(|p| !p.trim().is_empty()).map(|p| number(p)).collect();
    numbers.filter(|n| !n.is_empty())
}

/// Every bracketed list of numbers in `line`: (byte offset of `[`, the text
/// before it on the line, the numbers). `\left[ … \right]` and `\[`-free
/// brackets only; nested brackets are skipped.
pub(crate) fn in_line(line: &str) -> Vec<(usize, &str, Vec<Printed>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('[').map(|k| k + from) {
        let Some(close) = line[open + 1..].find([']', '[']).map(|k| k + open + 1) else { break };
        if line[close..].starts_with('[') {
            from = close;
            continue;
        }
        let inside = line[open + 1..close].trim_end_matches("\\right");
        if let Some(numbers) = items(inside) {
            let before = line[..open].trim_end_matches("\\left");
            out.push((open, before, numbers));
        }
        from = close + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(inside: &str) -> Option<Vec<f64>> {
        items(inside).map(|v| v.iter().map(|p| p.value).collect())
    }

    #[test]
    fn lists_in_every_notation() {
        assert_eq!(values("0,06 0,17 0,77"), Some(vec![0.06, 0.17, 0.77]));
        assert_eq!(values("0.665, 0.245, 0.090"), Some(vec![0.665, 0.245, 0.09]));
        assert_eq!(values("2; 1; 0"), Some(vec![2.0, 1.0, 0.0]));
        assert_eq!(values("0,1,3"), Some(vec![0.0, 1.0, 3.0]));
        assert_eq!(values("0{,}5 \\; 1"), Some(vec![0.5, 1.0]));
        assert_eq!(values("-600, −300, 0"), Some(vec![-600.0, -300.0, 0.0]));
        assert_eq!(values("a, b"), None);
        assert_eq!(items("0,090 0,5").unwrap()[0].decimals, 3);
        let s = items("6.38e-300, 1.00e+000").unwrap();
        assert!(s[0].scientific && s[0].decimals == 2);
        assert!((s[0].half_unit() - 0.005e-300).abs() < 1e-310);
    }

    #[test]
    fn lists_in_a_line_with_what_precedes_them() {
        let l = in_line("pour `a = [1 2]` on a `S(a) = [0,27 0,73]` et [x]");
        assert_eq!(l.len(), 2);
        assert!(l[0].1.ends_with("a = "));
        assert!(l[1].1.ends_with("S(a) = "));
        assert!(in_line("[[1, 2]]").len() <= 1);
    }
}
