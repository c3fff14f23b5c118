//! The registry's columns as they appear in files, and how header cells are
//! recognised.
//!
//! [`Column`] lists the columns of the registry of women heads of household in
//! the order files carry them: sixteen that an import reads
//! ([`Column::IMPORT`]) followed by four that only an export writes
//! ([`Column::EXPORT`] holds all twenty). Each column has a stable English key,
//! a Persian header (what files show by default) and an English header.
//! [`match_header`] recognises any of the three through the domain's
//! [`search_key`] folding, so Arabic letter forms, missing zero-width
//! non-joiners, spacing, case and punctuation do not matter: «كد ملي»,
//! «کدملی», "National ID" and "national_id" all name [`Column::NationalId`].

use std::fmt;
use std::sync::LazyLock;

use hamyar_domain::search_key;

/// One column of the registry of women heads of household, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// کد ملی — the 10-digit national ID.
    NationalId,
    /// نام — first name.
    FirstName,
    /// نام خانوادگی — last name.
    LastName,
    /// نام پدر — father's name.
    FatherName,
    /// تاریخ تولد — birth date as Jalali text.
    BirthDate,
    /// تلفن همراه — mobile number.
    Mobile,
    /// شهرستان — county.
    County,
    /// شهر یا روستا — city or village.
    Locality,
    /// نوع سکونت — urban, rural or nomadic.
    Settlement,
    /// نشانی — postal address.
    Address,
    /// تحصیلات — education.
    Education,
    /// مهارت‌ها — skills.
    Skills,
    /// شماره شبا — bank account (Sheba).
    Sheba,
    /// علت سرپرستی — why she heads the household.
    HeadshipCause,
    /// دهک درآمدی — income decile.
    IncomeDecile,
    /// یادداشت — free notes.
    Notes,
    /// تاریخ تولد (میلادی) — birth date as Gregorian ISO text (export only).
    BirthDateIso,
    /// وضعیت پوشش — coverage status (export only).
    CoverageStatus,
    /// بعد خانوار — household size (export only).
    HouseholdSize,
    /// تاریخ ثبت — registration date (export only).
    RegisteredOn,
}

/// How many columns an import reads; the length of [`Column::IMPORT`].
pub const IMPORT_COLUMN_COUNT: usize = 16;

