//! The shape of an importable sheet: which columns it has, their headers in
//! Persian and English, which are required, an example and a hint for the
//! template's guide — one [`Layout`] per kind of import, so that the one
//! reader, template writer and problem report serve every import.
//!
//! The registry of women keeps its own [`Column`] enum (its million-row
//! import reads cells by enum, and its exports write the same columns);
//! [`Layout::women`] describes those columns as a layout, export-only ones
//! included (they are accepted in a file and their cells ignored, so an
//! export imports back). The group history's layouts are in
//! [`kinds`](crate::kinds). A column's position in its layout is the slot
//! its cells are kept in ([`SheetRow::slot`](crate::SheetRow::slot)).

use std::sync::LazyLock;

use crate::column::{Column, header_key};

/// Columns a layout may have at most (a row keeps a span per column): the
/// fixed kinds have at most [`INLINE_COLUMNS`](crate::row::INLINE_COLUMNS);
/// an instrument's sheet of paper forms has its nine own columns, one per item
/// (at most 300) and one per score (at most 50).
pub const MAX_LAYOUT_COLUMNS: usize = 400;

/// One column of an importable sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutColumn {
    /// The stable English snake_case key (`group_code`, `joined_on`…); the
    /// app reads cells by it and problems name it.
    pub key: &'static str,
    /// The header files carry, e.g. «کد گروه».
    pub header_fa: &'static str,
    pub header_en: &'static str,
    /// Whether a file without this column is refused.
    pub required: bool,
    /// Whether an import reads the column (export-only columns are accepted
    /// in a file and ignored).
    pub read: bool,
    /// A value this column accepts, for the template's guide.
    pub example: &'static str,
    /// A one-line Persian hint for the template's guide.
    pub hint_fa: &'static str,
    /// Whether spreadsheets must keep the cells as text (codes with leading
    /// zeros, Jalali dates).
    pub keeps_text: bool,
    /// A comfortable width in characters.
    pub width: f64,
}

impl LayoutColumn {
    /// A column an import reads; `required` and `keeps_text` as given.
    pub const fn new(
        key: &'static str,
        header_fa: &'static str,
        header_en: &'static str,
        required: bool,
        example: &'static str,
        hint_fa: &'static str,
    ) -> LayoutColumn {
        LayoutColumn {
            key,
            header_fa,
            header_en,
            required,
            read: true,
            example,
            hint_fa,
            keeps_text: true,
            width: 18.0,
        }
    }
}

/// The columns of one kind of importable sheet.
#[derive(Debug, PartialEq)]
pub struct Layout {
    /// The kind's stable key (`women`, `groups`, `members`…).
    pub kind: &'static str,
    /// The data sheet's name in templates, e.g. «گروه‌ها».
    pub sheet_name: &'static str,
    /// Every column, in template order; at most [`MAX_LAYOUT_COLUMNS`].
    pub columns: Vec<LayoutColumn>,
    /// The folded spellings of every column (Persian header, key, English
    /// header), with the column's position.
    folded: Vec<(String, usize)>,
}

impl Layout {
    /// A layout of `columns`; panics (at start-up, on a programming error)
    /// if there are too many or two share a spelling.
    pub fn new(kind: &'static str, sheet_name: &'static str, columns: Vec<LayoutColumn>) -> Layout {
        assert!(
            columns.len() <= MAX_LAYOUT_COLUMNS,
            "{kind}: too many columns"
        );
        let mut folded: Vec<(String, usize)> = Vec::new();
        for (index, column) in columns.iter().enumerate() {
            for name in [column.header_fa, column.key, column.header_en] {
                let key = header_key(name);
                match folded.iter().find(|(known, _)| *known == key) {
                    Some((_, other)) => assert_eq!(*other, index, "{kind}: {name} is ambiguous"),
                    None => folded.push((key, index)),
                }
            }
        }
        Layout {
            kind,
            sheet_name,
            columns,
            folded,
        }
    }

