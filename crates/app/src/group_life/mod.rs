//! The life of a group after it is formed: its monthly business record, meetings, monitoring
//! visits (requests, referrals, follow-ups), permits, the office's list of follow-ups due and
//! overdue, and the provincial threshold that flags groups nobody has visited for months.
//!
//! Every use-case takes the acting user, checks the role (`ViewGroups` to read,
//! `ManageGroups` to write) and the place: a group outside the actor's scope is `NotFound`,
//! never `Forbidden`, so its existence is not disclosed. Each change runs in one write
//! transaction with its audit row (`group.*`, entity `group` and the group's id, the group's
//! province and county, before and after), after every field was validated; a refused form
//! writes nothing. This module holds the scope check and the read model of the page; each
//! submodule owns one area's changes.

pub mod business;
pub mod field_sync;
pub mod meetings;
pub mod permits;
pub mod settings;
pub mod visit_figures;
pub mod visits;

use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{
    FollowUpState, NoVisitMonths, PermitState, YearMonth, follow_up_state,
};
use hamyar_domain::groups::GroupStage;
use hamyar_domain::registry::Problem;

use crate::access::{Actor, Permission};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::group_life::{
    BusinessMonthRow, GroupFacts, MeetingRow, MemberSpan, PermitRow, VisitRequestRow, VisitRow,
};
use crate::ports::groups::{GroupId, PlaceFilter};
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry};

/// Stages that end a group's follow-up: from the day it enters one it owes no visit and no
/// follow-up (the store keeps that day as the group's `ended_on`; see `visit_figures`).
pub const FINISHED_STAGES: [&str; 2] = [GroupStage::Dissolved.code(), GroupStage::Graduated.code()];

/// Loads the group if it exists and lies in the actor's scope; otherwise `NotFound`.
pub(crate) async fn group_facts_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: GroupId,
) -> AppResult<GroupFacts> {
    let group = tx.group_facts(id).await?.ok_or(AppError::NotFound)?;
    if !actor
        .scope
        .covers(Some(group.province_id), Some(group.county_id))
    {
        return Err(AppError::NotFound);
    }
    Ok(group)
}

/// The places a list may show to this actor.
pub(crate) fn place_of(actor: &Actor) -> PlaceFilter {
    PlaceFilter {
        province_id: actor.scope.province(),
        county_id: actor.scope.county(),
    }
}

pub(crate) fn invalid(problems: Vec<Problem>) -> AppError {
    AppError::Invalid(crate::registry::field_errors(problems, None))
}

/// Whether the woman was a member of the group on some day of `[from, until]`. A
/// membership runs from its join date up to, not including, its leave date (as in
/// `hamyar_domain::groups`).
pub(crate) fn member_between(
    spans: &[MemberSpan],
    woman_id: WomanId,
    from: JalaliDate,
    until: JalaliDate,
) -> bool {
    spans.iter().any(|span| {
        span.woman_id == woman_id
            && span.joined_on <= until
            && span.left_on.is_none_or(|left| left > from)
    })
}

/// The day a group was identified (its first lifecycle move), or, without a history, the day
/// its record was created in Tehran. A group entered late with its real history counts from
/// its real start.
pub(crate) fn formed_on(group: &GroupFacts) -> JalaliDate {
    group
        .formed_on
        .unwrap_or_else(|| hamyar_domain::today_in_tehran(group.created_at))
}

/// Everything the group's life page shows.
#[derive(Debug, Clone)]
pub struct GroupLife {
    pub group: GroupFacts,
    pub members: Vec<MemberSpan>,
    /// Oldest first.
    pub months: Vec<BusinessMonthRow>,
    /// Newest first.
    pub meetings: Vec<MeetingRow>,
    /// Newest first.
    pub visits: Vec<VisitRow>,
    pub permits: Vec<PermitRow>,
    pub no_visit_months: NoVisitMonths,
    /// The group is owed a visit: under follow-up and longer than `no_visit_months` without
    /// one (`visit_figures::GROUPS_OWED_A_VISIT`).
    pub not_visited_lately: bool,
    pub today: JalaliDate,
}

impl GroupLife {
    /// The members of the group on `today`.
    pub fn current_members(&self) -> Vec<&MemberSpan> {
        let today = self.today;
        self.members
            .iter()
            .filter(|m| m.joined_on <= today && m.left_on.is_none_or(|l| l > today))
            .collect()
    }

