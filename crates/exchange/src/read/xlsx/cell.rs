//! A cell's text as a person reading the sheet would type it back, and cell
//! references.
//!
//! Whole numbers lose their decimal point (a national ID typed as the number
//! 13542419 reads as "13542419"; restoring leading zeros is the validator's
//! job), other numbers take their shortest exact form, numbers in a date
//! style become ISO `YYYY-MM-DD` (with `THH:MM:SS` when there is a time of
//! day; the validator then asks for a Jalali date), booleans read `TRUE` or
//! `FALSE`, error cells their code such as `#N/A`, and texts are unescaped
//! from Excel's `_xHHHH_` form (`_x000D_` is a carriage return).

use std::fmt::Write as _;

use crate::error::ExchangeError;
use crate::read::xlsx::broken;
use crate::read::xlsx::shared_strings::SharedStrings;
use crate::read::xlsx::styles::DateStyles;

/// A cell's type, from its `t` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellKind {
    /// `n` or none: a number (a date in a date style).
    Number,
    /// `s`: an index into the shared strings.
    Shared,
    /// `inlineStr`: text in the cell.
    Inline,
    /// `str`: the text result of a formula.
    Formula,
    /// `b`: a boolean, `0` or `1`.
    Bool,
    /// `e`: an error code.
    Error,
    /// `d`: an ISO 8601 date.
    IsoDate,
}

impl CellKind {
    pub(crate) fn from_attribute(value: Option<&str>) -> CellKind {
        match value {
            Some("s") => CellKind::Shared,
            Some("inlineStr") => CellKind::Inline,
            Some("str") => CellKind::Formula,
            Some("b") => CellKind::Bool,
            Some("e") => CellKind::Error,
            Some("d") => CellKind::IsoDate,
            _ => CellKind::Number,
        }
    }
}

/// What turning a cell into text needs besides the cell.
pub(crate) struct Lookups<'a> {
    pub(crate) strings: &'a SharedStrings,
    pub(crate) dates: &'a DateStyles,
    pub(crate) date1904: bool,
}

/// The text of a cell whose raw value is `raw`; `scratch` holds it when it
/// had to be made.
pub(crate) fn cell_text<'a>(
    kind: CellKind,
    style: usize,
    raw: &'a str,
    lookups: &Lookups<'a>,
    scratch: &'a mut String,
) -> Result<&'a str, ExchangeError> {
    scratch.clear();
    match kind {
        CellKind::Shared => {
            let index: usize = raw
                .trim()
                .parse()
                .map_err(|_| broken(format!("a cell refers to text «{}»", raw.trim())))?;
            return lookups.strings.get(index).ok_or_else(|| {
                broken(format!(
                    "a cell refers to text number {index}, which it lacks"
                ))
            });
        }
        CellKind::Inline | CellKind::Formula => {
            if !raw.contains("_x") {
                return Ok(raw);
            }
            unescape_ooxml(raw, scratch);
        }
        CellKind::IsoDate | CellKind::Error => return Ok(raw),
        CellKind::Bool => {
            let value = matches!(raw.trim(), "1" | "true" | "TRUE");
            return Ok(if value { "TRUE" } else { "FALSE" });
        }
        CellKind::Number => {
            let Ok(number) = raw.trim().parse::<f64>() else {
                return Ok(raw);
            };
            let dated = lookups.dates.is_date(style)
                && write_date(scratch, number, lookups.date1904).is_some();
            if !dated {
                scratch.clear();
                write_number(scratch, number);
            }
        }
    }
    Ok(scratch.as_str())
}

/// Whole numbers without a fraction, others in their shortest exact form.
pub(crate) fn write_number(out: &mut String, number: f64) {
    // 2^53: beyond it not every whole number is representable, so the plain
    // float form is the honest one.
    const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;
    if number.fract() == 0.0 && number.abs() < EXACT_LIMIT {
        let _ = write!(out, "{}", number as i64);
    } else {
        let _ = write!(out, "{number}");
    }
}

/// Writes Excel serial date `serial` as ISO text; `None` (and nothing
/// written) for a number no calendar date has (negative or past 9999).
pub(crate) fn write_date(out: &mut String, serial: f64, date1904: bool) -> Option<()> {
    const LAST_SERIAL: f64 = 2_958_466.0;
    if !serial.is_finite() || !(0.0..LAST_SERIAL).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    let mut milliseconds = ((serial - serial.floor()) * 86_400_000.0).round() as i64;
    if milliseconds >= 86_400_000 {
        days += 1;
        milliseconds = 0;
    }
    if date1904 {
        days += 1462;
    } else if days == 60 {
        // Excel's 29 February 1900, a day that never was (Lotus's leap year).
        out.push_str("1900-02-29");
        write_time(out, milliseconds);
        return Some(());
    } else if days < 60 {
        days += 1;
    }
    // Serial days count from 1899-12-30; the Unix epoch is day 25,569.
    let (year, month, day) = civil_from_days(days - 25_569);
    let _ = write!(out, "{year:04}-{month:02}-{day:02}");
    write_time(out, milliseconds);
    Some(())
}

