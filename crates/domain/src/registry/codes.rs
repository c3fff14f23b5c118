//! The coded lists of the registry of women heads of household: headship
//! cause, settlement, education, household relation, member activity,
//! document kind, other support bodies and inquiry results, coverage status
//! and exit reason.
//!
//! Each list is a closed enum because rules, reports and statistics group by
//! it; a free-text field would split "مطلقه", "طلاق" and "مطلقه " into three
//! categories. Every value has a stable snake_case English `code` (what
//! storage, exports and configuration files carry, so it must never change),
//! a Persian label for the interface and exports, and an English label.
//! `parse` accepts any of the three, and a few common Persian synonyms, after
//! folding both sides with [`search_key`] (so Arabic ي/ك, the zero-width
//! non-joiner, spaces, case, `_`, `-` and `/` do not matter): an export
//! written with Persian labels imports back unchanged, and spreadsheets typed
//! on Arabic keyboards are understood. Parsing never guesses: an unknown text
//! is `None`, and the caller reports it.

use std::fmt;

use crate::person_name::search_key;

/// What every coded list offers, so that forms, imports and tests can treat
/// the lists alike. Each list also has the same functions as inherent
/// methods, so callers need not import this trait.
pub trait CodedList: Copy + Eq + fmt::Debug + 'static {
    /// The Persian name of the list, e.g. «علت سرپرستی».
    const NAME_FA: &'static str;
    /// The English name of the list, e.g. "headship cause".
    const NAME_EN: &'static str;

    /// Every value, in display order.
    fn all() -> &'static [Self];
    /// The stable snake_case code used in storage and files.
    fn code(self) -> &'static str;
    /// The Persian label.
    fn label_fa(self) -> &'static str;
    /// The English label.
    fn label_en(self) -> &'static str;
    /// Other Persian or English words accepted for this value.
    fn synonyms(self) -> &'static [&'static str];
    /// Every accepted name, folded once per process, with its value. Parsing compares the
    /// folded input against this table instead of folding every label on every call, which
    /// matters when an import parses millions of cells.
    fn folded_names() -> &'static [(String, Self)];

    /// The value whose stored code is exactly `code` (no folding: codes are written by
    /// Hamyar itself, so anything else is a damaged value, not a spelling).
    fn from_code(code: &str) -> Option<Self> {
        Self::all()
            .iter()
            .copied()
            .find(|value| value.code() == code)
    }

    /// The value whose code, label or synonym folds to the same key as
    /// `text`, if any.
    fn parse(text: &str) -> Option<Self> {
        let key = fold(text);
        if key.is_empty() {
            return None;
        }
        Self::folded_names()
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| *value)
    }

    /// The Persian labels of every value, joined with «، », for messages
    /// such as "choose one of …".
    fn labels_fa_joined() -> String {
        Self::all()
            .iter()
            .map(|value| value.label_fa())
            .collect::<Vec<_>>()
            .join("، ")
    }

    /// The English labels of every value, joined with ", ".
    fn labels_en_joined() -> String {
        Self::all()
            .iter()
            .map(|value| value.label_en())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The key codes, labels and typed text are compared on: [`search_key`]
/// without the punctuation that separates words in codes and labels.
pub(crate) fn fold(text: &str) -> String {
    search_key(text)
        .chars()
        .filter(|character| {
            !matches!(
                character,
                '_' | '-' | '\u{2010}' | '/' | '\\' | '(' | ')' | '.' | ',' | '،' | '«' | '»'
            )
        })
        .collect()
}

/// Declares a coded list: the enum, `ALL`, `code`, `label_fa`, `label_en`,
/// `synonyms`, `parse`, the [`CodedList`] impl, `Display` (the code) and
/// serde as the code (reading accepts whatever `parse` accepts).
macro_rules! coded_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($list_fa:literal, $list_en:literal) {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident => $code:literal, $label_fa:literal, $label_en:literal
                    $(, [$($synonym:literal),* $(,)?])?;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The stable snake_case code used in storage and files.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The Persian label.
            pub const fn label_fa(self) -> &'static str {
                match self {
                    $($name::$variant => $label_fa,)+
                }
            }

            /// The English label.
            pub const fn label_en(self) -> &'static str {
                match self {
                    $($name::$variant => $label_en,)+
                }
            }

            /// Other Persian or English words accepted by `parse`.
            pub const fn synonyms(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$($($synonym),*)?],)+
                }
            }

            /// Reads the code, the Persian or English label or a synonym,
            /// ignoring Arabic letter variants, the zero-width non-joiner,
            /// spacing, case and `_ - /`. `None` when nothing matches.
            pub fn parse(text: &str) -> Option<$name> {
                <$name as $crate::registry::codes::CodedList>::parse(text)
            }

            /// The value whose stored code is exactly `code`, without folding.
            pub fn from_code(code: &str) -> Option<$name> {
                <$name as $crate::registry::codes::CodedList>::from_code(code)
            }
        }

        impl $crate::registry::codes::CodedList for $name {
            const NAME_FA: &'static str = $list_fa;
            const NAME_EN: &'static str = $list_en;

            fn all() -> &'static [$name] {
                &$name::ALL
            }

            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn label_fa(self) -> &'static str {
                $name::label_fa(self)
            }

            fn label_en(self) -> &'static str {
                $name::label_en(self)
            }

            fn synonyms(self) -> &'static [&'static str] {
                $name::synonyms(self)
            }

            fn folded_names() -> &'static [(String, $name)] {
                static TABLE: ::std::sync::OnceLock<Vec<(String, $name)>> = ::std::sync::OnceLock::new();
                TABLE.get_or_init(|| {
                    let mut table = Vec::new();
                    for value in $name::ALL {
                        let names = [value.code(), value.label_fa(), value.label_en()];
                        for name in names.iter().chain(value.synonyms()) {
                            table.push(($crate::registry::codes::fold(name), value));
                        }
                    }
                    table
                })
            }
        }

        impl ::std::fmt::Display for $name {
            /// The stable code.
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.code())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| {
                    ::serde::de::Error::custom(format!(
                        "unknown {} {text:?}; expected one of: {}",
                        $list_en,
                        $name::ALL.map($name::code).join(", ")
                    ))
                })
            }
        }
    };
}

