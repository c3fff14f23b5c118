//! Turning a file's header row into a map from file positions to the columns
//! of the sheet's [`Layout`] (the registry of women, or a kind of the group
//! history), and explaining header rows that do not fit.
//!
//! Every non-empty header cell must name a column ([`Layout::match_header`]); an
//! import column may appear only once; export-only columns are accepted and
//! their cells ignored, so an exported file imports back as it is. Empty
//! header cells are tolerated (spreadsheets often carry a few trailing empty
//! columns), but a value found under one is reported by the reader rather
//! than silently dropped. All problems of a header row are reported
//! together, as one message of the catalogue (`header-…`), within bounds: at most
//! [`MAX_LISTED`] unknown headers are named (then "and N more"), each cut to
//! [`MAX_QUOTED`] characters, so a hostile header row cannot make a huge
//! message. A header row wider than [`ReadLimits::max_columns`](crate::ReadLimits)
//! never gets here: the readers refuse it first.

use hamyar_domain::{Message, MessageArg};

use crate::column::Column;
use crate::error::ExchangeError;
use crate::layout::{Layout, LayoutColumn};

/// Unknown headers named in a message; the rest are counted.
pub(crate) const MAX_LISTED: usize = 5;
/// Characters of a file's text quoted in a message.
pub(crate) const MAX_QUOTED: usize = 60;

/// What the cells at one position of the file hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The read column at this position of the layout.
    Import(usize),
    /// An export-only column, read past.
    Ignored,
    /// A position without a header.
    Unheaded,
}

/// The meaning of each position of a file, from its header row.
#[derive(Debug, Clone)]
pub(crate) struct HeaderMap {
    slots: Vec<Slot>,
    /// The layout positions of the read columns the file has, in layout order.
    present: Vec<usize>,
    /// The same as registry columns, for the registry of women's layout.
    present_columns: Vec<Column>,
    /// How many columns the layout has (a row keeps a span for each).
    width: usize,
}

impl HeaderMap {
    /// A map with no columns, before the header row has been read.
    pub(crate) fn empty() -> HeaderMap {
        HeaderMap {
            slots: Vec::new(),
            present: Vec::new(),
            present_columns: Vec::new(),
            width: 0,
        }
    }

    /// Reads a header row against `layout`; `cells` are the header texts left to right.
    pub(crate) fn parse<'a>(
        layout: &Layout,
        cells: impl IntoIterator<Item = &'a str>,
    ) -> Result<HeaderMap, ExchangeError> {
        let mut slots = Vec::new();
        let mut present: Vec<usize> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut unknown_count = 0usize;
        let mut duplicated: Vec<usize> = Vec::new();
        for cell in cells {
            let text = cell.trim();
            let slot = if text.is_empty() {
                Slot::Unheaded
            } else {
                match layout.match_header(text) {
                    None => {
                        unknown_count += 1;
                        if unknown.len() < MAX_LISTED {
                            unknown.push(cut_value(text));
                        }
                        Slot::Unheaded
                    }
                    Some(index) if !layout.columns[index].read => Slot::Ignored,
                    Some(index) if present.contains(&index) => {
                        if !duplicated.contains(&index) {
                            duplicated.push(index);
                        }
                        Slot::Ignored
                    }
                    Some(index) => {
                        present.push(index);
                        Slot::Import(index)
                    }
                }
            };
            slots.push(slot);
        }
        let missing: Vec<usize> = (0..layout.columns.len())
            .filter(|index| layout.columns[*index].required && !present.contains(index))
            .collect();
        if unknown.is_empty() && duplicated.is_empty() && missing.is_empty() {
            present.sort();
            let present_columns = if layout.is_women() {
                present.iter().map(|index| Column::EXPORT[*index]).collect()
            } else {
                Vec::new()
            };
            return Ok(HeaderMap {
                slots,
                present,
                present_columns,
                width: layout.columns.len(),
            });
        }
        let unknown = Unknown {
            listed: &unknown,
            more: unknown_count - unknown.len(),
        };
        let name = |index: &usize| column_name(&layout.columns[*index]);
        Err(header_problems(
            &unknown,
            duplicated.iter().map(name).collect(),
            missing.iter().map(name).collect(),
        ))
    }

    /// What the cells at 0-based file position `index` hold.
    pub(crate) fn slot(&self, index: usize) -> Slot {
        self.slots.get(index).copied().unwrap_or(Slot::Unheaded)
    }

    /// The registry columns the file has, in [`Column::IMPORT`] order (empty
    /// for another layout).
    pub(crate) fn present(&self) -> &[Column] {
        &self.present_columns
    }

    /// The layout positions of the columns the file has, in layout order.
    pub(crate) fn present_positions(&self) -> &[usize] {
        &self.present
    }

    /// How many columns the layout has.
    pub(crate) fn width(&self) -> usize {
        self.width
    }
}

