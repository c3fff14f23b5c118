//! Outcomes (issue 19): what changed for each woman, measured with questionnaires held as
//! data.
//!
//! - [`instrument`]: a versioned questionnaire — sections, items, answer scales, scores with
//!   reversed items — and the checks a definition passes before it is used.
//! - [`answers`]: a filled form's answers read from typed text, every mistake by item.
//! - [`scoring`]: the scores of a form; a form missing an item of a score has no value for it.
//! - [`graduation`]: the criteria a woman or a group is judged on to leave support as
//!   empowered, one verdict per criterion.
//! - [`schedule`]: when her forms fall due — baseline, six-monthly follow-ups, at exit, and
//!   six and twelve months after.
//! - [`ROSENBERG`] and [`HOUSEHOLD_ECONOMICS`]: the two instruments Hamyar ships, as the JSON
//!   definitions a national expert would upload (the app installs them).

pub mod answers;
pub mod graduation;
pub mod instrument;
pub mod schedule;
pub mod scoring;

/// Rosenberg's self-esteem scale in Persian: ten items answered 1 = strongly agree …
/// 4 = strongly disagree, each scored 0–3 so that higher means more self-esteem (items 2, 5,
/// 6, 8 and 9 reversed), total 0–30.
pub const ROSENBERG: &str = include_str!("shipped/rosenberg.json");

/// The household economics form: monthly income by source, expenses, savings, debts, assets,
/// employment, hours and insurance; scores her own income, the total and the pension.
pub const HOUSEHOLD_ECONOMICS: &str = include_str!("shipped/household_economics.json");

/// The shipped instruments parsed, for the domain's own tests.
#[cfg(test)]
pub(crate) mod shipped_for_tests {
    use super::instrument::Instrument;

    pub fn rosenberg() -> Instrument {
        serde_json::from_str(super::ROSENBERG).unwrap()
    }

    pub fn household_economics() -> Instrument {
        serde_json::from_str(super::HOUSEHOLD_ECONOMICS).unwrap()
    }

    #[test]
    fn the_shipped_instruments_pass_their_checks() {
        assert_eq!(rosenberg().check(), Vec::new());
        assert_eq!(household_economics().check(), Vec::new());
        assert_eq!(rosenberg().items.len(), 10);
    }
}
