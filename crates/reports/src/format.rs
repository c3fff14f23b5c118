//! Display formatting shared by pages: instants as Jalali date and Tehran time, with the
//! language's digits.

use hamyar_domain::jalali::{DateStyle, Digits, JalaliDate};
use hamyar_domain::registry::codes::CodedList;
use hamyar_domain::{MoneyUnit, Rials, format_money, format_money_en};
use jiff::Timestamp;

use hamyar_i18n::Lang;

/// `۱۴۰۵/۰۹/۰۸ ۱۴:۳۲` (Persian) or `1405/09/08 14:32` (English), in Asia/Tehran.
pub fn date_time(at: Timestamp, lang: Lang) -> String {
    let Ok(zone) = jiff::tz::TimeZone::get("Asia/Tehran") else {
        return at.to_string();
    };
    let local = at.to_zoned_datetime(zone);
    let date = JalaliDate::from_gregorian(local.date());
    let text = format!(
        "{} {:02}:{:02}",
        date.format(DateStyle::Numeric, Digits::Latin),
        local.hour(),
        local.minute()
    );
    lang.digits(&text)
}

/// A stored timestamp text, formatted; unreadable text is shown as it is.
pub fn stored_date_time(text: &str, lang: Lang) -> String {
    match hamyar_app::clock::parse_storage_timestamp(text) {
        Some(at) => date_time(at, lang),
        None => text.to_owned(),
    }
}

/// A Gregorian ISO date (as stored) shown as a Jalali date.
pub fn iso_date(text: &str, lang: Lang) -> String {
    match JalaliDate::from_iso_str(text) {
        Ok(date) => match lang {
            Lang::Fa => date.format(DateStyle::Numeric, Digits::Persian),
            Lang::En => date.format(DateStyle::Numeric, Digits::Latin),
        },
        Err(_) => text.to_owned(),
    }
}

/// An amount in the person's unit and language. In Persian a negative amount keeps its minus
/// sign on the number's left, isolated from the right-to-left text around it, so the same
/// amount never prints two ways.
pub fn money(rials: i64, unit: MoneyUnit, lang: Lang) -> String {
    match lang {
        Lang::Fa if rials < 0 => {
            let text = format_money(Rials::new(rials.saturating_abs()), unit, true);
            match text.split_once(' ') {
                Some((number, unit)) => format!("\u{2066}-{number}\u{2069} {unit}"),
                None => format!("\u{2066}-{text}\u{2069}"),
            }
        }
        Lang::Fa => format_money(Rials::new(rials), unit, true),
        Lang::En => format_money_en(Rials::new(rials), unit),
    }
}

/// A Jalali date as a form field or a table shows it: `۱۴۰۵/۰۹/۰۸` or `1405/09/08`.
pub fn date(date: JalaliDate, lang: Lang) -> String {
    match lang {
        Lang::Fa => date.format(DateStyle::Numeric, Digits::Persian),
        Lang::En => date.format(DateStyle::Numeric, Digits::Latin),
    }
}

/// The label of a coded value in the language.
pub fn label<T: CodedList>(value: T, lang: Lang) -> &'static str {
    if lang.is_english() {
        value.label_en()
    } else {
        value.label_fa()
    }
}

/// The label of a stored code; a code the list does not know is shown as stored.
pub fn label_of<T: CodedList>(code: &str, lang: Lang) -> String {
    match T::parse(code) {
        Some(value) => label(value, lang).to_owned(),
        None => code.to_owned(),
    }
}

/// A dash for an empty value, so an empty cell reads as "none" and not as "missing".
pub fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_amount_prints_one_way_with_its_minus_isolated() {
        let text = money(-1_500_000, MoneyUnit::Rial, Lang::Fa);
        assert!(text.starts_with("\u{2066}-۱"), "{text}");
        assert!(money(-1_500_000, MoneyUnit::Rial, Lang::En).starts_with("-1,500,000 "));
    }
}