pub(crate) use coded_list;

coded_list! {
    /// Why a woman heads her household (علت سرپرستی).
    ///
    /// The causes fall into two groups ([`HeadshipGroup`]) that the law and
    /// the reports distinguish; see [`HeadshipCause::group`].
    pub enum HeadshipCause ("علت سرپرستی", "headship cause") {
        /// Her husband has died.
        Widow => "widow", "همسر فوت‌شده", "Widow",
            ["بیوه", "فوت همسر", "همسر متوفی"];
        /// She is divorced.
        Divorced => "divorced", "مطلقه", "Divorced", ["طلاق", "طلاق گرفته"];
        /// She lives apart from her husband without a divorce (متارکه).
        Separated => "separated", "متارکه", "Separated", ["متارکه کرده"];
        /// Her husband is addicted.
        HusbandAddicted => "husband_addicted", "همسر معتاد", "Husband addicted",
            ["اعتیاد همسر"];
        /// Her husband is in prison.
        HusbandImprisoned => "husband_imprisoned", "همسر زندانی", "Husband imprisoned",
            ["زندانی بودن همسر", "همسر محبوس"];
        /// Her husband has fled and does not provide.
        HusbandFugitive => "husband_fugitive", "همسر فراری", "Husband fugitive",
            ["فرار همسر", "همسر متواری"];
        /// Her husband is missing (مفقودالاثر).
        HusbandMissing => "husband_missing", "همسر مفقودالاثر", "Husband missing",
            ["همسر مفقود", "مفقودالاثر"];
        /// Her husband is disabled or unable to work.
        HusbandDisabled => "husband_disabled", "همسر از کار افتاده", "Husband disabled",
            ["همسر معلول", "همسر ناتوان"];
        /// Her husband is elderly.
        HusbandElderly => "husband_elderly", "همسر سالمند", "Husband elderly",
            ["همسر کهنسال"];
        /// Her husband is unemployed.
        HusbandUnemployed => "husband_unemployed", "همسر بیکار", "Husband unemployed";
        /// Her husband has migrated and does not provide.
        HusbandMigrant => "husband_migrant", "همسر مهاجر", "Husband migrant",
            ["همسر مهاجرت کرده"];
        /// Her husband is doing military service.
        HusbandInMilitaryService => "husband_in_military_service", "همسر سرباز",
            "Husband in military service", ["همسر در خدمت سربازی", "سربازی همسر"];
        /// A woman without a husband or guardian, often lone and elderly.
        SelfHeadedWoman => "self_headed_woman", "زن خودسرپرست", "Self-headed woman",
            ["خودسرپرست"];
        /// A girl who never married and has no guardian.
        SelfHeadedGirl => "self_headed_girl", "دختر خودسرپرست", "Self-headed girl";
        /// A woman who never married and is past the provincial age threshold.
        DefinitiveSinglehood => "definitive_singlehood", "تجرد قطعی", "Definitive singlehood",
            ["مجرد قطعی", "تجرد"];
    }
}

