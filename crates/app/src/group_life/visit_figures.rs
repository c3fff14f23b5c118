//! The visit figures, defined once. Every page, report and file that shows how a place keeps
//! its visits reads the definitions here (a key, and the catalogue messages of its name and
//! one-sentence definition, `locales/*/figures.ftl`) and computes them through the functions
//! here, so the dashboard and the office's work list (`/visits/due`) cannot drift apart; the
//! catalogue of figures (`crate::figures::catalogue`) references these constants rather than
//! restating them.
//!
//! Two kinds of figure exist, by design:
//!
//! - **Over a span** (the dashboard's table): the span is cut into periods of the province's
//!   "no visit for N months" length; in each period every group under follow-up owes one
//!   visit ([`VISITS_OWED`]) and has kept it when it had at least one visit while followed
//!   ([`VISITS_KEPT`]). Computed from the kept tallies (`DashboardRepo::dashboard_visit_duty`).
//! - **Today** (the work list, and the dashboard's "today" line while its span reaches
//!   today): follow-ups overdue and due ([`FOLLOW_UPS_OVERDUE`], [`FOLLOW_UPS_DUE`]) and groups
//!   owed a visit ([`GROUPS_OWED_A_VISIT`]). Computed by [`duty_on`], for both.
//!
//! Both rest on one notion, [`UNDER_FOLLOW_UP`]: a group owes visits from the day it was
//! first registered until the day it was dissolved or graduated (the group row's
//! `registered_on` and `ended_on`, kept from its stage history). A follow-up asked at a visit
//! is owed until it is resolved or the group's next visit answers it, and never by a group
//! that has ended.

use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{DUE_WITHIN_DAYS, NoVisitMonths};
use serde::Serialize;

use crate::access::PlaceId;
use crate::error::AppResult;
use crate::group_life::settings::no_visit_months_in;
use crate::ports::Tx;
use crate::ports::group_life::{VisitDutyCounts, VisitDutyQuery};
use crate::ports::groups::{GroupId, PlaceFilter};

/// A figure (or a term figures rest on) as a person reads it: its stable key and the
/// catalogue messages of its name and one-sentence definition (`locales/*/figures.ftl`),
/// which a page, report or file renders in its reader's language. The ids are the key's:
/// `visits.owed` → `figure-visits_owed` and `figure-visits_owed-definition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FigureDefinition {
    /// Stable key, e.g. for a catalogue or an export column.
    pub key: &'static str,
    /// The message id of its name.
    pub name_id: &'static str,
    /// The message id of its definition.
    pub definition_id: &'static str,
}

/// The term every visit figure rests on.
pub const UNDER_FOLLOW_UP: FigureDefinition = FigureDefinition {
    key: "visits.under_follow_up",
    name_id: "figure-visits_under_follow_up",
    definition_id: "figure-visits_under_follow_up-definition",
};

pub const VISITS_RECORDED: FigureDefinition = FigureDefinition {
    key: "visits.recorded",
    name_id: "figure-visits_recorded",
    definition_id: "figure-visits_recorded-definition",
};

pub const VISITS_OWED: FigureDefinition = FigureDefinition {
    key: "visits.owed",
    name_id: "figure-visits_owed",
    definition_id: "figure-visits_owed-definition",
};

pub const VISITS_KEPT: FigureDefinition = FigureDefinition {
    key: "visits.kept",
    name_id: "figure-visits_kept",
    definition_id: "figure-visits_kept-definition",
};

pub const FOLLOW_UPS_OVERDUE: FigureDefinition = FigureDefinition {
    key: "visits.follow_ups_overdue",
    name_id: "figure-visits_follow_ups_overdue",
    definition_id: "figure-visits_follow_ups_overdue-definition",
};

pub const FOLLOW_UPS_DUE: FigureDefinition = FigureDefinition {
    key: "visits.follow_ups_due",
    name_id: "figure-visits_follow_ups_due",
    definition_id: "figure-visits_follow_ups_due-definition",
};

pub const GROUPS_OWED_A_VISIT: FigureDefinition = FigureDefinition {
    key: "visits.groups_owed_a_visit",
    name_id: "figure-visits_groups_owed_a_visit",
    definition_id: "figure-visits_groups_owed_a_visit-definition",
};

