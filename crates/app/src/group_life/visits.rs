//! Monitoring visits: recording one (the visitor is the recording user unless another name is
//! given, and the name is kept with the visit; it answers, and so closes, the open follow-ups
//! of the group's earlier visits), resolving its follow-up explicitly, resolving a request
//! the members raised, and the office's work list for the actor's place, by urgency and a
//! page at a time: follow-ups overdue and due (within the next
//! [`DUE_WITHIN_DAYS`](hamyar_domain::group_life::DUE_WITHIN_DAYS) days), then the groups owed
//! a visit for their province's number of months. What each of these means is defined once in
//! [`visit_figures`](crate::group_life::visit_figures).

use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use hamyar_domain::group_life::{
    FollowUpDraft, FollowUpState, NoVisitMonths, VisitDraft, VisitInput, follow_up_state,
};
use hamyar_domain::groups::StaffDuty;
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId, Role};
use crate::error::{AppError, AppResult};
use crate::group_life::visit_figures::{VisitDutyToday, duty_rules, today_from};
use crate::group_life::{group_facts_in_scope, invalid, place_of};
use crate::once::{KeyedRequest, Once};
use crate::ports::group_life::{AssignedTo, GroupFacts, VisitDutyLine, VisitRequestRow, VisitRow};
use crate::ports::groups::GroupId;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// Lines per page of the work list.
pub const VISITS_DUE_PER_PAGE: i64 = 50;

fn visit_snapshot(id: i64, row: &VisitRow) -> serde_json::Value {
    json!({
        "visit_id": id,
        "visited_on": row.visited_on.to_iso_string(),
        "visitor_id": row.visitor_id,
        "visitor_name": row.visitor_name,
        "purpose": row.purpose,
        "findings": row.findings,
        "requests": row.requests.iter().map(|r| r.request.as_str()).collect::<Vec<_>>(),
        "referrals": row.referrals,
        "referral_other": row.referral_other,
        "follow_up_due": row.follow_up_due.map(|day| day.to_iso_string()),
    })
}

/// Who brings the group's dashboard tallies up to date after a visit is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tallies {
    /// The write itself.
    Now,
    /// The batch it is part of, once per group before it commits.
    ByTheBatch,
}

/// What one line of the work list owes.
#[derive(Debug, Clone)]
pub enum DutyItem {
    /// A follow-up asked at `visit`: `Due` or `Overdue`.
    FollowUp {
        visit: Box<VisitRow>,
        state: FollowUpState,
        /// Days past the due date (0: due today; negative: days left).
        days_late: i64,
    },
    /// The group is owed a visit: none since `since` (its latest visit, or its registration).
    NotVisited {
        last_visited_on: Option<JalaliDate>,
        /// Days without a visit (since the latest visit or the registration).
        days_without: i64,
        months: NoVisitMonths,
    },
}

#[derive(Debug, Clone)]
pub struct DutyLine {
    pub group: GroupFacts,
    pub item: DutyItem,
}

/// Which part of the work list to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VisitsDueFilter {
    /// A province to narrow to (a country-wide actor; others are held to their own).
    pub province: Option<PlaceId>,
    pub county: Option<PlaceId>,
    /// Only the actor's own groups ([`own_groups`]); ignored for a role that has none.
    pub own_groups: bool,
    /// 1-based.
    pub page: i64,
}

/// The groups that are a person's own: a social worker's are those whose social worker she
/// is now, a facilitator's those she facilitates (the duty kept on the group row by the staff
/// history, `groups::staff`). Other roles work by place and have none.
pub fn own_groups(actor: &Actor) -> Option<AssignedTo> {
    let duty = match actor.role {
        Role::SocialWorker => StaffDuty::SocialWorker,
        Role::Facilitator => StaffDuty::Facilitator,
        _ => return None,
    };
    Some(AssignedTo {
        duty,
        user_id: actor.user_id?,
    })
}

/// A page of the office's work list with the place's figures.
#[derive(Debug, Clone)]
pub struct VisitsDue {
    /// Everything overdue before what is only due: the follow-ups most overdue first, then
    /// the groups owed a visit longest without one first, then the follow-ups due today and
    /// soonest.
    pub lines: Vec<DutyLine>,
    /// The same figures as the dashboard's "today" line for the place.
    pub figures: VisitDutyToday,
    /// 1-based.
    pub page: i64,
    pub has_next: bool,
    pub today: JalaliDate,
}

