//! Reading a registry file as a stream of rows.
//!
//! [`SheetReader`] opens a CSV or XLSX file (from a path or from bytes
//! uploaded over the web), checks its header row, and then yields one
//! [`SheetRow`] per non-blank data row. CSV is streamed: memory stays flat and
//! a million rows read in seconds. XLSX is decoded whole by calamine, so it
//! knows its row count up front. Errors that concern one row (text that is
//! not UTF-8, a value under no header) are yielded in place of that row and
//! reading goes on; an I/O error ends the stream.

mod csv_source;
mod header;
mod xlsx_source;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::column::Column;
use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::row::SheetRow;

use csv_source::CsvSource;
use header::HeaderMap;
use xlsx_source::XlsxSource;

/// How far reading has come, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Data rows yielded so far (blank rows and errors not counted).
    pub rows_read: u64,
    /// Bytes of a CSV consumed so far; `None` for XLSX.
    pub bytes_read: Option<u64>,
    /// The CSV's size when known; `None` for XLSX and unsized streams.
    pub bytes_total: Option<u64>,
}

impl Progress {
    /// The share done, from 0 to 1, when the total size is known.
    pub fn fraction(&self) -> Option<f64> {
        let (read, total) = (self.bytes_read?, self.bytes_total?);
        if total == 0 {
            return Some(1.0);
        }
        Some((read as f64 / total as f64).min(1.0))
    }
}

/// The name given to bytes that did not come from a file, in I/O errors.
const UPLOAD: &str = "(upload)";

/// A registry file read row by row: an iterator of
/// `Result<SheetRow, ExchangeError>`.
pub struct SheetReader {
    source: Source,
    rows_read: u64,
}

enum Source {
    Csv(Box<CsvSource>),
    Xlsx(Box<XlsxSource>),
}

/// TEMPORARY stand-in until the bounded readers land (branch upload-reader).
#[derive(Debug, Clone, Default)]
pub struct ReadLimits {}

impl SheetReader {
    /// TEMPORARY stand-in until the bounded readers land (branch upload-reader).
    pub fn open_path(
        format: FileFormat,
        path: &Path,
        _limits: &ReadLimits,
    ) -> Result<SheetReader, ExchangeError> {
        Self::open_as(path, format)
    }

    /// Opens the file at `path`, choosing the format from its extension.
    pub fn open(path: impl AsRef<Path>) -> Result<SheetReader, ExchangeError> {
        let path = path.as_ref();
        let format =
            FileFormat::from_path(path).ok_or_else(|| ExchangeError::UnsupportedFormat {
                name: path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                ),
            })?;
        Self::open_as(path, format)
    }

    /// Opens the file at `path` as `format`, whatever its extension.
    pub fn open_as(
        path: impl AsRef<Path>,
        format: FileFormat,
    ) -> Result<SheetReader, ExchangeError> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|error| ExchangeError::io(path, error))?;
        match format {
            FileFormat::Csv => {
                let size = file.metadata().ok().map(|metadata| metadata.len());
                let source = CsvSource::open(Box::new(file), path.to_path_buf(), size)?;
                Ok(Self::from_source(Source::Csv(Box::new(source))))
            }
            FileFormat::Xlsx => {
                let mut bytes = Vec::new();
                let mut file = file;
                file.read_to_end(&mut bytes)
                    .map_err(|error| ExchangeError::io(path, error))?;
                Self::from_bytes(format, bytes)
            }
        }
    }

    /// Reads a file received as bytes, such as a web upload.
    pub fn from_bytes(format: FileFormat, bytes: Vec<u8>) -> Result<SheetReader, ExchangeError> {
        match format {
            FileFormat::Csv => {
                let size = bytes.len() as u64;
                let input = Box::new(std::io::Cursor::new(bytes));
                let source = CsvSource::open(input, PathBuf::from(UPLOAD), Some(size))?;
                Ok(Self::from_source(Source::Csv(Box::new(source))))
            }
            FileFormat::Xlsx => {
                let source = XlsxSource::open(bytes)?;
                Ok(Self::from_source(Source::Xlsx(Box::new(source))))
            }
        }
    }

    /// Reads from any byte stream; CSV streams, XLSX is read to its end first.
    /// `size`, when known, feeds [`SheetReader::progress`].
    pub fn from_reader(
        format: FileFormat,
        mut reader: impl Read + Send + 'static,
        size: Option<u64>,
    ) -> Result<SheetReader, ExchangeError> {
        match format {
            FileFormat::Csv => {
                let source = CsvSource::open(Box::new(reader), PathBuf::from(UPLOAD), size)?;
                Ok(Self::from_source(Source::Csv(Box::new(source))))
            }
            FileFormat::Xlsx => {
                let mut bytes = Vec::new();
                reader
                    .read_to_end(&mut bytes)
                    .map_err(|error| ExchangeError::io(Path::new(UPLOAD), error))?;
                Self::from_bytes(format, bytes)
            }
        }
    }

    fn from_source(source: Source) -> SheetReader {
        SheetReader {
            source,
            rows_read: 0,
        }
    }

    /// The format being read.
    pub fn format(&self) -> FileFormat {
        match self.source {
            Source::Csv(_) => FileFormat::Csv,
            Source::Xlsx(_) => FileFormat::Xlsx,
        }
    }

    /// The import columns the file has, in [`Column::IMPORT`] order; the
    /// others read as empty text.
    pub fn columns(&self) -> &[Column] {
        self.header().present()
    }

    /// Whether the file has `column`.
    pub fn has_column(&self, column: Column) -> bool {
        self.columns().contains(&column)
    }

    /// How many data rows to expect (blank rows included), when the format
    /// knows: XLSX does, CSV does not (use [`SheetReader::progress`]).
    pub fn total_rows_hint(&self) -> Option<u64> {
        match &self.source {
            Source::Csv(_) => None,
            Source::Xlsx(source) => Some(source.rows_below_header()),
        }
    }

    /// Rows read so far and, for CSV, bytes read of the total.
    pub fn progress(&self) -> Progress {
        match &self.source {
            Source::Csv(source) => Progress {
                rows_read: self.rows_read,
                bytes_read: Some(source.bytes_read()),
                bytes_total: source.bytes_total(),
            },
            Source::Xlsx(_) => Progress {
                rows_read: self.rows_read,
                bytes_read: None,
                bytes_total: None,
            },
        }
    }

    fn header(&self) -> &HeaderMap {
        match &self.source {
            Source::Csv(source) => source.header(),
            Source::Xlsx(source) => source.header(),
        }
    }
}

impl Iterator for SheetReader {
    type Item = Result<SheetRow, ExchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = match &mut self.source {
            Source::Csv(source) => source.next_row(),
            Source::Xlsx(source) => source.next_row(),
        };
        if let Some(Ok(_)) = item {
            self.rows_read += 1;
        }
        item
    }
}

impl std::fmt::Debug for SheetReader {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("SheetReader")
            .field("format", &self.format())
            .field("columns", &self.columns())
            .field("progress", &self.progress())
            .finish()
    }
}