/// Every visit figure, in the order pages show them.
pub const FIGURES: [FigureDefinition; 6] = [
    VISITS_RECORDED,
    VISITS_OWED,
    VISITS_KEPT,
    FOLLOW_UPS_OVERDUE,
    FOLLOW_UPS_DUE,
    GROUPS_OWED_A_VISIT,
];

/// The figures of the work list on a day, for a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VisitDutyToday {
    pub on: JalaliDate,
    /// [`FOLLOW_UPS_OVERDUE`].
    pub overdue: i64,
    /// [`FOLLOW_UPS_DUE`].
    pub due: i64,
    /// [`GROUPS_OWED_A_VISIT`].
    pub groups_owed_a_visit: i64,
}

impl VisitDutyToday {
    /// Lines of the work list: every follow-up overdue or due and every group owed a visit.
    pub fn lines(&self) -> i64 {
        self.overdue + self.due + self.groups_owed_a_visit
    }
}

/// The rules of the work list on a day for a place, with each province's threshold.
#[derive(Debug, Clone)]
pub(crate) struct DutyRules {
    pub query: VisitDutyQuery,
    thresholds: Vec<(PlaceId, NoVisitMonths)>,
}

impl DutyRules {
    /// The threshold that applies in the province.
    pub fn months_in(&self, province: PlaceId) -> NoVisitMonths {
        self.thresholds
            .iter()
            .find(|(id, _)| *id == province)
            .map_or_else(NoVisitMonths::default, |(_, months)| *months)
    }
}

/// The rules for `place` (or one group of it) on `today`: follow-ups due within
/// [`DUE_WITHIN_DAYS`], and each province's cutoff for "no visit for N months".
pub(crate) async fn duty_rules(
    tx: &mut dyn Tx,
    place: PlaceFilter,
    group_id: Option<GroupId>,
    today: JalaliDate,
) -> AppResult<DutyRules> {
    let provinces: Vec<PlaceId> = match place.province_id {
        Some(province) => vec![province],
        None => tx
            .all_places()
            .await?
            .into_iter()
            .filter(|p| p.kind == "province")
            .map(|p| p.id)
            .collect(),
    };
    let default = NoVisitMonths::default();
    let mut thresholds = Vec::new();
    let mut cutoffs = Vec::new();
    for province in provinces {
        let months = no_visit_months_in(tx, province).await?;
        if months != default {
            thresholds.push((province, months));
            cutoffs.push((province, months.cutoff(today).to_iso_string()));
        }
    }
    Ok(DutyRules {
        query: VisitDutyQuery {
            place,
            group_id,
            assigned: None,
            today: today.to_iso_string(),
            due_until: today.add_days(DUE_WITHIN_DAYS).to_iso_string(),
            cutoffs,
            default_cutoff: default.cutoff(today).to_iso_string(),
        },
        thresholds,
    })
}

/// The work list's figures for `place` on `today`: what `/visits/due` shows above its list
/// and the dashboard on its "today" line.
pub(crate) async fn duty_on(
    tx: &mut dyn Tx,
    place: PlaceFilter,
    today: JalaliDate,
) -> AppResult<VisitDutyToday> {
    let rules = duty_rules(tx, place, None, today).await?;
    let counts = tx.visit_duty_counts(&rules.query).await?;
    Ok(today_from(counts, today))
}

pub(crate) fn today_from(counts: VisitDutyCounts, today: JalaliDate) -> VisitDutyToday {
    VisitDutyToday {
        on: today,
        overdue: counts.overdue,
        due: counts.due,
        groups_owed_a_visit: counts.not_visited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_a_unique_key_and_the_message_ids_of_its_key() {
        let mut keys: Vec<&str> = FIGURES.iter().map(|f| f.key).collect();
        keys.push(UNDER_FOLLOW_UP.key);
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count);
        for figure in FIGURES.iter().chain([&UNDER_FOLLOW_UP]) {
            // Not `format!` with a `figure-{…}` literal: the catalogue's check would take it
            // for a request of every `figure-…` message.
            let name = ["figure", &figure.key.replace('.', "_")].join("-");
            assert_eq!(figure.name_id, name, "{}", figure.key);
            assert_eq!(figure.definition_id, format!("{name}-definition"));
        }
    }
}
