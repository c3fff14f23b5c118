//! Reading a registry file as a stream of rows.
//!
//! [`SheetReader`] opens a CSV or XLSX file (from a path, or from bytes
//! uploaded over the web), checks its header row, and then yields one
//! [`SheetRow`] per non-blank data row. Both formats are streamed: a CSV
//! record by record, an Excel sheet cell by cell as its XML is inflated, so
//! memory does not grow with the file (an Excel file's shared-strings table
//! aside, which is bounded). Every bound is a [`ReadLimits`] the caller
//! passes in; going past one is an [`ExchangeError::OverLimit`]. Errors that
//! concern one row (text that is not UTF-8, a value under no header) are
//! yielded in place of that row and reading goes on; an I/O error or a
//! refusal ends the stream. Nothing here spawns a thread or needs async:
//! reading runs on whatever thread iterates.

mod csv_guard;
mod csv_source;
mod header;
mod xlsx;

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use crate::column::Column;
use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::layout::Layout;
use crate::limits::ReadLimits;
use crate::row::SheetRow;

use csv_source::CsvSource;
use header::HeaderMap;
use xlsx::{Container, XlsxSource};

/// How far reading has come, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Data rows yielded so far (blank rows and errors not counted).
    pub rows_read: u64,
    /// Bytes of a CSV consumed so far; for XLSX, compressed bytes of the
    /// sheet's part.
    pub bytes_read: Option<u64>,
    /// The CSV's size when known (`None` for unsized streams); for XLSX, the
    /// compressed size of the sheet's part.
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
    layout: &'static Layout,
}

enum Source {
    Csv(Box<CsvSource>),
    Xlsx(Box<XlsxSource>),
}