fn write_time(out: &mut String, milliseconds: i64) {
    if milliseconds == 0 {
        return;
    }
    let seconds = milliseconds / 1000;
    let _ = write!(
        out,
        "T{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// days-to-civil algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Appends `text` with Excel's `_xHHHH_` escapes replaced by their characters.
pub(crate) fn unescape_ooxml(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let candidate = &rest[at..];
        let escaped = candidate
            .get(2..6)
            .filter(|hex| hex.bytes().all(|byte| byte.is_ascii_hexdigit()))
            .filter(|_| candidate.as_bytes().get(6) == Some(&b'_'))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        match escaped {
            Some(character) => {
                out.push(character);
                rest = &candidate[7..];
            }
            None => {
                out.push_str("_x");
                rest = &candidate[2..];
            }
        }
    }
    out.push_str(rest);
}

/// The 0-based column of a cell reference such as `XFD1048576`; `None` when
/// it does not start with a letter. Far columns saturate rather than wrap.
pub(crate) fn column_index(reference: &str) -> Option<u64> {
    let letters = reference
        .bytes()
        .take_while(|byte| byte.is_ascii_alphabetic());
    let mut column = 0u64;
    let mut any = false;
    for letter in letters {
        any = true;
        let value = u64::from(letter.to_ascii_uppercase() - b'A' + 1);
        column = column.saturating_mul(26).saturating_add(value);
    }
    any.then(|| column - 1)
}

/// The row number of a cell reference such as `XFD1048576`.
pub(crate) fn row_number(reference: &str) -> Option<u64> {
    let digits = reference.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '$');
    digits.parse().ok()
}

/// The reference of the cell at 0-based `column` of row `line`.
pub(crate) fn reference(column: u64, line: u64) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        letters.push(b'A' + ((rest - 1) % 26) as u8);
        rest = (rest - 1) / 26;
    }
    letters.reverse();
    format!("{}{line}", String::from_utf8_lossy(&letters))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(raw: &str, date_style: bool) -> String {
        let strings = SharedStrings::default();
        let dates = DateStyles::with_dates(&[date_style]);
        let lookups = Lookups {
            strings: &strings,
            dates: &dates,
            date1904: false,
        };
        let mut scratch = String::new();
        cell_text(CellKind::Number, 0, raw, &lookups, &mut scratch)
            .unwrap()
            .to_owned()
    }

    #[test]
    fn whole_numbers_lose_their_decimal_point() {
        assert_eq!(number("13542419", false), "13542419");
        assert_eq!(number("9121234567", false), "9121234567");
        assert_eq!(number("-3", false), "-3");
        assert_eq!(number("2.5", false), "2.5");
        assert_eq!(number("1.3542419E7", false), "13542419");
        assert_eq!(number("not a number", false), "not a number");
    }

    #[test]
    fn excel_dates_become_iso_text() {
        // 30 July 2024 is serial 45503 in the 1900 date system.
        assert_eq!(number("45503", true), "2024-07-30");
        assert_eq!(number("45503.5", true), "2024-07-30T12:00:00");
        assert_eq!(number("1", true), "1900-01-01");
        assert_eq!(number("60", true), "1900-02-29");
        assert_eq!(number("61", true), "1900-03-01");
        assert_eq!(number("-1", true), "-1");
        assert_eq!(number("3e6", true), "3000000");
        let mut out = String::new();
        write_date(&mut out, 0.0, true).unwrap();
        assert_eq!(out, "1904-01-01");
    }

    #[test]
    fn excel_escapes_are_undone() {
        let mut out = String::new();
        unescape_ooxml("a_x000D_b_x005F_x0041_ _x12 _xZZZZ_", &mut out);
        assert_eq!(out, "a\rb_x0041_ _x12 _xZZZZ_");
    }

    #[test]
    fn cell_references_name_columns_and_rows() {
        assert_eq!(column_index("A1"), Some(0));
        assert_eq!(column_index("XFD1048576"), Some(16_383));
        assert_eq!(column_index("1"), None);
        assert!(column_index(&"Z".repeat(40)).unwrap() > 1 << 60);
        assert_eq!(row_number("XFD1048576"), Some(1_048_576));
        assert_eq!(row_number("A"), None);
        assert_eq!(reference(16_383, 1_048_576), "XFD1048576");
        assert_eq!(reference(0, 1), "A1");
        assert_eq!(reference(26, 3), "AA3");
    }
}
