//! A worksheet's rows, one at a time, as its XML is inflated.
//!
//! Nothing here depends on the sheet's dimensions: a row is the `<row>`
//! element being read, its cells are the `<c>` elements in it, and rows or
//! columns the sheet skips cost nothing. Each row's cells are kept in
//! [`RowCells`], one text buffer and a span per cell, reused from row to row.
//! The limits are checked as elements arrive: a row number or a count of
//! `<row>` elements past [`ReadLimits::max_rows`], a cell whose column is
//! past [`ReadLimits::max_columns`] (named by its reference, before anything
//! is kept for it) or a row holding more cells than that, more cells in all
//! than [`ReadLimits::max_cells`], and a row's text longer than
//! [`ReadLimits::max_line_bytes`]. The `<dimension>` element before the rows
//! gives the last row for progress bars; everything after `</sheetData>` is
//! never inflated.

use std::io::Read;

use quick_xml::events::Event;

use crate::error::{ExchangeError, Place};
use crate::limits::{Limit, ReadLimits};
use crate::read::xlsx::broken;
use crate::read::xlsx::cell::{CellKind, column_index, reference, row_number};
use crate::read::xlsx::xml::{XmlPart, attribute, local, push_reference, without_prefix};

/// One cell of a row: where its value is in [`RowCells::text`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawCell {
    /// 0-based column.
    pub(crate) column: u64,
    pub(crate) kind: CellKind,
    pub(crate) style: usize,
    start: usize,
    end: usize,
}

/// The cells of the row last read.
#[derive(Debug, Default)]
pub(crate) struct RowCells {
    text: String,
    pub(crate) cells: Vec<RawCell>,
}

impl RowCells {
    /// The raw value of `cell` (a number, an index, or text).
    pub(crate) fn value(&self, cell: &RawCell) -> &str {
        &self.text[cell.start..cell.end]
    }
}

/// The rows of a worksheet being read.
pub(crate) struct SheetStream<C: Read> {
    xml: XmlPart<C>,
    limits: ReadLimits,
    last_row: u64,
    rows_seen: u64,
    cells_seen: u64,
    finished: bool,
    dimension_last_row: Option<u64>,
}

enum Step {
    Row { number: Option<String>, empty: bool },
    Finish,
    Next,
}

impl<C: Read> SheetStream<C> {
    /// Reads the sheet up to its first row.
    pub(crate) fn open(
        mut xml: XmlPart<C>,
        limits: &ReadLimits,
    ) -> Result<SheetStream<C>, ExchangeError> {
        let mut dimension_last_row = None;
        let finished = loop {
            match xml.next()? {
                Event::Start(start) if local(&start) == "sheetData" => break false,
                Event::Empty(start) if local(&start) == "sheetData" => break true,
                Event::Start(start) | Event::Empty(start) if local(&start) == "dimension" => {
                    dimension_last_row = attribute(&start, "ref").and_then(|range| {
                        let last = range.rsplit(':').next().unwrap_or_default();
                        row_number(last)
                    });
                }
                Event::Eof => break true,
                _ => {}
            }
        };
        Ok(SheetStream {
            xml,
            limits: *limits,
            last_row: 0,
            rows_seen: 0,
            cells_seen: 0,
            finished,
            dimension_last_row,
        })
    }

    /// The last row number the sheet declares, if it does.
    pub(crate) fn dimension_last_row(&self) -> Option<u64> {
        self.dimension_last_row
    }

    /// Compressed bytes of the sheet read so far, and its compressed size.
    pub(crate) fn compressed_progress(&self) -> (u64, u64) {
        self.xml.entry().compressed_progress()
    }

    /// Reads the next row into `row`; its row number, or `None` at the end.
    pub(crate) fn next_row(&mut self, row: &mut RowCells) -> Result<Option<u64>, ExchangeError> {
        row.text.clear();
        row.cells.clear();
        while !self.finished {
            let step = match self.xml.next()? {
                Event::Start(start) if local(&start) == "row" => Step::Row {
                    number: attribute(&start, "r"),
                    empty: false,
                },
                Event::Empty(start) if local(&start) == "row" => Step::Row {
                    number: attribute(&start, "r"),
                    empty: true,
                },
                Event::End(end) if without_prefix(end.name().0) == "sheetData" => Step::Finish,
                Event::Eof => Step::Finish,
                _ => Step::Next,
            };
            match step {
                Step::Next => {}
                Step::Finish => self.finished = true,
                Step::Row { number, empty } => {
                    let line = self.start_row(number.as_deref())?;
                    if !empty {
                        self.read_cells(line, row)?;
                    }
                    return Ok(Some(line));
                }
            }
        }
        Ok(None)
    }

    /// Numbers a new row and checks the row limits.
    fn start_row(&mut self, number: Option<&str>) -> Result<u64, ExchangeError> {
        let line = match number {
            Some(text) => text
                .trim()
                .parse::<u64>()
                .map_err(|_| broken(format!("a row is numbered «{}»", cut(text))))?,
            None => self.last_row.saturating_add(1),
        };
        self.rows_seen += 1;
        let max = self.limits.max_rows;
        if line > max || self.rows_seen > max {
            let place = Place::Row(line.max(self.rows_seen));
            return Err(ExchangeError::over_limit(Limit::Rows, max, place));
        }
        self.last_row = line;
        Ok(line)
    }