impl Column {
    /// The columns an import reads, in file order.
    pub const IMPORT: &'static [Column] = &[
        Column::NationalId,
        Column::FirstName,
        Column::LastName,
        Column::FatherName,
        Column::BirthDate,
        Column::Mobile,
        Column::County,
        Column::Locality,
        Column::Settlement,
        Column::Address,
        Column::Education,
        Column::Skills,
        Column::Sheba,
        Column::HeadshipCause,
        Column::IncomeDecile,
        Column::Notes,
    ];

    /// Every column, the import columns first and then the export-only ones.
    pub const EXPORT: &'static [Column] = &[
        Column::NationalId,
        Column::FirstName,
        Column::LastName,
        Column::FatherName,
        Column::BirthDate,
        Column::Mobile,
        Column::County,
        Column::Locality,
        Column::Settlement,
        Column::Address,
        Column::Education,
        Column::Skills,
        Column::Sheba,
        Column::HeadshipCause,
        Column::IncomeDecile,
        Column::Notes,
        Column::BirthDateIso,
        Column::CoverageStatus,
        Column::HouseholdSize,
        Column::RegisteredOn,
    ];

    /// The columns an import cannot do without.
    pub const REQUIRED: &'static [Column] = &[
        Column::NationalId,
        Column::FirstName,
        Column::LastName,
        Column::BirthDate,
        Column::County,
        Column::Settlement,
        Column::HeadshipCause,
    ];

    /// The columns an import cannot do without (the same as [`Column::REQUIRED`]).
    pub fn required() -> &'static [Column] {
        Self::REQUIRED
    }

    /// Whether an import needs this column to be present.
    pub fn is_required(self) -> bool {
        Self::REQUIRED.contains(&self)
    }

    /// Whether an import reads this column (export-only columns are ignored).
    pub fn is_import(self) -> bool {
        self.index() < IMPORT_COLUMN_COUNT
    }

    /// The column's position in [`Column::EXPORT`] (and, for import columns,
    /// in [`Column::IMPORT`]).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stable English snake_case key, e.g. `national_id`.
    pub fn key(self) -> &'static str {
        self.names().0
    }

    /// The Persian header that files show, e.g. «کد ملی».
    pub fn header_fa(self) -> &'static str {
        self.names().1
    }

    /// The English header, e.g. "National ID".
    pub fn header_en(self) -> &'static str {
        self.names().2
    }

    /// The header in the chosen language.
    pub fn header(self, headers: Headers) -> &'static str {
        match headers {
            Headers::Persian => self.header_fa(),
            Headers::English => self.header_en(),
            Headers::Keys => self.key(),
        }
    }

    /// The column whose key is exactly `key`.
    pub fn from_key(key: &str) -> Option<Column> {
        Self::EXPORT
            .iter()
            .copied()
            .find(|column| column.key() == key)
    }

    /// An example of a value this column accepts, shown in the import template.
    pub fn example(self) -> &'static str {
        match self {
            Column::NationalId => "0013542419",
            Column::FirstName => "مریم",
            Column::LastName => "احمدی",
            Column::FatherName => "علی",
            Column::BirthDate => "1362/05/14",
            Column::Mobile => "09121234567",
            Column::County => "آبیک",
            Column::Locality => "آبیک",
            Column::Settlement => "شهری",
            Column::Address => "خیابان امام، کوچه ۳، پلاک ۱۲",
            Column::Education => "دیپلم",
            Column::Skills => "خیاطی، قالی‌بافی",
            Column::Sheba => "IR820540102680020817909002",
            Column::HeadshipCause => "همسر فوت‌شده",
            Column::IncomeDecile => "3",
            Column::Notes => "",
            Column::BirthDateIso => "1983-08-05",
            Column::CoverageStatus => "تحت پوشش",
            Column::HouseholdSize => "3",
            Column::RegisteredOn => "1403/01/20",
        }
    }

    /// A one-line Persian hint for the template's guide sheet.
    pub fn hint_fa(self) -> &'static str {
        match self {
            Column::NationalId => "ده رقم؛ صفرهای ابتدای کد را حذف نکنید",
            Column::FirstName | Column::LastName | Column::FatherName => "با حروف فارسی",
            Column::BirthDate => "تاریخ شمسی به شکل سال/ماه/روز",
            Column::Mobile => "یازده رقم، با ۰۹ شروع شود",
            Column::County => "نام شهرستان محل سکونت",
            Column::Locality => "نام شهر یا روستا",
            Column::Settlement => "شهری، روستایی یا عشایری",
            Column::Address => "نشانی پستی",
            Column::Education => "آخرین مدرک تحصیلی",
            Column::Skills => "مهارت‌ها را با ویرگول جدا کنید",
            Column::Sheba => "IR و ۲۴ رقم",
            Column::HeadshipCause => "مانند همسر فوت‌شده، مطلقه، خودسرپرست",
            Column::IncomeDecile => "عددی از ۱ تا ۱۰",
            Column::Notes => "اختیاری",
            Column::BirthDateIso => "تاریخ میلادی (فقط در خروجی)",
            Column::CoverageStatus => "فقط در خروجی",
            Column::HouseholdSize => "فقط در خروجی",
            Column::RegisteredOn => "فقط در خروجی",
        }
    }

    /// Whether spreadsheet programs must keep this column's cells as text:
    /// numbers with leading zeros, long digit strings and Jalali dates that
    /// Excel would otherwise turn into numbers or Gregorian dates.
    pub fn keeps_text(self) -> bool {
        matches!(
            self,
            Column::NationalId
                | Column::Mobile
                | Column::Sheba
                | Column::IncomeDecile
                | Column::BirthDate
                | Column::RegisteredOn
        )
    }

    /// A comfortable column width in characters for spreadsheets.
    pub fn width(self) -> f64 {
        match self {
            Column::NationalId | Column::Mobile => 14.0,
            Column::FirstName | Column::FatherName | Column::County => 14.0,
            Column::LastName | Column::Locality => 18.0,
            Column::BirthDate | Column::BirthDateIso | Column::RegisteredOn => 14.0,
            Column::Settlement | Column::IncomeDecile | Column::HouseholdSize => 11.0,
            Column::Address => 40.0,
            Column::Education | Column::CoverageStatus => 16.0,
            Column::Skills | Column::HeadshipCause => 24.0,
            Column::Sheba => 30.0,
            Column::Notes => 36.0,
        }
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Column::NationalId => ("national_id", "کد ملی", "National ID"),
            Column::FirstName => ("first_name", "نام", "First name"),
            Column::LastName => ("last_name", "نام خانوادگی", "Last name"),
            Column::FatherName => ("father_name", "نام پدر", "Father's name"),
            Column::BirthDate => ("birth_date", "تاریخ تولد", "Birth date"),
            Column::Mobile => ("mobile", "تلفن همراه", "Mobile"),
            Column::County => ("county", "شهرستان", "County"),
            Column::Locality => ("locality", "شهر یا روستا", "City or village"),
            Column::Settlement => ("settlement", "نوع سکونت", "Settlement type"),
            Column::Address => ("address", "نشانی", "Address"),
            Column::Education => ("education", "تحصیلات", "Education"),
            Column::Skills => ("skills", "مهارت‌ها", "Skills"),
            Column::Sheba => ("sheba", "شماره شبا", "Sheba number"),
            Column::HeadshipCause => ("headship_cause", "علت سرپرستی", "Headship cause"),
            Column::IncomeDecile => ("income_decile", "دهک درآمدی", "Income decile"),
            Column::Notes => ("notes", "یادداشت", "Notes"),
            Column::BirthDateIso => (
                "birth_date_iso",
                "تاریخ تولد (میلادی)",
                "Birth date (Gregorian)",
            ),
            Column::CoverageStatus => ("coverage_status", "وضعیت پوشش", "Coverage status"),
            Column::HouseholdSize => ("household_size", "بعد خانوار", "Household size"),
            Column::RegisteredOn => ("registered_on", "تاریخ ثبت", "Registered on"),
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.key())
    }
}

