//! Display formatting shared by pages: instants as Jalali date and Tehran time, with the
//! language's digits.

use hamyar_domain::jalali::{DateStyle, Digits, JalaliDate};
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