    /// Reads the cells of row `line` up to its end tag.
    fn read_cells(&mut self, line: u64, row: &mut RowCells) -> Result<(), ExchangeError> {
        let mut next_column = 0u64;
        let mut cells_in_row = 0u64;
        loop {
            let (attributes, empty) = match self.xml.next()? {
                Event::Start(start) if local(&start) == "c" => (cell_attributes(&start), false),
                Event::Empty(start) if local(&start) == "c" => (cell_attributes(&start), true),
                Event::End(end) if without_prefix(end.name().0) == "row" => return Ok(()),
                Event::Eof => return Err(broken(format!("{} ends inside a row", self.xml.name()))),
                _ => continue,
            };
            let CellStart {
                column,
                kind,
                style,
            } = attributes;
            cells_in_row += 1;
            self.cells_seen += 1;
            let column = match column {
                Some(Ok(column)) => column,
                Some(Err(text)) => return Err(broken(format!("a cell is named «{text}»"))),
                None => next_column,
            };
            let max_columns = self.limits.max_columns;
            if column >= max_columns || cells_in_row > max_columns {
                let place = Place::Cell(reference(column, line));
                return Err(ExchangeError::over_limit(
                    Limit::Columns,
                    max_columns,
                    place,
                ));
            }
            if self.cells_seen > self.limits.max_cells {
                let place = Place::Row(line);
                return Err(ExchangeError::over_limit(
                    Limit::Cells,
                    self.limits.max_cells,
                    place,
                ));
            }
            next_column = column + 1;
            if !empty {
                let start = row.text.len();
                self.read_value(line, &mut row.text)?;
                let end = row.text.len();
                row.cells.push(RawCell {
                    column,
                    kind,
                    style,
                    start,
                    end,
                });
            }
        }
    }

    /// Reads a cell's value (`<v>` or inline `<is>`) up to the cell's end tag.
    fn read_value(&mut self, line: u64, text: &mut String) -> Result<(), ExchangeError> {
        let max = self.limits.max_line_bytes;
        loop {
            let child = match self.xml.next()? {
                Event::Start(start) => Child::of(local(&start)),
                Event::End(end) if without_prefix(end.name().0) == "c" => return Ok(()),
                Event::Eof => {
                    return Err(broken(format!("{} ends inside a cell", self.xml.name())));
                }
                _ => continue,
            };
            match child {
                Child::Value => collect_text(&mut self.xml, text, max, Place::Row(line))?,
                Child::InlineString => {
                    collect_rich_text(&mut self.xml, text, max, Place::Row(line))?;
                }
                _ => self.xml.skip_element()?,
            }
        }
    }
}

/// The elements inside a cell or a rich text that carry its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Child {
    /// `<v>`: a cell's value.
    Value,
    /// `<is>`: a cell's inline rich text.
    InlineString,
    /// `<t>`: a piece of text.
    Text,
    /// `<r>`: a run of rich text.
    Run,
    /// Anything else (formulas, run properties, phonetic runs): skipped.
    Other,
}

impl Child {
    fn of(local_name: &str) -> Child {
        match local_name {
            "v" => Child::Value,
            "is" => Child::InlineString,
            "t" => Child::Text,
            "r" => Child::Run,
            _ => Child::Other,
        }
    }
}

/// What a cell's start tag says: its column (from its reference, or an
/// unreadable reference), its type and its style.
struct CellStart {
    column: Option<Result<u64, String>>,
    kind: CellKind,
    style: usize,
}

/// Reads a cell's attributes in one pass, without copying them.
fn cell_attributes(start: &quick_xml::events::BytesStart<'_>) -> CellStart {
    let mut cell = CellStart {
        column: None,
        kind: CellKind::Number,
        style: 0,
    };
    for attribute in start.attributes().with_checks(false).flatten() {
        let value = attribute.value.as_ref();
        match without_prefix(attribute.key.0) {
            "r" => cell.column = Some(column_index(value).ok_or_else(|| cut(value))),
            "t" => cell.kind = CellKind::from_attribute(Some(value)),
            "s" => cell.style = value.trim().parse().unwrap_or(0),
            _ => {}
        }
    }
    cell
}

/// At most 16 characters of `text`, for messages.
fn cut(text: &str) -> String {
    match text.char_indices().nth(16) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn too_long(max: u64, place: Place) -> ExchangeError {
    ExchangeError::over_limit(Limit::LineBytes, max, place)
}

/// Appends the text of the element just started, up to its end tag, to `out`,
/// refusing to let `out` grow past `max` bytes.
pub(crate) fn collect_text<C: Read>(
    xml: &mut XmlPart<C>,
    out: &mut String,
    max: u64,
    place: Place,
) -> Result<(), ExchangeError> {
    let mut depth = 1usize;
    while depth > 0 {
        match xml.next()? {
            Event::Text(text) => out.push_str(&text),
            Event::CData(data) => out.push_str(&data),
            Event::GeneralRef(reference) => push_reference(out, &reference),
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Eof => return Err(broken(format!("{} ends inside a cell", xml.name()))),
            _ => {}
        }
        if out.len() as u64 > max {
            return Err(too_long(max, place));
        }
    }
    Ok(())
}

/// Appends the text of the rich-text element just started (`<si>` or
/// `<is>`): its `<t>` elements, plain or in runs, but not phonetic runs.
pub(crate) fn collect_rich_text<C: Read>(
    xml: &mut XmlPart<C>,
    out: &mut String,
    max: u64,
    place: Place,
) -> Result<(), ExchangeError> {
    loop {
        let child = match xml.next()? {
            Event::Start(start) => Child::of(local(&start)),
            Event::End(_) => return Ok(()),
            Event::Eof => return Err(broken(format!("{} ends inside a text", xml.name()))),
            _ => continue,
        };
        match child {
            Child::Text => collect_text(xml, out, max, place.clone())?,
            Child::Run => collect_rich_text(xml, out, max, place.clone())?,
            _ => xml.skip_element()?,
        }
    }
}
