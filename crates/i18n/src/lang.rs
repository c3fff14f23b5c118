//! The interface language a person reads: its code, writing direction, digits and numbers,
//! and the lookup of its messages in the catalogue.

use hamyar_domain::message::{Message, MessageArg};

use crate::catalogue::{self, Arg};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fa,
    En,
}

impl Lang {
    /// Every language the interface is translated into, the source language first.
    pub const ALL: [Lang; 2] = [Lang::Fa, Lang::En];

    pub fn parse(text: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code() == text.trim())
    }

    /// The language's BCP 47 code, which is also its folder under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fa => "fa",
            Lang::En => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::Fa => "rtl",
            Lang::En => "ltr",
        }
    }

    pub fn is_english(self) -> bool {
        self == Lang::En
    }

    /// The Persian or the English of a pair, by this language. Kept for texts not yet moved
    /// into the resource files; new code asks for a message id instead.
    pub fn pick<'a>(self, persian: &'a str, english: &'a str) -> &'a str {
        match self {
            Lang::Fa => persian,
            Lang::En => english,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fa => Lang::En,
            Lang::En => Lang::Fa,
        }
    }

    /// A message without arguments; an unknown id shows `??` so that it is noticed, never
    /// a blank.
    pub fn t(self, id: &str) -> &'static str {
        match catalogue::plain(self, id) {
            Some(text) => text,
            None => {
                tracing::warn!(id, "missing translation");
                "??"
            }
        }
    }

    /// A message without arguments, or `None` when no such message exists.
    pub fn find(self, id: &str) -> Option<&'static str> {
        catalogue::plain(self, id)
    }

    /// A message with arguments (`{ $name }` in the resource files); numbers are written
    /// with this language's digits and separators, and select plural forms.
    pub fn tr(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        catalogue::format(self, id, args).unwrap_or_else(|| {
            tracing::warn!(id, "missing translation");
            "??".to_owned()
        })
    }

    /// A message of the domain or the use-cases: its catalogue id rendered with its
    /// arguments (numbers in this language's digits and separators, [`MessageArg::Digits`]
    /// in its digits, a nested message in this language), or the Persian or English of a
    /// pair not yet moved into the catalogue.
    pub fn message(self, message: &Message) -> String {
        let Some(id) = message.id() else {
            let (persian, english) = message.as_pair().unwrap_or_default();
            return self.pick(persian, english).to_owned();
        };
        if message.args().is_empty() {
            return self.t(id).to_owned();
        }
        let texts: Vec<Option<String>> = message
            .args()
            .iter()
            .map(|(_, arg)| match arg {
                MessageArg::Text(text) => Some(text.clone()),
                MessageArg::Digits(text) => Some(self.digits(text)),
                MessageArg::Message(inner) => Some(self.message(inner)),
                MessageArg::Money(rials) => Some(self.money(*rials)),
                MessageArg::Label { fa, en } => Some(self.pick(fa, en).to_owned()),
                MessageArg::Number(_) => None,
            })
            .collect();
        let args: Vec<(&str, Arg<'_>)> = message
            .args()
            .iter()
            .zip(&texts)
            .map(|((name, arg), text)| match (arg, text) {
                (MessageArg::Number(number), _) => (*name, Arg::Number(*number)),
                (_, text) => (*name, Arg::Text(text.as_deref().unwrap_or_default())),
            })
            .collect();
        self.tr(id, &args)
    }

    /// An amount of rials as this language writes money (`۱۲٬۰۰۰ ریال`, `12,000 rials`).
    pub fn money(self, rials: i64) -> String {
        let amount = hamyar_domain::Rials::new(rials);
        let unit = hamyar_domain::MoneyUnit::Rial;
        match self {
            Lang::Fa => hamyar_domain::format_money(amount, unit, true),
            Lang::En => hamyar_domain::format_money_en(amount, unit),
        }
    }

    /// Digits in the language's own script.
    pub fn digits(self, text: &str) -> String {
        match self {
            Lang::Fa => hamyar_domain::digits::to_persian_digits(text),
            Lang::En => text.to_owned(),
        }
    }

    /// A number with thousands separators in the language's script.
    pub fn number(self, n: i64) -> String {
        match self {
            Lang::Fa => hamyar_domain::digits::to_persian_digits(
                &hamyar_domain::digits::group_thousands(n, '٬'),
            ),
            Lang::En => hamyar_domain::digits::group_thousands(n, ','),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_numbers_use_persian_digits_and_separator() {
        assert_eq!(Lang::Fa.number(743_000_000), "۷۴۳٬۰۰۰٬۰۰۰");
        assert_eq!(Lang::En.number(743_000_000), "743,000,000");
    }

    /// The domain's errors read as they did when they carried their own Persian and English.
    #[test]
    fn domain_errors_render_their_words_in_each_language() {
        use hamyar_domain::ledger::TransactionError;
        use hamyar_domain::spending::{PaymentAction, PaymentStatus, next_status};
        use hamyar_domain::{JalaliDate, MoneyUnit, NationalIdError, PersonNameError, PlaceKind};

        let length = NationalIdError::WrongLength { length: 7 }.message();
        assert_eq!(Lang::Fa.message(&length), "کد ملی باید ۱۰ رقم باشد");
        assert_eq!(
            Lang::En.message(&length),
            "national ID must have 10 digits (got 7)"
        );
        let name = PersonNameError::TooLong { length: 120 }.message();
        assert_eq!(Lang::Fa.message(&name), "نام حداکثر می‌تواند ۱۰۰ نویسه باشد");
        assert_eq!(
            Lang::En.message(&name),
            "name must be at most 100 characters (got 120)"
        );
        let day = JalaliDate::new(1404, 12, 30).unwrap_err().message();
        assert_eq!(Lang::Fa.message(&day), "اسفند ۱۴۰۴ فقط ۲۹ روز دارد");
        assert_eq!(Lang::En.message(&day), "Esfand 1404 has only 29 days");
        let weekday = JalaliDate::parse("یکشنبه ۷ آذر ۱۴۰۵")
            .unwrap_err()
            .message();
        assert_eq!(
            Lang::Fa.message(&weekday),
            "روز هفته با تاریخ نمی‌خواند: ۷ آذر ۱۴۰۵ شنبه است"
        );
        let sum = TransactionError::Unbalanced { sum_rials: 12_000 }.message();
        assert_eq!(
            Lang::Fa.message(&sum),
            "جمع بدهکار و بستانکار برابر نیست؛ اختلاف ۱۲۰۰۰ ریال است"
        );
        assert_eq!(
            Lang::En.message(&sum),
            "postings sum to 12000 rials instead of zero"
        );
        let paid = next_status(PaymentStatus::Paid, PaymentAction::Approve)
            .unwrap_err()
            .message();
        assert_eq!(
            Lang::Fa.message(&paid),
            "پرداختی که پرداخت‌شده است را نمی‌توان تأیید کرد"
        );
        assert_eq!(
            Lang::En.message(&paid),
            "a payment that is paid cannot be approved"
        );
        let unit = MoneyUnit::parse("usd").unwrap_err().message();
        assert_eq!(
            Lang::Fa.message(&unit),
            "واحد پول باید ریال، تومان یا ریال جدید باشد"
        );
        assert_eq!(
            Lang::En.message(&unit),
            r#"unknown money unit "usd"; expected rial, toman or new_rial"#
        );
        let place = PlaceKind::parse("village").unwrap_err().message();
        assert_eq!(
            Lang::En.message(&place),
            r#"unknown place kind "village"; expected country, province or county"#
        );
    }

    #[test]
    fn a_nested_message_renders_in_the_same_language() {
        let member = Message::new("women-member_problem")
            .arg("number", 2_usize)
            .arg("field", "national_id")
            .arg(
                "problem",
                hamyar_domain::NationalIdError::WrongCheckDigit.message(),
            );
        assert_eq!(
            Lang::Fa.message(&member),
            "عضو ۲، کد ملی: رقم کنترل کد ملی نادرست است"
        );
        assert_eq!(
            Lang::En.message(&member),
            "Member 2, national ID: national ID check digit is wrong"
        );
        assert_eq!(Lang::En.message(&Message::pair("متن", "text")), "text");
    }

    #[test]
    fn languages_parse_from_their_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("xx"), None);
    }
}
