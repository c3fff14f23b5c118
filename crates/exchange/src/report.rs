//! The problem report handed back after an import: one row per problem.
//!
//! The validator (elsewhere) decides what is wrong; this module only lays
//! its findings out as a file with the Persian headers «ردیف» (row), «ستون»
//! (column, by its Persian header), «مقدار» (the value found) and «خطا» (the
//! error), right-to-left in XLSX, so an office can fix its sheet row by row.
//! Very long values are shortened, and an XLSX report stops at Excel's row
//! limit with a last row saying how many problems were left out.

use std::path::Path;

use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::format::XLSX_MAX_ROWS;
use crate::write::{Buffering, Output, TableSpec, TableWriter};

/// The name of the report's worksheet.
pub const REPORT_SHEET_NAME: &str = "خطاها";

/// The report's headers: row, column, value, error.
pub const REPORT_HEADERS: [&str; 4] = ["ردیف", "ستون", "مقدار", "خطا"];

/// Values longer than this many characters are shortened in reports.
const MAX_VALUE_CHARS: usize = 1_000;

/// One thing wrong with an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The spreadsheet row number (the header is row 1).
    pub line: u64,
    /// The column concerned, by its Persian header; empty for a problem with
    /// the whole row.
    pub column: String,
    /// The value found.
    pub value: String,
    /// What is wrong, in Persian.
    pub message_fa: String,
}

/// Writes the problem report to `path`.
pub fn write_report(
    path: impl AsRef<Path>,
    format: FileFormat,
    problems: &[Problem],
) -> Result<(), ExchangeError> {
    let output = Output::File(path.as_ref().to_path_buf());
    build(output, format, problems, Buffering::Streaming).map(drop)
}

/// The problem report as bytes, for a web download (built in memory).
pub fn report_bytes(format: FileFormat, problems: &[Problem]) -> Vec<u8> {
    // In memory, with values shortened and rows capped at Excel's limit,
    // writing cannot fail.
    build(Output::Memory, format, problems, Buffering::InMemory)
        .expect("an in-memory report within Excel's limits")
}

fn build(
    output: Output,
    format: FileFormat,
    problems: &[Problem],
    buffering: Buffering,
) -> Result<Vec<u8>, ExchangeError> {
    let spec = TableSpec {
        sheet_name: REPORT_SHEET_NAME.to_owned(),
        headers: REPORT_HEADERS.map(str::to_owned).to_vec(),
        widths: vec![8.0, 20.0, 30.0, 70.0],
        keeps_text: vec![false, false, true, false],
    };
    let mut table = TableWriter::create(output, format, &spec, buffering)?;
    // Room for the header row and the closing "more problems" row.
    let capacity = match format {
        FileFormat::Csv => problems.len(),
        FileFormat::Xlsx => problems.len().min((XLSX_MAX_ROWS - 2) as usize),
    };
    for problem in &problems[..capacity] {
        let line = problem.line.to_string();
        let column = problem.column.as_str();
        let value = shorten(&problem.value);
        table.write_row(&[line.as_str(), column, &value, &problem.message_fa])?;
    }
    let left_out = problems.len() - capacity;
    if left_out > 0 {
        let note = format!("… و {} خطای دیگر که در برگهٔ اکسل جا نشد", left_out);
        table.write_row(&["", "", "", note.as_str()])?;
    }
    table.finish()
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(MAX_VALUE_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_shortened_on_a_character_boundary() {
        let value = "ی".repeat(MAX_VALUE_CHARS + 5);
        let short = shorten(&value);
        assert_eq!(short.chars().count(), MAX_VALUE_CHARS + 1);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("کوتاه"), "کوتاه");
    }
}
