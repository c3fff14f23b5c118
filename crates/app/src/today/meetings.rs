//! Meetings to record: a social worker's (or facilitator's) own groups in an active stage
//! (`ACTIVE_STAGES`, as the figures count active groups) that have no meeting held in the
//! current Jalali month. Groups meet at least monthly in the programme, so a month without a
//! recorded meeting is either a meeting not yet held or one not yet typed in; the item opens
//! the meeting form of the group with today's date. Longest without a meeting first.
//!
//! Her groups are read from her county's groups by the social worker (or facilitator) kept
//! on the group row; a person has a handful of groups, so each group's meetings are read
//! on their own.

use hamyar_domain::JalaliDate;
use hamyar_domain::groups::lifecycle::ACTIVE_STAGES;

use super::work::group_of;
use super::{Clears, ItemKind, Section, SectionKind, TodayItem};
use crate::access::Actor;
use crate::error::AppResult;
use crate::group_life::place_of;
use crate::group_life::visits::own_groups;
use crate::ports::group_life::GroupFacts;
use crate::ports::groups::GroupSearch;
use crate::service::App;
use hamyar_domain::groups::StaffDuty;

impl App {
    pub(super) async fn today_meetings(
        &self,
        actor: &Actor,
        today: JalaliDate,
    ) -> AppResult<Section> {
        let Some(assigned) = own_groups(actor) else {
            return Ok(super::section(SectionKind::Meetings, 0, Vec::new()));
        };
        let month_start = today.first_of_month();
        let mut tx = self.db.read().await?;
        let groups = tx
            .search_groups(&GroupSearch {
                place: place_of(actor),
                stages: ACTIVE_STAGES.iter().map(|s| s.code().to_owned()).collect(),
                limit: 0,
                ..GroupSearch::default()
            })
            .await?;
        let mut items = Vec::new();
        for group in groups {
            let holder = match assigned.duty {
                StaffDuty::SocialWorker => group.social_worker_id,
                StaffDuty::Facilitator => group.facilitator_id,
            };
            if holder != Some(assigned.user_id) {
                continue;
            }
            // Newest first: the first is the latest.
            let last_held_on = tx
                .meetings_of(group.id)
                .await?
                .into_iter()
                .map(|meeting| meeting.held_on)
                .filter(|held| *held <= today)
                .max();
            if last_held_on.is_some_and(|held| held >= month_start) {
                continue;
            }
            let Some(facts) = tx.group_facts(group.id).await? else {
                continue;
            };
            items.push((
                last_held_on,
                group.id,
                meeting_item(&facts, last_held_on, month_start, today),
            ));
        }
        tx.commit().await?;
        // Never met first, then longest since the last meeting.
        items.sort_by_key(|(last, id, _)| (*last, *id));
        let items: Vec<TodayItem> = items.into_iter().map(|(_, _, item)| item).collect();
        let total = items.len() as i64;
        Ok(super::section(SectionKind::Meetings, total, items))
    }
}

fn meeting_item(
    group: &GroupFacts,
    last_held_on: Option<JalaliDate>,
    month_start: JalaliDate,
    today: JalaliDate,
) -> TodayItem {
    TodayItem {
        kind: ItemKind::MeetingToRecord { last_held_on },
        concerns: group_of(group),
        due_on: Some(month_start),
        days_late: month_start.days_until(today),
        clears: Clears::RecordMeeting(group.id),
    }
}