/// The error for a file whose header row has no text at all.
pub(crate) fn no_header_row() -> ExchangeError {
    ExchangeError::header(Message::new("header-row_missing"))
}

/// `text` cut to [`MAX_QUOTED`] characters (with an ellipsis) for a message.
pub(crate) fn cut_value(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The unknown headers named in a message, and how many more there are.
struct Unknown<'a> {
    listed: &'a [String],
    more: usize,
}

fn header_problems(
    unknown: &Unknown<'_>,
    duplicated: Vec<MessageArg>,
    missing: Vec<MessageArg>,
) -> ExchangeError {
    let mut problems = Vec::new();
    if let Some(columns) = column_list(unknown.listed.iter().map(|header| header.as_str().into())) {
        problems.push(match unknown.more {
            0 => Message::new("header-unknown_columns").arg("columns", columns),
            more => Message::new("header-unknown_columns_and_more")
                .arg("columns", columns)
                .arg("more", MessageArg::digits(more)),
        });
    }
    if let Some(columns) = column_list(duplicated.into_iter()) {
        problems.push(Message::new("header-repeated_columns").arg("columns", columns));
    }
    if let Some(columns) = column_list(missing.into_iter()) {
        problems.push(Message::new("header-missing_columns").arg("columns", columns));
    }
    let problems = problems
        .into_iter()
        .reduce(|so_far, next| {
            Message::new("header-problems_next")
                .arg("problems", so_far)
                .arg("problem", next)
        })
        .expect("a header row that does not fit has a problem");
    ExchangeError::header(Message::new("header-not_as_template").arg("problems", problems))
}

/// A column's header, in the reader's language.
fn column_name(column: &LayoutColumn) -> MessageArg {
    MessageArg::label(column.header_fa, column.header_en)
}

/// The headers as a list of the catalogue (`header-columns_first`, then one
/// `header-columns_next` per further header), or `None` when there is none.
fn column_list(columns: impl Iterator<Item = MessageArg>) -> Option<Message> {
    columns.fold(None, |list, column| {
        Some(match list {
            None => Message::new("header-columns_first").arg("column", column),
            Some(list) => Message::new("header-columns_next")
                .arg("columns", list)
                .arg("column", column),
        })
    })
}

#[cfg(test)]
mod tests {
    use hamyar_i18n::Lang;

    use super::*;

    fn required_headers() -> Vec<&'static str> {
        Column::required()
            .iter()
            .map(|column| column.header_fa())
            .collect()
    }

    #[test]
    fn a_header_row_maps_positions_to_columns() {
        let mut headers = vec!["تاریخ ثبت", ""];
        headers.extend(required_headers());
        let map = HeaderMap::parse(Layout::women(), headers).unwrap();
        assert_eq!(map.slot(0), Slot::Ignored);
        assert_eq!(map.slot(1), Slot::Unheaded);
        assert_eq!(map.slot(2), Slot::Import(Column::NationalId.index()));
        assert_eq!(map.slot(99), Slot::Unheaded);
        assert_eq!(map.present(), Column::required());
    }

    #[test]
    fn every_problem_of_a_header_row_is_named_at_once() {
        let error =
            HeaderMap::parse(Layout::women(), ["کد ملی", "رنگ چشم", "کدملی", "نام"]).unwrap_err();
        let persian = Lang::Fa.message(&error.message());
        let english = Lang::En.message(&error.message());
        assert!(persian.contains("«رنگ چشم»"), "{persian}");
        assert!(persian.contains("«کد ملی»"), "{persian}");
        assert!(persian.contains("«نام خانوادگی»"), "{persian}");
        assert!(english.contains("\"رنگ چشم\""), "{english}");
        assert!(
            english.contains("more than once: \"National ID\""),
            "{english}"
        );
        assert!(english.contains("\"Last name\""), "{english}");
        assert!(!english.contains("\"First name\""), "{english}");
    }

    #[test]
    fn a_header_row_of_many_unknown_columns_names_five_and_counts_the_rest() {
        let long = "ستون ".repeat(1_000);
        let mut headers: Vec<String> = required_headers().iter().map(|h| h.to_string()).collect();
        headers.extend((0..195).map(|index| format!("{long}{index}")));
        let error =
            HeaderMap::parse(Layout::women(), headers.iter().map(String::as_str)).unwrap_err();
        let english = Lang::En.message(&error.message());
        let persian = Lang::Fa.message(&error.message());
        assert!(english.contains("and 190 more"), "{english}");
        assert!(persian.contains("و ۱۹۰ ستون دیگر"), "{persian}");
        assert!(english.len() < 2_000, "{} bytes", english.len());
        assert!(persian.len() < 2_500, "{} bytes", persian.len());
    }
}
