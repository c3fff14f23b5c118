//! Hamyar's domain value types: the small, validated values that every other
//! crate of the workspace passes around.
//!
//! Each type parses the messy text people actually type — Persian and Arabic
//! digits, Arabic letter variants, stray spaces and separators — into one
//! canonical form, and rejects anything else with an error that names its
//! [`Message`] in the catalogue ([`LocalizedMessage`]). The crate does no
//! I/O and never reads the clock: callers pass in the current instant where
//! one is needed ([`today_in_tehran`]).
//!
//! - [`NationalId`]: the 10-digit national ID with its check digit.
//! - [`Mobile`]: Iranian mobile numbers as `09XXXXXXXXX`.
//! - [`Sheba`]: bank account numbers (IBAN), `IR` + 24 digits.
//! - [`PersonName`] and [`search_key`]: names as entered, and the folded key
//!   for search and duplicate detection.
//! - [`Rials`], [`MoneyUnit`], [`format_money`]: integer money in current
//!   rials, shown in rial, toman or new rial.
//! - [`JalaliDate`], [`FiscalYear`], [`Weekday`]: Solar Hijri dates built on
//!   `icu_calendar`'s Persian calendar.
//! - [`PlaceKind`]: country, province, county.
//! - [`digits`]: digit-script conversion and thousands grouping.
//! - [`budget`]: budget categories and the arithmetic of a budget line.
//! - [`press`]: amounts written as Persian news writes them, and the provincial press
//!   paragraph.
//! - [`ledger`]: account kinds and the balanced transaction draft of the
//!   double-entry ledger.
//! - [`registry`]: the women's registry — coded lists, the woman and household drafts,
//!   coverage, eligibility rules and pension tiers.
//! - [`groups`]: groups, members, stages and their moves, staff duties.
//! - [`group_life`]: meetings and attendance, visits and follow-ups, business months,
//!   permits.
//! - [`spending`]: payments — recipients, evidence, the four-eyes states.
//! - [`grants`]: grants in tranches and their conditions.
//! - [`outcomes`]: questionnaires as data (instruments), a form's answers and scores, and
//!   when a woman's forms fall due.
//! - [`plan`]: a place's yearly plan — its targets, the 10 % default, the plan to date.
//! - [`facilities`]: a woman's loans and aid from other bodies, and the double-support check.
//! - [`fund`]: a group's own fund — cycles, meetings, interest-free loans, the share-out and
//!   the savings-group metrics.
//! - [`bank_loans`]: referrals to agent banks for self-employment loans, their states and
//!   instalment schedules.
//! - [`sms`]: text messages to the women — their Persian templates, SMS parts, quiet hours
//!   and the retry schedule.
//! - [`message`]: how an error explains itself in Persian and English.
//! - [`letters`]: Arabic ي ى ك written as the Persian ی ک in names and free text.
//! - [`ids`]: the stored records' identifiers, one type per kind of record.
//! - [`national_id`], [`mobile`], [`sheba`], [`person_name`], [`money`], [`jalali`], [`place`]:
//!   the modules of the value types above.

pub mod bank_loans;
pub mod budget;
pub mod digits;
pub mod facilities;
pub mod fund;
pub mod grants;
pub mod group_life;
pub mod groups;
pub mod ids;
pub mod jalali;
pub mod ledger;
pub mod letters;
pub mod message;
pub mod mobile;
pub mod money;
pub mod national_id;
pub mod outcomes;
pub mod person_name;
pub mod place;
pub mod plan;
pub mod press;
pub mod registry;
pub mod sheba;
pub mod sms;
pub mod spending;
pub mod training;

pub use digits::{group_thousands, to_latin_digits, to_persian_digits};
pub use jalali::{
    DateError, DateStyle, Digits, FiscalYear, JalaliDate, Weekday, month_name_en, month_name_fa,
    today_in_tehran,
};
pub use letters::persian_letters;
pub use message::{LocalizedMessage, Message, MessageArg};
pub use mobile::{Mobile, MobileError};
pub use money::{MoneyError, MoneyUnit, MoneyUnitError, Rials, format_money, format_money_en};
pub use national_id::{NationalId, NationalIdError};
pub use person_name::{MAX_NAME_CHARS, PersonName, PersonNameError, persian_order, search_key};
pub use place::{PlaceKind, PlaceKindError};
pub use sheba::{Sheba, ShebaError};