coded_list! {
    /// The two umbrella groups of headship causes.
    pub enum HeadshipGroup ("گروه سرپرستی", "headship group") {
        /// بی‌سرپرست: there is no breadwinner at all (the 1371 law's term).
        WithoutBreadwinner => "without_breadwinner", "بی‌سرپرست", "Without a breadwinner";
        /// بدسرپرست: the husband is present but does not or cannot provide.
        UnfitBreadwinner => "unfit_breadwinner", "بدسرپرست", "With an unfit breadwinner";
    }
}

impl HeadshipCause {
    /// The umbrella group of the cause.
    ///
    /// Widows, divorced women, self-headed women and girls and women in
    /// definitive singlehood have no husband at all: they are
    /// [`HeadshipGroup::WithoutBreadwinner`] (بی‌سرپرست). A separated woman
    /// (متارکه) is still married and every husband-* cause names a husband who
    /// exists but does not or cannot provide: they are
    /// [`HeadshipGroup::UnfitBreadwinner`] (بدسرپرست). The missing husband is
    /// counted here too, because legally he is alive and the marriage stands
    /// until a court rules otherwise; a court ruling of death makes her a
    /// widow, a new cause.
    pub const fn group(self) -> HeadshipGroup {
        match self {
            Self::Widow
            | Self::Divorced
            | Self::SelfHeadedWoman
            | Self::SelfHeadedGirl
            | Self::DefinitiveSinglehood => HeadshipGroup::WithoutBreadwinner,
            Self::Separated
            | Self::HusbandAddicted
            | Self::HusbandImprisoned
            | Self::HusbandFugitive
            | Self::HusbandMissing
            | Self::HusbandDisabled
            | Self::HusbandElderly
            | Self::HusbandUnemployed
            | Self::HusbandMigrant
            | Self::HusbandInMilitaryService => HeadshipGroup::UnfitBreadwinner,
        }
    }
}

coded_list! {
    /// Where the household lives (نوع سکونت).
    pub enum Settlement ("نوع سکونت", "settlement") {
        /// In a town or city.
        Urban => "urban", "شهری", "Urban", ["شهر"];
        /// In a village.
        Rural => "rural", "روستایی", "Rural", ["روستا"];
        /// With a nomadic tribe.
        Nomadic => "nomadic", "عشایری", "Nomadic", ["عشایر", "کوچ رو"];
    }
}

