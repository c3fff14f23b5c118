//! Writing tables of text cells as CSV or XLSX, and [`SheetWriter`] for the
//! registry.
//!
//! CSV files start with a UTF-8 byte-order mark (without it Excel shows
//! Persian as mojibake), end lines with CRLF, quote only where needed, and
//! protect cells that look like formulas: an apostrophe goes before a
//! leading `=`, `+`, `-` or `@`, and the reader removes it again.
//!
//! XLSX sheets are right-to-left, with a bold, shaded, frozen header row and
//! column widths that fit the registry. Every cell is written as a string,
//! and the columns whose values Excel likes to "correct" (national IDs with
//! leading zeros, mobiles, Sheba numbers, deciles, Jalali dates) also carry
//! the text number format, so values typed into them later stay text too.
//!
//! Memory: the registry sheet is written in rust_xlsxwriter's
//! constant-memory mode, where each row goes to a file in the system's
//! temporary folder as soon as the next row starts, so memory stays at about
//! one row whatever the size of the export (up to Excel's 1,048,576 rows);
//! the temporary folder must be writable. The small sheets of templates and
//! downloaded reports are kept in memory instead (roughly 200 bytes a cell).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use csv::{QuoteStyle, Terminator, WriterBuilder};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::column::{Column, Headers};
use crate::error::ExchangeError;
use crate::format::{FileFormat, XLSX_MAX_ROWS};
use crate::guard::needs_guard;

/// The name of the registry's worksheet.
pub const REGISTRY_SHEET_NAME: &str = "زنان سرپرست خانوار";

const BOM: &[u8] = b"\xEF\xBB\xBF";
const FONT: &str = "Tahoma";

/// The shape of one table: sheet name, headers, widths and text columns.
pub(crate) struct TableSpec {
    pub(crate) sheet_name: String,
    pub(crate) headers: Vec<String>,
    pub(crate) widths: Vec<f64>,
    pub(crate) keeps_text: Vec<bool>,
}

impl TableSpec {
    /// The spec of the registry sheet for `columns`.
    pub(crate) fn registry(columns: &[Column], headers: Headers) -> TableSpec {
        TableSpec {
            sheet_name: REGISTRY_SHEET_NAME.to_owned(),
            headers: columns
                .iter()
                .map(|column| column.header(headers).to_owned())
                .collect(),
            widths: columns.iter().map(|column| column.width()).collect(),
            keeps_text: columns.iter().map(|column| column.keeps_text()).collect(),
        }
    }
}

/// Where a table goes.
pub(crate) enum Output {
    File(PathBuf),
    Memory,
}

/// How an XLSX sheet holds its rows until the workbook is saved.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Buffering {
    /// One row in memory, the rest in a temporary file.
    Streaming,
    /// Every cell in memory (small tables; cannot fail on a temporary file).
    InMemory,
}

/// A CSV or XLSX table being written row by row.
pub(crate) struct TableWriter {
    body: Body,
    output: Output,
    width: usize,
    rows: u64,
}

enum Body {
    Csv(Box<csv::Writer<Sink>>),
    Xlsx(Box<XlsxBody>),
}

struct XlsxBody {
    workbook: Workbook,
    sheet: Worksheet,
    extra_sheets: Vec<Worksheet>,
    header_format: Format,
}

/// The bytes under a CSV writer.
enum Sink {
    File(BufWriter<File>),
    Memory(Vec<u8>),
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Sink::File(file) => file.write(bytes),
            Sink::Memory(buffer) => buffer.write(bytes),
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::File(file) => file.write_all(bytes),
            Sink::Memory(buffer) => buffer.write_all(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::File(file) => file.flush(),
            Sink::Memory(_) => Ok(()),
        }
    }
}

impl TableWriter {
    /// Starts a table and writes its header row.
    pub(crate) fn create(
        output: Output,
        format: FileFormat,
        spec: &TableSpec,
        buffering: Buffering,
    ) -> Result<TableWriter, ExchangeError> {
        let body = match format {
            FileFormat::Csv => Body::Csv(Box::new(start_csv(&output, spec)?)),
            FileFormat::Xlsx => Body::Xlsx(Box::new(start_xlsx(spec, buffering)?)),
        };
        Ok(TableWriter {
            body,
            output,
            width: spec.headers.len(),
            rows: 0,
        })
    }

