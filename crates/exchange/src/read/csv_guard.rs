//! A reader adapter that refuses oversized CSV records before the parser
//! buffers them.
//!
//! The `csv` crate keeps a whole record in memory, however long, and one
//! field end per field, however many; a line of 100 MiB or a header of a
//! million columns would be held whole before any check could run. The
//! [`RecordGuard`] sits between the input and the parser and follows the
//! record structure byte by byte (quotes, delimiter, line ends, as the parser
//! reads them): a record of more than [`ReadLimits::max_line_bytes`] bytes,
//! a record of more than [`ReadLimits::max_columns`] fields, a record that
//! starts past row [`ReadLimits::max_rows`] or more than
//! [`ReadLimits::max_cells`] fields in all make it stop delivering bytes and
//! fail the read; [`RecordGuard::refusal`] then says which limit, where.
//! Line breaks inside quoted cells do not end a record, as in a spreadsheet.

use std::io::{self, Read};

use crate::error::{ExchangeError, Place};
use crate::limits::{Limit, ReadLimits};
use crate::read::xlsx::reference;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (a quote here opens a quoted field).
    FieldStart,
    /// Inside a field that was not quoted.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: the closing quote, or the
    /// first of a doubled one.
    QuoteInQuoted,
}

/// A limit passed, and where.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    limit: Limit,
    max: u64,
    place: Place,
}

impl Refusal {
    pub(crate) fn to_error(&self) -> ExchangeError {
        ExchangeError::over_limit(self.limit, self.max, self.place.clone())
    }
}

/// Follows the records of a CSV stream and refuses oversized ones.
pub(crate) struct RecordGuard<R> {
    inner: R,
    delimiter: u8,
    terminator: u8,
    limits: ReadLimits,
    state: State,
    /// The spreadsheet row of the record being read.
    line: u64,
    record_bytes: u64,
    fields: u64,
    cells: u64,
    refusal: Option<Refusal>,
}

impl<R: Read> RecordGuard<R> {
    /// Guards `inner`, whose records are split by `delimiter` and end at
    /// `terminator` (LF, or CR for files from old Macs).
    pub(crate) fn new(inner: R, delimiter: u8, terminator: u8, limits: &ReadLimits) -> Self {
        RecordGuard {
            inner,
            delimiter,
            terminator,
            limits: *limits,
            state: State::FieldStart,
            line: 1,
            record_bytes: 0,
            fields: 1,
            cells: 0,
            refusal: None,
        }
    }

    /// The limit that stopped the stream, if one did.
    pub(crate) fn refusal(&self) -> Option<&Refusal> {
        self.refusal.as_ref()
    }

    /// Follows one byte; the limit it passes, if any.
    fn step(&mut self, byte: u8) -> Option<Refusal> {
        if byte == self.terminator && self.state != State::Quoted {
            return self.end_record();
        }
        if self.record_bytes == 0 && self.line > self.limits.max_rows {
            return Some(self.refuse(Limit::Rows, Place::Row(self.line)));
        }
        self.record_bytes += 1;
        self.state = match (self.state, byte) {
            (State::FieldStart, b'"') => State::Quoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, byte) if byte == self.delimiter => {
                self.fields += 1;
                State::FieldStart
            }
            _ => State::Unquoted,
        };
        if self.fields > self.limits.max_columns {
            let cell = reference(self.fields - 1, self.line);
            return Some(self.refuse(Limit::Columns, Place::Cell(cell)));
        }
        if self.record_bytes > self.limits.max_line_bytes {
            return Some(self.refuse(Limit::LineBytes, Place::Row(self.line)));
        }
        None
    }

    fn end_record(&mut self) -> Option<Refusal> {
        if self.record_bytes > 0 {
            self.cells += self.fields;
        }
        self.line += 1;
        self.record_bytes = 0;
        self.fields = 1;
        self.state = State::FieldStart;
        if self.cells > self.limits.max_cells {
            return Some(self.refuse(Limit::Cells, Place::Row(self.line - 1)));
        }
        None
    }

    fn refuse(&self, limit: Limit, place: Place) -> Refusal {
        Refusal {
            limit,
            max: self.limits.value(limit),
            place,
        }
    }
}

impl<R: Read> Read for RecordGuard<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.refusal.is_some() {
            return Err(io::Error::other("the file goes past a read limit"));
        }
        let read = self.inner.read(buffer)?;
        for (at, byte) in buffer[..read].iter().enumerate() {
            if let Some(refusal) = self.step(*byte) {
                self.refusal = Some(refusal);
                return if at > 0 {
                    Ok(at)
                } else {
                    Err(io::Error::other("the file goes past a read limit"))
                };
            }
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str, limits: ReadLimits) -> Option<ExchangeError> {
        let mut guard = RecordGuard::new(text.as_bytes(), b',', b'\n', &limits);
        let mut sink = Vec::new();
        let _ = guard.read_to_end(&mut sink);
        guard.refusal().map(Refusal::to_error)
    }

    #[test]
    fn line_breaks_inside_quotes_do_not_end_a_record() {
        let limits = ReadLimits {
            max_line_bytes: 20,
            ..ReadLimits::default()
        };
        assert!(refusal("a,b\nshort,\"x\ny\"\n", limits).is_none());
        let error = refusal("a,b\n\"0123456789\n0123456789\n\"\n", limits).unwrap();
        assert!(
            matches!(
                error,
                ExchangeError::OverLimit {
                    limit: Limit::LineBytes,
                    place: Place::Row(2),
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn a_field_past_the_column_limit_is_named_by_its_cell() {
        let limits = ReadLimits {
            max_columns: 3,
            ..ReadLimits::default()
        };
        assert!(refusal("a,b,c\n\"x,y,z,w\",1,2\n", limits).is_none());
        let error = refusal("a,b,c\n1,2,3,4\n", limits).unwrap();
        assert!(
            matches!(
                &error,
                ExchangeError::OverLimit { limit: Limit::Columns, max: 3, place: Place::Cell(cell) }
                    if cell == "D2"
            ),
            "{error:?}"
        );
    }

    #[test]
    fn rows_past_the_limit_are_refused_but_trailing_blank_lines_are_not() {
        let limits = ReadLimits {
            max_rows: 2,
            ..ReadLimits::default()
        };
        assert!(refusal("h\n1\n\n\n", limits).is_none());
        let error = refusal("h\n1\n2\n", limits).unwrap();
        assert!(
            matches!(
                error,
                ExchangeError::OverLimit {
                    limit: Limit::Rows,
                    place: Place::Row(3),
                    ..
                }
            ),
            "{error:?}"
        );
    }
}
