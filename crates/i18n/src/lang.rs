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
    /// in its digits, a nested message in this language, money as this language writes it,
    /// a domain label in this language).
    pub fn message(self, message: &Message) -> String {
        let id = message.id();
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
    }

    /// Renders a message in both languages, for comparing with the words the domain used
    /// to carry as a Persian/English pair.
    fn both(message: &Message) -> (String, String) {
        (Lang::Fa.message(message), Lang::En.message(message))
    }

    fn pair(fa: &str, en: &str) -> (String, String) {
        (fa.to_owned(), en.to_owned())
    }

    /// The coverage rules name the statuses, the allowed ones and the tiers' amounts in each
    /// language, word for word as before the catalogue.
    #[test]
    fn coverage_errors_read_as_before() {
        use hamyar_domain::Rials;
        use hamyar_domain::registry::codes::CoverageStatus::{Covered, Pensioner, WaitingList};
        use hamyar_domain::registry::{PensionTable, transition_problem};

        let first = transition_problem(None, Pensioner).unwrap();
        assert_eq!(
            both(&first.message),
            pair(
                "نخستین وضعیت پوشش باید «متقاضی»، «پشت نوبت» یا «تحت پوشش» باشد، نه «مستمری‌بگیر»",
                "the first coverage status must be Applicant, Waiting list or Covered, not Pensioner"
            )
        );
        let refused = transition_problem(Some(WaitingList), Pensioner).unwrap();
        assert_eq!(
            both(&refused.message),
            pair(
                "تغییر وضعیت پوشش از «پشت نوبت» به «مستمری‌بگیر» مجاز نیست؛ \
                 از «پشت نوبت» فقط به «تحت پوشش» یا «خارج‌شده» می‌توان رفت",
                "coverage status cannot change from Waiting list to Pensioner; \
                 from Waiting list it can only change to Covered or Exited"
            )
        );
        let same = transition_problem(Some(Covered), Covered).unwrap();
        assert_eq!(
            both(&same.message),
            pair(
                "وضعیت پوشش هم‌اکنون «تحت پوشش» است",
                "the coverage status is already Covered"
            )
        );
        let amounts = [10_000_000, 13_000_000, 12_000_000, 19_000_000, 0].map(Rials::new);
        let table = PensionTable {
            fiscal_year: 1405,
            monthly_rials: amounts,
        };
        let problems = table.validate().unwrap_err();
        assert_eq!(
            both(&problems[0].message),
            pair(
                "مستمری ماهانهٔ خانوار ۵ نفره و بیشتر باید بیشتر از صفر باشد",
                "the monthly pension for a household of 5 or more must be more than zero"
            )
        );
        assert_eq!(
            both(&problems[1].message),
            pair(
                "مستمری ماهانهٔ خانوار ۳ نفره (۱۲٬۰۰۰٬۰۰۰ ریال) نباید کمتر از مستمری \
                 خانوار ۲ نفره (۱۳٬۰۰۰٬۰۰۰ ریال) باشد",
                "the monthly pension for a household of 3 (12,000,000 rials) must not be less \
                 than for a household of 2 (13,000,000 rials)"
            )
        );
    }

    /// A group's size, stages and dates, in each language.
    #[test]
    fn group_errors_read_as_before() {
        use hamyar_domain::JalaliDate;
        use hamyar_domain::groups::lifecycle::transition_problem;
        use hamyar_domain::groups::{GroupStage, LeaveDraft, LeaveInput, SizeLimits};

        let limits = SizeLimits::default();
        assert_eq!(
            both(&limits.warning(8).unwrap().message),
            pair(
                "گروه ۸ عضو دارد؛ بیشینهٔ استان ۷ عضو است",
                "the group has 8 members; the province's maximum is 7"
            )
        );
        assert_eq!(
            both(&limits.warning(4).unwrap().message),
            pair(
                "گروه ۴ عضو دارد؛ کمینهٔ استان ۵ عضو است",
                "the group has 4 members; the province's minimum is 5"
            )
        );
        let skip = transition_problem(GroupStage::Identified, GroupStage::Active).unwrap();
        assert_eq!(
            both(&skip.message),
            pair(
                "گروه از مرحلهٔ «شناسایی‌شده» نمی‌تواند به «فعال» برود؛ \
                 مرحلهٔ بعد می‌تواند آموزش‌دیده یا منحل باشد",
                "a group cannot move from Identified to Active; \
                 the next stage may be Trained or Dissolved"
            )
        );
        let joined = JalaliDate::new(1404, 3, 10).unwrap();
        let today = JalaliDate::new(1405, 1, 1).unwrap();
        let early = LeaveInput {
            left_on: "1404/03/09".into(),
            leave_reason: "moved".into(),
            leave_note: String::new(),
        };
        let problems = LeaveDraft::parse(&early, joined, today).unwrap_err();
        assert_eq!(
            both(&problems[0].message),
            pair(
                "تاریخ خروج نمی‌تواند پیش از تاریخ پیوستن (۱۴۰۴/۰۳/۱۰) باشد",
                "the leave date cannot be before the join date (1404/03/10)"
            )
        );
        let blank = LeaveInput {
            left_on: " ".into(),
            ..early
        };
        let problems = LeaveDraft::parse(&blank, joined, today).unwrap_err();
        assert_eq!(
            both(&problems[0].message),
            pair("تاریخ خروج وارد نشده است", "the leave date is required")
        );
    }

    /// The group-life helpers name their field with a nested message, in the reader's
    /// language; the business month is a domain-owned label.
    #[test]
    fn group_life_errors_name_their_field_in_each_language() {
        use hamyar_domain::JalaliDate;
        use hamyar_domain::group_life::{BusinessDraft, BusinessInput, MeetingDraft, MeetingInput};

        let today = JalaliDate::new(1405, 9, 8).unwrap();
        let business = BusinessInput {
            year: "1406".into(),
            month: "9".into(),
            revenue: "-5".into(),
            ..BusinessInput::default()
        };
        let problems = BusinessDraft::parse(&business, today).unwrap_err();
        assert_eq!(
            both(&problems[0].message),
            pair("ماه آذر ۱۴۰۶ هنوز نرسیده است", "Azar 1406 has not come yet")
        );
        assert_eq!(
            both(&problems[1].message),
            pair("درآمد نمی‌تواند منفی باشد", "the revenue cannot be negative")
        );
        assert_eq!(
            both(&problems[2].message),
            pair(
                "هزینه این ماه وارد نشده است (اگر نبوده، صفر بنویسید)",
                "the month's costs is required (write 0 if there was none)"
            )
        );
        let meeting = MeetingInput {
            held_on: "1405/09/09".into(),
            ..MeetingInput::default()
        };
        let problems = MeetingDraft::parse(&meeting, today).unwrap_err();
        assert_eq!(
            both(&problems[0].message),
            pair(
                "تاریخ جلسه نمی‌تواند بعد از امروز باشد",
                "the meeting date cannot be after today"
            )
        );
        assert_eq!(
            both(&problems[1].message),
            pair("موضوعات جلسه وارد نشده است", "the topics is required")
        );
    }

    /// Coded lists, typed numbers and money, in each language.
    #[test]
    fn registry_grant_and_window_errors_read_as_before() {
        use hamyar_domain::JalaliDate;
        use hamyar_domain::facilities::SupportWindow;
        use hamyar_domain::grants::{GrantFormInput, TrancheFormInput, parse_grant_form};
        use hamyar_domain::registry::{MemberDraft, MemberInput};

        let today = JalaliDate::new(1404, 7, 1).unwrap();
        let member = MemberInput {
            first_name: "سارا".into(),
            relation: "همسایه".into(),
            ..MemberInput::default()
        };
        let problems = MemberDraft::parse(&member, today).unwrap_err();
        assert_eq!(
            both(&problems[0].message),
            pair(
                "«همسایه» در فهرست نسبت با سرپرست نیست؛ یکی از این‌ها را وارد کنید: \
                 فرزند، همسر، پدر یا مادر، خواهر یا برادر، نوه، سایر",
                "\"همسایه\" is not a known relation; \
                 expected one of: Child, Spouse, Parent, Sibling, Grandchild, Other"
            )
        );
        let problems = MemberDraft::parse(&MemberInput::default(), today).unwrap_err();
        assert_eq!(
            both(&problems[1].message),
            pair("نسبت با سرپرست انتخاب نشده است", "relation is required")
        );
        assert_eq!(
            both(&SupportWindow::parse("121").unwrap_err().message),
            pair(
                "تعداد ماه‌ها باید عددی از ۱ تا ۱۲۰ باشد",
                "the number of months must be from 1 to 120"
            )
        );
        assert_eq!(
            both(&SupportWindow::parse("12x").unwrap_err().message),
            pair(
                "«۱۲x» عدد نیست؛ عددی از ۱ تا ۱۲۰ وارد کنید",
                "\"12x\" is not a number; enter one from 1 to 120"
            )
        );
        let tranche = |amount: &str, on: &str| TrancheFormInput {
            amount: amount.into(),
            planned_on: on.into(),
            conditions: Vec::new(),
            visit_days: String::new(),
            training_share: String::new(),
        };
        let grant = GrantFormInput {
            purpose: "سرمایه کار خیاطی".into(),
            total: "300000000".into(),
            tranches: vec![
                tranche("100000000", "1405/09/10"),
                tranche("150000000", "1405/10/10"),
            ],
        };
        let problems = parse_grant_form(&grant).unwrap_err();
        assert_eq!(
            both(&problems[0].message),
            pair(
                "جمع قسط‌ها (۲۵۰٬۰۰۰٬۰۰۰ ریال) با مبلغ کل (۳۰۰٬۰۰۰٬۰۰۰ ریال) برابر نیست",
                "the tranches sum to 250,000,000 rials, not the total 300,000,000 rials"
            )
        );
    }

    /// The eligibility check of a woman explains each rule's verdict in each language, word
    /// for word as when each outcome carried its own Persian and English.
    #[test]
    fn eligibility_outcomes_read_as_before() {
        use hamyar_domain::JalaliDate;
        use hamyar_domain::registry::{
            EligibilityFacts, EligibilityRule, EligibilityRules, HeadshipCause,
            ProvincialSinglehoodAge, SinglehoodThreshold, evaluate, evaluate_with,
        };

        let date = |y, m, d| JalaliDate::new(y, m, d).unwrap();
        let today = date(1404, 7, 1);
        let widow = EligibilityFacts {
            birth_date: date(1364, 2, 10),
            cause: HeadshipCause::Widow,
            income_decile: Some(3),
            other_coverage: Some(false),
        };
        let rules = EligibilityRules::default();
        // Every rule's words for one set of facts, in the report's order.
        let words = |rules: &EligibilityRules, facts: &EligibilityFacts| {
            evaluate(rules, facts, today)
                .outcomes
                .iter()
                .map(|outcome| both(&outcome.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words(&rules, &widow),
            [
                pair(
                    "دهک درآمدی ۳ در محدودهٔ پذیرفته (دهک ۱ تا ۵) است",
                    "income decile 3 is within the accepted deciles 1 to 5"
                ),
                pair(
                    "بنا بر استعلام، تحت پوشش نهاد حمایتی دیگری نیست",
                    "according to the inquiry, no other support body covers her"
                ),
                pair(
                    "علت سرپرستی «همسر فوت‌شده» پذیرفته است",
                    "headship cause Widow is accepted"
                ),
                pair(
                    "سن ۴۰ سال است و به حداقل سن (۱۸ سال) می‌رسد",
                    "age 40 meets the minimum age (18)"
                ),
            ]
        );
        let unknown = EligibilityFacts {
            income_decile: None,
            other_coverage: None,
            ..widow
        };
        assert_eq!(
            words(&rules, &unknown)[..2],
            [
                pair(
                    "دهک درآمدی هنوز با آزمون وسع تعیین نشده است",
                    "the income decile has not been set by a means test yet"
                ),
                pair(
                    "پاسخ استعلام از نهادهای حمایتی دیگر هنوز دریافت نشده است",
                    "no inquiry to other support bodies has been answered yet"
                ),
            ]
        );
        let impossible = EligibilityFacts {
            income_decile: Some(12),
            other_coverage: Some(true),
            ..widow
        };
        assert_eq!(
            words(&rules, &impossible)[..2],
            [
                pair(
                    "دهک درآمدی ثبت‌شده (۱۲) نامعتبر است؛ دهک باید بین ۱ و ۱۰ باشد",
                    "the recorded income decile (12) is invalid; it must be 1 to 10"
                ),
                pair(
                    "بنا بر استعلام، تحت پوشش نهاد حمایتی دیگری است",
                    "according to the inquiry, another support body already covers her"
                ),
            ]
        );
        let young_and_better_off = EligibilityFacts {
            income_decile: Some(7),
            birth_date: date(1387, 7, 2),
            ..widow
        };
        let outcomes = words(&rules, &young_and_better_off);
        assert_eq!(
            outcomes[0],
            pair(
                "دهک درآمدی ۷ است؛ فقط دهک‌های ۱ تا ۵ پذیرفته می‌شوند",
                "income decile 7 is above the accepted deciles 1 to 5"
            )
        );
        assert_eq!(
            outcomes[3],
            pair(
                "سن ۱۶ سال است و به حداقل سن (۱۸ سال) نمی‌رسد",
                "age 16 is below the minimum age (18)"
            )
        );
        let narrow = EligibilityRules {
            accepted_causes: vec![HeadshipCause::Widow, HeadshipCause::Divorced],
            ..EligibilityRules::default()
        };
        let soldier = EligibilityFacts {
            cause: HeadshipCause::HusbandInMilitaryService,
            ..widow
        };
        assert_eq!(
            words(&narrow, &soldier)[2],
            pair(
                "علت سرپرستی «همسر سرباز» در قواعد کنونی پذیرفته نیست",
                "headship cause Husband in military service is not accepted by the current rules"
            )
        );
        let unborn = EligibilityFacts {
            birth_date: date(1404, 7, 2),
            ..widow
        };
        assert_eq!(
            words(&rules, &unborn)[3],
            pair(
                "تاریخ تولد بعد از امروز است",
                "the date of birth is after today"
            )
        );

        let single = EligibilityFacts {
            cause: HeadshipCause::DefinitiveSinglehood,
            birth_date: date(1357, 1, 1),
            ..widow
        };
        let age = |threshold: &SinglehoodThreshold| {
            let report = evaluate_with(&rules, threshold, &single, today);
            both(
                &report
                    .outcome(EligibilityRule::SinglehoodAge)
                    .unwrap()
                    .message,
            )
        };
        assert_eq!(
            age(&SinglehoodThreshold::national(&rules)),
            pair(
                "سن ۴۷ سال است و به حداقل سن تجرد قطعی کشوری (۴۵ سال) می‌رسد",
                "age 47 meets the national minimum age for definitive singlehood (45)"
            )
        );
        let qazvin = SinglehoodThreshold::provincial(
            ProvincialSinglehoodAge::new(50).unwrap(),
            "قزوین",
            "Qazvin",
        );
        assert_eq!(
            age(&qazvin),
            pair(
                "سن ۴۷ سال است و به حداقل سن تجرد قطعی استان قزوین (۵۰ سال) نمی‌رسد",
                "age 47 is below the minimum age for definitive singlehood in Qazvin province (50)"
            )
        );

        let girls = EligibilityRules {
            min_age_years: 20,
            self_headed_girl_min_age_years: 16,
            ..EligibilityRules::default()
        };
        let girl = EligibilityFacts {
            cause: HeadshipCause::SelfHeadedGirl,
            birth_date: date(1387, 1, 1),
            ..widow
        };
        assert_eq!(
            words(&girls, &girl)[3],
            pair(
                "سن ۱۷ سال است و به حداقل سن دختر خودسرپرست (۱۶ سال) می‌رسد",
                "age 17 meets the minimum age for a self-headed girl (16)"
            )
        );
        let younger = EligibilityFacts {
            birth_date: date(1390, 1, 1),
            ..girl
        };
        assert_eq!(
            words(&girls, &younger)[3],
            pair(
                "سن ۱۴ سال است و به حداقل سن دختر خودسرپرست (۱۶ سال) نمی‌رسد",
                "age 14 is below the minimum age for a self-headed girl (16)"
            )
        );
    }

    /// A tranche's release conditions say why they passed or failed in each language, word for
    /// word as when each result carried its own Persian and English; a result kept before
    /// the catalogue shows the sentences it kept.
    #[test]
    fn condition_results_read_as_before() {
        use hamyar_domain::JalaliDate;
        use hamyar_domain::grants::{
            Condition, ConditionCode, GroupHistory, RecipientFacts, StageMove, TrainingTally,
            TrancheStatus, evaluate_all,
        };
        use hamyar_domain::groups::GroupStage;

        let day = |y, m, d| JalaliDate::new(y, m, d).unwrap();
        let today = day(1405, 9, 8);
        let group = |moves: &[(GroupStage, JalaliDate)]| GroupHistory {
            name: "نخل".into(),
            moves: moves
                .iter()
                .map(|(stage, on)| StageMove {
                    stage: *stage,
                    effective_on: *on,
                })
                .collect(),
            training: TrainingTally::default(),
        };
        // Of five members on the day, `completed` hold a completion record.
        let with_completers = |moves: &[(GroupStage, JalaliDate)], completed: u32| GroupHistory {
            training: TrainingTally {
                members: 5,
                completed,
                latest_on: Some(day(1405, 6, 20)),
            },
            ..group(moves)
        };
        let conditions = [
            Condition::new(ConditionCode::GroupRegistered),
            Condition::new(ConditionCode::TrainingCompleted),
            Condition::visited_within(90),
            Condition::new(ConditionCode::PreviousTranchePaid),
        ];
        let words = |facts: &RecipientFacts| {
            evaluate_all(&conditions, facts, today)
                .iter()
                .map(|result| both(&result.message))
                .collect::<Vec<_>>()
        };
        let registered = RecipientFacts {
            groups: vec![with_completers(
                &[
                    (GroupStage::Identified, day(1405, 1, 1)),
                    (GroupStage::Trained, day(1405, 3, 1)),
                    (GroupStage::Registered, day(1405, 5, 1)),
                ],
                4,
            )],
            last_visit_on: Some(day(1405, 7, 2)),
            previous_tranche: Some((1, TrancheStatus::Approved)),
            ..RecipientFacts::default()
        };
        assert_eq!(
            words(&registered),
            [
                pair(
                    "گروه «نخل» در ۱۴۰۵/۰۵/۰۱ ثبت شد و اکنون «ثبت‌شده» است",
                    "group «نخل» was registered on 1405/05/01 and is now Registered"
                ),
                pair(
                    "۴ نفر از ۵ عضو گروه «نخل» دورهٔ آموزشی را تمام کرده‌اند، آخرین نفر در ۱۴۰۵/۰۶/۲۰ (حد لازم: ۸۰٪)",
                    "4 of the 5 members of group «نخل» have completed a course, the latest on 1405/06/20 (required: 80%)"
                ),
                pair(
                    "آخرین بازدید ۱۴۰۵/۰۷/۰۲، ۶۶ روز پیش (حداکثر ۹۰ روز)",
                    "last visit 1405/07/02, 66 days ago (at most 90 days)"
                ),
                pair("قسط ۱ «تأییدشده» است", "tranche 1 is Approved"),
            ]
        );
        let trained = RecipientFacts {
            groups: vec![group(&[
                (GroupStage::Identified, day(1405, 1, 1)),
                (GroupStage::Trained, day(1405, 3, 1)),
            ])],
            last_visit_on: Some(day(1401, 1, 1)),
            previous_tranche: Some((12, TrancheStatus::Paid)),
            ..RecipientFacts::default()
        };
        let results = words(&trained);
        assert_eq!(
            results[0],
            pair(
                "گروه «نخل» اکنون «آموزش‌دیده» است، نه ثبت‌شده",
                "group «نخل» is Trained, not registered"
            )
        );
        // Days are written without a thousands separator, as before.
        assert_eq!(
            results[2..],
            [
                pair(
                    "آخرین بازدید ۱۴۰۱/۰۱/۰۱، ۱۷۱۴ روز پیش (حداکثر ۹۰ روز)",
                    "last visit 1401/01/01, 1714 days ago (at most 90 days)"
                ),
                pair("قسط ۱۲ «پرداخت‌شده» است", "tranche 12 is Paid"),
            ]
        );
        let identified = RecipientFacts {
            groups: vec![with_completers(
                &[(GroupStage::Identified, day(1405, 1, 1))],
                3,
            )],
            ..RecipientFacts::default()
        };
        assert_eq!(
            words(&identified),
            [
                pair(
                    "گروه «نخل» اکنون «شناسایی‌شده» است، نه ثبت‌شده",
                    "group «نخل» is Identified, not registered"
                ),
                pair(
                    "تنها ۳ نفر از ۵ عضو گروه «نخل» دورهٔ آموزشی را تمام کرده‌اند (حد لازم: ۸۰٪، یعنی ۴ نفر)",
                    "only 3 of the 5 members of group «نخل» have completed a course (required: 80%, that is 4)"
                ),
                pair(
                    "هیچ بازدید پایشی ثبت نشده است",
                    "no monitoring visit has been recorded"
                ),
                pair("این قسط نخست است", "this is the first tranche"),
            ]
        );
        let woman = RecipientFacts {
            is_woman: true,
            ..RecipientFacts::default()
        };
        assert_eq!(
            words(&woman)[..2],
            [
                pair(
                    "این زن امروز عضو هیچ گروهی نیست",
                    "the woman is not a member of any group today"
                ),
                pair(
                    "این زن هنوز هیچ دورهٔ آموزشی را تمام نکرده است",
                    "the woman has not completed any course yet"
                ),
            ]
        );
        let trained_woman = RecipientFacts {
            is_woman: true,
            own_completion_on: Some(day(1405, 6, 1)),
            ..RecipientFacts::default()
        };
        assert_eq!(
            words(&trained_woman)[1],
            pair(
                "این زن در ۱۴۰۵/۰۶/۰۱ دورهٔ آموزشی را تمام کرد",
                "the woman completed a course on 1405/06/01"
            )
        );
        let empty = RecipientFacts {
            groups: vec![group(&[(GroupStage::Registered, day(1405, 1, 1))])],
            ..RecipientFacts::default()
        };
        assert_eq!(
            words(&empty)[1],
            pair(
                "گروه «نخل» در این روز هیچ عضوی ندارد",
                "group «نخل» has no members on this day"
            )
        );
        assert_eq!(
            words(&RecipientFacts::default())[1],
            pair(
                "سابقهٔ مراحل گروه خالی است",
                "the group has no stage history"
            )
        );

        // What a result kept before the catalogue reads back as (see `ConditionResult`).
        let kept = Message::new("conditions-kept_explanation").arg(
            "explanation",
            MessageArg::label("این قسط نخست است", "this is the first tranche"),
        );
        assert_eq!(
            both(&kept),
            pair("این قسط نخست است", "this is the first tranche")
        );
        // What an approval kept when the trained stage decided reads as it did then.
        let staged = Message::new("conditions-group_trained")
            .arg("group", "نخل")
            .arg("on", day(1405, 3, 1));
        assert_eq!(
            both(&staged),
            pair(
                "آموزش گروه «نخل» در ۱۴۰۵/۰۳/۰۱ تمام شد",
                "group «نخل» completed training on 1405/03/01"
            )
        );
        assert_eq!(
            both(&Message::new("conditions-group_not_trained").arg("group", "نخل")),
            pair(
                "گروه «نخل» هنوز آموزش ندیده است",
                "group «نخل» has not completed training"
            )
        );
    }

    /// A refused approval names each failed condition, with why, in the reader's language.
    #[test]
    fn a_failed_condition_is_named_with_why() {
        use hamyar_domain::JalaliDate;
        use hamyar_domain::grants::{Condition, RecipientFacts, evaluate};

        let never = evaluate(
            Condition::visited_within(60),
            &RecipientFacts::default(),
            JalaliDate::new(1405, 9, 8).unwrap(),
        );
        let condition = &never.condition;
        let refusal = Message::new("decide-condition_not_met")
            .arg(
                "condition",
                MessageArg::label(condition.label_fa(), condition.label_en()),
            )
            .arg("explanation", never.message.clone());
        assert_eq!(
            both(&refusal),
            pair(
                "شرط پرداخت این قسط برقرار نیست: بازدید پایش در ۶۰ روز اخیر \
                 (هیچ بازدید پایشی ثبت نشده است)",
                "a release condition of the tranche is not met: \
                 A monitoring visit in the last 60 days (no monitoring visit has been recorded)"
            )
        );
    }

    /// An import job that stops says so in each language as the job page said it before the
    /// catalogue: the reader's error (a message of `exchange-errors.ftl`) or the program's
    /// own English words, then that nothing was saved.
    #[test]
    fn import_job_failures_read_as_before() {
        let unreadable = Message::new("import-file_failed").arg(
            "error",
            Message::new("exchange-row_not_csv")
                .arg("line", MessageArg::digits(4))
                .arg("detail", "found record with 3 fields"),
        );
        assert_eq!(
            both(&unreadable),
            pair(
                "ردیف ۴ به‌صورت CSV خوانده نشد (found record with 3 fields). — چیزی ذخیره نشد",
                "row 4 cannot be read as CSV: found record with 3 fields — nothing was saved"
            )
        );
        let failed = Message::new("import-failed").arg("error", "internal error: disk full");
        assert_eq!(
            both(&failed),
            pair(
                "خطا در ورود داده؛ چیزی ذخیره نشد (internal error: disk full)",
                "Import failed; nothing was saved (internal error: disk full)"
            )
        );
        assert_eq!(
            both(&Message::new("import-stopped")),
            pair(
                "ورود داده ناتمام ماند؛ چیزی ذخیره نشد",
                "The import stopped; nothing was saved"
            )
        );
        assert_eq!(
            both(&Message::new("import-file_gone")),
            pair("فایل در دسترس نیست", "The file is gone")
        );
    }

    #[test]
    fn languages_parse_from_their_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("xx"), None);
    }
}
