//! Everything that can go wrong while moving cells in and out of files,
//! explained in Persian and in English.
//!
//! [`ExchangeError`] never judges the *content* of a cell (that is the
//! validator's job); it reports files that cannot be opened, read or written,
//! header rows that do not describe the registry, and rows whose bytes are
//! not text. Errors about one row carry its spreadsheet row number, and I/O
//! errors carry the path. `Display` is the English message; the web and CLI
//! show [`ExchangeError::message_fa`] to Persian users.

use std::io;
use std::path::{Path, PathBuf};

use hamyar_domain::to_persian_digits;

use crate::format::FileFormat;
use crate::limits::Limit;
pub use crate::limits::Place;
use crate::refusal::{limit_en, limit_fa};

/// A file could not be read or written as a registry sheet.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The operating system refused to open, read or write a file.
    #[error("cannot read or write {}: {source}", path.display())]
    Io {
        /// The file concerned (`(upload)` for bytes received over the web).
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The header row is missing or does not describe the registry.
    #[error("{message_en}")]
    Header {
        /// The explanation in Persian, naming the offending headers.
        message_fa: String,
        /// The same explanation in English.
        message_en: String,
    },
    /// A CSV row is not UTF-8 text (the file was saved in another encoding).
    #[error(
        "row {line} is not UTF-8 text; open the file in Excel and save it again as \"CSV UTF-8 (Comma delimited)\""
    )]
    Encoding {
        /// The spreadsheet row number.
        line: u64,
    },
    /// A row has a value in a column that has no header.
    #[error("row {line} has the value \"{value}\" in column {column_number}, which has no header")]
    Unheaded {
        /// The spreadsheet row number.
        line: u64,
        /// The 1-based column number in the file.
        column_number: u64,
        /// The value found there.
        value: String,
    },
    /// The CSV text could not be parsed.
    #[error("row {line} cannot be read as CSV: {detail}")]
    Csv {
        /// The spreadsheet row number.
        line: u64,
        /// The parser's explanation.
        detail: String,
    },
    /// The Excel file could not be opened or has no worksheet.
    #[error("cannot read the Excel file: {detail}")]
    Xlsx {
        /// The reader's explanation.
        detail: String,
    },
    /// The Excel file could not be written.
    #[error("cannot write the Excel file: {detail}")]
    XlsxWrite {
        /// The writer's explanation.
        detail: String,
    },
    /// The file's name does not end in `.csv` or `.xlsx`.
    #[error("\"{name}\" is neither a CSV (.csv) nor an Excel (.xlsx) file")]
    UnsupportedFormat {
        /// The file name as given.
        name: String,
    },
    /// The content is of another format than the file's name says.
    #[error("the file is named as {expected} but its content is {found}")]
    WrongContent {
        /// The format the name announced.
        expected: FileFormat,
        /// The format the content has.
        found: FileFormat,
    },
    /// A row given to a writer has a different number of cells than its columns.
    #[error("a row has {found} cells but the sheet has {expected} columns")]
    RowWidth {
        /// The number of columns of the sheet.
        expected: usize,
        /// The number of cells given.
        found: usize,
    },
    /// An Excel sheet cannot hold more than 1,048,576 rows.
    #[error("Excel sheets hold at most 1,048,576 rows; export as CSV instead")]
    TooManyRowsForXlsx,
    /// An Excel cell cannot hold more than 32,767 characters.
    #[error("row {line} has a cell longer than the 32,767 characters an Excel cell can hold")]
    CellTooLongForXlsx {
        /// The spreadsheet row number.
        line: u64,
    },
    /// `into_bytes` was called on a writer that writes a file.
    #[error("this writer writes a file, not bytes in memory")]
    NotInMemory,
    /// The file goes past one of the reader's [`ReadLimits`](crate::ReadLimits);
    /// nothing of it is read further.
    #[error("{}", limit_en(*.limit, *.max, .place))]
    OverLimit {
        /// The limit the file goes past.
        limit: Limit,
        /// The limit's value (bytes or a count, see [`Limit::is_size`]).
        max: u64,
        /// Where in the file the limit was passed.
        place: Place,
    },
}