    /// A layout built from data (an instrument's items), where a spelling may
    /// come twice: the first column to claim a spelling keeps it and a later
    /// column is matched by its other spellings only, so nothing a national
    /// expert writes can make the layout ambiguous. Panics only past
    /// [`MAX_LAYOUT_COLUMNS`], which the caller bounds.
    pub fn from_data(
        kind: &'static str,
        sheet_name: &'static str,
        columns: Vec<LayoutColumn>,
    ) -> Layout {
        assert!(
            columns.len() <= MAX_LAYOUT_COLUMNS,
            "{kind}: too many columns"
        );
        let mut folded: Vec<(String, usize)> = Vec::new();
        for (index, column) in columns.iter().enumerate() {
            for name in [column.header_fa, column.key, column.header_en] {
                let key = header_key(name);
                if !key.is_empty() && !folded.iter().any(|(known, _)| *known == key) {
                    folded.push((key, index));
                }
            }
        }
        Layout {
            kind,
            sheet_name,
            columns,
            folded,
        }
    }

    /// The registry of women's layout: [`Column::EXPORT`] in order, the
    /// export-only columns not read.
    pub fn women() -> &'static Layout {
        &WOMEN
    }

    /// The position of the column a header cell names, if any (compared
    /// through [`search_key`](hamyar_domain::search_key) folding, letters and digits only).
    pub fn match_header(&self, text: &str) -> Option<usize> {
        let wanted = header_key(text);
        if wanted.is_empty() {
            return None;
        }
        self.folded
            .iter()
            .find(|(key, _)| *key == wanted)
            .map(|(_, index)| *index)
    }

    /// The position of the column with this key.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|column| column.key == key)
    }

    /// The column with this key.
    pub fn column(&self, key: &str) -> Option<&LayoutColumn> {
        self.columns.iter().find(|column| column.key == key)
    }

    /// The Persian header of the column with this key; the key itself when the
    /// layout has none (empty for a problem with the whole row).
    pub fn header_fa_of<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.column(key).map_or(key, |column| column.header_fa)
    }

    /// The header of the column with this key in the reader's language,
    /// Persian or English; the key itself when the layout has none.
    pub fn header_of<'a>(&self, key: &'a str, english: bool) -> &'a str
    where
        'static: 'a,
    {
        self.column(key).map_or(key, |column| {
            if english {
                column.header_en
            } else {
                column.header_fa
            }
        })
    }

    /// The columns an import reads, in order.
    pub fn read_columns(&self) -> impl Iterator<Item = &LayoutColumn> {
        self.columns.iter().filter(|column| column.read)
    }

    /// Whether this is the registry of women's layout.
    pub fn is_women(&self) -> bool {
        std::ptr::eq(self, Layout::women())
    }
}

static WOMEN: LazyLock<Layout> = LazyLock::new(|| {
    let columns = Column::EXPORT
        .iter()
        .map(|column| LayoutColumn {
            key: column.key(),
            header_fa: column.header_fa(),
            header_en: column.header_en(),
            required: column.is_required(),
            read: column.is_import(),
            example: column.example(),
            hint_fa: column.hint_fa(),
            keeps_text: column.keeps_text(),
            width: column.width(),
        })
        .collect();
    Layout::new("women", crate::write::REGISTRY_SHEET_NAME, columns)
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_women_layout_keeps_the_registry_columns_in_their_slots() {
        let layout = Layout::women();
        assert_eq!(layout.columns.len(), Column::EXPORT.len());
        for column in Column::EXPORT {
            let index = layout.match_header(column.header_fa()).unwrap();
            assert_eq!(index, column.index());
            assert_eq!(layout.columns[index].read, column.is_import());
        }
        assert!(layout.is_women());
    }

    #[test]
    fn headers_match_however_they_are_spelled() {
        let layout = Layout::women();
        for text in ["كد ملي", "کدملی", "National ID", " national_id "] {
            assert_eq!(layout.match_header(text), Some(0), "{text}");
        }
        assert_eq!(layout.match_header("رنگ مو"), None);
        assert_eq!(layout.match_header(" - "), None);
    }
}
