//! Rows out of the first worksheet of an Excel workbook, streamed cell by
//! cell within [`ReadLimits`].
//!
//! An Excel file is a ZIP container of XML parts. [`zip_dir`] checks the
//! container's directory before reading it and inflates each part through a
//! counter; [`xml`] reads a part as events with no event, name or nesting
//! past its bounds; [`package`] finds the first worksheet in workbook order
//! and the styles and shared-strings parts; [`styles`] learns which styles are
//! dates, [`shared_strings`] holds the texts cells refer to, [`sheet`] yields
//! the sheet's rows one at a time as its XML is inflated, and [`cell`] turns a
//! cell into the text a person would type (whole numbers without `.0`, dates
//! as ISO `YYYY-MM-DD`, booleans as `TRUE`/`FALSE`, errors as `#N/A`).
//!
//! Memory is the shared-strings table plus a few buffers of at most
//! [`ReadLimits::max_line_bytes`], whatever the sheet's dimensions or row
//! count. The header is the first row with any text; row numbers are the
//! sheet's own. The `<dimension>` element gives the rows to expect, clamped
//! to the row limit, without reading the sheet twice.

mod cell;
mod package;
mod shared_strings;
mod sheet;
mod styles;
mod xml;
mod zip_dir;

use std::io::{Read, Seek, SeekFrom};

use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::layout::Layout;
use crate::limits::{Limit, ReadLimits};
use crate::read::header::{HeaderMap, Slot, cut_value, no_header_row};
use crate::row::{RowBuilder, SheetRow};

pub(crate) use cell::reference;
use cell::{Lookups, cell_text};
use shared_strings::SharedStrings;
use sheet::{RowCells, SheetStream};
use styles::DateStyles;
use xml::XmlPart;
pub(crate) use zip_dir::Container;
use zip_dir::{Directory, EntryReader};

/// The error for a workbook that is not what Excel writes.
pub(crate) fn broken(detail: String) -> ExchangeError {
    ExchangeError::Xlsx { detail }
}

/// The first worksheet of a workbook being read row by row.
pub(crate) struct XlsxSource {
    sheet: SheetStream<Box<dyn Container>>,
    strings: SharedStrings,
    dates: DateStyles,
    date1904: bool,
    header: HeaderMap,
    header_line: u64,
    row: RowCells,
    scratch: String,
    limits: ReadLimits,
    finished: bool,
}

impl XlsxSource {
    /// Opens the workbook in `container` and reads its header row.
    // The closures passed to `Reading::part` must stay closures: a generic
    // function item names one borrow of the container, not any borrow.
    #[allow(clippy::redundant_closure)]
    pub(crate) fn open(
        mut container: Box<dyn Container>,
        limits: &ReadLimits,
        layout: &Layout,
    ) -> Result<XlsxSource, ExchangeError> {
        check_is_zip(&mut container)?;
        let directory = Directory::read(&mut *container, limits)?;
        let mut inflated = 0;
        let mut reading = Reading {
            container: &mut *container,
            directory: &directory,
            limits,
            inflated: &mut inflated,
        };
        let workbook = reading
            .part("_rels/.rels", |rels| package::workbook_path(rels))?
            .unwrap_or_else(|| "xl/workbook.xml".to_owned());
        let (sheet_ids, date1904) = reading
            .part(&workbook, |part| package::sheet_ids(part))?
            .ok_or_else(|| broken(format!("it has no workbook part ({workbook})")))?;
        let parts = reading
            .part(&package::rels_of(&workbook), |rels| {
                package::parts(rels, &workbook, &sheet_ids, date1904)
            })?
            .ok_or_else(|| broken("it has no worksheet".to_owned()))?;
        let dates = match &parts.styles {
            Some(styles) => reading.part(styles, |part| DateStyles::read(part))?,
            None => None,
        };
        let strings = match &parts.shared_strings {
            Some(path) => reading.part(path, |part| SharedStrings::read(part, limits))?,
            None => None,
        };
        let entry = directory
            .find(&parts.sheet)
            .ok_or_else(|| broken(format!("its first sheet ({}) is missing", parts.sheet)))?;
        let budget = limits.max_workbook_bytes.saturating_sub(inflated);
        let entry = EntryReader::open(container, entry, budget)?;
        let sheet = SheetStream::open(XmlPart::new(&parts.sheet, entry, limits), limits)?;
        let mut source = XlsxSource {
            sheet,
            strings: strings.unwrap_or_default(),
            dates: dates.unwrap_or_default(),
            date1904: parts.date1904,
            header: HeaderMap::empty(),
            header_line: 0,
            row: RowCells::default(),
            scratch: String::new(),
            limits: *limits,
            finished: false,
        };
        source.read_header(layout)?;
        Ok(source)
    }

    pub(crate) fn header(&self) -> &HeaderMap {
        &self.header
    }

    /// Data rows below the header as the sheet declares them (blank ones
    /// included), clamped to the row limit; `None` when it declares nothing.
    pub(crate) fn rows_below_header(&self) -> Option<u64> {
        let last = self.sheet.dimension_last_row()?;
        Some(
            last.min(self.limits.max_rows)
                .saturating_sub(self.header_line),
        )
    }

