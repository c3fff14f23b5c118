//! One data row read from a file: its spreadsheet row number and the text of
//! each import column.
//!
//! A row keeps all its cells in one `String` with a span per import column,
//! so reading a row costs one allocation however many columns it has — this
//! is what lets a million-row CSV import stream at full speed. Cells are
//! stored trimmed; a column the file does not have reads as empty text.
//!
//! The spans of the fixed kinds' layouts (at most [`INLINE_COLUMNS`]) live
//! inside the row; a layout built from data, such as an instrument's sheet of
//! paper forms with a column per item, is wider and keeps its spans in a
//! second allocation sized to the layout (at most
//! [`MAX_LAYOUT_COLUMNS`](crate::MAX_LAYOUT_COLUMNS)).

use std::fmt;

use crate::column::Column;
use crate::layout::Layout;

/// Columns whose spans a row keeps inline, without a second allocation: every
/// fixed kind's layout fits.
pub const INLINE_COLUMNS: usize = 24;

/// One data row of an imported file.
#[derive(Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// The 1-based row number as the spreadsheet shows it; the header is row 1.
    pub line: u64,
    text: String,
    spans: Spans,
}

/// Where each column's cell lies in a row's text.
#[derive(Clone, PartialEq, Eq)]
enum Spans {
    /// A layout of at most [`INLINE_COLUMNS`] columns.
    Inline([(u32, u32); INLINE_COLUMNS]),
    /// A wider layout: one span per column.
    Wide(Box<[(u32, u32)]>),
}

impl Spans {
    fn for_width(width: usize) -> Spans {
        if width <= INLINE_COLUMNS {
            Spans::Inline([(0, 0); INLINE_COLUMNS])
        } else {
            Spans::Wide(vec![(0, 0); width].into_boxed_slice())
        }
    }

    fn get(&self, position: usize) -> Option<&(u32, u32)> {
        match self {
            Spans::Inline(spans) => spans.get(position),
            Spans::Wide(spans) => spans.get(position),
        }
    }

    fn get_mut(&mut self, position: usize) -> Option<&mut (u32, u32)> {
        match self {
            Spans::Inline(spans) => spans.get_mut(position),
            Spans::Wide(spans) => spans.get_mut(position),
        }
    }
}

impl SheetRow {
    /// A row built from `(column, value)` pairs, for tests and callers that
    /// gather cells themselves; values are trimmed and export-only columns
    /// are ignored.
    pub fn from_cells<S: AsRef<str>>(
        line: u64,
        cells: impl IntoIterator<Item = (Column, S)>,
    ) -> SheetRow {
        let mut builder = RowBuilder::new(0, Layout::women().columns.len());
        for (column, value) in cells {
            if column.is_import() {
                builder.push(column.index(), value.as_ref());
            }
        }
        builder.finish(line)
    }

    /// The trimmed text of `column`; empty when the file lacks the column or
    /// the column is export-only.
    pub fn get(&self, column: Column) -> &str {
        match self.spans.get(column.index()) {
            Some(&(start, end)) => &self.text[start as usize..end as usize],
            None => "",
        }
    }

    /// The trimmed text of the column at `position` of the sheet's layout;
    /// empty when the file lacks it.
    pub fn slot(&self, position: usize) -> &str {
        match self.spans.get(position) {
            Some(&(start, end)) => &self.text[start as usize..end as usize],
            None => "",
        }
    }

    /// The trimmed text of the column with `key` in `layout` (the layout the
    /// row was read with); empty when the file or the layout lacks it.
    pub fn by_key(&self, layout: &Layout, key: &str) -> &str {
        layout
            .position(key)
            .map_or("", |position| self.slot(position))
    }

    /// The read columns of `layout` (the layout the row was read with), each
    /// key with its text, in layout order.
    pub fn keyed(&self, layout: &Layout) -> Vec<(&'static str, String)> {
        layout
            .columns
            .iter()
            .enumerate()
            .filter(|(_, column)| column.read)
            .map(|(position, column)| (column.key, self.slot(position).to_owned()))
            .collect()
    }

