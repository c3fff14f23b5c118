//! Which cell styles show numbers as dates, read from `styles.xml`.
//!
//! Excel keeps a date as a number (days since 1900, or 1904) and knows it is
//! a date only by the number format of the cell's style: a cell's `s`
//! attribute indexes `cellXfs`, whose `numFmtId` is either built in (14–22,
//! 27–36, 45, 47, 50–58 are dates and times; 46, `[h]:mm:ss`, is a duration)
//! or declared in `numFmts` with a format code. A code is a date when its
//! first section has a day, month, year, hour or second letter outside quotes,
//! escapes and brackets; elapsed-time brackets such as `[h]` make it a
//! duration, which reads as a number. Only one bit per style is kept, for at
//! most [`MAX_STYLES`] styles (Excel allows 64,000).

use std::io::Read;

use quick_xml::events::Event;

use crate::error::ExchangeError;
use crate::read::xlsx::xml::{XmlPart, attribute, local, without_prefix};

/// Styles beyond this many are taken as not dates.
pub(crate) const MAX_STYLES: usize = 65_536;
/// Declared date formats beyond this many are taken as not dates.
const MAX_DATE_FORMATS: usize = 4_096;

/// The styles whose numbers are dates.
#[derive(Debug, Default)]
pub(crate) struct DateStyles {
    is_date: Vec<bool>,
}

impl DateStyles {
    /// Reads `styles.xml`.
    pub(crate) fn read<C: Read>(styles: &mut XmlPart<C>) -> Result<DateStyles, ExchangeError> {
        let mut date_formats: Vec<u32> = Vec::new();
        let mut is_date = Vec::new();
        let mut in_cell_xfs = false;
        loop {
            match styles.next()? {
                Event::Start(start) | Event::Empty(start) => match local(&start) {
                    "numFmt" if date_formats.len() < MAX_DATE_FORMATS => {
                        let id = attribute(&start, "numFmtId").and_then(|id| id.parse().ok());
                        let code = attribute(&start, "formatCode").unwrap_or_default();
                        if let Some(id) = id
                            && is_date_code(&code)
                        {
                            date_formats.push(id);
                        }
                    }
                    "cellXfs" => in_cell_xfs = true,
                    "xf" if in_cell_xfs && is_date.len() < MAX_STYLES => {
                        let id: Option<u32> =
                            attribute(&start, "numFmtId").and_then(|id| id.parse().ok());
                        let date =
                            id.is_some_and(|id| is_builtin_date(id) || date_formats.contains(&id));
                        is_date.push(date);
                    }
                    _ => {}
                },
                Event::End(end) if without_prefix(end.name().0) == "cellXfs" => {
                    in_cell_xfs = false;
                }
                Event::Eof => return Ok(DateStyles { is_date }),
                _ => {}
            }
        }
    }

    /// Styles whose date-ness is given, for tests.
    #[cfg(test)]
    pub(crate) fn with_dates(flags: &[bool]) -> DateStyles {
        DateStyles {
            is_date: flags.to_vec(),
        }
    }

    /// Whether style `index` shows numbers as dates.
    pub(crate) fn is_date(&self, index: usize) -> bool {
        self.is_date.get(index).copied().unwrap_or(false)
    }
}

fn is_builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45 | 47 | 50..=58)
}

/// Whether a number format code shows a date or a time of day.
pub(crate) fn is_date_code(code: &str) -> bool {
    let mut characters = code.chars();
    let mut quoted = false;
    while let Some(character) = characters.next() {
        match character {
            '"' => quoted = !quoted,
            _ if quoted => {}
            ';' => return false,
            '\\' | '_' | '*' => {
                characters.next();
            }
            '[' => {
                let inside: String = characters.by_ref().take_while(|c| *c != ']').collect();
                let elapsed = !inside.is_empty()
                    && inside
                        .chars()
                        .all(|c| matches!(c.to_ascii_lowercase(), 'h' | 'm' | 's'));
                if elapsed {
                    return false;
                }
            }
            'd' | 'm' | 'y' | 'h' | 's' | 'D' | 'M' | 'Y' | 'H' | 'S' => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_codes_are_told_from_numbers_and_durations() {
        for code in [
            "yyyy-mm-dd",
            "yyyy/mm/dd;@",
            "[$-409]d-mmm-yy",
            "h:mm AM/PM",
            "dd/mm/yyyy\\ hh:mm",
        ] {
            assert!(is_date_code(code), "{code}");
        }
        for code in [
            "General",
            "0.00",
            "#,##0 \"ریال\"",
            "[h]:mm:ss",
            "[Red]0.00",
            "0.00E+00",
            "@",
            "\"day\" 0",
        ] {
            assert!(!is_date_code(code), "{code}");
        }
    }
}
