//! The kinds of place that Hamyar's reference data and reports are organised by.
//!
//! Reports are published per country, province (استان) and county
//! (شهرستان). The places themselves — names, codes and boundaries, which
//! change over time — are dated reference data kept in storage; this module
//! only names the levels, with the stable codes used to store them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::message::{Message, localized_message};

/// A level of the administrative hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// The whole country.
    Country,
    /// One of the 31 provinces, e.g. Qazvin.
    Province,
    /// A county within a province, e.g. Takestan.
    County,
}

/// Why a text is not a place kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown place kind {text:?}; expected country, province or county")]
pub struct PlaceKindError {
    /// The text that was not recognised.
    pub text: String,
}

impl PlaceKindError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        Message::new("place_kind-unknown").arg("text", self.text.as_str())
    }
}

localized_message!(PlaceKindError);

impl PlaceKind {
    /// Every kind, from the largest to the smallest.
    pub const ALL: [PlaceKind; 3] = [PlaceKind::Country, PlaceKind::Province, PlaceKind::County];

    /// Parses the stored code `country`, `province` or `county` (case and
    /// surrounding space ignored).
    pub fn parse(text: &str) -> Result<PlaceKind, PlaceKindError> {
        let code = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == code)
            .ok_or_else(|| PlaceKindError {
                text: text.to_owned(),
            })
    }

    /// The stored code.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Province => "province",
            Self::County => "county",
        }
    }

    /// The Persian label: کشور, استان or شهرستان.
    pub const fn label_fa(self) -> &'static str {
        match self {
            Self::Country => "کشور",
            Self::Province => "استان",
            Self::County => "شهرستان",
        }
    }

    /// The kind directly above this one, if any.
    pub const fn parent(self) -> Option<PlaceKind> {
        match self {
            Self::Country => None,
            Self::Province => Some(Self::Country),
            Self::County => Some(Self::Province),
        }
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl std::str::FromStr for PlaceKind {
    type Err = PlaceKindError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for PlaceKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PlaceKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_kind_parses_from_its_code() {
        for kind in PlaceKind::ALL {
            assert_eq!(PlaceKind::parse(kind.as_str()), Ok(kind));
        }
    }

    #[test]
    fn case_and_surrounding_space_are_ignored() {
        assert_eq!(PlaceKind::parse(" Province "), Ok(PlaceKind::Province));
    }

    #[test]
    fn unknown_kinds_are_rejected_with_a_message() {
        let error = PlaceKind::parse("village").unwrap_err();
        assert_eq!(
            error.message(),
            Message::new("place_kind-unknown").arg("text", "village")
        );
    }

    #[test]
    fn counties_belong_to_provinces_which_belong_to_the_country() {
        assert_eq!(PlaceKind::County.parent(), Some(PlaceKind::Province));
        assert_eq!(PlaceKind::Province.parent(), Some(PlaceKind::Country));
        assert_eq!(PlaceKind::Country.parent(), None);
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            serde_json::to_string(&PlaceKind::County).unwrap(),
            "\"county\""
        );
        assert_eq!(
            serde_json::from_str::<PlaceKind>("\"province\"").unwrap(),
            PlaceKind::Province
        );
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = PlaceKind::parse(&text);
        }
    }
}
