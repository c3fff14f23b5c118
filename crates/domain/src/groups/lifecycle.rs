//! The rules of a group's lifecycle: which stage may follow which, which
//! stages count as "active" in reports, and which end a group's life.
//!
//! A group is identified, trained, registered, possibly funded, then active;
//! an active group may fall inactive (for a coded reason) and be reactivated;
//! any group not yet ended may be dissolved, and a running group may
//! graduate (become independent). These are programme rules, so they live
//! here: the application checks every move with [`transition_problem`] and
//! the pages offer only [`allowed_next`].

use crate::digits::to_persian_digits;
use crate::groups::codes::GroupStage;
use crate::jalali::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::registry::problem::Problem;

/// The field name used in lifecycle problems.
const STAGE_FIELD: &str = "stage";

/// The stages that may follow `from`. A stage never follows itself.
///
/// - Registration may come straight after training; funding is optional
///   before a group starts (some start on their own means).
/// - Only a running group (active or reactivated) falls inactive or
///   graduates; an inactive group is reactivated or dissolved.
/// - Dissolved and graduated groups have ended: nothing follows.
pub const fn allowed_next(from: GroupStage) -> &'static [GroupStage] {
    use GroupStage::*;
    match from {
        Identified => &[Trained, Dissolved],
        Trained => &[Registered, Dissolved],
        Registered => &[Funded, Active, Dissolved],
        Funded => &[Active, Dissolved],
        Active => &[Inactive, Graduated, Dissolved],
        Inactive => &[Reactivated, Dissolved],
        Reactivated => &[Inactive, Graduated, Dissolved],
        Dissolved | Graduated => &[],
    }
}

/// The stage a new group starts in.
pub const FIRST_STAGES: [GroupStage; 1] = [GroupStage::Identified];

/// Stages in which a group counts as active in reports.
pub const ACTIVE_STAGES: [GroupStage; 2] = [GroupStage::Active, GroupStage::Reactivated];

/// True for the stages that end a group's life.
pub const fn has_ended(stage: GroupStage) -> bool {
    matches!(stage, GroupStage::Dissolved | GroupStage::Graduated)
}

/// True for the stages from which a group counts as registered, and so is followed by its
/// social worker until it ends: registered, funded, active, inactive, reactivated.
pub const fn counts_as_registered(stage: GroupStage) -> bool {
    use GroupStage::*;
    matches!(stage, Registered | Funded | Active | Inactive | Reactivated)
}

/// True when the stage counts as active in reports.
pub const fn counts_as_active(stage: GroupStage) -> bool {
    matches!(stage, GroupStage::Active | GroupStage::Reactivated)
}

/// Why moving from `from` to `to` is not allowed, or `None` when it is.
pub fn transition_problem(from: GroupStage, to: GroupStage) -> Option<Problem> {
    let allowed = allowed_next(from);
    if allowed.contains(&to) {
        return None;
    }
    if allowed.is_empty() {
        return Some(Problem::new(
            STAGE_FIELD,
            Message::new("lifecycle-stage_ended")
                .arg("stage", MessageArg::label(from.label_fa(), from.label_en())),
        ));
    }
    let allowed_fa: Vec<&str> = allowed.iter().map(|stage| stage.label_fa()).collect();
    let allowed_en: Vec<&str> = allowed.iter().map(|stage| stage.label_en()).collect();
    Some(Problem::new(
        STAGE_FIELD,
        Message::new("lifecycle-move_not_allowed")
            .arg("from", MessageArg::label(from.label_fa(), from.label_en()))
            .arg("to", MessageArg::label(to.label_fa(), to.label_en()))
            .arg(
                "allowed",
                MessageArg::label(allowed_fa.join(" یا "), allowed_en.join(" or ")),
            ),
    ))
}

/// Why a move effective on `effective_on` cannot follow the last move, effective on
/// `last_on` (none for a group without moves), or `None`. Back-dating before the last move
/// would rewrite history the reports have already counted.
pub fn effective_date_problem(
    last_on: Option<JalaliDate>,
    effective_on: JalaliDate,
    today: JalaliDate,
) -> Option<Problem> {
    if effective_on > today {
        return Some(Problem::new(
            "effective_on",
            Message::new("lifecycle-date_move_cannot_after_today"),
        ));
    }
    let last_on = last_on.filter(|last_on| effective_on < *last_on)?;
    Some(Problem::new(
        "effective_on",
        // The Persian names the Jalali date, the English the ISO date, as they did before
        // the catalogue.
        Message::new("lifecycle-move_before_last").arg(
            "last_on",
            MessageArg::label(
                to_persian_digits(&last_on.to_string()),
                last_on.to_iso_string(),
            ),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_goes_from_identification_to_activity() {
        use GroupStage::*;
        let path = [
            Identified,
            Trained,
            Registered,
            Active,
            Inactive,
            Reactivated,
            Graduated,
        ];
        for pair in path.windows(2) {
            assert_eq!(transition_problem(pair[0], pair[1]), None, "{pair:?}");
        }
    }

    #[test]
    fn skipping_training_is_refused_and_the_message_names_the_allowed_stages() {
        let problem = transition_problem(GroupStage::Identified, GroupStage::Active).unwrap();
        assert_eq!(problem.field, "stage");
        assert_eq!(problem.message.id(), "lifecycle-move_not_allowed");
        let (_, allowed) = &problem.message.args()[2];
        let MessageArg::Label { fa, en } = allowed else {
            panic!("{allowed:?}")
        };
        assert!(fa.contains("آموزش‌دیده"), "{fa}");
        assert_eq!(en, "Trained or Dissolved");
    }

    #[test]
    fn ended_groups_accept_no_move_and_no_stage_follows_itself() {
        for stage in GroupStage::ALL {
            assert!(!allowed_next(stage).contains(&stage), "{stage:?}");
        }
        for ended in [GroupStage::Dissolved, GroupStage::Graduated] {
            assert!(has_ended(ended));
            for to in GroupStage::ALL {
                assert!(transition_problem(ended, to).is_some());
            }
        }
    }

    #[test]
    fn every_stage_is_reachable_from_the_first() {
        let mut reached = vec![FIRST_STAGES[0]];
        let mut index = 0;
        while index < reached.len() {
            for next in allowed_next(reached[index]) {
                if !reached.contains(next) {
                    reached.push(*next);
                }
            }
            index += 1;
        }
        assert_eq!(reached.len(), GroupStage::ALL.len());
    }

    #[test]
    fn moves_cannot_be_dated_before_the_last_move_or_after_today() {
        let iso = |text: &str| JalaliDate::from_iso_str(text).unwrap();
        let last = Some(iso("2025-01-10"));
        let today = iso("2025-02-01");
        assert_eq!(effective_date_problem(last, iso("2025-01-10"), today), None);
        assert!(effective_date_problem(last, iso("2025-01-09"), today).is_some());
        assert!(effective_date_problem(last, iso("2025-02-02"), today).is_some());
        assert!(effective_date_problem(None, iso("2025-02-02"), today).is_some());
        assert_eq!(effective_date_problem(None, iso("2024-01-01"), today), None);
    }
}
