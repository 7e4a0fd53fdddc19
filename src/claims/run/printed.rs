//! Program output as printed: its numbers at their printed precision, its
//! warning lines, and values written back at a post's precision.

/// A warning line as Python prints one (`…: RuntimeWarning: overflow encountered in exp`).
pub(super) fn warning_in(line: &str) -> Option<(String, String)> {
    let k = line.find("Warning:")?;
    let start = line[..k]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |(s, c)| s + c.len_utf8());
    let category = line[start..k + "Warning".len()].to_string();
    Some((category, line[k + "Warning:".len()..].trim().to_string()))
}

/// The first words of a warning's message, which name what happened across numpy
/// versions (`invalid value encountered in true_divide` / `… in divide`).
pub(super) fn gist(message: &str) -> String {
    let lower = message.to_lowercase();
    lower.split(" encountered").next().unwrap_or(&lower).trim().to_string()
}

/// A number as printed in program output.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) value: f64,
    /// Half a unit of its last digit (0 for NaN and ±inf).
    pub(super) half_unit: f64,
    /// Where it is in its line (byte range).
    pub(super) at: (usize, usize),
}

/// The numbers of a line of output: `-1.5`, `5.75e-290`, `1.`, `nan`, `inf`, `-inf`,
/// but not the digits of a name (`float64`, `python3.7`) or a path.
pub(super) fn numbers_in(line: &str) -> Vec<Token> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    let word_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'/';
    while k < bytes.len() {
        if !line.is_char_boundary(k) {
            k += 1;
            continue;
        }
        let before_ok = k == 0 || !word_char(bytes[k - 1]);
        let start = k;
        let mut m = k;
        if before_ok && (bytes[m] == b'-' || bytes[m] == b'+') {
            m += 1;
        }
        let rest = &line[m..];
        let word = ["nan", "inf"].iter().find(|w| rest.starts_with(**w));
        if before_ok {
            if let Some(w) = word {
                let end = m + w.len();
                if end >= bytes.len() || !word_char(bytes[end]) {
                    let value = if *w == "nan" {
                        f64::NAN
                    } else if bytes[start] == b'-' {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    };
                    out.push(Token { value, half_unit: 0.0, at: (start, end) });
                    k = end;
                    continue;
                }
            }
        }
        if before_ok
            && m < bytes.len()
            && (bytes[m].is_ascii_digit() || (bytes[m] == b'.' && bytes.get(m + 1).is_some_and(u8::is_ascii_digit)))
        {
            let mut e = m;
            while e < bytes.len() && bytes[e].is_ascii_digit() {
                e += 1;
            }
            let mut decimals = 0;
            if e < bytes.len() && bytes[e] == b'.' {
                e += 1;
                while e < bytes.len() && bytes[e].is_ascii_digit() {
                    e += 1;
                    decimals += 1;
                }
            }
            let mut exponent = 0i32;
            if e < bytes.len() && (bytes[e] == b'e' || bytes[e] == b'E') {
                let mut x = e + 1;
                if x < bytes.len() && (bytes[x] == b'-' || bytes[x] == b'+') {
                    x += 1;
                }
                let digits = x;
                while x < bytes.len() && bytes[x].is_ascii_digit() {
                    x += 1;
                }
                if x > digits {
                    exponent = line[e + 1..x].parse().unwrap_or(0);
                    e = x;
                }
            }
            let after_ok = e >= bytes.len() || !(bytes[e].is_ascii_alphanumeric() || bytes[e] == b'_');
            if let (true, Ok(value)) = (after_ok, line[start..e].trim_end_matches('.').parse::<f64>()) {
                let half_unit = 0.5 * 10f64.powi(exponent - decimals);
                out.push(Token { value, half_unit, at: (start, e) });
            }
            k = e.max(k + 1);
            continue;
        }
        k += 1;
    }
    out
}

/// Whether the printed `shown` is what `real` rounds to (NaN only as NaN, ±inf only as itself).
pub(super) fn agrees(shown: &Token, real: f64) -> bool {
    if shown.value.is_nan() || real.is_nan() {
        return shown.value.is_nan() && real.is_nan();
    }
    if shown.value.is_infinite() || real.is_infinite() {
        // The same infinity, sign included.
        return shown.value.is_infinite()
            && real.is_infinite()
            && shown.value.is_sign_positive() == real.is_sign_positive();
    }
    // The shown value is a decimal rounding of the real one: within half a unit of its
    // last digit, plus the few ulps the decimal-to-binary parse of `shown` may be off.
    let slack = 4.0 * f64::EPSILON * shown.value.abs().max(real.abs());
    (real - shown.value).abs() <= shown.half_unit + slack
}

/// The data lines of an output (its warnings, and the source line Python echoes
/// after each, left out) with their offsets in the block.
pub(super) fn data_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut after_warning = false;
    for (k, l) in text.lines().enumerate() {
        if warning_in(l).is_some() {
            after_warning = true;
            continue;
        }
        // Python echoes the warning's source line, indented: code, with letters (a line of
        // numbers there is output).
        if after_warning && l.starts_with(char::is_whitespace) && l.chars().any(|c| c.is_ascii_alphabetic()) {
            after_warning = false;
            continue;
        }
        after_warning = false;
        out.push((k, l));
    }
    out
}

pub(super) fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// A value as Python prints a float (`nan`, `inf`, `0.5`, `5.75e-290`).
pub(super) fn python_number(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        }
    } else {
        crate::format_number(v)
    }
}

/// `value` written with as many digits as `written` (`3.8e-44` → `3.7e-44`).
pub(super) fn rounded_like(written: &str, value: f64) -> String {
    if !value.is_finite() {
        return python_number(value);
    }
    let lower = written.to_lowercase();
    let (mantissa, scientific) = match lower.find('e') {
        Some(k) => (&lower[..k], true),
        None => (&lower[..], false),
    };
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len());
    if scientific {
        let s = format!("{value:.decimals$e}");
        // Rust writes `5.75e-290`; keep the post's exponent style (`e+00`, `e-05`).
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = e.parse().unwrap_or(0);
        let digits = written.split(['e', 'E']).nth(1).map_or(0, |x| x.trim_start_matches(['-', '+']).len());
        let sign = if exp < 0 {
            "-"
        } else if written.contains("e+") || written.contains("E+") {
            "+"
        } else {
            ""
        };
        format!("{m}e{sign}{:0digits$}", exp.abs())
    } else {
        format!("{value:.decimals$}")
    }
}
