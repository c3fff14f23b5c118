//! Streaming CSV rows out of any byte source.
//!
//! The first block of the input is read ahead to strip a UTF-8 byte-order
//! mark, to recognise an Excel file given a `.csv` name, and to choose the
//! delimiter (comma, semicolon or tab: whichever occurs most often outside
//! quotes in the header line). After that the `csv` crate parses the stream
//! into one reused [`ByteRecord`]; each field is checked for UTF-8 on its own
//! and copied once into the row's single buffer. Nothing else is allocated per
//! row, and memory stays flat however long the file is.
//!
//! Row numbers follow the spreadsheet. Records end at LF (a CR before it is
//! whitespace and trimmed away with the cell), and one LF is appended to the
//! input so that the last record is terminated too; then a record's first
//! line is the parser's line count after it, less its own line breaks. Line
//! breaks inside quoted cells are subtracted from the rows after them,
//! because a spreadsheet shows such a record as one row. Files from old
//! Macs that end lines with CR alone are read with CR as the terminator;
//! there blank lines cannot be seen, so rows are numbered by record.
//! Cells that [`crate::write`] protected against formula injection (a leading
//! apostrophe before `=`, `+`, `-`, `@`) lose the apostrophe again.
//!
//! Between the input and the parser a [`RecordGuard`] refuses records past
//! the [`ReadLimits`] (too long, too wide, too far down, too many cells)
//! before the parser buffers them; such a refusal ends the rows. A cell
//! quoted in an error message is cut to a few dozen characters.

use std::io::{self, Cursor, Read};
use std::path::PathBuf;

use csv::{ByteRecord, ReaderBuilder};

use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::guard::unguard;
use crate::layout::Layout;
use crate::limits::ReadLimits;
use crate::read::csv_guard::RecordGuard;
use crate::read::header::{HeaderMap, Slot, cut_value, no_header_row};
use crate::row::{RowBuilder, SheetRow};

/// The UTF-8 byte-order mark that Excel writes before "CSV UTF-8" files.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// How much of the input is read ahead to sniff the delimiter.
const SNIFF_BYTES: usize = 64 * 1024;
/// The parser's buffer.
const BUFFER_BYTES: usize = 256 * 1024;

type Input = Box<dyn Read + Send>;
type Stream = RecordGuard<io::Chain<io::Chain<Cursor<Vec<u8>>, Input>, &'static [u8]>>;

/// A CSV file being read row by row.
pub(crate) struct CsvSource {
    reader: csv::Reader<Stream>,
    /// `b'\n'`, or `b'\r'` for files whose lines end with CR alone.
    terminator: u8,
    /// Records read so far, which number the rows of CR-only files.
    records: u64,
    record: ByteRecord,
    header: HeaderMap,
    /// Line breaks inside quoted cells so far (they do not start new rows).
    embedded_newlines: u64,
    /// Bytes skipped before the parser's input (the byte-order mark).
    skipped: u64,
    bytes_total: Option<u64>,
    origin: PathBuf,
    finished: bool,
}

