//! The words of a limit refusal, in English and Persian.
//!
//! An office worker reads these on the import page, so each one says in plain
//! words what the file has too much of, where, and how much is allowed — the
//! limit's own value — and, where one exists, what to do instead.

use hamyar_domain::to_persian_digits;

use crate::limits::{Limit, Place};

/// The English message of [`crate::ExchangeError::OverLimit`].
pub(crate) fn limit_en(limit: Limit, max: u64, place: &Place) -> String {
    let amount = amount_en(limit, max);
    let at = place_en(place);
    match limit {
        Limit::WorkbookBytes => format!(
            "The Excel file unpacks to more than {amount} of data{at}; at most {amount} is \
             allowed. Import the list as CSV or in smaller files."
        ),
        Limit::ZipEntries => format!(
            "The Excel file holds more than {amount} parts{at}; at most {amount} are allowed. \
             Open it in Excel and save it again."
        ),
        Limit::Rows => {
            format!("The file has more than {amount} rows{at}; at most {amount} rows are allowed.")
        }
        Limit::Columns => format!(
            "The file has more than {amount} columns{at}; at most {amount} columns are allowed."
        ),
        Limit::Cells => {
            format!("The file has more than {amount} cells{at}; at most {amount} are allowed.")
        }
        Limit::LineBytes => format!(
            "The file has a row or a piece of text longer than {amount}{at}; at most {amount} \
             is allowed."
        ),
        Limit::SharedStringsBytes => format!(
            "The texts of the Excel file take more than {amount}{at}; at most {amount} is \
             allowed. Save the list in Excel as \"CSV UTF-8\" and import that file."
        ),
    }
}

/// The Persian message of [`crate::ExchangeError::OverLimit`].
pub(crate) fn limit_fa(limit: Limit, max: u64, place: &Place) -> String {
    let amount = amount_fa(limit, max);
    let at = place_fa(place);
    match limit {
        Limit::WorkbookBytes => format!(
            "فایل اکسل پس از بازشدن بیش از {amount} داده دارد{at}؛ حداکثر مجاز {amount} است. \
             فهرست را با قالب CSV یا در چند فایل کوچک‌تر وارد کنید."
        ),
        Limit::ZipEntries => format!(
            "فایل اکسل بیش از {amount} بخش دارد{at}؛ حداکثر مجاز {amount} بخش است. \
             فایل را در اکسل باز و دوباره ذخیره کنید."
        ),
        Limit::Rows => {
            format!("فایل بیش از {amount} ردیف دارد{at}؛ حداکثر مجاز {amount} ردیف است.")
        }
        Limit::Columns => {
            format!("فایل بیش از {amount} ستون دارد{at}؛ حداکثر مجاز {amount} ستون است.")
        }
        Limit::Cells => {
            format!("فایل بیش از {amount} خانه دارد{at}؛ حداکثر مجاز {amount} خانه است.")
        }
        Limit::LineBytes => {
            format!("فایل ردیف یا متنی بلندتر از {amount} دارد{at}؛ حداکثر مجاز {amount} است.")
        }
        Limit::SharedStringsBytes => format!(
            "متن‌های فایل اکسل بیش از {amount} جا می‌گیرند{at}؛ حداکثر مجاز {amount} است. \
             فهرست را در اکسل با قالب «CSV UTF-8» ذخیره و آن فایل را وارد کنید."
        ),
    }
}

fn place_en(place: &Place) -> String {
    match place {
        Place::File => String::new(),
        Place::Row(line) => format!(" (row {})", grouped(*line)),
        Place::Cell(reference) => format!(" (cell {reference})"),
        Place::Part(part) => format!(" (in {part})"),
    }
}

fn place_fa(place: &Place) -> String {
    match place {
        Place::File => String::new(),
        Place::Row(line) => format!(" (ردیف {})", persian_grouped(*line)),
        Place::Cell(reference) => format!(" (خانهٔ {reference})"),
        Place::Part(part) => format!(" (در بخش {part})"),
    }
}

/// A size in the largest whole binary unit, or a count with separators.
fn amount_en(limit: Limit, value: u64) -> String {
    if !limit.is_size() {
        return grouped(value);
    }
    let (number, unit) = size_unit(value);
    let unit = match unit {
        3 => "GB",
        2 => "MB",
        1 => "KB",
        _ => "bytes",
    };
    format!("{} {unit}", grouped(number))
}

fn amount_fa(limit: Limit, value: u64) -> String {
    if !limit.is_size() {
        return persian_grouped(value);
    }
    let (number, unit) = size_unit(value);
    let unit = match unit {
        3 => "گیگابایت",
        2 => "مگابایت",
        1 => "کیلوبایت",
        _ => "بایت",
    };
    format!("{} {unit}", persian_grouped(number))
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

/// `1048576` as `1,048,576`.
fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `1048576` as `۱٬۰۴۸٬۵۷۶`.
fn persian_grouped(value: u64) -> String {
    to_persian_digits(&grouped(value).replace(',', "٬"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_refusal_names_the_limit_its_value_and_the_cell() {
        let place = Place::Cell("XFD1".to_owned());
        assert_eq!(
            limit_fa(Limit::Columns, 200, &place),
            "فایل بیش از ۲۰۰ ستون دارد (خانهٔ XFD1)؛ حداکثر مجاز ۲۰۰ ستون است."
        );
        assert_eq!(
            limit_en(Limit::Columns, 200, &place),
            "The file has more than 200 columns (cell XFD1); at most 200 columns are allowed."
        );
    }

    #[test]
    fn sizes_are_given_in_whole_units_and_counts_with_separators() {
        assert_eq!(amount_en(Limit::WorkbookBytes, 1 << 30), "1 GB");
        assert_eq!(amount_fa(Limit::SharedStringsBytes, 24 << 20), "۲۴ مگابایت");
        assert_eq!(amount_en(Limit::LineBytes, 1500), "1,500 bytes");
        assert_eq!(amount_en(Limit::Rows, 1_048_576), "1,048,576");
        assert_eq!(amount_fa(Limit::Rows, 1_048_576), "۱٬۰۴۸٬۵۷۶");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(100), "100");
    }
}
