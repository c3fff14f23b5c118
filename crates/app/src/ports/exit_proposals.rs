//! The `ExitProposalsRepo` port: proposals that a woman or a group leave support as empowered,
//! and their decisions (migration 0029). A proposal is written once with its evidence and the
//! verdicts of the criteria as they stood; it changes state once, from *proposed*, through
//! [`ExitProposalsRepo::decide_exit_proposal`], a conditional update that says whether it won
//! (two experts deciding at once cannot both). One open proposal per woman or group
//! (`StoreError::Unique` for a second).

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use jiff::Timestamp;

use super::StoreResult;
use super::groups::PlaceFilter;
use crate::access::{PlaceId, UserId};
use crate::ids::{GroupId, WomanId};

pub use crate::ids::ExitProposalId;

/// A proposal as stored (`id` ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitProposalRow {
    pub id: ExitProposalId,
    /// Exactly one of the two.
    pub woman_id: Option<WomanId>,
    pub group_id: Option<GroupId>,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// `proposed`, `approved` or `returned`.
    pub state: String,
    /// The day it was proposed (a fact).
    pub proposed_on: JalaliDate,
    pub evidence: String,
    /// The criteria's verdicts when proposed, as JSON.
    pub verdicts: String,
    pub proposed_by: Option<UserId>,
    pub proposed_by_name: String,
    pub proposed_at: Timestamp,
    pub decided_on: Option<JalaliDate>,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decision_note: Option<String>,
    pub decided_at: Option<Timestamp>,
}

/// A decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitDecision {
    /// `approved` or `returned`.
    pub state: &'static str,
    pub decided_on: JalaliDate,
    pub decided_by: Option<UserId>,
    pub decided_by_name: String,
    pub note: Option<String>,
    pub decided_at: Timestamp,
}

/// An open proposal with the name of whom it concerns, for the experts' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenExitProposal {
    pub row: ExitProposalRow,
    /// The woman's name, or the group's.
    pub name: String,
}

#[async_trait]
pub trait ExitProposalsRepo: Send {
    async fn insert_exit_proposal(&mut self, row: &ExitProposalRow) -> StoreResult<ExitProposalId>;
    async fn exit_proposal_by_id(
        &mut self,
        id: ExitProposalId,
    ) -> StoreResult<Option<ExitProposalRow>>;
    /// A woman's proposals, oldest first.
    async fn exit_proposals_of_woman(
        &mut self,
        woman: WomanId,
    ) -> StoreResult<Vec<ExitProposalRow>>;
    /// A group's proposals, oldest first.
    async fn exit_proposals_of_group(
        &mut self,
        group: GroupId,
    ) -> StoreResult<Vec<ExitProposalRow>>;
    /// The open proposals of a place, oldest first, at most `limit`.
    async fn open_exit_proposals(
        &mut self,
        place: PlaceFilter,
        limit: i64,
    ) -> StoreResult<Vec<OpenExitProposal>>;
    /// Decides a proposal still *proposed*; `false` when it no longer is.
    async fn decide_exit_proposal(
        &mut self,
        id: ExitProposalId,
        decision: &ExitDecision,
    ) -> StoreResult<bool>;
}
