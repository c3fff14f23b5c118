//! Today's field work: the visits owed (the office's work list, `/visits/due`, read through
//! [`App::visits_due`] with the same order and counts) and the permits expired or expiring
//! within the group page's warning window. For a social worker or facilitator both are her own
//! groups'; for everyone else her place's.

use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{EXPIRY_WARNING_DAYS, FollowUpState, PermitState};

use super::{Clears, Concerns, ITEMS_PER_SECTION, ItemKind, Section, SectionKind, TodayItem};
use crate::access::Actor;
use crate::error::AppResult;
use crate::group_life::place_of;
use crate::group_life::visits::{DutyItem, DutyLine, VisitsDueFilter, own_groups};
use crate::ports::group_life::{ExpiringPermitsQuery, GroupFacts};
use crate::service::App;

pub(super) fn group_of(group: &GroupFacts) -> Concerns {
    Concerns::Group {
        id: group.id,
        code: group.code.clone(),
        name: group.name.clone(),
        county_id: group.county_id,
    }
}

fn visit_item(line: DutyLine) -> TodayItem {
    let concerns = group_of(&line.group);
    let clears = Clears::RecordVisit(line.group.id);
    match line.item {
        DutyItem::FollowUp {
            visit,
            state,
            days_late,
        } => TodayItem {
            kind: if state == FollowUpState::Overdue {
                ItemKind::FollowUpOverdue
            } else {
                ItemKind::FollowUpDue
            },
            concerns,
            due_on: visit.follow_up_due,
            days_late,
            clears,
        },
        DutyItem::NotVisited {
            last_visited_on,
            days_without,
            months,
        } => TodayItem {
            kind: ItemKind::VisitOwed {
                last_visited_on,
                days_without,
                months: months.months(),
            },
            concerns,
            due_on: last_visited_on.max(line.group.registered_on),
            days_late: days_without,
            clears,
        },
    }
}

impl App {
    /// The first page of the work list (its own order: everything overdue, most overdue
    /// first, before what is only due), counted as the list counts it.
    pub(super) async fn today_visits(&self, actor: &Actor, own: bool) -> AppResult<Section> {
        let due = self
            .visits_due(
                actor,
                &VisitsDueFilter {
                    own_groups: own,
                    page: 1,
                    ..VisitsDueFilter::default()
                },
            )
            .await?;
        let total = due.figures.lines();
        let items = due.lines.into_iter().map(visit_item).collect();
        Ok(super::section(SectionKind::Visits, total, items))
    }

    /// Permits expired or expiring within [`EXPIRY_WARNING_DAYS`], most expired first.
    pub(super) async fn today_permits(
        &self,
        actor: &Actor,
        own: bool,
        today: JalaliDate,
    ) -> AppResult<Section> {
        let assigned = if own { own_groups(actor) } else { None };
        if own && assigned.is_none() {
            return Ok(super::section(SectionKind::Permits, 0, Vec::new()));
        }
        let query = ExpiringPermitsQuery {
            place: place_of(actor),
            assigned,
            today: today.to_iso_string(),
            until: today.add_days(EXPIRY_WARNING_DAYS).to_iso_string(),
            limit: 1_000,
        };
        let mut tx = self.db.read().await?;
        let rows = tx.expiring_permits(&query).await?;
        tx.commit().await?;
        let total = rows.len() as i64;
        let items = rows
            .into_iter()
            .take(ITEMS_PER_SECTION)
            .map(|(group, permit)| TodayItem {
                kind: ItemKind::Permit {
                    expired: PermitState::on(permit.expires_on, today) == PermitState::Expired,
                    kind: permit.kind,
                },
                concerns: group_of(&group),
                due_on: Some(permit.expires_on),
                days_late: permit.expires_on.days_until(today),
                clears: Clears::RecordPermit(group.id),
            })
            .collect();
        Ok(super::section(SectionKind::Permits, total, items))
    }
}
