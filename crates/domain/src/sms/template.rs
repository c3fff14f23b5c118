//! Each kind of message as a value, rendered to its Persian text. Dates are written as the
//! app writes them (`JalaliDate::format`, Persian digits, the weekday where a day is
//! announced) and amounts as `format_money` writes them, so a receipt says what the fund's
//! page says. A group's name, the one typed text in a message, is cut to fit.
//!
//! Rendering refuses a text that holds ten digits in a row (a national ID, or a card or
//! account number, must never leave in a message) or that would take more than
//! [`MAX_PARTS`] parts: a template that grew too long is a bug to see, not a bill to pay.

use crate::digits::is_any_digit;
use crate::jalali::{DateStyle, Digits, JalaliDate};
use crate::money::{MoneyUnit, Rials, format_money};

use super::SmsKind;
use super::segments::{Segments, count};

/// The most parts a message may take (3 × 67 Persian characters).
pub const MAX_PARTS: usize = 3;
/// The most characters of a group's name a message quotes.
const GROUP_NAME_MAX_CHARS: usize = 30;
/// The signature every message ends with, so she knows who writes.
const SIGNATURE: &str = "بهزیستی";

/// A message to render, with what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsTemplate {
    MeetingReminder {
        group_name: String,
        on: JalaliDate,
    },
    SavingReceipt {
        group_name: String,
        on: JalaliDate,
        amount: Rials,
    },
    RepaymentReceipt {
        group_name: String,
        on: JalaliDate,
        amount: Rials,
        /// What is left of her loan after the payment.
        remaining: Rials,
    },
    VisitNotice {
        group_name: String,
        on: JalaliDate,
    },
    AssessmentDue {
        due_on: JalaliDate,
    },
}

/// A rendered message and the parts it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsText {
    text: String,
    segments: Segments,
}

impl SmsText {
    /// Checks a text for what no message may carry and for its length.
    pub fn new(text: String) -> Result<SmsText, SmsTextError> {
        if has_ten_digits_in_a_row(&text) {
            return Err(SmsTextError::LongNumber);
        }
        let segments = count(&text);
        if segments.parts > MAX_PARTS {
            return Err(SmsTextError::TooLong {
                parts: segments.parts,
            });
        }
        Ok(SmsText { text, segments })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    pub fn segments(&self) -> Segments {
        self.segments
    }
}

/// Why a text may not be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SmsTextError {
    #[error("the text holds ten digits in a row (an identifier?)")]
    LongNumber,
    #[error("the text takes {parts} parts")]
    TooLong { parts: usize },
}

impl SmsTemplate {
    pub fn kind(&self) -> SmsKind {
        match self {
            SmsTemplate::MeetingReminder { .. } => SmsKind::MeetingReminder,
            SmsTemplate::SavingReceipt { .. } => SmsKind::SavingReceipt,
            SmsTemplate::RepaymentReceipt { .. } => SmsKind::RepaymentReceipt,
            SmsTemplate::VisitNotice { .. } => SmsKind::VisitNotice,
            SmsTemplate::AssessmentDue { .. } => SmsKind::AssessmentDue,
        }
    }

    /// The Persian text, with amounts in `unit`.
    pub fn render(&self, unit: MoneyUnit) -> Result<SmsText, SmsTextError> {
        let money = |amount: &Rials| format_money(*amount, unit, true);
        let text = match self {
            SmsTemplate::MeetingReminder { group_name, on } => format!(
                "یادآوری: جلسهٔ گروه همیار «{}» {} برگزار می‌شود.",
                short(group_name),
                day_with_weekday(*on)
            ),
            SmsTemplate::SavingReceipt {
                group_name,
                on,
                amount,
            } => format!(
                "رسید پس‌انداز: {} در جلسهٔ {} صندوق گروه «{}» از شما دریافت شد.",
                money(amount),
                day(*on),
                short(group_name)
            ),
            SmsTemplate::RepaymentReceipt {
                group_name,
                on,
                amount,
                remaining,
            } => format!(
                "رسید قسط: {} در جلسهٔ {} صندوق گروه «{}» دریافت شد. مانده وام: {}.",
                money(amount),
                day(*on),
                short(group_name),
                money(remaining)
            ),
            SmsTemplate::VisitNotice { group_name, on } => format!(
                "کارشناس بهزیستی {} از گروه «{}» بازدید می‌کند.",
                day_with_weekday(*on),
                short(group_name)
            ),
            SmsTemplate::AssessmentDue { due_on } => format!(
                "پرسش‌نامهٔ پیگیری شما از {} آماده است؛ لطفاً با مددکار خود هماهنگ کنید.",
                day(*due_on)
            ),
        };
        SmsText::new(format!("{text}\n{SIGNATURE}"))
    }
}

