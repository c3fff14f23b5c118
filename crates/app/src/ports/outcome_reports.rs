//! The `OutcomeReportsRepo` port: what the outcome report (issue 19) reads — each woman's
//! baseline form of an instrument paired with her latest later form in a span, summed per
//! (county, business field, cohort) in SQL, and the coverage exits as empowered and returns
//! to coverage per county. The pairing is done by the database (a window over the span's
//! forms, then the baseline by the form table's unique key), and only sums travel: a
//! province of 20,000 women answers with a few hundred rows, never one per woman.
//!
//! What is counted is defined in `app/src/outcomes/report.rs` (and `docs/DESIGN.md`,
//! "Outcome reports"); the rows here are its raw material.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;

use super::StoreResult;
use crate::access::PlaceId;

/// The place and span of an outcome tally: a province's (or one county's, or the country's
/// with neither) forms taken on the days `from..until` (`until` excluded), and the Jalali
/// years a woman's cohort can fall in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub from: JalaliDate,
    pub until: JalaliDate,
    /// Each cohort year with its first day, ascending: a group that started on or after a
    /// year's first day and before the next's is of that year; one that started before the
    /// first listed day is of the year before it.
    pub cohort_years: Vec<(i32, JalaliDate)>,
    /// Whether pairs are placed by business field and cohort (the report); without, every
    /// cell has neither (`None`) and only the counties' sums are told apart, which is all
    /// the catalogue's sheet, made on every dashboard view, needs.
    pub placed: bool,
}

/// Which score of which instrument is paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreRef {
    pub instrument_code: &'static str,
    pub score_code: &'static str,
}

/// The pairs of one score in one (county, business field, cohort): the county of her latest
/// form, the business field of the group she belonged to on its day (`None`: in no group)
/// and the Jalali year her first group started (`None`: never in a group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairCell {
    pub county_id: PlaceId,
    pub business_field: Option<String>,
    pub cohort: Option<i32>,
    /// Women with a pair.
    pub women: i64,
    /// The sums of their baseline and latest values.
    pub baseline_sum: i64,
    pub latest_sum: i64,
    /// How many had a value above zero at baseline, and at the latest form.
    pub positive_at_baseline: i64,
    pub positive_at_latest: i64,
}

/// The coverage movements of one county in the span (women by their county now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitCell {
    pub county_id: PlaceId,
    /// Women with a coverage exit as empowered dated in the span.
    pub graduated: i64,
    /// Women who once exited as empowered and have a later episode other than an exit dated
    /// in the span: a return to coverage.
    pub returned: i64,
}

#[async_trait]
pub trait OutcomeReportsRepo {
    /// The pairs of `score` in the filter's place and span, by county, field and cohort.
    async fn outcome_pairs(
        &mut self,
        filter: &OutcomeFilter,
        score: ScoreRef,
    ) -> StoreResult<Vec<PairCell>>;

    /// The exits as empowered and returns of the span, by county (counties with neither left
    /// out), ordered by county id.
    async fn outcome_exits(&mut self, filter: &OutcomeFilter) -> StoreResult<Vec<ExitCell>>;
}
