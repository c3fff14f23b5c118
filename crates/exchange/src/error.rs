//! Everything that can go wrong while moving cells in and out of files, as data a
//! person's language can explain.
//!
//! [`ExchangeError`] never judges the *content* of a cell (that is the
//! validator's job); it reports files that cannot be opened, read or written,
//! header rows that do not describe the registry, and rows whose bytes are
//! not text. Errors about one row carry its spreadsheet row number, and I/O
//! errors carry the path.
//!
//! What a person reads is [`ExchangeError::message`]: a message id of the catalogue
//! (`crates/i18n/locales/*/exchange-errors.ftl`) with its arguments, which the web page
//! and the command line render in the reader's language with `hamyar_i18n::Lang::message`.
//! No words are written here, so a translator edits resource files and no Rust. The
//! details the readers and writers add (a CSV parser's or the operating system's
//! explanation) stay in English inside the message. `Display` is a short English text
//! for logs, never shown to a person.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use hamyar_domain::{LocalizedMessage, Message, MessageArg};

use crate::format::{FileFormat, XLSX_MAX_CELL_CHARS, XLSX_MAX_ROWS};
use crate::limits::Limit;
pub use crate::limits::Place;
use crate::refusal::{self, count};

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
    #[error("the header row is missing or does not describe the registry: {}", log_text(.message))]
    Header {
        /// The explanation, naming the offending headers (`header-…` messages).
        message: Message,
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
    #[error("the file goes past the read limit {limit:?} of {max}{}", place_for_log(.place))]
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
    /// What went wrong, as a message of the catalogue (`exchange-errors.ftl`) with its
    /// arguments; `hamyar_i18n::Lang::message` renders it in the reader's language.
    pub fn message(&self) -> Message {
        match self {
            ExchangeError::Io { path, source } => Message::new("exchange-io_failed")
                .arg("path", path.display().to_string())
                .arg("reason", io_reason(source))
                .arg("detail", source.to_string()),
            ExchangeError::Header { message } => message.clone(),
            ExchangeError::Encoding { line } => {
                Message::new("exchange-row_not_utf8").arg("line", MessageArg::digits(line))
            }
            ExchangeError::Unheaded {
                line,
                column_number,
                value,
            } => Message::new("exchange-value_without_header")
                .arg("line", MessageArg::digits(line))
                .arg("column", MessageArg::digits(column_number))
                .arg("value", value.as_str()),
            ExchangeError::Csv { line, detail } => Message::new("exchange-row_not_csv")
                .arg("line", MessageArg::digits(line))
                .arg("detail", detail.as_str()),
            ExchangeError::Xlsx { detail } => {
                Message::new("exchange-xlsx_unreadable").arg("detail", detail.as_str())
            }
            ExchangeError::XlsxWrite { detail } => {
                Message::new("exchange-xlsx_not_written").arg("detail", detail.as_str())
            }
            ExchangeError::UnsupportedFormat { name } => {
                Message::new("exchange-format_unsupported").arg("name", name.as_str())
            }
            ExchangeError::WrongContent { expected, found } => {
                Message::new("exchange-content_not_format")
                    .arg("expected", expected.name())
                    .arg("found", found.name())
            }
            ExchangeError::RowWidth { expected, found } => Message::new("exchange-row_width_wrong")
                .arg("cells", MessageArg::digits(found))
                .arg("columns", MessageArg::digits(expected)),
            ExchangeError::TooManyRowsForXlsx => {
                Message::new("exchange-too_many_rows_for_xlsx").arg("max", count(XLSX_MAX_ROWS))
            }
            ExchangeError::CellTooLongForXlsx { line } => {
                Message::new("exchange-cell_too_long_for_xlsx")
                    .arg("line", MessageArg::digits(line))
                    .arg("max", count(XLSX_MAX_CELL_CHARS))
            }
            ExchangeError::NotInMemory => Message::new("exchange-writer_not_in_memory"),
            ExchangeError::OverLimit { limit, max, place } => {
                refusal::limit_message(*limit, *max, place)
            }
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

    pub(crate) fn header(message: Message) -> Self {
        ExchangeError::Header { message }
    }

    pub(crate) fn xlsx_write(error: rust_xlsxwriter::XlsxError) -> Self {
        ExchangeError::XlsxWrite {
            detail: error.to_string(),
        }
    }
}

impl LocalizedMessage for ExchangeError {
    fn message(&self) -> Message {
        ExchangeError::message(self)
    }
}

/// Where a limit was passed, in English for `Display`.
fn place_for_log(place: &Place) -> String {
    match place {
        Place::File => String::new(),
        Place::Row(line) => format!(" at row {line}"),
        Place::Cell(reference) => format!(" at cell {reference}"),
        Place::Part(part) => format!(" in {part}"),
    }
}

/// A message as ids and arguments, for `Display` (logs): `header-not_as_template(problems:
/// header-unknown_columns(columns: header-columns_first(column: "رنگ چشم")))`.
fn log_text(message: &Message) -> String {
    let mut text = message.id().to_owned();
    if message.args().is_empty() {
        return text;
    }
    text.push('(');
    for (index, (name, arg)) in message.args().iter().enumerate() {
        if index > 0 {
            text.push_str(", ");
        }
        let _ = write!(text, "{name}: ");
        match arg {
            MessageArg::Text(value) | MessageArg::Digits(value) => {
                let _ = write!(text, "{value:?}");
            }
            MessageArg::Number(number) | MessageArg::Money(number) => {
                let _ = write!(text, "{number}");
            }
            MessageArg::Message(inner) => text.push_str(&log_text(inner)),
            MessageArg::Label { en, .. } => {
                let _ = write!(text, "{en:?}");
            }
        }
    }
    text.push(')');
    text
}

/// The kind of an I/O error, as the catalogue's message chooses its words by it.
fn io_reason(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::NotFound => "not_found",
        io::ErrorKind::PermissionDenied => "permission_denied",
        io::ErrorKind::StorageFull => "storage_full",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use hamyar_i18n::Lang;

    use super::*;

    #[test]
    fn encoding_errors_suggest_saving_as_csv_utf8_in_both_languages() {
        let error = ExchangeError::Encoding { line: 12 };
        let persian = Lang::Fa.message(&error.message());
        assert!(persian.contains("۱۲"), "{persian}");
        assert!(persian.contains("CSV UTF-8"), "{persian}");
        assert!(Lang::En.message(&error.message()).contains("row 12"));
        assert_eq!(error.line(), Some(12));
    }

    #[test]
    fn io_errors_name_the_path() {
        let error = ExchangeError::io(
            Path::new("/tmp/women.csv"),
            io::Error::from(io::ErrorKind::NotFound),
        );
        assert!(
            Lang::En
                .message(&error.message())
                .contains("/tmp/women.csv")
        );
        assert!(
            Lang::Fa
                .message(&error.message())
                .contains("/tmp/women.csv")
        );
        assert!(error.to_string().contains("/tmp/women.csv"));
        assert!(!error.concerns_one_row());
    }

    /// `Display` keeps what the message says, in ids and English, for the logs.
    #[test]
    fn display_names_the_message_for_logs() {
        let header = ExchangeError::header(
            Message::new("header-not_as_template").arg(
                "problems",
                Message::new("header-missing_columns").arg(
                    "columns",
                    Message::new("header-columns_first")
                        .arg("column", MessageArg::label("نام خانوادگی", "Last name")),
                ),
            ),
        );
        assert_eq!(
            header.to_string(),
            "the header row is missing or does not describe the registry: \
             header-not_as_template(problems: header-missing_columns(columns: \
             header-columns_first(column: \"Last name\")))"
        );
        let refusal = ExchangeError::over_limit(Limit::Columns, 200, Place::Cell("XFD1".into()));
        assert_eq!(
            refusal.to_string(),
            "the file goes past the read limit Columns of 200 at cell XFD1"
        );
    }
}