/// Which header text a written file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Headers {
    /// Persian headers such as «کد ملی» (the default).
    #[default]
    Persian,
    /// English headers such as "National ID".
    English,
    /// The snake_case keys such as `national_id`, for machine exchange.
    Keys,
}

/// The column a header cell names, if any.
///
/// The text is compared through [`search_key`] folding with everything but
/// letters and digits removed, against each column's Persian header, English
/// key and English header.
pub fn match_header(text: &str) -> Option<Column> {
    let wanted = header_key(text);
    if wanted.is_empty() {
        return None;
    }
    HEADER_KEYS
        .iter()
        .find(|(key, _)| *key == wanted)
        .map(|(_, column)| *column)
}

/// Every spelling of every column, folded once.
static HEADER_KEYS: LazyLock<Vec<(String, Column)>> = LazyLock::new(|| {
    let mut keys = Vec::new();
    for column in Column::EXPORT.iter().copied() {
        for name in [column.header_fa(), column.key(), column.header_en()] {
            let key = header_key(name);
            if !keys.iter().any(|(known, _)| *known == key) {
                keys.push((key, column));
            }
        }
    }
    keys
});

/// The folded form under which header texts are compared.
pub(crate) fn header_key(text: &str) -> String {
    search_key(text)
        .chars()
        .filter(|character| character.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_columns_are_the_first_sixteen_in_order() {
        assert_eq!(Column::IMPORT.len(), IMPORT_COLUMN_COUNT);
        assert_eq!(&Column::EXPORT[..IMPORT_COLUMN_COUNT], Column::IMPORT);
        for (index, column) in Column::EXPORT.iter().enumerate() {
            assert_eq!(column.index(), index);
            assert_eq!(column.is_import(), index < IMPORT_COLUMN_COUNT);
        }
    }

    #[test]
    fn every_required_column_is_an_import_column() {
        assert!(Column::required().iter().all(|column| column.is_import()));
        assert_eq!(Column::required().len(), 7);
    }

    #[test]
    fn no_two_columns_share_a_folded_header() {
        let mut seen: Vec<(String, Column)> = Vec::new();
        for column in Column::EXPORT.iter().copied() {
            for name in [column.header_fa(), column.key(), column.header_en()] {
                let key = header_key(name);
                if let Some((_, other)) = seen.iter().find(|(known, _)| *known == key) {
                    assert_eq!(*other, column, "{name} is ambiguous");
                }
                seen.push((key, column));
            }
        }
    }

    #[test]
    fn headers_match_in_arabic_letters_without_spaces_and_in_english() {
        for text in [
            "کد ملی",
            "كد ملي",
            "کدملی",
            "National ID",
            "national_id",
            " NATIONAL-ID ",
        ] {
            assert_eq!(match_header(text), Some(Column::NationalId), "{text}");
        }
        assert_eq!(match_header("مهارتها"), Some(Column::Skills));
        assert_eq!(match_header("مهارت‌ها"), Some(Column::Skills));
        assert_eq!(
            match_header("تاريخ تولد (ميلادي)"),
            Some(Column::BirthDateIso)
        );
        assert_eq!(match_header("Father's name"), Some(Column::FatherName));
    }

    #[test]
    fn unknown_and_empty_headers_match_nothing() {
        assert_eq!(match_header("رنگ مو"), None);
        assert_eq!(match_header(""), None);
        assert_eq!(match_header(" - "), None);
    }

    #[test]
    fn keys_round_trip_through_from_key() {
        for column in Column::EXPORT.iter().copied() {
            assert_eq!(Column::from_key(column.key()), Some(column));
        }
    }
}