impl SheetReader {
    /// Opens the file at `path`, choosing the format from its extension, with
    /// [`ReadLimits::for_command_line`] (for files an administrator names;
    /// use [`SheetReader::open_path`] for uploads).
    pub fn open(path: impl AsRef<Path>) -> Result<SheetReader, ExchangeError> {
        let path = path.as_ref();
        let format =
            FileFormat::from_path(path).ok_or_else(|| ExchangeError::UnsupportedFormat {
                name: path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                ),
            })?;
        Self::open_path(format, path, ReadLimits::for_command_line())
    }

    /// Opens the file at `path` as `format`, whatever its extension, with
    /// [`ReadLimits::for_command_line`].
    pub fn open_as(
        path: impl AsRef<Path>,
        format: FileFormat,
    ) -> Result<SheetReader, ExchangeError> {
        Self::open_path(format, path, ReadLimits::for_command_line())
    }

    /// Opens the file at `path` as `format` within `limits`, reading it from
    /// the disk as rows are asked for (an Excel file is never loaded whole).
    /// This is the way to read an upload kept in a temporary file.
    pub fn open_path(
        format: FileFormat,
        path: impl AsRef<Path>,
        limits: ReadLimits,
    ) -> Result<SheetReader, ExchangeError> {
        Self::open_layout(Layout::women(), format, path, limits)
    }

    /// Opens the file at `path` as `format` within `limits`, reading its
    /// header row against `layout` (a kind of the group history, or the
    /// registry of women): the one reader every import goes through.
    pub fn open_layout(
        layout: &'static Layout,
        format: FileFormat,
        path: impl AsRef<Path>,
        limits: ReadLimits,
    ) -> Result<SheetReader, ExchangeError> {
        let path = path.as_ref();
        let limits = limits.effective_for(layout.columns.len());
        let file = File::open(path).map_err(|error| ExchangeError::io(path, error))?;
        match format {
            FileFormat::Csv => {
                let size = file.metadata().ok().map(|metadata| metadata.len());
                let source =
                    CsvSource::open(Box::new(file), path.to_path_buf(), size, &limits, layout)?;
                Ok(Self::from_source(Source::Csv(Box::new(source)), layout))
            }
            FileFormat::Xlsx => Self::xlsx(Box::new(file), &limits, layout),
        }
    }

    /// Reads a file received as bytes, such as a web upload, with the
    /// default [`ReadLimits`].
    pub fn from_bytes(format: FileFormat, bytes: Vec<u8>) -> Result<SheetReader, ExchangeError> {
        Self::from_bytes_with_limits(format, bytes, ReadLimits::default())
    }

    /// Reads a file received as bytes within `limits`.
    pub fn from_bytes_with_limits(
        format: FileFormat,
        bytes: Vec<u8>,
        limits: ReadLimits,
    ) -> Result<SheetReader, ExchangeError> {
        Self::from_bytes_layout(Layout::women(), format, bytes, limits)
    }

    /// Reads a file of `layout` received as bytes within `limits`.
    pub fn from_bytes_layout(
        layout: &'static Layout,
        format: FileFormat,
        bytes: Vec<u8>,
        limits: ReadLimits,
    ) -> Result<SheetReader, ExchangeError> {
        let limits = limits.effective_for(layout.columns.len());
        match format {
            FileFormat::Csv => {
                let size = bytes.len() as u64;
                let input = Box::new(Cursor::new(bytes));
                let source =
                    CsvSource::open(input, PathBuf::from(UPLOAD), Some(size), &limits, layout)?;
                Ok(Self::from_source(Source::Csv(Box::new(source)), layout))
            }
            FileFormat::Xlsx => Self::xlsx(Box::new(Cursor::new(bytes)), &limits, layout),
        }
    }

    /// Reads from any byte stream with the default [`ReadLimits`]; see
    /// [`SheetReader::from_reader_with_limits`].
    pub fn from_reader(
        format: FileFormat,
        reader: impl Read + Send + 'static,
        size: Option<u64>,
    ) -> Result<SheetReader, ExchangeError> {
        Self::from_reader_with_limits(format, reader, size, ReadLimits::default())
    }

    /// Reads from any byte stream within `limits`: CSV streams; XLSX needs to
    /// seek, so the stream is read into memory first (prefer
    /// [`SheetReader::open_path`] for files). `size`, when known, feeds
    /// [`SheetReader::progress`].
    pub fn from_reader_with_limits(
        format: FileFormat,
        mut reader: impl Read + Send + 'static,
        size: Option<u64>,
        limits: ReadLimits,
    ) -> Result<SheetReader, ExchangeError> {
        let limits = limits.effective();
        match format {
            FileFormat::Csv => {
                let source = CsvSource::open(
                    Box::new(reader),
                    PathBuf::from(UPLOAD),
                    size,
                    &limits,
                    Layout::women(),
                )?;
                Ok(Self::from_source(
                    Source::Csv(Box::new(source)),
                    Layout::women(),
                ))
            }
            FileFormat::Xlsx => {
                let mut bytes = Vec::new();
                reader
                    .read_to_end(&mut bytes)
                    .map_err(|error| ExchangeError::io(Path::new(UPLOAD), error))?;
                Self::from_bytes_with_limits(format, bytes, limits)
            }
        }
    }

    fn xlsx(
        container: Box<dyn Container>,
        limits: &ReadLimits,
        layout: &'static Layout,
    ) -> Result<SheetReader, ExchangeError> {
        let source = XlsxSource::open(container, limits, layout)?;
        Ok(Self::from_source(Source::Xlsx(Box::new(source)), layout))
    }

    fn from_source(source: Source, layout: &'static Layout) -> SheetReader {
        SheetReader {
            source,
            rows_read: 0,
            layout,
        }
    }

    /// The layout the file is read against.
    pub fn layout(&self) -> &'static Layout {
        self.layout
    }

    /// The keys of the layout's columns the file has, in layout order.
    pub fn present_keys(&self) -> Vec<&'static str> {
        self.header()
            .present_positions()
            .iter()
            .map(|position| self.layout.columns[*position].key)
            .collect()
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

    /// How many data rows to expect (blank rows included), when the file
    /// says: an Excel sheet's `<dimension>` does (clamped to
    /// [`ReadLimits::max_rows`]; it is a hint, never trusted for anything
    /// else), a CSV does not (use [`SheetReader::progress`]). Costs nothing.
    pub fn total_rows_hint(&self) -> Option<u64> {
        match &self.source {
            Source::Csv(_) => None,
            Source::Xlsx(source) => source.rows_below_header(),
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
            Source::Xlsx(source) => {
                let (read, total) = source.compressed_progress();
                Progress {
                    rows_read: self.rows_read,
                    bytes_read: Some(read),
                    bytes_total: Some(total),
                }
            }
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
