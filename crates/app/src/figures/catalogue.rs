//! The catalogue of figures: every number Hamyar publishes about a place and a year has one
//! entry here — a stable key, the catalogue messages of its name and of a definition a person
//! can read, its unit and the day or span it is counted over. The computation of each lives
//! in [`super::sheet`], and every surface (the dashboard's headlines, the press summary, the
//! provincial PDF, `hamyar report figures` and its files) reads the figure from there, so a
//! figure cannot mean two things in two places.
//!
//! The words are not here: a figure's name and definition are messages of
//! `crates/i18n/locales/*/figures.ftl`, where a translator edits them, and each surface
//! renders them in its reader's language (the figures files in both). A figure's message ids
//! are its key's, `figure-` and the key with its dots as underscores (`groups.active` →
//! `figure-groups_active` and `figure-groups_active-definition`), written out below as
//! `name_id: "…"` and `definition_id: "…"` literals so that the catalogue's checks
//! (`cargo test -p hamyar-i18n`) see every id asked for.

use serde::Serialize;

use crate::group_life::visit_figures::{
    FOLLOW_UPS_OVERDUE, FigureDefinition, GROUPS_OWED_A_VISIT, VISITS_KEPT, VISITS_OWED,
    VISITS_RECORDED,
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
    GroupsFormed,
    GroupMembers,
    ActiveGroupMembers,
    WomenJoining,
    WomenCovered,
    WomenWaiting,
    WomenEmpowered,
    GroupsGraduated,
    VisitsRecorded,
    VisitsOwed,
    VisitsKept,
    FollowUpsOverdue,
    GroupsOwedAVisit,
    BusinessSales,
    BusinessJobs,
    TrainingRuns,
    TrainingEnrolled,
    TrainingCompleted,
    TrainingWomen,
    TrainingHours,
    HeadlineSpent,
    GrantsCommitted,
    GrantsPaid,
    GroupsGranted,
    WomenGranted,
    TrainingPaid,
    TrainingCostPerCompleter,
    OutcomesWomenPaired,
    OutcomesEarningShare,
    OutcomesSelfEsteemChange,
    OutcomesReturned,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FigureDef {
    #[serde(skip)]
    pub id: FigureKey,
    /// The stable key files and tests name the figure by (`groups.active`).
    pub key: &'static str,
    /// The message id of its name (`figure-groups_active`).
    pub name_id: &'static str,
    /// The message id of its one-sentence definition (`figure-groups_active-definition`).
    pub definition_id: &'static str,
    pub unit: FigureUnit,
    pub period: FigurePeriod,
    /// Money figures need `ViewMoney`; without it they are left out.
    pub money: bool,
}

const fn count(id: FigureKey, words: FigureDefinition, period: FigurePeriod) -> FigureDef {
    FigureDef {
        id,
        key: words.key,
        name_id: words.name_id,
        definition_id: words.definition_id,
        unit: FigureUnit::Count,
        period,
        money: false,
    }
}

const fn rials(id: FigureKey, words: FigureDefinition) -> FigureDef {
    FigureDef {
        unit: FigureUnit::Rials,
        money: true,
        ..count(id, words, FigurePeriod::InSpan)
    }
}

/// Every figure, in the order surfaces show them.
pub const CATALOGUE: &[FigureDef] = &[
    count(
        FigureKey::ActiveGroups,
        FigureDefinition {
            key: "groups.active",
            name_id: "figure-groups_active",
            definition_id: "figure-groups_active-definition",
        },
        FigurePeriod::OnDay,
    ),
    count(
        FigureKey::OpenGroups,
        FigureDefinition {
            key: "groups.open",
            name_id: "figure-groups_open",
            definition_id: "figure-groups_open-definition",
        },
        FigurePeriod::OnDay,
    ),
    // The yearly plan's figures (issue 19) are these and `women.empowered`,
    // `training.women`, `visits.recorded`: each what the plan's target counts.
    count(
        FigureKey::GroupsFormed,
        FigureDefinition {
            key: "groups.formed",
            name_id: "figure-groups_formed",
            definition_id: "figure-groups_formed-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::GroupMembers,
        FigureDefinition {
            key: "members.open_groups",
            name_id: "figure-members_open_groups",
            definition_id: "figure-members_open_groups-definition",
        },
        FigurePeriod::OnDay,
    ),
    count(
        FigureKey::ActiveGroupMembers,
        FigureDefinition {
            key: "members.active_groups",
            name_id: "figure-members_active_groups",
            definition_id: "figure-members_active_groups-definition",
        },
        FigurePeriod::OnDay,
    ),
    count(
        FigureKey::WomenJoining,
        FigureDefinition {
            key: "members.joined",
            name_id: "figure-members_joined",
            definition_id: "figure-members_joined-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::WomenCovered,
        FigureDefinition {
            key: "women.covered",
            name_id: "figure-women_covered",
            definition_id: "figure-women_covered-definition",
        },
        FigurePeriod::Today,
    ),
    count(
        FigureKey::WomenWaiting,
        FigureDefinition {
            key: "women.waiting",
            name_id: "figure-women_waiting",
            definition_id: "figure-women_waiting-definition",
        },
        FigurePeriod::Today,
    ),
    count(
        FigureKey::WomenEmpowered,
        FigureDefinition {
            key: "women.empowered",
            name_id: "figure-women_empowered",
            definition_id: "figure-women_empowered-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::GroupsGraduated,
        FigureDefinition {
            key: "groups.graduated",
            name_id: "figure-groups_graduated",
            definition_id: "figure-groups_graduated-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::VisitsRecorded,
        VISITS_RECORDED,
        FigurePeriod::InSpan,
    ),
    count(FigureKey::VisitsOwed, VISITS_OWED, FigurePeriod::InSpan),
    count(FigureKey::VisitsKept, VISITS_KEPT, FigurePeriod::InSpan),
    count(
        FigureKey::FollowUpsOverdue,
        FOLLOW_UPS_OVERDUE,
        FigurePeriod::Today,
    ),
    count(
        FigureKey::GroupsOwedAVisit,
        GROUPS_OWED_A_VISIT,
        FigurePeriod::Today,
    ),
    // The groups' own bookkeeping, not programme money: shown to every dashboard reader,
    // as the dashboard's business table is.
    FigureDef {
        unit: FigureUnit::Rials,
        ..count(
            FigureKey::BusinessSales,
            FigureDefinition {
                key: "business.sales",
                name_id: "figure-business_sales",
                definition_id: "figure-business_sales-definition",
            },
            FigurePeriod::InSpan,
        )
    },
    count(
        FigureKey::BusinessJobs,
        FigureDefinition {
            key: "business.jobs",
            name_id: "figure-business_jobs",
            definition_id: "figure-business_jobs-definition",
        },
        FigurePeriod::OnDay,
    ),
    // Training (issue 18): the runs whose last session falls in the span, with their women
    // and outcomes, and the hours of the sessions held in it (`training::report`).
    count(
        FigureKey::TrainingRuns,
        FigureDefinition {
            key: "training.runs",
            name_id: "figure-training_runs",
            definition_id: "figure-training_runs-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::TrainingEnrolled,
        FigureDefinition {
            key: "training.enrolled",
            name_id: "figure-training_enrolled",
            definition_id: "figure-training_enrolled-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::TrainingCompleted,
        FigureDefinition {
            key: "training.completed",
            name_id: "figure-training_completed",
            definition_id: "figure-training_completed-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::TrainingWomen,
        FigureDefinition {
            key: "training.women",
            name_id: "figure-training_women",
            definition_id: "figure-training_women-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::TrainingHours,
        FigureDefinition {
            key: "training.hours",
            name_id: "figure-training_hours",
            definition_id: "figure-training_hours-definition",
        },
        FigurePeriod::InSpan,
    ),
    rials(
        FigureKey::HeadlineSpent,
        FigureDefinition {
            key: "money.headline_spent",
            name_id: "figure-money_headline_spent",
            definition_id: "figure-money_headline_spent-definition",
        },
    ),
    rials(
        FigureKey::GrantsCommitted,
        FigureDefinition {
            key: "grants.committed",
            name_id: "figure-grants_committed",
            definition_id: "figure-grants_committed-definition",
        },
    ),
    rials(
        FigureKey::GrantsPaid,
        FigureDefinition {
            key: "grants.paid",
            name_id: "figure-grants_paid",
            definition_id: "figure-grants_paid-definition",
        },
    ),
    FigureDef {
        money: true,
        ..count(
            FigureKey::GroupsGranted,
            FigureDefinition {
                key: "grants.groups",
                name_id: "figure-grants_groups",
                definition_id: "figure-grants_groups-definition",
            },
            FigurePeriod::InSpan,
        )
    },
    FigureDef {
        money: true,
        ..count(
            FigureKey::WomenGranted,
            FigureDefinition {
                key: "grants.women",
                name_id: "figure-grants_women",
                definition_id: "figure-grants_women-definition",
            },
            FigurePeriod::InSpan,
        )
    },
    rials(
        FigureKey::TrainingPaid,
        FigureDefinition {
            key: "training.paid",
            name_id: "figure-training_paid",
            definition_id: "figure-training_paid-definition",
        },
    ),
    rials(
        FigureKey::TrainingCostPerCompleter,
        FigureDefinition {
            key: "training.cost_per_completer",
            name_id: "figure-training_cost_per_completer",
            definition_id: "figure-training_cost_per_completer-definition",
        },
    ),
    // Outcomes (issue 19, `outcomes::report`): each woman's baseline paired with her latest
    // form in the span. A share or a mean is in whole percent or tenths of a point (the
    // catalogue counts in whole numbers), and is left out when fewer than five women are
    // behind it.
    count(
        FigureKey::OutcomesWomenPaired,
        FigureDefinition {
            key: "outcomes.women_paired",
            name_id: "figure-outcomes_women_paired",
            definition_id: "figure-outcomes_women_paired-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::OutcomesEarningShare,
        FigureDefinition {
            key: "outcomes.earning_share",
            name_id: "figure-outcomes_earning_share",
            definition_id: "figure-outcomes_earning_share-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::OutcomesSelfEsteemChange,
        FigureDefinition {
            key: "outcomes.self_esteem_change",
            name_id: "figure-outcomes_self_esteem_change",
            definition_id: "figure-outcomes_self_esteem_change-definition",
        },
        FigurePeriod::InSpan,
    ),
    count(
        FigureKey::OutcomesReturned,
        FigureDefinition {
            key: "outcomes.returned",
            name_id: "figure-outcomes_returned",
            definition_id: "figure-outcomes_returned-definition",
        },
        FigurePeriod::InSpan,
    ),
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

    /// The words' own checks (both languages, a definition is a sentence) render them, in
    /// `hamyar-i18n` and `hamyar-reports`; here, that the ids are the key's.
    #[test]
    fn keys_are_unique_and_every_figure_names_the_messages_of_its_key() {
        let mut keys: Vec<&str> = CATALOGUE.iter().map(|d| d.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), CATALOGUE.len());
        for entry in CATALOGUE {
            // Not `format!` with a `figure-{…}` literal: the catalogue's check would take it
            // for a request of every `figure-…` message.
            let name = ["figure", &entry.key.replace('.', "_")].join("-");
            assert_eq!(entry.name_id, name, "{}", entry.key);
            assert_eq!(entry.definition_id, format!("{name}-definition"));
            assert_eq!(def(entry.id).key, entry.key);
            assert_eq!(by_key(entry.key).map(|d| d.id), Some(entry.id));
        }
    }
}