fn day(on: JalaliDate) -> String {
    on.format(DateStyle::Long, Digits::Persian)
}

fn day_with_weekday(on: JalaliDate) -> String {
    on.format(DateStyle::LongWithWeekday, Digits::Persian)
}

/// A group's name cut to fit, digits Persian like the rest of the text.
fn short(name: &str) -> String {
    let name = crate::digits::to_persian_digits(name.trim());
    if name.chars().count() <= GROUP_NAME_MAX_CHARS {
        return name;
    }
    let cut: String = name.chars().take(GROUP_NAME_MAX_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn has_ten_digits_in_a_row(text: &str) -> bool {
    let mut run = 0;
    for character in text.chars() {
        run = if is_any_digit(character) { run + 1 } else { 0 };
        if run >= 10 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn on() -> JalaliDate {
        JalaliDate::parse("1405/09/18").unwrap()
    }

    #[test]
    fn a_saving_receipt_reads_in_persian_with_the_apps_date_and_money() {
        let text = SmsTemplate::SavingReceipt {
            group_name: "گلدوزی مهر".into(),
            on: on(),
            amount: Rials::new(2_500_000),
        }
        .render(MoneyUnit::Rial)
        .unwrap();
        assert_eq!(
            text.as_str(),
            "رسید پس‌انداز: ۲٬۵۰۰٬۰۰۰ ریال در جلسهٔ ۱۸ آذر ۱۴۰۵ صندوق گروه «گلدوزی مهر» از \
             شما دریافت شد.\nبهزیستی"
        );
        assert!(text.segments().parts <= MAX_PARTS);
    }

    #[test]
    fn every_kind_renders_within_three_parts_even_with_a_long_group_name() {
        let long = "تعاونی تولیدی و توزیعی صنایع دستی بانوان سرپرست خانوار روستای بزرگ";
        let amount = Rials::new(999_999_999_999);
        let templates = [
            SmsTemplate::MeetingReminder {
                group_name: long.into(),
                on: on(),
            },
            SmsTemplate::SavingReceipt {
                group_name: long.into(),
                on: on(),
                amount,
            },
            SmsTemplate::RepaymentReceipt {
                group_name: long.into(),
                on: on(),
                amount,
                remaining: amount,
            },
            SmsTemplate::VisitNotice {
                group_name: long.into(),
                on: on(),
            },
            SmsTemplate::AssessmentDue { due_on: on() },
        ];
        for template in templates {
            let text = template.render(MoneyUnit::Rial).unwrap();
            assert!(text.as_str().contains("۱۴۰۵"), "{}", text.as_str());
            assert!(text.segments().parts <= MAX_PARTS, "{:?}", template.kind());
        }
    }

    #[test]
    fn a_national_id_in_a_group_name_refuses_the_message() {
        let template = SmsTemplate::VisitNotice {
            group_name: "گروه ۰۰۱۲۳۴۵۶۷۸".into(),
            on: on(),
        };
        assert_eq!(
            template.render(MoneyUnit::Rial),
            Err(SmsTextError::LongNumber)
        );
        assert!(SmsText::new("کد 4.5 و ۱۲۳۴۵۶۷۸۹".into()).is_ok());
        assert_eq!(
            SmsText::new("س".repeat(202)),
            Err(SmsTextError::TooLong { parts: 4 })
        );
    }

    proptest! {
        #[test]
        fn no_rendered_text_holds_ten_digits_or_more_than_three_parts(
            name in "[آ-ی ]{0,80}",
            amount in 0i64..10_000_000_000_000,
        ) {
            let template = SmsTemplate::RepaymentReceipt {
                group_name: name,
                on: on(),
                amount: Rials::new(amount),
                remaining: Rials::new(amount),
            };
            let text = template.render(MoneyUnit::Rial).unwrap();
            prop_assert!(!has_ten_digits_in_a_row(text.as_str()));
            prop_assert!(text.segments().parts <= MAX_PARTS);
        }
    }
}
