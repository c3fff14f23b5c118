//! Amounts and counts in the style of Persian news; the rules are in the module's parent.

use crate::digits::{group_thousands, to_persian_digits};
use crate::money::MoneyUnit;

const THOUSAND: i64 = 1_000;
const MILLION: i64 = 1_000_000;
const BILLION: i64 = 1_000_000_000;
const TRILLION: i64 = 1_000_000_000_000;

/// The Arabic thousands separator used between groups of Persian digits.
const THOUSANDS_SEPARATOR: char = '\u{066C}';

/// Writes an amount of rials as Persian news does, e.g. 743,000,000 →
/// «۷۴۳ میلیون ریال»; `None` for zero or a negative amount.
pub fn news_amount(rials: i64) -> Option<String> {
    news_amount_in(rials, MoneyUnit::Rial)
}

/// Writes an amount of rials in the reader's unit: 743,000,000 rials in tomans is
/// «۷۴ میلیون و ۳۰۰ هزار تومان». Rounding to a whole unit (a toman is ten rials) is
/// rounding too, so it is said with «حدود»; an amount below half a unit is «کمتر از یک …».
pub fn news_amount_in(rials: i64, unit: MoneyUnit) -> Option<String> {
    let (rounded, exact) = in_unit(rials, unit)?;
    let name = unit.label_fa();
    if rounded == 0 {
        return Some(format!("کمتر از یک {name}"));
    }
    let words = amount_words(rounded);
    Some(if exact {
        format!("{words} {name}")
    } else {
        format!("حدود {words} {name}")
    })
}

/// The English form of [`news_amount_in`]: «743 million rials», «1.25 billion rials»,
/// «about 74.3 million tomans», «12,345 billion rials»; the same rounding.
pub fn news_amount_en(rials: i64, unit: MoneyUnit) -> Option<String> {
    let (rounded, exact) = in_unit(rials, unit)?;
    if rounded == 0 {
        return Some(format!("less than one {}", unit.name_en(true)));
    }
    let words = amount_words_en(rounded);
    let name = unit.name_en(rounded == 1);
    Some(if exact {
        format!("{words} {name}")
    } else {
        format!("about {words} {name}")
    })
}

/// The amount in whole units rounded as news rounds it, and whether that is exact; `None`
/// for zero or a negative amount.
fn in_unit(rials: i64, unit: MoneyUnit) -> Option<(i64, bool)> {
    if rials <= 0 {
        return None;
    }
    let per_unit = unit.rials_per_unit();
    let units = round_half_up(rials, per_unit) / per_unit;
    if units == 0 {
        return Some((0, false));
    }
    let rounded = round_half_up(units, rounding_step(units));
    // Both roundings are within the step they round to, so the product stays in range.
    Some((rounded, rounded.checked_mul(per_unit) == Some(rials)))
}

/// Writes a count as Persian news does: one to nine in words («دو گروه», «نه زن»), ten and
/// up in Persian digits grouped by thousands («۳۰ گروه», «۱٬۲۵۰ عضو»).
pub fn news_count(count: u64) -> String {
    if let Some(word) = usize::try_from(count)
        .ok()
        .and_then(|index| SMALL_FA.get(index.wrapping_sub(1)))
    {
        return (*word).to_owned();
    }
    let value = i64::try_from(count).unwrap_or(i64::MAX);
    to_persian_digits(&group_thousands(value, THOUSANDS_SEPARATOR))
}

/// The English form of [`news_count`]: one to nine in words, then digits with commas.
pub fn news_count_en(count: u64) -> String {
    if let Some(word) = usize::try_from(count)
        .ok()
        .and_then(|index| SMALL_EN.get(index.wrapping_sub(1)))
    {
        return (*word).to_owned();
    }
    group_thousands(i64::try_from(count).unwrap_or(i64::MAX), ',')
}

/// One to nine as Persian press writes them in running text.
const SMALL_FA: [&str; 9] = ["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"];
const SMALL_EN: [&str; 9] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// One, in words: «یک میلیارد», «یک گروه», never «۱ میلیارد».
const ONE: &str = "یک";