    /// Appends one data row; it must have one cell per header.
    pub(crate) fn write_row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ExchangeError> {
        if cells.len() != self.width {
            return Err(ExchangeError::RowWidth {
                expected: self.width,
                found: cells.len(),
            });
        }
        match &mut self.body {
            Body::Csv(writer) => {
                for cell in cells {
                    let cell = cell.as_ref();
                    let written = if needs_guard(cell) {
                        writer.write_field(format!("'{cell}"))
                    } else {
                        writer.write_field(cell)
                    };
                    written.map_err(|error| csv_error(&self.output, error))?;
                }
                writer
                    .write_record(None::<&[u8]>)
                    .map_err(|error| csv_error(&self.output, error))?;
            }
            Body::Xlsx(body) => {
                let line = self.rows + 2;
                if line > XLSX_MAX_ROWS {
                    return Err(ExchangeError::TooManyRowsForXlsx);
                }
                let row = (line - 1) as u32;
                for (column, cell) in cells.iter().enumerate() {
                    let cell = cell.as_ref();
                    if cell.is_empty() {
                        continue;
                    }
                    body.sheet
                        .write_string(row, column as u16, cell)
                        .map_err(|error| xlsx_cell_error(error, line))?;
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Data rows written so far.
    pub(crate) fn rows(&self) -> u64 {
        self.rows
    }

    /// Whether the table goes to memory (its bytes come back from `finish`).
    pub(crate) fn in_memory(&self) -> bool {
        matches!(self.output, Output::Memory)
    }

    /// Adds a further, small worksheet after the table (XLSX only; CSV has
    /// one table per file and ignores it).
    pub(crate) fn add_sheet(
        &mut self,
        spec: &TableSpec,
        rows: &[Vec<&str>],
    ) -> Result<(), ExchangeError> {
        let Body::Xlsx(body) = &mut self.body else {
            return Ok(());
        };
        let mut sheet = Worksheet::new();
        prepare_sheet(&mut sheet, spec, &body.header_format).map_err(ExchangeError::xlsx_write)?;
        for (index, row) in rows.iter().enumerate() {
            for (column, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet
                        .write_string(index as u32 + 1, column as u16, *cell)
                        .map_err(ExchangeError::xlsx_write)?;
                }
            }
        }
        body.extra_sheets.push(sheet);
        Ok(())
    }

    /// Completes the file (or the bytes in memory) and returns them for a
    /// memory output; a file output returns an empty vector.
    pub(crate) fn finish(self) -> Result<Vec<u8>, ExchangeError> {
        match self.body {
            Body::Csv(writer) => {
                let sink = writer
                    .into_inner()
                    .map_err(|error| output_io(&self.output, error.into_error()))?;
                match sink {
                    Sink::Memory(bytes) => Ok(bytes),
                    Sink::File(file) => {
                        let file = file
                            .into_inner()
                            .map_err(|error| output_io(&self.output, error.into_error()))?;
                        file.sync_all()
                            .map_err(|error| output_io(&self.output, error))?;
                        Ok(Vec::new())
                    }
                }
            }
            Body::Xlsx(body) => {
                let XlsxBody {
                    mut workbook,
                    sheet,
                    extra_sheets,
                    ..
                } = *body;
                workbook.push_worksheet(sheet);
                for extra in extra_sheets {
                    workbook.push_worksheet(extra);
                }
                match &self.output {
                    Output::Memory => workbook.save_to_buffer().map_err(ExchangeError::xlsx_write),
                    Output::File(path) => {
                        workbook
                            .save(path)
                            .map_err(|error| xlsx_save_error(path, error))?;
                        Ok(Vec::new())
                    }
                }
            }
        }
    }
}

fn start_csv(output: &Output, spec: &TableSpec) -> Result<csv::Writer<Sink>, ExchangeError> {
    let mut sink = match output {
        Output::File(path) => {
            let file = File::create(path).map_err(|error| ExchangeError::io(path, error))?;
            Sink::File(BufWriter::with_capacity(256 * 1024, file))
        }
        Output::Memory => Sink::Memory(Vec::new()),
    };
    sink.write_all(BOM)
        .map_err(|error| output_io(output, error))?;
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .flexible(false)
        .from_writer(sink);
    writer
        .write_record(&spec.headers)
        .map_err(|error| csv_error(output, error))?;
    Ok(writer)
}

fn start_xlsx(spec: &TableSpec, buffering: Buffering) -> Result<XlsxBody, ExchangeError> {
    let mut workbook = Workbook::new();
    let mut sheet = match buffering {
        Buffering::Streaming => workbook
            .new_worksheet_with_constant_memory()
            .map_err(ExchangeError::xlsx_write)?,
        Buffering::InMemory => Worksheet::new(),
    };
    let header_format = Format::new()
        .set_bold()
        .set_font_name(FONT)
        .set_background_color(Color::RGB(0xDDE7F3))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    prepare_sheet(&mut sheet, spec, &header_format).map_err(ExchangeError::xlsx_write)?;
    Ok(XlsxBody {
        workbook,
        sheet,
        extra_sheets: Vec::new(),
        header_format,
    })
}

/// Names the sheet, turns it right-to-left, sizes and formats its columns,
/// freezes and writes the header row.
fn prepare_sheet(
    sheet: &mut Worksheet,
    spec: &TableSpec,
    header_format: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(&spec.sheet_name)?;
    sheet.set_right_to_left(true);
    sheet.set_freeze_panes(1, 0)?;
    let plain = Format::new().set_font_name(FONT);
    let text = Format::new().set_font_name(FONT).set_num_format("@");
    for (index, header) in spec.headers.iter().enumerate() {
        let column = index as u16;
        let width = spec.widths.get(index).copied().unwrap_or(16.0);
        sheet.set_column_width(column, width)?;
        let keeps_text = spec.keeps_text.get(index).copied().unwrap_or(false);
        sheet.set_column_format(column, if keeps_text { &text } else { &plain })?;
        sheet.write_string_with_format(0, column, header, header_format)?;
    }
    Ok(())
}

fn csv_error(output: &Output, error: csv::Error) -> ExchangeError {
    let detail = error.to_string();
    match error.into_kind() {
        csv::ErrorKind::Io(source) => output_io(output, source),
        _ => output_io(output, io::Error::other(detail)),
    }
}

fn output_io(output: &Output, error: io::Error) -> ExchangeError {
    match output {
        Output::File(path) => ExchangeError::io(path, error),
        Output::Memory => ExchangeError::io(Path::new("(memory)"), error),
    }
}

fn xlsx_cell_error(error: XlsxError, line: u64) -> ExchangeError {
    match error {
        XlsxError::MaxStringLengthExceeded => ExchangeError::CellTooLongForXlsx { line },
        XlsxError::RowColumnLimitError => ExchangeError::TooManyRowsForXlsx,
        other => ExchangeError::xlsx_write(other),
    }
}

fn xlsx_save_error(path: &Path, error: XlsxError) -> ExchangeError {
    match error {
        XlsxError::IoError(source) => ExchangeError::io(path, source),
        other => ExchangeError::xlsx_write(other),
    }
}

/// A registry file being written row by row.
///
/// ```no_run
/// use hamyar_exchange::{Column, FileFormat, Headers, SheetWriter};
///
/// let columns = [Column::NationalId, Column::FirstName, Column::LastName];
/// let mut writer =
///     SheetWriter::create("women.xlsx", FileFormat::Xlsx, &columns, Headers::Persian)?;
/// writer.write_row(&["0013542419", "مریم", "احمدی"])?;
/// let rows = writer.finish()?;
/// assert_eq!(rows, 1);
/// # Ok::<(), hamyar_exchange::ExchangeError>(())
/// ```
pub struct SheetWriter {
    table: TableWriter,
    columns: Vec<Column>,
}

impl SheetWriter {
    /// Creates (or replaces) the file at `path` and writes the header row of
    /// `columns` in the language `headers` chooses.
    pub fn create(
        path: impl AsRef<Path>,
        format: FileFormat,
        columns: &[Column],
        headers: Headers,
    ) -> Result<SheetWriter, ExchangeError> {
        let output = Output::File(path.as_ref().to_path_buf());
        Self::start(output, format, columns, headers)
    }

    /// Writes into memory; take the file's bytes with [`SheetWriter::into_bytes`].
    pub fn in_memory(
        format: FileFormat,
        columns: &[Column],
        headers: Headers,
    ) -> Result<SheetWriter, ExchangeError> {
        Self::start(Output::Memory, format, columns, headers)
    }

    fn start(
        output: Output,
        format: FileFormat,
        columns: &[Column],
        headers: Headers,
    ) -> Result<SheetWriter, ExchangeError> {
        let spec = TableSpec::registry(columns, headers);
        let table = TableWriter::create(output, format, &spec, Buffering::Streaming)?;
        Ok(SheetWriter {
            table,
            columns: columns.to_vec(),
        })
    }

    /// The columns, in the order each row's cells must follow.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Appends one row: one cell per column, in [`SheetWriter::columns`] order.
    pub fn write_row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ExchangeError> {
        self.table.write_row(cells)
    }

    /// Data rows written so far.
    pub fn rows_written(&self) -> u64 {
        self.table.rows()
    }

    /// Completes the file and returns the number of data rows written.
    pub fn finish(self) -> Result<u64, ExchangeError> {
        let rows = self.table.rows();
        self.table.finish()?;
        Ok(rows)
    }

    /// Completes an in-memory file and returns its bytes.
    pub fn into_bytes(self) -> Result<Vec<u8>, ExchangeError> {
        if let Output::File(_) = self.table.output {
            return Err(ExchangeError::NotInMemory);
        }
        self.table.finish()
    }
}