    /// Compressed bytes of the sheet read so far, and its compressed size.
    pub(crate) fn compressed_progress(&self) -> (u64, u64) {
        self.sheet.compressed_progress()
    }

    /// The next non-blank data row, an error about one row, or `None` at the
    /// end; a fatal error ends the rows.
    pub(crate) fn next_row(&mut self) -> Option<Result<SheetRow, ExchangeError>> {
        if self.finished {
            return None;
        }
        match self.read_row() {
            Ok(Some(row)) => Some(Ok(row)),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(error) => {
                self.finished = !error.concerns_one_row();
                Some(Err(error))
            }
        }
    }

    fn read_row(&mut self) -> Result<Option<SheetRow>, ExchangeError> {
        let max_line = self.limits.max_line_bytes;
        loop {
            let Some(line) = self.sheet.next_row(&mut self.row)? else {
                return Ok(None);
            };
            let lookups = Lookups {
                strings: &self.strings,
                dates: &self.dates,
                date1904: self.date1904,
            };
            let mut row = RowBuilder::new(0, self.header.width());
            let mut length = 0u64;
            for cell in &self.row.cells {
                let slot = self.header.slot(cell.column as usize);
                if slot == Slot::Ignored {
                    continue;
                }
                let raw = self.row.value(cell);
                let text = cell_text(cell.kind, cell.style, raw, &lookups, &mut self.scratch)?;
                match slot {
                    Slot::Import(index) => {
                        length += text.len() as u64;
                        if length > max_line {
                            let place = crate::error::Place::Row(line);
                            return Err(ExchangeError::over_limit(
                                Limit::LineBytes,
                                max_line,
                                place,
                            ));
                        }
                        row.push(index, text);
                    }
                    Slot::Unheaded if !text.trim().is_empty() => {
                        return Err(ExchangeError::Unheaded {
                            line,
                            column_number: cell.column + 1,
                            value: cut_value(text.trim()),
                        });
                    }
                    _ => {}
                }
            }
            if !row.is_blank() {
                return Ok(Some(row.finish(line)));
            }
        }
    }

    /// Takes the first row with any text as the header row.
    fn read_header(&mut self, layout: &Layout) -> Result<(), ExchangeError> {
        loop {
            let Some(line) = self.sheet.next_row(&mut self.row)? else {
                return Err(no_header_row());
            };
            let lookups = Lookups {
                strings: &self.strings,
                dates: &self.dates,
                date1904: self.date1904,
            };
            let width = self.row.cells.iter().map(|cell| cell.column + 1).max();
            let mut texts = vec![String::new(); width.unwrap_or(0) as usize];
            for cell in &self.row.cells {
                let raw = self.row.value(cell);
                let text = cell_text(cell.kind, cell.style, raw, &lookups, &mut self.scratch)?;
                texts[cell.column as usize] = text.to_owned();
            }
            if texts.iter().all(|text| text.trim().is_empty()) {
                continue;
            }
            self.header = HeaderMap::parse(layout, texts.iter().map(String::as_str))?;
            self.header_line = line;
            return Ok(());
        }
    }
}

/// Refuses content that is not a ZIP container (such as a CSV named `.xlsx`).
fn check_is_zip(container: &mut Box<dyn Container>) -> Result<(), ExchangeError> {
    let mut magic = [0; 4];
    let mut filled = 0;
    while filled < magic.len() {
        match container.read(&mut magic[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(broken(format!("it cannot be read ({error})"))),
        }
    }
    container
        .seek(SeekFrom::Start(0))
        .map_err(|error| broken(format!("it cannot be read ({error})")))?;
    if FileFormat::sniff(&magic[..filled]) == FileFormat::Xlsx {
        Ok(())
    } else {
        Err(ExchangeError::WrongContent {
            expected: FileFormat::Xlsx,
            found: FileFormat::Csv,
        })
    }
}

/// Reading whole parts before the sheet, against one inflation budget.
struct Reading<'a> {
    container: &'a mut dyn Container,
    directory: &'a Directory,
    limits: &'a ReadLimits,
    inflated: &'a mut u64,
}

impl Reading<'_> {
    /// Reads the part at `path` with `read`; `None` when there is no such part.
    fn part<T>(
        &mut self,
        path: &str,
        read: impl FnOnce(&mut XmlPart<&mut dyn Container>) -> Result<T, ExchangeError>,
    ) -> Result<Option<T>, ExchangeError> {
        let Some(entry) = self.directory.find(path) else {
            return Ok(None);
        };
        let budget = self
            .limits
            .max_workbook_bytes
            .saturating_sub(*self.inflated);
        let container: &mut dyn Container = &mut *self.container;
        let reader = EntryReader::open(container, entry, budget)?;
        let mut part = XmlPart::new(path, reader, self.limits);
        let result = read(&mut part);
        *self.inflated += part.entry().inflated();
        result.map(Some)
    }
}
