//! The `TrainingReportsRepo` port: the training tally of a place and a span of days — the one
//! computation behind the training report, the catalogue's training figures and the press
//! sentence (`app/src/training/report.rs` defines each figure). It is read by a few grouped
//! queries, one row per (county, course kind, provider), never run by run, so a county's report
//! answers in milliseconds at national scale (1M enrolments, 20M attendance marks).
//!
//! Two bases, both documented in `docs/DESIGN.md` ("Training reports"): the **runs that ended
//! in the span** (their last session falls in it; cancelled runs left out) give the runs, their
//! women, outcomes, hours and what the ledger paid for them, so each cost divides money by the
//! people and hours it bought; the **sessions held in the span** give the hours delivered in
//! it and the runs taught, whenever those runs end.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;

use super::StoreResult;
use crate::access::PlaceId;
use crate::ids::{CourseKindId, CourseRunId, ProviderId};

/// The place and span a tally counts: a province's (or one county's, or the country's with
/// neither) runs and sessions on the days `from..until` (`until` excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainingTallyFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub from: JalaliDate,
    pub until: JalaliDate,
}

/// One (county, course kind, provider) of a tally; a combination with nothing counted on
/// either base is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainingTallyRow {
    pub county_id: PlaceId,
    pub course_kind_id: CourseKindId,
    pub provider_id: ProviderId,
    /// Runs whose last session falls in the span.
    pub runs_ended: i64,
    /// Their enrolments, whatever became of them (dropouts included: their seats were paid).
    pub enrolled: i64,
    pub completed: i64,
    pub dropped: i64,
    /// The hours of all the sessions of those runs.
    pub run_hours: i64,
    /// What the ledger paid for those runs: their payments now *paid*.
    pub paid_rials: i64,
    /// Runs with a session held in the span.
    pub runs_taught: i64,
    /// The hours of the sessions held in the span (before a run's cancellation, if any).
    pub hours_delivered: i64,
}

#[async_trait]
pub trait TrainingReportsRepo {
    /// The tally by county, course kind and provider (in that order of ids).
    async fn training_tally(
        &mut self,
        filter: &TrainingTallyFilter,
    ) -> StoreResult<Vec<TrainingTallyRow>>;

    /// The women who completed a run that ended in the span, each counted once however many
    /// runs she completed.
    async fn training_women_completed(&mut self, filter: &TrainingTallyFilter) -> StoreResult<i64>;

    /// The runs the tally's first base counts (ended in the span, not cancelled), with their
    /// codes, by last session then id, at most `limit`: the records behind the figures.
    async fn training_runs_ended(
        &mut self,
        filter: &TrainingTallyFilter,
        limit: i64,
    ) -> StoreResult<Vec<(CourseRunId, String)>>;
}
