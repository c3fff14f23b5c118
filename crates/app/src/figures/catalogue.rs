//! The catalogue of figures: every number Hamyar publishes about a place and a year has one
//! entry here — a stable key, its Persian and English names, a definition a person can read,
//! its unit and the day or span it is counted over. The computation of each lives in
//! [`super::sheet`], and every surface (the dashboard's headlines, the press summary, the
//! provincial PDF, `hamyar report figures` and its files) reads the figure from there, so a
//! figure cannot mean two things in two places.

use serde::Serialize;

use crate::group_life::visit_figures::{
    FOLLOW_UPS_OVERDUE, FigureDefinition, GROUPS_OWED_A_VISIT, VISITS_KEPT, VISITS_OWED,
};

/// What a figure counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureUnit {
    /// A number of groups, women or visits.
    Count,
    /// Integer rials.
    Rials,
}

/// Which days a figure is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigurePeriod {
    /// The state on one day: today while the year runs, else the last day asked for.
    OnDay,
    /// What happened within the span asked for (the year so far by default).
    InSpan,
    /// The registry as it stands today, whatever day is asked for.
    Today,
}

/// The figures of the catalogue, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FigureKey {
    ActiveGroups,
    OpenGroups,
    GroupMembers,
    ActiveGroupMembers,
    WomenCovered,
    WomenWaiting,
    WomenEmpowered,
    GroupsGraduated,
    VisitsOwed,
    VisitsKept,
    FollowUpsOverdue,
    GroupsOwedAVisit,
    HeadlineSpent,
    GrantsCommitted,
    GrantsPaid,
    GroupsGranted,
    WomenGranted,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FigureDef {
    #[serde(skip)]
    pub id: FigureKey,
    /// The stable key files and tests name the figure by (`groups.active`).
    pub key: &'static str,
    pub name_fa: &'static str,
    pub name_en: &'static str,
    pub definition_fa: &'static str,
    pub definition_en: &'static str,
    pub unit: FigureUnit,
    pub period: FigurePeriod,
    /// Money figures need `ViewMoney`; without it they are left out.
    pub money: bool,
}