coded_list! {
    /// The highest education completed (میزان تحصیلات).
    pub enum Education ("میزان تحصیلات", "education") {
        /// Cannot read or write.
        Illiterate => "illiterate", "بی‌سواد", "Illiterate";
        /// Can read and write, without a school certificate.
        Literate => "literate", "سواد خواندن و نوشتن", "Literate",
            ["باسواد", "نهضت سوادآموزی"];
        /// Primary school (ابتدایی).
        Primary => "primary", "ابتدایی", "Primary school", ["دبستان"];
        /// Lower secondary school (سیکل, the former راهنمایی).
        LowerSecondary => "lower_secondary", "سیکل", "Lower secondary school",
            ["راهنمایی", "سیکل / راهنمایی", "متوسطه اول", "متوسطه دوره اول"];
        /// High-school diploma.
        Diploma => "diploma", "دیپلم", "Diploma",
            ["متوسطه دوم", "دبیرستان", "پیش دانشگاهی"];
        /// Associate degree (کاردانی, فوق‌دیپلم).
        Associate => "associate", "کاردانی", "Associate degree", ["فوق دیپلم"];
        /// Bachelor's degree (کارشناسی, لیسانس).
        Bachelor => "bachelor", "کارشناسی", "Bachelor's degree", ["لیسانس"];
        /// Master's degree (کارشناسی ارشد, فوق‌لیسانس).
        Master => "master", "کارشناسی ارشد", "Master's degree", ["فوق لیسانس", "ارشد"];
        /// Doctorate.
        Doctorate => "doctorate", "دکتری", "Doctorate", ["دکترا", "PhD"];
    }
}

coded_list! {
    /// How a household member is related to the woman (نسبت با سرپرست).
    pub enum Relation ("نسبت با سرپرست", "relation") {
        /// Her son or daughter.
        Child => "child", "فرزند", "Child", ["پسر", "دختر"];
        /// Her husband.
        Spouse => "spouse", "همسر", "Spouse", ["شوهر"];
        /// Her father or mother.
        Parent => "parent", "پدر یا مادر", "Parent", ["پدر", "مادر", "والدین"];
        /// Her brother or sister.
        Sibling => "sibling", "خواهر یا برادر", "Sibling", ["خواهر", "برادر"];
        /// Her grandchild.
        Grandchild => "grandchild", "نوه", "Grandchild";
        /// Anyone else living in the household.
        Other => "other", "سایر", "Other", ["دیگر", "غیره"];
    }
}

coded_list! {
    /// What a household member mainly does (وضعیت فعالیت).
    pub enum MemberActivity ("وضعیت فعالیت", "activity") {
        /// A young child not yet at school.
        Preschool => "preschool", "خردسال", "Preschool child",
            ["پیش دبستانی", "زیر سن مدرسه"];
        /// At school.
        InSchool => "in_school", "دانش‌آموز", "School pupil", ["محصل"];
        /// At university or college.
        University => "university", "دانشجو", "University student";
        /// In paid work.
        Working => "working", "شاغل", "Working";
        /// Looking for work.
        Unemployed => "unemployed", "بیکار", "Unemployed", ["جویای کار"];
        /// Keeps the home.
        Homemaker => "homemaker", "خانه‌دار", "Homemaker";
        /// Retired.
        Retired => "retired", "بازنشسته", "Retired";
        /// None of these (for example unable to work through illness).
        None => "none", "بدون فعالیت", "None", ["هیچ کدام", "فاقد فعالیت"];
    }
}

coded_list! {
    /// The kind of a document kept in a woman's file (نوع مدرک).
    pub enum DocumentKind ("نوع مدرک", "document kind") {
        /// The husband's death certificate.
        DeathCertificate => "death_certificate", "گواهی فوت", "Death certificate",
            ["گواهی فوت همسر"];
        /// The divorce deed.
        DivorceDeed => "divorce_deed", "طلاق‌نامه", "Divorce deed",
            ["سند طلاق", "گواهی طلاق"];
        /// Copies of the pages of the identity booklet (شناسنامه).
        BirthCertificatePages => "birth_certificate_pages", "صفحات شناسنامه",
            "Birth certificate pages", ["شناسنامه", "تصویر شناسنامه"];
        /// The lease of the home.
        Lease => "lease", "اجاره‌نامه", "Lease", ["قرارداد اجاره"];
        /// A court ruling (e.g. on a missing husband or custody).
        CourtRuling => "court_ruling", "حکم دادگاه", "Court ruling", ["رأی دادگاه"];
        /// The social worker's home-visit report.
        HomeVisitReport => "home_visit_report", "گزارش بازدید منزل", "Home visit report",
            ["گزارش بازدید", "بازدید منزل"];
        /// Any other document.
        Other => "other", "سایر", "Other", ["دیگر", "غیره"];
    }
}