/// Writes a year number in Persian digits without grouping: 1405 → «۱۴۰۵».
pub fn news_year(year: i32) -> String {
    to_persian_digits(&year.to_string())
}

/// The unit the amount is rounded to: the two leading groups of three digits are kept.
fn rounding_step(rials: i64) -> i64 {
    if rials < MILLION {
        1
    } else if rials < BILLION {
        THOUSAND
    } else if rials < TRILLION {
        MILLION
    } else {
        BILLION
    }
}

fn round_half_up(value: i64, step: i64) -> i64 {
    let remainder = value % step;
    let down = value - remainder;
    if remainder * 2 >= step {
        // Saturates only within a step of i64::MAX, far beyond any budget.
        down.checked_add(step).unwrap_or(down)
    } else {
        down
    }
}

/// «۱ میلیارد و ۲۵۰ میلیون» for 1,250,000,000 (a positive amount, no unit).
fn amount_words(rials: i64) -> String {
    let billions = rials / BILLION;
    let millions = rials / MILLION % 1000;
    let thousands = rials / THOUSAND % 1000;
    let units = rials % 1000;
    let mut parts: Vec<String> = Vec::new();
    if billions >= 1000 {
        let high = billions / 1000;
        let low = billions % 1000;
        let high = to_persian_digits(&group_thousands(high, THOUSANDS_SEPARATOR));
        if low == 0 {
            parts.push(format!("{high} هزار میلیارد"));
        } else {
            parts.push(format!("{high} هزار و {} میلیارد", digits(low)));
        }
    } else if billions > 0 {
        parts.push(format!("{} میلیارد", digits_or_one(billions)));
    }
    if millions > 0 {
        parts.push(format!("{} میلیون", digits_or_one(millions)));
    }
    if thousands > 0 {
        parts.push(format!("{} هزار", digits(thousands)));
    }
    if units > 0 {
        parts.push(digits(units));
    }
    parts.join(" و ")
}

/// «743 million», «1.25 billion», «12,345 billion», «850,200» for an amount rounded by
/// [`rounding_step`] (so a million-scale figure has at most three decimals).
fn amount_words_en(amount: i64) -> String {
    if amount >= TRILLION {
        format!("{} billion", group_thousands(amount / BILLION, ','))
    } else if amount >= BILLION {
        format!("{} billion", decimal_en(amount, BILLION))
    } else if amount >= MILLION {
        format!("{} million", decimal_en(amount, MILLION))
    } else {
        group_thousands(amount, ',')
    }
}