impl App {
    pub async fn record_visit(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &VisitInput,
    ) -> AppResult<i64> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        let id = self
            .record_visit_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`App::record_visit`] done once per idempotency key (the JSON API and the field app's
    /// sync): a visit sent again under the same key is not recorded twice, and the repeat is
    /// answered with the first one's id.
    pub async fn record_visit_once(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &VisitInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<i64>> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        let id = self
            .record_visit_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        self.remember(tx, actor, request, id).await
    }

    /// [`App::record_visit`] inside the caller's transaction (an import writes a whole file
    /// of visits in one); the caller commits.
    pub(crate) async fn record_visit_in_tx(
        &self,
        tx: &mut dyn crate::ports::Tx,
        actor: &Actor,
        group_id: GroupId,
        input: &VisitInput,
    ) -> AppResult<i64> {
        self.write_visit_in_tx(tx, actor, group_id, input, Tallies::Now)
            .await
    }

    /// [`App::record_visit_in_tx`] for a batch of visits (the field app's sync): the group's
    /// dashboard tallies are left for the batch, which must bring every group it wrote a
    /// visit of up to date once (`GroupLifeRepo::refresh_group_tallies`) before it commits.
    /// Refreshing a group reads all its visits, so once a visit would make a week of
    /// twenty groups' visits cost as many reads of every group's history as visits.
    pub(crate) async fn record_visit_untallied_in_tx(
        &self,
        tx: &mut dyn crate::ports::Tx,
        actor: &Actor,
        group_id: GroupId,
        input: &VisitInput,
    ) -> AppResult<i64> {
        self.write_visit_in_tx(tx, actor, group_id, input, Tallies::ByTheBatch)
            .await
    }

    async fn write_visit_in_tx(
        &self,
        tx: &mut dyn crate::ports::Tx,
        actor: &Actor,
        group_id: GroupId,
        input: &VisitInput,
        tallies: Tallies,
    ) -> AppResult<i64> {
        actor.require(Permission::ManageGroups)?;
        let draft = VisitDraft::parse(input, self.today()).map_err(invalid);
        let group = group_facts_in_scope(tx, actor, group_id).await?;
        let draft = draft?;
        let recorder = actor_name(tx, actor).await?;
        let (visitor_id, visitor_name) = match &draft.visitor_name {
            Some(name) => (None, name.clone()),
            None => (actor.user_id, recorder.clone()),
        };
        let row = VisitRow {
            id: 0,
            group_id,
            visited_on: draft.visited_on,
            visitor_id,
            visitor_name,
            purpose: draft.purpose.clone(),
            findings: draft.findings.clone(),
            referrals: draft.referral_codes(),
            referral_other: draft.referral_other.clone(),
            follow_up_due: draft.follow_up_due,
            follow_up_done_on: None,
            follow_up_note: String::new(),
            follow_up_done_by_name: String::new(),
            follow_up_closed_by_visit_id: None,
            follow_up_closed_on: None,
            requests: draft
                .requests
                .iter()
                .map(|request| VisitRequestRow {
                    id: 0,
                    visit_id: 0,
                    group_id,
                    request: request.clone(),
                    resolved_on: None,
                    resolution_note: String::new(),
                    resolved_by_name: String::new(),
                })
                .collect(),
            recorded_by: actor.user_id,
            recorded_by_name: recorder,
            recorded_at: self.now(),
        };
        let inserted = match tallies {
            Tallies::Now => tx.insert_visit(&row).await?,
            Tallies::ByTheBatch => tx.insert_visit_untallied(&row).await?,
        };
        let id = inserted.id;
        let mut after = visit_snapshot(id, &row);
        after["answered_follow_ups"] = json!(inserted.answered);
        after["follow_up_answered_by"] = json!(inserted.answered_by);
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.visit",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.province_id),
                county_id: Some(group.county_id),
                before: None,
                after: Some(after),
            },
        )
        .await?;
        Ok(id)
    }

    /// Resolves the visit's follow-up explicitly, dated `done_on` (between the visit and
    /// today), keeping who resolved it. A visit of another group, or outside the scope, is
    /// `NotFound`; one already resolved, or answered by a later visit, is refused with a
    /// message saying which.
    pub async fn complete_follow_up(
        &self,
        actor: &Actor,
        group_id: GroupId,
        visit_id: i64,
        done_on: &str,
        note: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        let group = group_facts_in_scope(tx.as_mut(), actor, group_id).await?;
        let visit = tx
            .visit_by_id(visit_id)
            .await?
            .filter(|visit| visit.group_id == group_id)
            .ok_or(AppError::NotFound)?;
        if visit.follow_up_due.is_none() {
            return Err(AppError::invalid(
                "done_on",
                Message::new("visits-visit_asked_follow_up"),
            ));
        }
        if visit.follow_up_closed_by_visit_id.is_some() {
            return Err(AppError::invalid(
                "done_on",
                Message::new("visits-later_visit_group_answered_follow"),
            ));
        }
        let draft =
            FollowUpDraft::parse(done_on, note, visit.visited_on, self.today()).map_err(invalid)?;
        let done_on = draft.done_on.to_iso_string();
        let by = actor_name(tx.as_mut(), actor).await?;
        if !tx
            .complete_follow_up(visit_id, &done_on, &draft.note, &by)
            .await?
        {
            return Err(AppError::invalid(
                "done_on",
                Message::new("visits-visit_s_follow_up_was"),
            ));
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "group.visit_follow_up",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.province_id),
                county_id: Some(group.county_id),
                before: Some(json!({"visit_id": visit_id, "follow_up_due": visit.follow_up_due.map(|day| day.to_iso_string()), "follow_up_done_on": null})),
                after: Some(json!({"visit_id": visit_id, "follow_up_done_on": done_on, "note": draft.note, "resolved_by": by})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Resolves an open request raised during one of the group's visits.
    pub async fn resolve_visit_request(
        &self,
        actor: &Actor,
        group_id: GroupId,
        request_id: i64,
        resolved_on: &str,
        note: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        let group = group_facts_in_scope(tx.as_mut(), actor, group_id).await?;
        let request = tx
            .visit_request_by_id(request_id)
            .await?
            .filter(|request| request.group_id == group_id)
            .ok_or(AppError::NotFound)?;
        let visit = tx
            .visit_by_id(request.visit_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let draft = FollowUpDraft::parse(resolved_on, note, visit.visited_on, self.today())
            .map_err(invalid)?;
        let resolved_on = draft.done_on.to_iso_string();
        let by = actor_name(tx.as_mut(), actor).await?;
        if !tx
            .resolve_visit_request(request_id, &resolved_on, &draft.note, &by)
            .await?
        {
            return Err(AppError::invalid(
                "done_on",
                Message::new("visits-request_was_already_resolved"),
            ));
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "group.visit_request_resolved",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.province_id),
                county_id: Some(group.county_id),
                before: Some(json!({"request_id": request_id, "request": request.request, "resolved_on": null})),
                after: Some(json!({"request_id": request_id, "resolved_on": resolved_on, "note": draft.note})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A page of the work list of the actor's place — narrowed to a province or a county of
    /// it; another province or county than the actor's own is `NotFound`, and a county of
    /// another province finds nothing — by urgency, with the place's figures on today.
    pub async fn visits_due(
        &self,
        actor: &Actor,
        filter: &VisitsDueFilter,
    ) -> AppResult<VisitsDue> {
        actor.require(Permission::ViewGroups)?;
        let today = self.today();
        let mut place = place_of(actor);
        if let Some(province) = filter.province {
            if place.province_id.is_some_and(|own| own != province) {
                return Err(AppError::NotFound);
            }
            place.province_id = Some(province);
        }
        if let Some(county) = filter.county {
            if place.county_id.is_some_and(|own| own != county) {
                return Err(AppError::NotFound);
            }
            place.county_id = Some(county);
        }
        let page = filter.page.max(1);
        let mut tx = self.db.read().await?;
        let mut rules = duty_rules(tx.as_mut(), place, None, today).await?;
        if filter.own_groups {
            rules.query.assigned = own_groups(actor);
        }
        let counts = tx.visit_duty_counts(&rules.query).await?;
        let mut rows = tx
            .visit_duty_page(
                &rules.query,
                VISITS_DUE_PER_PAGE + 1,
                (page - 1) * VISITS_DUE_PER_PAGE,
            )
            .await?;
        tx.commit().await?;
        let has_next = rows.len() as i64 > VISITS_DUE_PER_PAGE;
        rows.truncate(VISITS_DUE_PER_PAGE as usize);
        let lines = rows
            .into_iter()
            .map(|row| {
                let item = match row.line {
                    VisitDutyLine::FollowUp(visit) => follow_up_item(visit, today)?,
                    VisitDutyLine::NotVisited { last_visited_on } => DutyItem::NotVisited {
                        days_without: days_without(&row.group, last_visited_on, today),
                        last_visited_on,
                        months: rules.months_in(row.group.province_id),
                    },
                };
                Ok(DutyLine {
                    group: row.group,
                    item,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        Ok(VisitsDue {
            lines,
            figures: today_from(counts, today),
            page,
            has_next,
            today,
        })
    }
}

fn follow_up_item(visit: Box<VisitRow>, today: JalaliDate) -> AppResult<DutyItem> {
    let due = visit.follow_up_due.ok_or_else(|| {
        AppError::Internal(format!(
            "visit {} is on the due list without a due day",
            visit.id
        ))
    })?;
    Ok(DutyItem::FollowUp {
        state: follow_up_state(Some(due), false, today),
        days_late: due.days_until(today),
        visit,
    })
}

/// Days since the group's latest visit, or its registration when later or never visited.
fn days_without(group: &GroupFacts, last: Option<JalaliDate>, today: JalaliDate) -> i64 {
    last.max(group.registered_on)
        .map_or(0, |since| since.days_until(today))
}
