//! Monitoring visits: recording one (the visitor is the recording user unless another name is
//! given, and the name is kept with the visit), completing its follow-up, resolving a request
//! the members raised, and the office's work list for the actor's place: follow-ups overdue
//! (due date passed, not done) and due (within the next [`DUE_WITHIN_DAYS`] days), and the
//! groups flagged for having had no visit for their province's number of months.

use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{
    DUE_WITHIN_DAYS, FollowUpDraft, FollowUpState, NoVisitMonths, VisitDraft, VisitInput,
    follow_up_state,
};
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult};
use crate::group_life::settings::no_visit_months_in;
use crate::group_life::{
    FINISHED_STAGES, actor_name, formed_on, group_facts_in_scope, invalid, place_of,
};
use crate::ports::group_life::{GroupFacts, OwedVisit, VisitRequestRow, VisitRow};
use crate::ports::groups::GroupId;
use crate::service::{App, AuditEntry};

fn visit_snapshot(id: i64, row: &VisitRow) -> serde_json::Value {
    json!({
        "visit_id": id,
        "visited_on": row.visited_on,
        "visitor_id": row.visitor_id,
        "visitor_name": row.visitor_name,
        "purpose": row.purpose,
        "findings": row.findings,
        "requests": row.requests.iter().map(|r| r.request.as_str()).collect::<Vec<_>>(),
        "referrals": row.referrals,
        "referral_other": row.referral_other,
        "follow_up_due": row.follow_up_due,
    })
}

/// A follow-up owed, with where it stands today.
#[derive(Debug, Clone)]
pub struct OwedFollowUp {
    pub owed: OwedVisit,
    /// `Due` or `Overdue`.
    pub state: FollowUpState,
    /// Days past the due date (negative: days left).
    pub days_late: i64,
}

/// A group flagged for having had no visit for its province's number of months.
#[derive(Debug, Clone)]
pub struct UnvisitedGroup {
    pub group: GroupFacts,
    pub last_visited_on: Option<String>,
    pub months: NoVisitMonths,
}

/// The office's work list.
#[derive(Debug, Clone)]
pub struct VisitsDue {
    /// Overdue first (most overdue first), then due.
    pub follow_ups: Vec<OwedFollowUp>,
    pub unvisited: Vec<UnvisitedGroup>,
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
        let draft = VisitDraft::parse(input, self.today()).map_err(invalid);
        let mut tx = self.db.write().await?;
        let group = group_facts_in_scope(tx.as_mut(), actor, group_id).await?;
        let draft = draft?;
        let recorder = actor_name(tx.as_mut(), actor).await?;
        let (visitor_id, visitor_name) = match &draft.visitor_name {
            Some(name) => (None, name.clone()),
            None => (actor.user_id, recorder.clone()),
        };
        let row = VisitRow {
            id: 0,
            group_id,
            visited_on: draft.visited_on.to_iso_string(),
            visitor_id,
            visitor_name,
            purpose: draft.purpose.clone(),
            findings: draft.findings.clone(),
            referrals: draft.referral_codes(),
            referral_other: draft.referral_other.clone(),
            follow_up_due: draft.follow_up_due.map(|d| d.to_iso_string()),
            follow_up_done_on: None,
            follow_up_note: String::new(),
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
        let id = tx.insert_visit(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "group.visit",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.province_id),
                county_id: Some(group.county_id),
                before: None,
                after: Some(visit_snapshot(id, &row)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the visit's follow-up as done. A visit of another group, or outside the scope,
    /// is `NotFound`; one already followed up is refused with a message.
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
                "برای این بازدید پیگیری‌ای خواسته نشده است",
                "this visit asked for no follow-up",
            ));
        }
        let visited_on = JalaliDate::from_iso_str(&visit.visited_on)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let draft =
            FollowUpDraft::parse(done_on, note, visited_on, self.today()).map_err(invalid)?;
        let done_on = draft.done_on.to_iso_string();
        if !tx
            .complete_follow_up(visit_id, &done_on, &draft.note)
            .await?
        {
            return Err(AppError::invalid(
                "done_on",
                "پیگیری این بازدید پیش‌تر ثبت شده است",
                "this visit's follow-up was already recorded",
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
                before: Some(json!({"visit_id": visit_id, "follow_up_due": visit.follow_up_due, "follow_up_done_on": null})),
                after: Some(json!({"visit_id": visit_id, "follow_up_done_on": done_on, "note": draft.note})),
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
        let raised_on = JalaliDate::from_iso_str(&visit.visited_on)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let draft =
            FollowUpDraft::parse(resolved_on, note, raised_on, self.today()).map_err(invalid)?;
        let resolved_on = draft.done_on.to_iso_string();
        let by = actor_name(tx.as_mut(), actor).await?;
        if !tx
            .resolve_visit_request(request_id, &resolved_on, &draft.note, &by)
            .await?
        {
            return Err(AppError::invalid(
                "done_on",
                "این درخواست پیش‌تر رسیدگی شده است",
                "this request was already resolved",
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

    /// Follow-ups due and overdue, and groups not visited for too long, in the actor's place
    /// (narrowed to one county of it when `county` is given; a county outside the scope
    /// finds nothing).
    pub async fn visits_due(&self, actor: &Actor, county: Option<PlaceId>) -> AppResult<VisitsDue> {
        actor.require(Permission::ViewGroups)?;
        let today = self.today();
        let mut place = place_of(actor);
        if let Some(county) = county {
            if place.county_id.is_some_and(|own| own != county) {
                return Err(AppError::NotFound);
            }
            place.county_id = Some(county);
        }
        let until = today.add_days(DUE_WITHIN_DAYS).to_iso_string();
        let mut tx = self.db.read().await?;
        let owed = tx.owed_visits(place, &until).await?;
        let last = tx.last_visits(place, &FINISHED_STAGES).await?;
        let mut thresholds: Vec<(PlaceId, NoVisitMonths)> = Vec::new();
        let mut unvisited = Vec::new();
        for entry in last {
            let province = entry.group.province_id;
            let months = match thresholds.iter().find(|(p, _)| *p == province) {
                Some((_, months)) => *months,
                None => {
                    let months = no_visit_months_in(tx.as_mut(), province).await?;
                    thresholds.push((province, months));
                    months
                }
            };
            let last_visit = entry
                .last_visited_on
                .as_deref()
                .and_then(|d| JalaliDate::from_iso_str(d).ok());
            if months.flags(last_visit, formed_on(&entry.group), today) {
                unvisited.push(UnvisitedGroup {
                    group: entry.group,
                    last_visited_on: entry.last_visited_on,
                    months,
                });
            }
        }
        tx.commit().await?;
        let follow_ups = owed
            .into_iter()
            .filter_map(|owed| {
                let due = JalaliDate::from_iso_str(owed.visit.follow_up_due.as_deref()?).ok()?;
                let state = follow_up_state(Some(due), false, today);
                Some(OwedFollowUp {
                    owed,
                    state,
                    days_late: due.days_until(today),
                })
            })
            .collect();
        Ok(VisitsDue {
            follow_ups,
            unvisited,
            today,
        })
    }
}
