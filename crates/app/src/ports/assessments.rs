//! The `AssessmentsRepo` port: the instruments (versioned questionnaires, kept as their JSON
//! definitions) and the filled forms — one row per woman, instrument and occasion of her
//! schedule, its answers as a JSON object, and its scores in rows of their own so that the
//! outcome reports can pair a woman's baseline with her follow-up in SQL (migration 0028).
//!
//! The schedule itself is never stored: [`AssessmentsRepo::followed_women`] reads, for a
//! place, the women who have ever joined a group or enrolled in a course — the day they first
//! did and the day their coverage ended — and [`AssessmentsRepo::taken_occasions`] which
//! occasions they have forms for; the app (`hamyar_domain::outcomes::schedule`) says what is
//! owed.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use jiff::Timestamp;

use super::StoreResult;
use super::group_life::AssignedTo;
use super::groups::PlaceFilter;
use crate::access::{PlaceId, UserId};
use crate::ids::WomanId;

pub use crate::ids::AssessmentId;

/// One version of an instrument as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstrumentRow {
    pub code: String,
    pub version: i64,
    /// The definition as JSON (`hamyar_domain::outcomes::instrument::Instrument`).
    pub definition: String,
    /// Whether the schedule asks for it (baseline, follow-ups, exit).
    pub scheduled: bool,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub created_at: Timestamp,
}

/// A filled form as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRow {
    pub id: AssessmentId,
    pub woman_id: WomanId,
    /// The woman's place when the form was taken.
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub instrument_code: String,
    pub instrument_version: i64,
    /// The occasion's code (`baseline`, `follow_up`, `exit`, `after_exit_6`, `after_exit_12`).
    pub occasion: String,
    /// The follow-up's number; 0 for the other occasions.
    pub round: i64,
    /// The day she answered (a fact).
    pub taken_on: JalaliDate,
    /// Whether every item is answered.
    pub complete: bool,
    /// The answers as a JSON object (`hamyar_domain::outcomes::answers::Answers`).
    pub answers: String,
    /// Each score of the instrument, `None` when an item of it is not answered.
    pub scores: Vec<(String, Option<i64>)>,
    /// `form` (typed on a page) or `import` (a spreadsheet of paper forms).
    pub source: String,
    pub note: Option<String>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// Which women are followed: a place, perhaps a person's own groups, perhaps one woman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowedQuery {
    pub place: PlaceFilter,
    /// A social worker's (facilitator's) own: women of the groups she follows now, and (a
    /// social worker) the women whose file names her.
    pub assigned: Option<AssignedTo>,
    pub woman: Option<WomanId>,
    /// 0: all.
    pub limit: i64,
}

/// A woman who is followed, with what her schedule is drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowedRow {
    pub woman_id: WomanId,
    pub first_name: String,
    pub last_name: String,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// The day she first joined a group or enrolled in a course.
    pub started_on: JalaliDate,
    /// The day her coverage ended, when it has.
    pub exited_on: Option<JalaliDate>,
}

/// One occasion a woman has a form for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenRow {
    pub woman_id: WomanId,
    pub instrument_code: String,
    pub occasion: String,
    pub round: i64,
}

/// A page of the forms of one instrument in a place, for an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentsQuery {
    pub place: PlaceFilter,
    pub instrument_code: String,
    /// Forms with a larger id than this (0: from the first).
    pub after: AssessmentId,
    pub limit: i64,
}

/// A form with whose it is, for an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedAssessment {
    pub row: AssessmentRow,
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
}

#[async_trait]
pub trait AssessmentsRepo: Send {
    /// Every version of every instrument, by code then version.
    async fn instruments(&mut self) -> StoreResult<Vec<InstrumentRow>>;
    /// One version of an instrument.
    async fn instrument(&mut self, code: &str, version: i64) -> StoreResult<Option<InstrumentRow>>;
    /// Adds a version; `StoreError::Unique` when that version exists.
    async fn insert_instrument(&mut self, row: &InstrumentRow) -> StoreResult<()>;
    /// Adds a form with its scores; `StoreError::Unique` when she already has a form of that
    /// instrument for that occasion.
    async fn insert_assessment(&mut self, row: &AssessmentRow) -> StoreResult<AssessmentId>;
    async fn assessment_by_id(&mut self, id: AssessmentId) -> StoreResult<Option<AssessmentRow>>;
    /// A woman's forms, oldest first.
    async fn assessments_of(&mut self, woman: WomanId) -> StoreResult<Vec<AssessmentRow>>;
    /// The women followed in a place, by id.
    async fn followed_women(&mut self, query: &FollowedQuery) -> StoreResult<Vec<FollowedRow>>;
    /// The occasions these women have forms for (of any instrument).
    async fn taken_occasions(&mut self, women: &[WomanId]) -> StoreResult<Vec<TakenRow>>;
    /// A page of one instrument's forms in a place, by id.
    async fn assessments_page(
        &mut self,
        query: &AssessmentsQuery,
    ) -> StoreResult<Vec<ExportedAssessment>>;
}
