//! The message of a limit refusal ([`crate::ExchangeError::OverLimit`]).
//!
//! An office worker reads these on the import page, so each one says in plain
//! words what the file has too much of, where, and how much is allowed — the
//! limit's own value — and, where one exists, what to do instead. The words are
//! the catalogue's `limit-…` messages; this module picks the message and gives it
//! the amount (a count, or a size in its largest whole unit) and the place.

use hamyar_domain::{Message, MessageArg};

use crate::limits::{Limit, Place};

/// The message of [`crate::ExchangeError::OverLimit`].
pub(crate) fn limit_message(limit: Limit, max: u64, place: &Place) -> Message {
    let id = match limit {
        Limit::WorkbookBytes => "limit-workbook_too_big",
        Limit::ZipEntries => "limit-too_many_parts",
        Limit::Rows => "limit-too_many_rows",
        Limit::Columns => "limit-too_many_columns",
        Limit::Cells => "limit-too_many_cells",
        Limit::LineBytes => "limit-line_too_long",
        Limit::SharedStringsBytes => "limit-texts_too_big",
    };
    Message::new(id)
        .arg("amount", amount(limit, max))
        .arg("at", at(place))
}

/// Where the limit was passed; nothing for the file as a whole.
fn at(place: &Place) -> MessageArg {
    match place {
        Place::File => MessageArg::Text(String::new()),
        Place::Row(line) => Message::new("limit-at_row").arg("row", count(*line)).into(),
        Place::Cell(reference) => Message::new("limit-at_cell")
            .arg("cell", reference.as_str())
            .into(),
        Place::Part(part) => Message::new("limit-at_part")
            .arg("part", part.as_str())
            .into(),
    }
}

/// A size in the largest whole binary unit, or a count.
fn amount(limit: Limit, value: u64) -> MessageArg {
    if !limit.is_size() {
        return count(value);
    }
    let (number, unit) = size_unit(value);
    let unit = match unit {
        3 => "gb",
        2 => "mb",
        1 => "kb",
        _ => "bytes",
    };
    Message::new("limit-size")
        .arg("number", count(number))
        .arg("unit", unit)
        .into()
}

/// `value` as a whole number of KiB (1), MiB (2) or GiB (3) when it is one.
fn size_unit(value: u64) -> (u64, u32) {
    for power in (1..=3).rev() {
        let unit = 1u64 << (10 * power);
        if value >= unit && value.is_multiple_of(unit) {
            return (value / unit, power);
        }
    }
    (value, 0)
}

/// A count or a limit as a message argument (written with the language's separators).
pub(crate) fn count(value: u64) -> MessageArg {
    MessageArg::Number(i64::try_from(value).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use hamyar_i18n::Lang;

    use super::*;

    fn both(limit: Limit, max: u64, place: &Place) -> (String, String) {
        let message = limit_message(limit, max, place);
        (Lang::Fa.message(&message), Lang::En.message(&message))
    }

    #[test]
    fn a_column_refusal_names_the_limit_its_value_and_the_cell() {
        let (persian, english) = both(Limit::Columns, 200, &Place::Cell("XFD1".to_owned()));
        assert_eq!(
            persian,
            "فایل بیش از ۲۰۰ ستون دارد (خانهٔ XFD1)؛ حداکثر مجاز ۲۰۰ ستون است."
        );
        assert_eq!(
            english,
            "The file has more than 200 columns (cell XFD1); at most 200 columns are allowed."
        );
    }

    #[test]
    fn sizes_are_given_in_whole_units_and_counts_with_separators() {
        let text = |lang: Lang, limit, value| match amount(limit, value) {
            MessageArg::Message(message) => lang.message(&message),
            MessageArg::Number(number) => lang.number(number),
            other => panic!("{other:?}"),
        };
        assert_eq!(text(Lang::En, Limit::WorkbookBytes, 1 << 30), "1 GB");
        assert_eq!(
            text(Lang::Fa, Limit::SharedStringsBytes, 24 << 20),
            "۲۴ مگابایت"
        );
        assert_eq!(text(Lang::En, Limit::LineBytes, 1500), "1,500 bytes");
        assert_eq!(text(Lang::En, Limit::LineBytes, 3 << 10), "3 KB");
        assert_eq!(text(Lang::En, Limit::Rows, 1_048_576), "1,048,576");
        assert_eq!(text(Lang::Fa, Limit::Rows, 1_048_576), "۱٬۰۴۸٬۵۷۶");
        assert_eq!(text(Lang::En, Limit::Rows, 0), "0");
    }
}