/// `amount / scale` with up to three decimals, trailing zeros trimmed: 1.25, 743.4, 12.
fn decimal_en(amount: i64, scale: i64) -> String {
    let whole = amount / scale;
    let thousandths = amount % scale / (scale / 1000);
    if thousandths == 0 {
        return whole.to_string();
    }
    let fraction = format!("{thousandths:03}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

fn digits(number: i64) -> String {
    to_persian_digits(&number.to_string())
}

/// A count of millions or billions: «یک» for one, else digits.
fn digits_or_one(number: i64) -> String {
    if number == 1 {
        ONE.to_owned()
    } else {
        digits(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digits::to_latin_digits;
    use proptest::prelude::*;

    fn amount(rials: i64) -> String {
        news_amount(rials).expect("positive amount")
    }

    #[test]
    fn the_seed_amount_is_written_as_the_press_release_writes_it() {
        assert_eq!(amount(743_000_000), "۷۴۳ میلیون ریال");
    }

    #[test]
    fn news_examples() {
        assert_eq!(amount(1_250_000_000), "یک میلیارد و ۲۵۰ میلیون ریال");
        assert_eq!(amount(2_001_000_000), "۲ میلیارد و یک میلیون ریال");
        assert_eq!(news_count(1), "یک");
        assert_eq!(news_count(2), "دو");
        assert_eq!(news_count(9), "نه");
        assert_eq!(amount(850_000), "۸۵۰ هزار ریال");
        assert_eq!(amount(12_000_000_000), "۱۲ میلیارد ریال");
        assert_eq!(amount(300_000_000), "۳۰۰ میلیون ریال");
        assert_eq!(amount(500), "۵۰۰ ریال");
        assert_eq!(amount(1), "۱ ریال");
        assert_eq!(amount(1_000), "۱ هزار ریال");
        assert_eq!(amount(1_000_000), "یک میلیون ریال");
        assert_eq!(amount(1_000_000_000), "یک میلیارد ریال");
        assert_eq!(amount(2_005_000_000), "۲ میلیارد و ۵ میلیون ریال");
    }

    #[test]
    fn tomans_and_new_rials_and_english() {
        assert_eq!(
            news_amount_in(743_000_000, MoneyUnit::Toman).unwrap(),
            "۷۴ میلیون و ۳۰۰ هزار تومان"
        );
        assert_eq!(
            news_amount_in(743_000_005, MoneyUnit::Toman).unwrap(),
            "حدود ۷۴ میلیون و ۳۰۰ هزار تومان"
        );
        assert_eq!(
            news_amount_in(743_000_000, MoneyUnit::NewRial).unwrap(),
            "۷۴ هزار و ۳۰۰ ریال جدید"
        );
        assert_eq!(
            news_amount_in(4, MoneyUnit::Toman).unwrap(),
            "کمتر از یک تومان"
        );
        assert_eq!(
            news_amount_en(743_000_000, MoneyUnit::Rial).unwrap(),
            "743 million rials"
        );
        assert_eq!(
            news_amount_en(1_250_000_000, MoneyUnit::Rial).unwrap(),
            "1.25 billion rials"
        );
        assert_eq!(
            news_amount_en(743_400_123, MoneyUnit::Rial).unwrap(),
            "about 743.4 million rials"
        );
        assert_eq!(
            news_amount_en(743_000_000, MoneyUnit::Toman).unwrap(),
            "74.3 million tomans"
        );
        assert_eq!(
            news_amount_en(12_345_000_000_000, MoneyUnit::Rial).unwrap(),
            "12,345 billion rials"
        );
        assert_eq!(news_amount_en(10, MoneyUnit::Toman).unwrap(), "1 toman");
        assert_eq!(news_amount_en(0, MoneyUnit::Toman), None);
        assert_eq!(news_count_en(2), "two");
        assert_eq!(news_count_en(1_250), "1,250");
    }

    #[test]
    fn below_a_million_is_exact() {
        assert_eq!(amount(850_200), "۸۵۰ هزار و ۲۰۰ ریال");
        assert_eq!(amount(999_999), "۹۹۹ هزار و ۹۹۹ ریال");
    }

    #[test]
    fn millions_are_exact_to_the_thousand_and_say_when_rounded() {
        assert_eq!(amount(743_400_000), "۷۴۳ میلیون و ۴۰۰ هزار ریال");
        assert_eq!(amount(743_400_123), "حدود ۷۴۳ میلیون و ۴۰۰ هزار ریال");
        assert_eq!(amount(743_400_500), "حدود ۷۴۳ میلیون و ۴۰۱ هزار ریال");
        assert_eq!(amount(999_999_600), "حدود یک میلیارد ریال");
    }

    #[test]
    fn billions_are_rounded_to_the_million() {
        assert_eq!(amount(1_250_400_000), "حدود یک میلیارد و ۲۵۰ میلیون ریال");
        assert_eq!(amount(1_250_500_000), "حدود یک میلیارد و ۲۵۱ میلیون ریال");
    }

    #[test]
    fn thousands_of_billions_use_hezar() {
        assert_eq!(amount(12_000_000_000_000), "۱۲ هزار میلیارد ریال");
        assert_eq!(amount(12_345_000_000_000), "۱۲ هزار و ۳۴۵ میلیارد ریال");
        assert_eq!(
            amount(1_234_567_400_000_000),
            "حدود ۱٬۲۳۴ هزار و ۵۶۷ میلیارد ریال"
        );
    }

    #[test]
    fn zero_and_negative_have_no_news_form() {
        assert_eq!(news_amount(0), None);
        assert_eq!(news_amount(-5_000), None);
    }

    #[test]
    fn counts_and_years() {
        assert_eq!(news_count(30), "۳۰");
        assert_eq!(news_count(0), "۰");
        assert_eq!(news_count(1_250), "۱٬۲۵۰");
        assert_eq!(news_year(1405), "۱۴۰۵");
    }

    /// Reads a written amount back to rials (the figure, not the amount it stands for).
    fn read_back(text: &str) -> i64 {
        let text = text.trim_start_matches("حدود ").trim_end_matches(" ریال");
        let mut total: i64 = 0;
        for part in text.split(" و ") {
            let latin = to_latin_digits(part).replace('\u{066C}', "");
            let mut words = latin.split(' ');
            let first = words.next().unwrap();
            let number: i64 = if first == ONE {
                1
            } else {
                first.parse().unwrap()
            };
            let rest: Vec<&str> = words.collect();
            let scale = match rest.as_slice() {
                [] => 1,
                ["هزار"] => THOUSAND,
                ["میلیون"] => MILLION,
                ["میلیارد"] => BILLION,
                ["هزار", "میلیارد"] => TRILLION,
                other => panic!("unexpected words {other:?}"),
            };
            // «۱۲ هزار و ۳۴۵ میلیارد»: the «هزار» before «و» multiplies the billions.
            total += number * scale;
        }
        total
    }

    proptest! {
        #[test]
        fn never_misleading(rials in 1i64..9_000_000_000_000_000) {
            let text = amount(rials);
            prop_assert!(!text.chars().any(|c| c.is_ascii_alphanumeric()), "{}", text);
            prop_assert!(text.ends_with(" ریال"));
            // «۱۲ هزار و ۳۴۵ میلیارد» reads as 12×10³ + 345×10⁹ part by part; fix the high part.
            let figure = if text.contains(" هزار و ") && text.contains("میلیارد") && rials >= TRILLION {
                let head = text.trim_start_matches("حدود ");
                let (high, low) = head.split_once(" هزار و ").unwrap();
                let high: i64 = to_latin_digits(high).replace('\u{066C}', "").parse().unwrap();
                high * TRILLION + read_back(low)
            } else {
                read_back(&text)
            };
            let error = (figure - rials).abs();
            prop_assert!(error * 2000 <= rials, "{} for {}", text, rials);
            prop_assert_eq!(figure == rials, !text.starts_with("حدود "), "{}", text);
        }

        #[test]
        fn exact_millions_are_never_approximate(millions in 1i64..1_000) {
            let text = amount(millions * MILLION);
            prop_assert!(!text.starts_with("حدود"));
            let count = if millions == 1 { ONE.to_owned() } else { to_persian_digits(&millions.to_string()) };
            prop_assert_eq!(text, format!("{count} میلیون ریال"));
        }

        #[test]
        fn counts_hold_only_persian_digits_or_a_small_word(count in 0u64..10_000_000) {
            let text = news_count(count);
            prop_assert!(!text.chars().any(|c| c.is_ascii()));
            let read = match SMALL_FA.iter().position(|word| *word == text) {
                Some(index) => index as u64 + 1,
                None => to_latin_digits(&text).replace('\u{066C}', "").parse::<u64>().unwrap(),
            };
            prop_assert_eq!(read, count);
            prop_assert_eq!(SMALL_FA.contains(&text.as_str()), (1..=9).contains(&count));
        }

        #[test]
        fn other_units_round_to_a_whole_unit_and_say_so(rials in 1i64..9_000_000_000_000_000) {
            for unit in [MoneyUnit::Toman, MoneyUnit::NewRial] {
                let text = news_amount_in(rials, unit).unwrap();
                prop_assert!(text.ends_with(unit.label_fa()), "{}", text);
                if rials % unit.rials_per_unit() != 0 {
                    prop_assert!(text.starts_with("حدود ") || text.starts_with("کمتر از"), "{}", text);
                }
                let english = news_amount_en(rials, unit).unwrap();
                prop_assert_eq!(english.starts_with("about ") || english.starts_with("less"), text.starts_with("حدود ") || text.starts_with("کمتر"), "{} / {}", english, text);
            }
        }
    }
}