coded_list! {
    /// Another body that may already support the woman, asked by inquiry
    /// (استعلام) to prevent double support.
    pub enum OtherBody ("نهاد حمایتی دیگر", "other support body") {
        /// Imam Khomeini Relief Committee.
        ReliefCommittee => "relief_committee", "کمیته امداد امام خمینی",
            "Imam Khomeini Relief Committee", ["کمیته امداد", "Relief Committee"];
        /// Social Security Organization.
        SocialSecurity => "social_security", "تأمین اجتماعی", "Social Security Organization",
            ["سازمان تأمین اجتماعی", "Social Security"];
        /// Any other body.
        Other => "other", "سایر", "Other", ["دیگر", "غیره"];
    }
}

coded_list! {
    /// The answer to an inquiry to another body.
    pub enum InquiryResult ("نتیجه استعلام", "inquiry result") {
        /// The body does not support her.
        NotCovered => "not_covered", "تحت پوشش نیست", "Not covered",
            ["فاقد پوشش", "عدم پوشش"];
        /// The body already supports her.
        Covered => "covered", "تحت پوشش است", "Covered", ["دارای پوشش"];
        /// No answer yet.
        Pending => "pending", "در انتظار پاسخ", "Pending", ["در انتظار", "بی‌پاسخ"];
    }
}

coded_list! {
    /// A woman's coverage status in one dated episode of her history; the
    /// allowed changes are in [`crate::registry::coverage`].
    pub enum CoverageStatus ("وضعیت پوشش", "coverage status") {
        /// She has applied and is being assessed.
        Applicant => "applicant", "متقاضی", "Applicant";
        /// Eligible, waiting for a place (پشت نوبت).
        WaitingList => "waiting_list", "پشت نوبت", "Waiting list",
            ["در نوبت", "فهرست انتظار", "لیست انتظار"];
        /// Covered by the programme (تحت پوشش).
        Covered => "covered", "تحت پوشش", "Covered";
        /// Covered and receiving the monthly pension (مستمری).
        Pensioner => "pensioner", "مستمری‌بگیر", "Pensioner", ["دریافت مستمری"];
        /// No longer supported; the reason is an [`ExitReason`].
        Exited => "exited", "خارج‌شده", "Exited", ["خروج", "خارج از پوشش"];
    }
}

