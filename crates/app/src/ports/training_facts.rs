//! The `TrainingFactsRepo` port: what a grant's condition "training completed" is judged on,
//! read from the completion records of the training tables (migration 0023) and the groups'
//! memberships. It is a port of its own rather than more of `TrainingRepo` because it answers
//! the grants' question, not the training pages', and its two reads are all the grants need.
//! Both are taken on a day, so a tranche judged today and the same tranche judged again
//! inside its approval's transaction see the records as they stood on that day.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;

use super::StoreResult;
use crate::ids::{GroupId, WomanId};

/// A group's members on a day and how many of them completed a course by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupTrainingTally {
    /// The women whose membership covers the day (joined on or before it, not left on or
    /// before it), each counted once.
    pub members: i64,
    /// How many of them hold an enrolment whose outcome is *completed*, dated on or before
    /// the day (any course, with this group or not).
    pub completed: i64,
    /// The latest of those women's first completions on or before the day.
    pub latest_completed_on: Option<JalaliDate>,
}

#[async_trait]
pub trait TrainingFactsRepo {
    /// The group's training on `day`.
    async fn group_training_on(
        &mut self,
        group_id: GroupId,
        day: JalaliDate,
    ) -> StoreResult<GroupTrainingTally>;
    /// The day of the woman's first completed enrolment, if she has one.
    async fn first_completion_of(&mut self, woman_id: WomanId) -> StoreResult<Option<JalaliDate>>;
}