impl ExchangeError {
    /// The explanation in English (the same text as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The explanation in Persian, with Persian digits.
    pub fn message_fa(&self) -> String {
        match self {
            ExchangeError::Io { path, source } => format!(
                "فایل «{}» خوانده یا نوشته نشد: {}",
                path.display(),
                io_reason_fa(source)
            ),
            ExchangeError::Header { message_fa, .. } => message_fa.clone(),
            ExchangeError::Encoding { line } => format!(
                "ردیف {} با کدگذاری UTF-8 ذخیره نشده است. فایل را در اکسل باز کنید و با «Save As» \
                 و گزینهٔ «CSV UTF-8 (Comma delimited)» دوباره ذخیره کنید.",
                persian_number(*line)
            ),
            ExchangeError::Unheaded {
                line,
                column_number,
                value,
            } => format!(
                "ردیف {} در ستون {} مقدار «{}» دارد ولی این ستون عنوان ندارد.",
                persian_number(*line),
                persian_number(*column_number),
                value
            ),
            ExchangeError::Csv { line, detail } => format!(
                "ردیف {} به‌صورت CSV خوانده نشد ({detail}).",
                persian_number(*line)
            ),
            ExchangeError::Xlsx { detail } => {
                format!("فایل اکسل خوانده نشد ({detail}). آن را در اکسل باز و دوباره ذخیره کنید.")
            }
            ExchangeError::XlsxWrite { detail } => format!("فایل اکسل ساخته نشد ({detail})."),
            ExchangeError::UnsupportedFormat { name } => format!(
                "«{name}» فایل CSV (‎.csv) یا اکسل (‎.xlsx) نیست. فایل‌های ‎.xls قدیمی را در اکسل \
                 با قالب ‎.xlsx دوباره ذخیره کنید."
            ),
            ExchangeError::WrongContent { expected, found } => format!(
                "نام فایل قالب {} را نشان می‌دهد ولی محتوای آن {} است.",
                expected.name_fa(),
                found.name_fa()
            ),
            ExchangeError::RowWidth { expected, found } => format!(
                "ردیف {} خانه دارد ولی جدول {} ستون دارد.",
                persian_number(*found as u64),
                persian_number(*expected as u64)
            ),
            ExchangeError::TooManyRowsForXlsx => {
                "برگهٔ اکسل بیش از ۱٬۰۴۸٬۵۷۶ ردیف نمی‌پذیرد؛ خروجی را با قالب CSV بگیرید.".to_owned()
            }
            ExchangeError::CellTooLongForXlsx { line } => format!(
                "ردیف {} خانه‌ای بلندتر از ۳۲٬۷۶۷ نویسه دارد که در اکسل جا نمی‌شود.",
                persian_number(*line)
            ),
            ExchangeError::NotInMemory => "این نویسنده در فایل می‌نویسد، نه در حافظه.".to_owned(),
            ExchangeError::OverLimit { limit, max, place } => limit_fa(*limit, *max, place),
        }
    }

    /// The spreadsheet row number the error concerns, if it concerns one row.
    pub fn line(&self) -> Option<u64> {
        match self {
            ExchangeError::Encoding { line }
            | ExchangeError::Unheaded { line, .. }
            | ExchangeError::Csv { line, .. }
            | ExchangeError::CellTooLongForXlsx { line } => Some(*line),
            _ => None,
        }
    }

    /// Whether reading can go on with the next row after this error.
    pub fn concerns_one_row(&self) -> bool {
        matches!(
            self,
            ExchangeError::Encoding { .. }
                | ExchangeError::Unheaded { .. }
                | ExchangeError::Csv { .. }
        )
    }

    pub(crate) fn over_limit(limit: Limit, max: u64, place: Place) -> Self {
        ExchangeError::OverLimit { limit, max, place }
    }

    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
        ExchangeError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn header(message_fa: String, message_en: String) -> Self {
        ExchangeError::Header {
            message_fa,
            message_en,
        }
    }

    pub(crate) fn xlsx_write(error: rust_xlsxwriter::XlsxError) -> Self {
        ExchangeError::XlsxWrite {
            detail: error.to_string(),
        }
    }
}

/// A number written with Persian digits.
pub(crate) fn persian_number(number: u64) -> String {
    to_persian_digits(&number.to_string())
}

fn io_reason_fa(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "پیدا نشد".to_owned(),
        io::ErrorKind::PermissionDenied => "اجازهٔ دسترسی نیست".to_owned(),
        io::ErrorKind::StorageFull => "فضای دیسک پر است".to_owned(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_errors_suggest_saving_as_csv_utf8_in_both_languages() {
        let error = ExchangeError::Encoding { line: 12 };
        assert!(error.message_fa().contains("۱۲"));
        assert!(error.message_fa().contains("CSV UTF-8"));
        assert!(error.message_en().contains("row 12"));
        assert_eq!(error.line(), Some(12));
    }

    #[test]
    fn io_errors_name_the_path() {
        let error = ExchangeError::io(
            Path::new("/tmp/women.csv"),
            io::Error::from(io::ErrorKind::NotFound),
        );
        assert!(error.message_en().contains("/tmp/women.csv"));
        assert!(error.message_fa().contains("/tmp/women.csv"));
        assert!(!error.concerns_one_row());
    }
}