    /// A row of `layout` built from `(key, value)` pairs, for tests and
    /// callers that gather cells themselves; unknown keys are ignored.
    pub fn from_keyed<S: AsRef<str>>(
        line: u64,
        layout: &Layout,
        cells: impl IntoIterator<Item = (&'static str, S)>,
    ) -> SheetRow {
        let mut builder = RowBuilder::new(0, layout.columns.len());
        for (key, value) in cells {
            if let Some(position) = layout.position(key) {
                builder.push(position, value.as_ref());
            }
        }
        builder.finish(line)
    }

    /// Each import column with its text, in [`Column::IMPORT`] order.
    pub fn cells(&self) -> impl Iterator<Item = (Column, &str)> {
        Column::IMPORT
            .iter()
            .map(move |column| (*column, self.get(*column)))
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

impl fmt::Debug for SheetRow {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = formatter.debug_map();
        map.entry(&"line", &self.line);
        for (column, value) in self.cells() {
            if !value.is_empty() {
                map.entry(&column.key(), &value);
            }
        }
        map.finish()
    }
}

/// Collects one row's cells into a single buffer.
pub(crate) struct RowBuilder {
    text: String,
    spans: Spans,
}

impl RowBuilder {
    /// A row of a layout of `width` columns, its text sized for `capacity` bytes.
    pub(crate) fn new(capacity: usize, width: usize) -> RowBuilder {
        RowBuilder {
            text: String::with_capacity(capacity),
            spans: Spans::for_width(width),
        }
    }

    /// Stores `value`, trimmed, as the cell of the layout's column at `slot`
    /// (a slot outside the layout's width is dropped: the header map never
    /// gives one).
    pub(crate) fn push(&mut self, slot: usize, value: &str) {
        let value = value.trim();
        let start = self.text.len();
        self.text.push_str(value);
        // A row longer than 4 GiB cannot come from a spreadsheet; saturate
        // rather than wrap should one ever appear.
        let to_u32 = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        if let Some(span) = self.spans.get_mut(slot) {
            *span = (to_u32(start), to_u32(self.text.len()));
        }
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    pub(crate) fn finish(self, line: u64) -> SheetRow {
        SheetRow {
            line,
            text: self.text,
            spans: self.spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_and_missing_columns_read_as_empty() {
        let row = SheetRow::from_cells(
            7,
            [
                (Column::NationalId, " 0013542419 "),
                (Column::FirstName, "\u{a0}مریم\t"),
                (Column::CoverageStatus, "تحت پوشش"),
            ],
        );
        assert_eq!(row.line, 7);
        assert_eq!(row.get(Column::NationalId), "0013542419");
        assert_eq!(row.get(Column::FirstName), "مریم");
        assert_eq!(row.get(Column::LastName), "");
        assert_eq!(row.get(Column::CoverageStatus), "");
        assert!(!row.is_blank());
    }

    #[test]
    fn a_row_of_spaces_is_blank() {
        let row = SheetRow::from_cells(2, [(Column::Notes, "   ")]);
        assert!(row.is_blank());
    }

    #[test]
    fn a_row_of_a_layout_wider_than_the_inline_spans_keeps_every_cell() {
        let columns: Vec<crate::LayoutColumn> = (0..40)
            .map(|index| {
                let key: &'static str = Box::leak(format!("item_{index}").into_boxed_str());
                crate::LayoutColumn::new(key, key, key, false, "", "")
            })
            .collect();
        let layout = Layout::new("wide", "wide", columns);
        let row = SheetRow::from_keyed(3, &layout, [("item_0", "۱"), ("item_39", " ۴ ")]);
        assert_eq!(row.by_key(&layout, "item_0"), "۱");
        assert_eq!(row.by_key(&layout, "item_39"), "۴");
        assert_eq!(row.by_key(&layout, "item_20"), "");
        assert_eq!(row.keyed(&layout).len(), 40);
    }

    #[test]
    fn zero_width_non_joiners_inside_values_are_kept() {
        let row = SheetRow::from_cells(2, [(Column::Skills, "قالی‌بافی")]);
        assert_eq!(row.get(Column::Skills), "قالی\u{200C}بافی");
    }
}
