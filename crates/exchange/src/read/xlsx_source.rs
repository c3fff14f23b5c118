//! Rows out of the first worksheet of an Excel workbook, via calamine.
//!
//! calamine decodes the whole worksheet into memory (the compressed file is
//! much smaller than the CSV equivalent, and offices rarely keep more than a
//! few tens of thousands of rows in one sheet), so the row count is known up
//! front for progress bars. Cells become text the way a person reading the
//! sheet would type them back: whole numbers without a decimal point (a
//! national ID typed as the number 13542419 reads as "13542419"; restoring
//! leading zeros is the validator's job), other numbers in their shortest
//! exact form, cells formatted as dates as ISO `YYYY-MM-DD` (the validator
//! then asks for a Jalali date), booleans as `TRUE`/`FALSE` and error cells
//! as their code such as `#N/A`.

use std::fmt::Write as _;
use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};

use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::read::header::{HeaderMap, Slot, no_header_row};
use crate::row::{RowBuilder, SheetRow};

/// The first worksheet of a workbook being read row by row.
pub(crate) struct XlsxSource {
    range: Range<Data>,
    header: HeaderMap,
    /// The absolute sheet row of the range's first row (0-based).
    first_row: u64,
    /// The next relative row to read.
    next: usize,
    /// The relative row of the header.
    header_row: usize,
    scratch: String,
}

impl XlsxSource {
    /// Opens the workbook held in `bytes` and reads its header row.
    pub(crate) fn open(bytes: Vec<u8>) -> Result<XlsxSource, ExchangeError> {
        if FileFormat::sniff(&bytes) != FileFormat::Xlsx {
            return Err(ExchangeError::WrongContent {
                expected: FileFormat::Xlsx,
                found: FileFormat::Csv,
            });
        }
        let mut workbook: Xlsx<_> =
            Xlsx::new(Cursor::new(bytes)).map_err(|error| ExchangeError::Xlsx {
                detail: error.to_string(),
            })?;
        let range = workbook
            .worksheet_range_at(0)
            .ok_or_else(|| ExchangeError::Xlsx {
                detail: "the workbook has no worksheet".to_owned(),
            })?
            .map_err(|error| ExchangeError::Xlsx {
                detail: error.to_string(),
            })?;
        let (first_row, _) = range.start().unwrap_or((0, 0));
        let mut source = XlsxSource {
            range,
            header: HeaderMap::empty(),
            first_row: u64::from(first_row),
            next: 0,
            header_row: 0,
            scratch: String::new(),
        };
        source.read_header()?;
        Ok(source)
    }

    pub(crate) fn header(&self) -> &HeaderMap {
        &self.header
    }

    /// Data rows below the header, blank ones included.
    pub(crate) fn rows_below_header(&self) -> u64 {
        self.range.height().saturating_sub(self.header_row + 1) as u64
    }

    /// The next non-blank data row, an error about one row, or `None` at the end.
    pub(crate) fn next_row(&mut self) -> Option<Result<SheetRow, ExchangeError>> {
        let width = self.range.width();
        let first_column = self.first_column();
        while self.next < self.range.height() {
            let relative = self.next;
            self.next += 1;
            let line = self.first_row + relative as u64 + 1;
            let mut row = RowBuilder::new(0);
            for column in 0..width {
                let Some(cell) = self.range.get((relative, column)) else {
                    continue;
                };
                if matches!(cell, Data::Empty) {
                    continue;
                }
                match self.header.slot(column) {
                    Slot::Import(slot) => row.push(slot, cell_text(cell, &mut self.scratch)),
                    Slot::Ignored => {}
                    Slot::Unheaded => {
                        let text = cell_text(cell, &mut self.scratch).trim();
                        if !text.is_empty() {
                            return Some(Err(ExchangeError::Unheaded {
                                line,
                                column_number: first_column + column as u64 + 1,
                                value: text.to_owned(),
                            }));
                        }
                    }
                }
            }
            if !row.is_blank() {
                return Some(Ok(row.finish(line)));
            }
        }
        None
    }

    fn first_column(&self) -> u64 {
        self.range
            .start()
            .map_or(0, |(_, column)| u64::from(column))
    }

    /// Takes the first row with any text as the header row.
    fn read_header(&mut self) -> Result<(), ExchangeError> {
        let width = self.range.width();
        while self.next < self.range.height() {
            let relative = self.next;
            self.next += 1;
            let cells: Vec<String> = (0..width)
                .map(|column| match self.range.get((relative, column)) {
                    Some(cell) => cell_text(cell, &mut self.scratch).to_owned(),
                    None => String::new(),
                })
                .collect();
            if cells.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            self.header = HeaderMap::parse(cells.iter().map(String::as_str))?;
            self.header_row = relative;
            return Ok(());
        }
        Err(no_header_row())
    }
}

/// The text of one cell; `scratch` holds it when it had to be formatted.
fn cell_text<'a>(cell: &'a Data, scratch: &'a mut String) -> &'a str {
    scratch.clear();
    match cell {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            return text.as_str();
        }
        Data::Empty => return "",
        Data::Int(number) => {
            let _ = write!(scratch, "{number}");
        }
        Data::Float(number) => write_number(scratch, *number),
        Data::Bool(value) => scratch.push_str(if *value { "TRUE" } else { "FALSE" }),
        Data::DateTime(moment) if moment.is_datetime() => {
            let (year, month, day, hour, minute, second, milli) = moment.to_ymd_hms_milli();
            let _ = write!(scratch, "{year:04}-{month:02}-{day:02}");
            if (hour, minute, second, milli) != (0, 0, 0, 0) {
                let _ = write!(scratch, "T{hour:02}:{minute:02}:{second:02}");
            }
        }
        Data::DateTime(duration) => write_number(scratch, duration.as_f64()),
        Data::Error(error) => {
            let _ = write!(scratch, "{error}");
        }
    }
    scratch.as_str()
}

/// Whole numbers without a fraction, others in their shortest exact form.
fn write_number(out: &mut String, number: f64) {
    // 2^53: beyond it not every whole number is representable, so the plain
    // float form is the honest one.
    const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;
    if number.fract() == 0.0 && number.abs() < EXACT_LIMIT {
        let _ = write!(out, "{}", number as i64);
    } else {
        let _ = write!(out, "{number}");
    }
}

#[cfg(test)]
mod tests {
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    use super::*;

    fn text(cell: Data) -> String {
        let mut scratch = String::new();
        cell_text(&cell, &mut scratch).to_owned()
    }

    #[test]
    fn whole_numbers_lose_their_decimal_point() {
        assert_eq!(text(Data::Float(13542419.0)), "13542419");
        assert_eq!(text(Data::Float(9121234567.0)), "9121234567");
        assert_eq!(text(Data::Float(-3.0)), "-3");
        assert_eq!(text(Data::Float(2.5)), "2.5");
        assert_eq!(text(Data::Int(42)), "42");
    }

    #[test]
    fn excel_dates_become_iso_text() {
        // 30 July 2024 is serial 45503 in the 1900 date system.
        let date = ExcelDateTime::new(45503.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(date)), "2024-07-30");
        let moment = ExcelDateTime::new(45503.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(moment)), "2024-07-30T12:00:00");
    }

    #[test]
    fn strings_booleans_and_errors_read_as_shown() {
        assert_eq!(text(Data::String("قالی‌بافی".to_owned())), "قالی‌بافی");
        assert_eq!(text(Data::Bool(true)), "TRUE");
        assert_eq!(text(Data::Error(calamine::CellErrorType::NA)), "#N/A");
        assert_eq!(text(Data::Empty), "");
    }
}