impl FigureDef {
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

const fn count(
    id: FigureKey,
    key: &'static str,
    names: (&'static str, &'static str),
    definitions: (&'static str, &'static str),
    period: FigurePeriod,
) -> FigureDef {
    FigureDef {
        id,
        key,
        name_fa: names.0,
        name_en: names.1,
        definition_fa: definitions.0,
        definition_en: definitions.1,
        unit: FigureUnit::Count,
        period,
        money: false,
    }
}

/// A visit figure, whose names and definitions `group_life::visit_figures` owns.
const fn visit(id: FigureKey, from: FigureDefinition, period: FigurePeriod) -> FigureDef {
    count(
        id,
        from.key,
        (from.name_fa, from.name_en),
        (from.definition_fa, from.definition_en),
        period,
    )
}

const fn rials(
    id: FigureKey,
    key: &'static str,
    names: (&'static str, &'static str),
    definitions: (&'static str, &'static str),
) -> FigureDef {
    FigureDef {
        id,
        key,
        name_fa: names.0,
        name_en: names.1,
        definition_fa: definitions.0,
        definition_en: definitions.1,
        unit: FigureUnit::Rials,
        period: FigurePeriod::InSpan,
        money: true,
    }
}

/// Every figure, in the order surfaces show them.
pub const CATALOGUE: &[FigureDef] = &[
    count(
        FigureKey::ActiveGroups,
        "groups.active",
        ("گروه‌های فعال", "Active groups"),
        (
            "گروه‌هایی که آخرین مرحلهٔ ثبت‌شده‌شان تا آن روز «فعال» یا «فعال‌شدهٔ دوباره» است.",
            "Groups whose latest recorded stage on the day is active or reactivated.",
        ),
        FigurePeriod::OnDay,
    ),
    count(
        FigureKey::OpenGroups,
        "groups.open",
        ("گروه‌های پایان‌نیافته", "Groups not ended"),
        (
            "گروه‌هایی که تا آن روز شناسایی شده‌اند و هنوز منحل یا مستقل نشده‌اند (همهٔ مرحله‌ها جز «منحل» و «مستقل‌شده»).",
            "Groups identified by the day that have not been dissolved or graduated (every stage but those two).",
        ),
        FigurePeriod::OnDay,
    ),
    count(
        FigureKey::GroupMembers,
        "members.open_groups",
        ("اعضای گروه‌ها", "Group members"),
        (
            "زنانی که در آن روز عضو دست‌کم یک گروه پایان‌نیافته‌اند؛ هر زن یک بار شمرده می‌شود.",
            "Women who on the day are members of at least one group not ended; each woman counts once.",
        ),
        FigurePeriod::OnDay,
    ),
    count(
        FigureKey::ActiveGroupMembers,
        "members.active_groups",
        ("اعضای گروه‌های فعال", "Members of active groups"),
        (
            "زنانی که در آن روز عضو دست‌کم یک گروه فعال (یا فعال‌شدهٔ دوباره) اند؛ هر زن یک بار شمرده می‌شود.",
            "Women who on the day are members of at least one active (or reactivated) group; each woman counts once.",
        ),
        FigurePeriod::OnDay,
    ),
    count(
        FigureKey::WomenCovered,
        "women.covered",
        ("زنان تحت پوشش", "Women covered"),
        (
            "زنان ثبت‌شده‌ای که وضعیت پوشش امروزشان «تحت پوشش» است (زنان ادغام‌شده در پروندهٔ دیگر شمرده نمی‌شوند).",
            "Registered women whose coverage status today is covered (women merged into another file are not counted).",
        ),
        FigurePeriod::Today,
    ),
    count(
        FigureKey::WomenWaiting,
        "women.waiting",
        ("زنان پشت نوبت", "Women waiting"),
        (
            "زنان ثبت‌شده‌ای که امروز در فهرست انتظار پوشش‌اند.",
            "Registered women who are on the waiting list today.",
        ),
        FigurePeriod::Today,
    ),
    count(
        FigureKey::WomenEmpowered,
        "women.empowered",
        ("زنان توانمندشده", "Women who became independent"),
        (
            "زنانی که پوششان در این بازه با علت «توانمند شده» پایان یافته است.",
            "Women whose coverage ended within the span with the reason «empowered».",
        ),
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::GroupsGraduated,
        "groups.graduated",
        ("گروه‌های مستقل‌شده", "Groups graduated"),
        (
            "گروه‌هایی که در این بازه به مرحلهٔ «مستقل‌شده» رفته‌اند.",
            "Groups that moved into the graduated (independent) stage within the span.",
        ),
        FigurePeriod::InSpan,
    ),
    visit(FigureKey::VisitsOwed, VISITS_OWED, FigurePeriod::InSpan),
    visit(FigureKey::VisitsKept, VISITS_KEPT, FigurePeriod::InSpan),
    visit(
        FigureKey::FollowUpsOverdue,
        FOLLOW_UPS_OVERDUE,
        FigurePeriod::Today,
    ),
    visit(
        FigureKey::GroupsOwedAVisit,
        GROUPS_OWED_A_VISIT,
        FigurePeriod::Today,
    ),
    rials(
        FigureKey::HeadlineSpent,
        "money.headline_spent",
        (
            "هزینهٔ آموزش، آماده‌سازی شغلی و تقویت گروه‌ها",
            "Spent on training, job preparation and strengthening",
        ),
        (
            "مبلغ تعهدشده (تأییدشده یا پرداخت‌شده) تا آن روز از ردیف‌های بودجهٔ امسالِ همان محل در سه سرفصل آموزش، آماده‌سازی شغلی و تقویت گروه‌ها (استان: ردیف‌های ستاد استان و همهٔ شهرستان‌هایش؛ شهرستان: ردیف‌های خود شهرستان).",
            "The amount committed (approved or paid) by the day on this year's budget lines of the place in the three headline categories — training, job preparation and strengthening (a province: its headquarters' lines and all its counties'; a county: the county's own lines).",
        ),
    ),
    rials(
        FigureKey::GrantsCommitted,
        "grants.committed",
        ("کمک بلاعوض تعهدشده", "Grants committed"),
        (
            "جمع قسط‌های تأییدشده یا پرداخت‌شدهٔ کمک‌های بلاعوض امسال به گروه‌ها و زنان.",
            "The sum of this year's grant tranches approved or paid, to groups and to women.",
        ),
    ),
    rials(
        FigureKey::GrantsPaid,
        "grants.paid",
        ("کمک بلاعوض پرداخت‌شده", "Grants paid"),
        (
            "جمع قسط‌های پرداخت‌شدهٔ کمک‌های بلاعوض امسال.",
            "The sum of this year's grant tranches paid.",
        ),
    ),
    FigureDef {
        money: true,
        ..count(
            FigureKey::GroupsGranted,
            "grants.groups",
            ("گروه‌های کمک‌گرفته", "Groups granted"),
            (
                "گروه‌هایی که امسال دست‌کم یک قسط کمک بلاعوض تأییدشده یا پرداخت‌شده دارند.",
                "Groups with at least one grant tranche of this year approved or paid.",
            ),
            FigurePeriod::InSpan,
        )
    },
    FigureDef {
        money: true,
        ..count(
            FigureKey::WomenGranted,
            "grants.women",
            ("زنان کمک‌گرفته", "Women granted"),
            (
                "زنانی که امسال کمک بلاعوضی به نام خودشان گرفته‌اند یا از قسط تأییدشدهٔ کمک گروهشان سهم دارند؛ هر زن یک بار.",
                "Women who this year received a grant of their own or hold a share of an approved tranche of their group's grant; each woman once.",
            ),
            FigurePeriod::InSpan,
        )
    },
];

/// The entry of `id`.
pub fn def(id: FigureKey) -> &'static FigureDef {
    CATALOGUE
        .iter()
        .find(|def| def.id == id)
        .expect("every FigureKey has an entry in CATALOGUE")
}

/// The entry whose key is `key` (`groups.active`).
pub fn by_key(key: &str) -> Option<&'static FigureDef> {
    CATALOGUE.iter().find(|def| def.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_figure_has_both_languages() {
        let mut keys: Vec<&str> = CATALOGUE.iter().map(|d| d.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), CATALOGUE.len());
        for entry in CATALOGUE {
            assert!(!entry.name_fa.is_empty() && !entry.name_en.is_empty());
            assert!(entry.definition_fa.ends_with('.'), "{}", entry.key);
            assert!(entry.definition_en.ends_with('.'), "{}", entry.key);
            assert_eq!(def(entry.id).key, entry.key);
            assert_eq!(by_key(entry.key).map(|d| d.id), Some(entry.id));
        }
    }
}
