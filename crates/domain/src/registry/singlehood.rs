//! The age threshold for definitive singlehood (تجرد قطعی), which provinces set
//! for themselves.
//!
//! A never-married woman is accepted as a head of household for definitive
//! singlehood only from a certain age, and that age is 45, 50 or 55 years
//! depending on the province. The national rules carry one threshold
//! ([`EligibilityRules::singlehood_min_age_years`], any age from 18 up); a
//! province may replace it with one of the three values provinces use —
//! [`ProvincialSinglehoodAge`] accepts nothing else. A woman is judged by the
//! threshold of her province when it has one and by the national one
//! otherwise; [`SinglehoodThreshold`] says which one applied, so the verdict
//! of her eligibility check can name it ("… to the minimum age for definitive
//! singlehood in Qazvin province (50)").

use crate::message::{Message, MessageArg};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::digits::to_latin_digits;
use crate::registry::eligibility::EligibilityRules;
use crate::registry::problem::Problem;

/// The thresholds a province may choose, in years.
pub const SINGLEHOOD_AGE_CHOICES: [u8; 3] = [45, 50, 55];

/// The input field a province's threshold is typed or chosen in.
pub const SINGLEHOOD_AGE_FIELD: &str = "singlehood_age";

/// A province's own threshold for definitive singlehood: 45, 50 or 55 years.
/// Stored and read as a plain number; any other number is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct ProvincialSinglehoodAge(u8);

impl ProvincialSinglehoodAge {
    /// The threshold of `years`, if it is one a province may choose.
    pub fn new(years: u8) -> Result<ProvincialSinglehoodAge, Problem> {
        if SINGLEHOOD_AGE_CHOICES.contains(&years) {
            Ok(ProvincialSinglehoodAge(years))
        } else {
            Err(not_a_choice())
        }
    }

    /// Reads a typed threshold: Persian, Arabic-Indic or Latin digits, spaces
    /// around it ignored.
    pub fn parse(text: &str) -> Result<ProvincialSinglehoodAge, Problem> {
        to_latin_digits(text.trim())
            .parse::<u8>()
            .map_err(|_| not_a_choice())
            .and_then(ProvincialSinglehoodAge::new)
    }

    /// The threshold in years.
    pub fn years(self) -> u8 {
        self.0
    }
}

fn not_a_choice() -> Problem {
    Problem::new(
        SINGLEHOOD_AGE_FIELD,
        Message::new("singlehood-age_not_a_choice"),
    )
}

impl TryFrom<u8> for ProvincialSinglehoodAge {
    type Error = Problem;

    fn try_from(years: u8) -> Result<Self, Self::Error> {
        ProvincialSinglehoodAge::new(years)
    }
}

impl From<ProvincialSinglehoodAge> for u8 {
    fn from(age: ProvincialSinglehoodAge) -> u8 {
        age.0
    }
}

impl fmt::Display for ProvincialSinglehoodAge {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.0)
    }
}

/// The threshold for definitive singlehood that applies to one woman, and
/// where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SinglehoodThreshold {
    /// Her province has no threshold of its own: the national rules apply.
    National {
        /// The national threshold in years.
        years: u8,
    },
    /// Her province's own threshold.
    Provincial {
        /// The province's threshold.
        age: ProvincialSinglehoodAge,
        /// The province's Persian name, e.g. «قزوین».
        province_fa: String,
        /// The province's English name, e.g. "Qazvin".
        province_en: String,
    },
}

impl SinglehoodThreshold {
    /// The national threshold of `rules`.
    pub fn national(rules: &EligibilityRules) -> SinglehoodThreshold {
        SinglehoodThreshold::National {
            years: rules.singlehood_min_age_years,
        }
    }

    /// A province's own threshold.
    pub fn provincial(
        age: ProvincialSinglehoodAge,
        province_fa: impl Into<String>,
        province_en: impl Into<String>,
    ) -> SinglehoodThreshold {
        SinglehoodThreshold::Provincial {
            age,
            province_fa: province_fa.into(),
            province_en: province_en.into(),
        }
    }

    /// The threshold in years.
    pub fn years(&self) -> u8 {
        match self {
            SinglehoodThreshold::National { years } => *years,
            SinglehoodThreshold::Provincial { age, .. } => age.years(),
        }
    }

    /// True when it is a province's own threshold.
    pub fn is_provincial(&self) -> bool {
        matches!(self, SinglehoodThreshold::Provincial { .. })
    }

    /// Its name in a sentence: «حداقل سن تجرد قطعی کشوری» ("the national minimum age for
    /// definitive singlehood") or «حداقل سن تجرد قطعی استان قزوین» ("the minimum age for
    /// definitive singlehood in Qazvin province").
    pub fn name(&self) -> Message {
        match self {
            SinglehoodThreshold::National { .. } => Message::new("singlehood-national_threshold"),
            SinglehoodThreshold::Provincial {
                province_fa,
                province_en,
                ..
            } => Message::new("singlehood-provincial_threshold").arg(
                "province",
                MessageArg::label(province_fa.as_str(), province_en.as_str()),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_45_50_and_55_are_a_provinces_choice() {
        for years in SINGLEHOOD_AGE_CHOICES {
            assert_eq!(ProvincialSinglehoodAge::new(years).unwrap().years(), years);
        }
        for years in [0, 18, 44, 46, 48, 51, 56, 60, 120, 255] {
            let problem = ProvincialSinglehoodAge::new(years).unwrap_err();
            assert_eq!(problem.field, "singlehood_age");
            assert_eq!(
                problem.message.fa(),
                "حداقل سن تجرد قطعی یک استان فقط می‌تواند ۴۵، ۵۰ یا ۵۵ سال باشد"
            );
        }
    }

    #[test]
    fn a_typed_threshold_may_use_persian_digits_and_spaces() {
        assert_eq!(ProvincialSinglehoodAge::parse(" ۵۰ ").unwrap().years(), 50);
        assert_eq!(ProvincialSinglehoodAge::parse("٥٥").unwrap().years(), 55);
        assert_eq!(ProvincialSinglehoodAge::parse("45").unwrap().years(), 45);
        for text in ["", "abc", "۴۸", "-45", "45.0", "300"] {
            assert!(ProvincialSinglehoodAge::parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn a_stored_threshold_reads_back_and_a_tampered_one_is_refused() {
        let age = ProvincialSinglehoodAge::new(55).unwrap();
        assert_eq!(serde_json::to_string(&age).unwrap(), "55");
        assert_eq!(
            serde_json::from_str::<ProvincialSinglehoodAge>("55").unwrap(),
            age
        );
        assert!(serde_json::from_str::<ProvincialSinglehoodAge>("48").is_err());
    }

    #[test]
    fn the_threshold_names_where_it_comes_from() {
        let national = SinglehoodThreshold::national(&EligibilityRules::default());
        assert_eq!(national.years(), 45);
        assert!(!national.is_provincial());
        assert_eq!(national.name().fa(), "حداقل سن تجرد قطعی کشوری");
        let qazvin = SinglehoodThreshold::provincial(
            ProvincialSinglehoodAge::new(50).unwrap(),
            "قزوین",
            "Qazvin",
        );
        assert_eq!(qazvin.years(), 50);
        assert!(qazvin.is_provincial());
        assert_eq!(
            qazvin.name(),
            Message::new("singlehood-provincial_threshold")
                .arg("province", MessageArg::label("قزوین", "Qazvin"))
        );
    }
}