    /// The members of the group on some day of the month.
    pub fn members_in(&self, month: YearMonth) -> Vec<&MemberSpan> {
        let Ok(first) = JalaliDate::new(month.year, month.month, 1) else {
            return Vec::new();
        };
        let (from, until) = (first, first.last_of_month());
        let mut seen = Vec::<&MemberSpan>::new();
        for span in &self.members {
            if member_between(std::slice::from_ref(span), span.woman_id, from, until)
                && !seen.iter().any(|s| s.woman_id == span.woman_id)
            {
                seen.push(span);
            }
        }
        seen
    }

    pub fn last_visit(&self) -> Option<&VisitRow> {
        self.visits.first()
    }

    /// Requests still open, oldest visit first.
    pub fn open_requests(&self) -> Vec<(&VisitRow, &VisitRequestRow)> {
        let mut open: Vec<_> = self
            .visits
            .iter()
            .flat_map(|visit| visit.requests.iter().map(move |request| (visit, request)))
            .filter(|(_, request)| request.resolved_on.is_none())
            .collect();
        open.reverse();
        open
    }

    /// The state of a visit's follow-up today: resolved, answered by a later visit, no longer
    /// owed because the group ended, or by its due date.
    pub fn follow_up_state(&self, visit: &VisitRow) -> FollowUpState {
        let due = visit.follow_up_due;
        let today = self.today;
        if due.is_none() {
            FollowUpState::NotAsked
        } else if visit.follow_up_closed_by_visit_id.is_some() {
            FollowUpState::Answered
        } else if visit.follow_up_done_on.is_some() {
            FollowUpState::Done
        } else if self.group.ended_on.is_some_and(|ended| ended <= today) {
            FollowUpState::GroupEnded
        } else {
            follow_up_state(due, false, self.today)
        }
    }

    /// Permits expired or expiring within the warning window, soonest first.
    pub fn permits_needing_attention(&self) -> Vec<(&PermitRow, PermitState)> {
        let mut permits: Vec<_> = self
            .permits
            .iter()
            .filter_map(|permit| {
                let state = PermitState::on(permit.expires_on, self.today);
                (state != PermitState::Valid).then_some((permit, state))
            })
            .collect();
        permits.sort_by_key(|a| a.0.expires_on);
        permits
    }
}

impl App {
    /// The group's business, meetings, visits and permits, for its life page. The page names
    /// the members and what each was paid, so `opening` (a GET of the page) is audited as
    /// `group.life_view` with the women's ids, like the group page's `group.view`; the group
    /// page's summary and a page drawn again under a refused form pass `false`.
    pub async fn group_life(
        &self,
        actor: &Actor,
        id: GroupId,
        opening: bool,
    ) -> AppResult<GroupLife> {
        actor.require(Permission::ViewGroups)?;
        let today = self.today();
        let mut tx = if opening {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let group = group_facts_in_scope(tx.as_mut(), actor, id).await?;
        let members = tx.member_spans(id).await?;
        let months = tx.business_months(id).await?;
        let meetings = tx.meetings_of(id).await?;
        let visits = tx.visits_of(id).await?;
        let permits = tx.permits_of(id).await?;
        let no_visit_months = settings::no_visit_months_in(tx.as_mut(), group.province_id).await?;
        // The work list's own rule, asked for this one group.
        let place = PlaceFilter {
            province_id: Some(group.province_id),
            county_id: Some(group.county_id),
        };
        let rules = visit_figures::duty_rules(tx.as_mut(), place, Some(id), today).await?;
        let not_visited_lately = tx.visit_duty_counts(&rules.query).await?.not_visited > 0;
        if opening {
            let mut women: Vec<WomanId> = members.iter().map(|m| m.woman_id).collect();
            women.dedup();
            let (province, county) = (group.province_id, group.county_id);
            let subjects = women_subjects(women.iter().map(|id| (*id, province, county)));
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "group.life_view",
                    entity_kind: "group",
                    entity_id: id.to_string(),
                    province_id: Some(group.province_id),
                    county_id: Some(group.county_id),
                    before: None,
                    after: Some(serde_json::json!({ "women": women })),
                },
                subjects,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(GroupLife {
            group,
            members,
            months,
            meetings,
            visits,
            permits,
            no_visit_months,
            not_visited_lately,
            today,
        })
    }
}
