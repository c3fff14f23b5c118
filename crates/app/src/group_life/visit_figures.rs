//! The visit figures, defined once. Every page, report and file that shows how a place keeps
//! its visits reads the definitions here (key, Persian and English names, a one-sentence
//! definition in each language) and computes them through the functions here, so the
//! dashboard and the office's work list (`/visits/due`) cannot drift apart; a later catalogue
//! of figures references these constants rather than restating them.
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

/// A figure (or a term figures rest on) as a person reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FigureDefinition {
    /// Stable key, e.g. for a catalogue or an export column.
    pub key: &'static str,
    pub name_fa: &'static str,
    pub name_en: &'static str,
    pub definition_fa: &'static str,
    pub definition_en: &'static str,
}

impl FigureDefinition {
    pub fn name(&self, english: bool) -> &'static str {
        if english { self.name_en } else { self.name_fa }
    }

    pub fn definition(&self, english: bool) -> &'static str {
        if english {
            self.definition_en
        } else {
            self.definition_fa
        }
    }
}

/// The term every visit figure rests on.
pub const UNDER_FOLLOW_UP: FigureDefinition = FigureDefinition {
    key: "visits.under_follow_up",
    name_fa: "گروه زیر پیگیری",
    name_en: "Group under follow-up",
    definition_fa: "گروه از روز نخستین ثبتش تا روزی که منحل یا مستقل شود زیر پیگیری است و بازدید بدهکار است.",
    definition_en: "A group is under follow-up, and owes visits, from the day it was first registered until the day it is dissolved or graduates.",
};

pub const VISITS_RECORDED: FigureDefinition = FigureDefinition {
    key: "visits.recorded",
    name_fa: "بازدیدهای ثبت‌شده",
    name_en: "Visits recorded",
    definition_fa: "همهٔ بازدیدهایی که تاریخ انجامشان در این بازه است.",
    definition_en: "Every visit whose date falls in the span.",
};

pub const VISITS_OWED: FigureDefinition = FigureDefinition {
    key: "visits.owed",
    name_fa: "بازدیدهای موعد",
    name_en: "Visits owed",
    definition_fa: "در هر دورهٔ «بدون بازدید» استان (پیش‌فرض سه ماه) در این بازه، هر گروهی که در آن دوره زیر پیگیری بوده یک بازدید بدهکار است؛ جمع دوره‌ها.",
    definition_en: "In each period of the province's no-visit months (three by default) within the span, every group under follow-up at some time in that period owes one visit; summed over the periods.",
};

pub const VISITS_KEPT: FigureDefinition = FigureDefinition {
    key: "visits.kept",
    name_fa: "بازدیدهای انجام‌شده",
    name_en: "Visits kept",
    definition_fa: "گروه‌هایی که در هر دوره از این بازه دست‌کم یک بازدید در دوران پیگیری داشته‌اند؛ جمع دوره‌ها.",
    definition_en: "The groups with at least one visit while under follow-up in each period of the span; summed over the periods.",
};

pub const FOLLOW_UPS_OVERDUE: FigureDefinition = FigureDefinition {
    key: "visits.follow_ups_overdue",
    name_fa: "پیگیری‌های معوق",
    name_en: "Overdue follow-ups",
    definition_fa: "پیگیری‌هایی که در بازدیدی خواسته شده، موعدشان پیش از امروز بوده و نه رسیدگی شده‌اند و نه بازدید بعدی گروه به آن‌ها پاسخ داده است؛ گروه منحل یا مستقل‌شده پیگیری بدهکار نیست.",
    definition_en: "Follow-ups asked at a visit, due before today, neither resolved nor answered by a later visit of the group; a dissolved or graduated group owes none.",
};

pub const FOLLOW_UPS_DUE: FigureDefinition = FigureDefinition {
    key: "visits.follow_ups_due",
    name_fa: "پیگیری‌های سررسید نزدیک",
    name_en: "Follow-ups due",
    definition_fa: "پیگیری‌های باز گروه‌های پایان‌نیافته که موعدشان از امروز تا ۱۴ روز دیگر است.",
    definition_en: "Open follow-ups of groups that have not ended, due from today to 14 days ahead.",
};

pub const GROUPS_OWED_A_VISIT: FigureDefinition = FigureDefinition {
    key: "visits.groups_owed_a_visit",
    name_fa: "گروه‌های بی‌بازدید",
    name_en: "Groups owed a visit",
    definition_fa: "گروه‌های زیر پیگیری که از آخرین بازدیدشان (یا اگر هرگز بازدید نشده‌اند، از ثبتشان) بیش از شمار ماه‌های «بدون بازدید» استان گذشته است.",
    definition_en: "Groups under follow-up whose latest visit (or registration, if never visited) is older than their province's no-visit months.",
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
    use hamyar_domain::group_life::NO_VISIT_MONTHS_DEFAULT;
    use hamyar_domain::to_persian_digits;

    #[test]
    fn every_figure_has_a_unique_key_and_both_languages() {
        let mut keys: Vec<&str> = FIGURES.iter().map(|f| f.key).collect();
        keys.push(UNDER_FOLLOW_UP.key);
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count);
        for figure in FIGURES.iter().chain([&UNDER_FOLLOW_UP]) {
            for text in [
                figure.name_fa,
                figure.name_en,
                figure.definition_fa,
                figure.definition_en,
            ] {
                assert!(!text.trim().is_empty(), "{}", figure.key);
            }
            assert!(figure.definition_en.ends_with('.'), "{}", figure.key);
        }
    }

    #[test]
    fn the_definitions_name_the_numbers_the_rules_use() {
        let days = DUE_WITHIN_DAYS.to_string();
        assert!(FOLLOW_UPS_DUE.definition_en.contains(&days));
        assert!(
            FOLLOW_UPS_DUE
                .definition_fa
                .contains(&to_persian_digits(&days))
        );
        assert_eq!(NO_VISIT_MONTHS_DEFAULT, 3);
        assert!(VISITS_OWED.definition_en.contains("three by default"));
    }
}