impl CsvSource {
    /// Reads the header row of `input`; `origin` names it in I/O errors.
    pub(crate) fn open(
        mut input: Input,
        origin: PathBuf,
        bytes_total: Option<u64>,
        limits: &ReadLimits,
        layout: &Layout,
    ) -> Result<CsvSource, ExchangeError> {
        let head = read_head(&mut input).map_err(|error| ExchangeError::io(&origin, error))?;
        if FileFormat::sniff(&head) == FileFormat::Xlsx {
            return Err(ExchangeError::WrongContent {
                expected: FileFormat::Csv,
                found: FileFormat::Xlsx,
            });
        }
        let skipped = if head.starts_with(BOM) { BOM.len() } else { 0 };
        let delimiter = sniff_delimiter(&head[skipped..]);
        let terminator = if head.contains(&b'\r') && !head.contains(&b'\n') {
            b'\r'
        } else {
            b'\n'
        };
        let mut head = Cursor::new(head);
        head.set_position(skipped as u64);
        let closing: &'static [u8] = if terminator == b'\n' { b"\n" } else { b"\r" };
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(terminator))
            .buffer_capacity(BUFFER_BYTES)
            .from_reader(RecordGuard::new(
                head.chain(input).chain(closing),
                delimiter,
                terminator,
                limits,
            ));
        let mut source = CsvSource {
            reader,
            terminator,
            records: 0,
            record: ByteRecord::new(),
            header: HeaderMap::empty(),
            embedded_newlines: 0,
            skipped: skipped as u64,
            bytes_total,
            origin,
            finished: false,
        };
        source.header = source.read_header(layout)?;
        Ok(source)
    }

    /// The import columns the file has.
    pub(crate) fn header(&self) -> &HeaderMap {
        &self.header
    }

    /// Bytes consumed so far, including a byte-order mark.
    pub(crate) fn bytes_read(&self) -> u64 {
        // The appended terminator is not part of the file.
        let read = self.skipped + self.reader.position().byte();
        self.bytes_total.map_or(read, |total| read.min(total))
    }

    pub(crate) fn bytes_total(&self) -> Option<u64> {
        self.bytes_total
    }

    /// The next non-blank data row, an error about one row, or `None` at the end.
    pub(crate) fn next_row(&mut self) -> Option<Result<SheetRow, ExchangeError>> {
        while !self.finished {
            let line = match self.advance() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.finished = true;
                    return None;
                }
                Err(error) => return Some(Err(error)),
            };
            match self.build_row(line) {
                Ok(Some(row)) => return Some(Ok(row)),
                Ok(None) => continue,
                Err(error) => return Some(Err(error)),
            }
        }
        None
    }

    /// Reads the first non-blank record as the header row.
    fn read_header(&mut self, layout: &Layout) -> Result<HeaderMap, ExchangeError> {
        loop {
            let Some(line) = self.advance()? else {
                return Err(no_header_row());
            };
            let mut cells = Vec::with_capacity(self.record.len());
            for field in self.record.iter() {
                let text =
                    std::str::from_utf8(field).map_err(|_| ExchangeError::Encoding { line })?;
                cells.push(text);
            }
            if cells.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            return HeaderMap::parse(layout, cells);
        }
    }

    /// Parses the next record into `self.record` and returns its row number.
    fn advance(&mut self) -> Result<Option<u64>, ExchangeError> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                self.records += 1;
                let own_newlines = count_newlines(self.record.as_slice());
                let line = if self.terminator == b'\n' {
                    // The parser has counted every LF so far, this record's
                    // terminator and inner line breaks included.
                    let after = self.reader.position().line();
                    let first_line = after.saturating_sub(own_newlines + 1);
                    first_line.saturating_sub(self.embedded_newlines)
                } else {
                    self.records
                };
                self.embedded_newlines += own_newlines;
                Ok(Some(line))
            }
            Err(error) => Err(self.csv_error(error)),
        }
    }

    fn build_row(&self, line: u64) -> Result<Option<SheetRow>, ExchangeError> {
        let mut row = RowBuilder::new(self.record.as_slice().len(), self.header.width());
        for (index, field) in self.record.iter().enumerate() {
            match self.header.slot(index) {
                Slot::Import(slot) => {
                    let text =
                        std::str::from_utf8(field).map_err(|_| ExchangeError::Encoding { line })?;
                    row.push(slot, unguard(text));
                }
                Slot::Ignored => {}
                Slot::Unheaded => {
                    let text = String::from_utf8_lossy(field);
                    if !text.trim().is_empty() {
                        return Err(ExchangeError::Unheaded {
                            line,
                            column_number: index as u64 + 1,
                            value: cut_value(text.trim()),
                        });
                    }
                }
            }
        }
        if row.is_blank() {
            Ok(None)
        } else {
            Ok(Some(row.finish(line)))
        }
    }

    fn csv_error(&mut self, error: csv::Error) -> ExchangeError {
        if let Some(refusal) = self.reader.get_ref().refusal() {
            self.finished = true;
            return refusal.to_error();
        }
        let line = error
            .position()
            .map_or(0, |position| position.line())
            .saturating_sub(self.embedded_newlines);
        let detail = error.to_string();
        match error.into_kind() {
            csv::ErrorKind::Io(source) => {
                self.finished = true;
                ExchangeError::io(&self.origin, source)
            }
            csv::ErrorKind::Utf8 { .. } => ExchangeError::Encoding { line },
            _ => ExchangeError::Csv { line, detail },
        }
    }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|byte| **byte == b'\n').count() as u64
}

/// Reads until the first line break (or [`SNIFF_BYTES`], or the end).
fn read_head(input: &mut Input) -> io::Result<Vec<u8>> {
    let mut head = vec![0; SNIFF_BYTES];
    let mut filled = 0;
    while filled < head.len() {
        let read = match input.read(&mut head[filled..]) {
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if read == 0 {
            break;
        }
        let had_newline = head[filled..filled + read].contains(&b'\n');
        filled += read;
        if had_newline {
            break;
        }
    }
    head.truncate(filled);
    Ok(head)
}

/// The delimiter that occurs most often outside quotes in the first line
/// (which ends at the first LF or CR outside quotes);
/// a comma when there is a tie or none at all.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for byte in head {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = (b',', counts[0]);
    for (delimiter, count) in [(b';', counts[1]), (b'\t', counts[2])] {
        if count > best.1 {
            best = (delimiter, count);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_unquoted_delimiter_wins() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter(b"a;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"single"), b',');
    }
}