coded_list! {
    /// Why a woman left support.
    pub enum ExitReason ("علت خروج", "exit reason") {
        /// Empowered and self-sufficient: the programme's goal
        /// (خروج از چرخه حمایت).
        Empowered => "empowered", "توانمند شده", "Empowered",
            ["خودکفا", "خروج از چرخه حمایت"];
        /// Moved away from the county or province.
        Moved => "moved", "جابه‌جایی", "Moved", ["جابجایی", "تغییر محل سکونت", "مهاجرت"];
        /// She has died.
        Deceased => "deceased", "فوت", "Deceased", ["درگذشت"];
        /// She has remarried.
        Remarried => "remarried", "ازدواج مجدد", "Remarried", ["ازدواج"];
        /// Any other reason.
        Other => "other", "سایر", "Other", ["دیگر", "غیره"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Arabic keyboards type ي and ك for Persian ی and ک.
    fn arabic_letters(text: &str) -> String {
        text.replace('ی', "ي").replace('ک', "ك")
    }

    /// Checks one list: codes, labels and synonyms all parse back to their
    /// value, also typed with Arabic letters, spaces instead of the zero-width
    /// non-joiner, or upper case; and no two values share a folded key.
    fn check_list<T: CodedList>() {
        let mut owners: HashMap<String, T> = HashMap::new();
        for &value in T::all() {
            let code = value.code();
            assert!(
                !code.is_empty()
                    && code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && !code.starts_with('_')
                    && !code.ends_with('_'),
                "{code:?} is not snake_case"
            );
            assert!(
                !value.label_fa().chars().any(|c| c.is_ascii_alphabetic()),
                "{value:?} has Latin letters in its Persian label"
            );
            assert!(
                !value.label_fa().contains(['ي', 'ك']),
                "{value:?} has Arabic letters in its Persian label"
            );
            let names = [code, value.label_fa(), value.label_en()];
            for name in names.iter().chain(value.synonyms()) {
                assert_eq!(T::parse(name), Some(value), "{name:?}");
                let key = fold(name);
                if let Some(owner) = owners.insert(key, value) {
                    assert_eq!(owner, value, "{name:?} is ambiguous in {}", T::NAME_EN);
                }
            }
            let fa = value.label_fa();
            assert_eq!(T::parse(&arabic_letters(fa)), Some(value), "{fa}");
            assert_eq!(T::parse(&fa.replace('\u{200C}', " ")), Some(value), "{fa}");
            assert_eq!(T::parse(&format!("  {fa}\t")), Some(value), "{fa}");
            assert_eq!(
                T::parse(&value.label_en().to_uppercase()),
                Some(value),
                "{}",
                value.label_en()
            );
        }
        assert_eq!(T::parse(""), None);
        assert_eq!(T::parse("  "), None);
        assert_eq!(T::parse("چیز ناشناخته"), None);
    }

    #[test]
    fn every_headship_cause_round_trips_through_parse() {
        check_list::<HeadshipCause>();
    }

    #[test]
    fn every_headship_group_round_trips_through_parse() {
        check_list::<HeadshipGroup>();
    }

    #[test]
    fn every_settlement_round_trips_through_parse() {
        check_list::<Settlement>();
    }

    #[test]
    fn every_education_level_round_trips_through_parse() {
        check_list::<Education>();
    }

    #[test]
    fn every_relation_round_trips_through_parse() {
        check_list::<Relation>();
    }

    #[test]
    fn every_member_activity_round_trips_through_parse() {
        check_list::<MemberActivity>();
    }

    #[test]
    fn every_document_kind_round_trips_through_parse() {
        check_list::<DocumentKind>();
    }

    #[test]
    fn every_other_body_round_trips_through_parse() {
        check_list::<OtherBody>();
    }

    #[test]
    fn every_inquiry_result_round_trips_through_parse() {
        check_list::<InquiryResult>();
    }

    #[test]
    fn every_coverage_status_round_trips_through_parse() {
        check_list::<CoverageStatus>();
    }

    #[test]
    fn every_exit_reason_round_trips_through_parse() {
        check_list::<ExitReason>();
    }

    #[test]
    fn all_lists_every_value_exactly_once() {
        assert_eq!(HeadshipCause::ALL.len(), 15);
        assert_eq!(Education::ALL.len(), 9);
        assert_eq!(MemberActivity::ALL.len(), 8);
        let codes: std::collections::HashSet<_> =
            HeadshipCause::ALL.map(HeadshipCause::code).into();
        assert_eq!(codes.len(), 15);
    }

    #[test]
    fn common_synonyms_and_typing_variants_are_understood() {
        assert_eq!(HeadshipCause::parse("بیوه"), Some(HeadshipCause::Widow));
        assert_eq!(
            HeadshipCause::parse("همسر فوت شده"),
            Some(HeadshipCause::Widow)
        );
        assert_eq!(
            HeadshipCause::parse("همسر ازکارافتاده"),
            Some(HeadshipCause::HusbandDisabled)
        );
        assert_eq!(
            HeadshipCause::parse("همسر معلول"),
            Some(HeadshipCause::HusbandDisabled)
        );
        assert_eq!(
            HeadshipCause::parse("SELF_HEADED_GIRL"),
            Some(HeadshipCause::SelfHeadedGirl)
        );
        assert_eq!(Education::parse("فوق‌دیپلم"), Some(Education::Associate));
        assert_eq!(Education::parse("ليسانس"), Some(Education::Bachelor));
        assert_eq!(
            Education::parse("سیکل / راهنمایی"),
            Some(Education::LowerSecondary)
        );
        assert_eq!(Education::parse("بيسواد"), Some(Education::Illiterate));
        assert_eq!(
            OtherBody::parse("تامين اجتماعي"),
            Some(OtherBody::SocialSecurity)
        );
        assert_eq!(ExitReason::parse("جابجایی"), Some(ExitReason::Moved));
        assert_eq!(Relation::parse("مادر"), Some(Relation::Parent));
        assert_eq!(
            MemberActivity::parse("خانه دار"),
            Some(MemberActivity::Homemaker)
        );
        assert_eq!(
            DocumentKind::parse("طلاقنامه"),
            Some(DocumentKind::DivorceDeed)
        );
        assert_eq!(
            CoverageStatus::parse("مستمري بگير"),
            Some(CoverageStatus::Pensioner)
        );
    }

    #[test]
    fn the_parts_of_a_label_alone_are_not_a_value() {
        assert_eq!(HeadshipCause::parse("همسر"), None);
        assert_eq!(HeadshipCause::parse("husband"), None);
        assert_eq!(CoverageStatus::parse("تحت"), None);
    }

    #[test]
    fn widows_divorcees_and_single_women_have_no_breadwinner() {
        use HeadshipCause::*;
        for cause in [
            Widow,
            Divorced,
            SelfHeadedWoman,
            SelfHeadedGirl,
            DefinitiveSinglehood,
        ] {
            assert_eq!(cause.group(), HeadshipGroup::WithoutBreadwinner, "{cause}");
        }
    }

    #[test]
    fn separation_and_every_husband_cause_mean_an_unfit_breadwinner() {
        for cause in HeadshipCause::ALL {
            let husband_related =
                cause.code().starts_with("husband_") || cause == HeadshipCause::Separated;
            assert_eq!(
                cause.group() == HeadshipGroup::UnfitBreadwinner,
                husband_related,
                "{cause}"
            );
        }
    }

    #[test]
    fn group_labels_are_the_legal_terms() {
        assert_eq!(HeadshipGroup::WithoutBreadwinner.label_fa(), "بی‌سرپرست");
        assert_eq!(HeadshipGroup::UnfitBreadwinner.label_fa(), "بدسرپرست");
    }

    #[test]
    fn display_and_serde_use_the_code() {
        assert_eq!(
            HeadshipCause::HusbandInMilitaryService.to_string(),
            "husband_in_military_service"
        );
        assert_eq!(
            serde_json::to_string(&Settlement::Nomadic).unwrap(),
            "\"nomadic\""
        );
        let read: Settlement = serde_json::from_str("\"روستایی\"").unwrap();
        assert_eq!(read, Settlement::Rural);
        let error = serde_json::from_str::<Settlement>("\"جنگل\"").unwrap_err();
        assert!(
            error.to_string().contains("urban, rural, nomadic"),
            "{error}"
        );
    }

    #[test]
    fn joined_labels_list_every_value_in_order() {
        assert_eq!(Settlement::labels_fa_joined(), "شهری، روستایی، عشایری");
        assert_eq!(Settlement::labels_en_joined(), "Urban, Rural, Nomadic");
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = HeadshipCause::parse(&text);
            let _ = Settlement::parse(&text);
            let _ = Education::parse(&text);
            let _ = Relation::parse(&text);
            let _ = MemberActivity::parse(&text);
            let _ = DocumentKind::parse(&text);
            let _ = OtherBody::parse(&text);
            let _ = InquiryResult::parse(&text);
            let _ = CoverageStatus::parse(&text);
            let _ = ExitReason::parse(&text);
        }

        #[test]
        fn labels_survive_arbitrary_surrounding_whitespace_and_zwnj(
            index in 0..HeadshipCause::ALL.len(),
            before in "[ \t\u{200C}]{0,3}",
            after in "[ \t\u{200C}]{0,3}",
        ) {
            let cause = HeadshipCause::ALL[index];
            let typed = format!("{before}{}{after}", cause.label_fa());
            prop_assert_eq!(HeadshipCause::parse(&typed), Some(cause));
        }
    }
}
