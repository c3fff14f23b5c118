//! Release conditions of a tranche and how each is judged. The application gathers a
//! recipient's facts (a group's stage history; for a woman, the histories of the groups she
//! belongs to; the latest monitoring visit; the previous tranche's status) and [`evaluate`]
//! turns each condition into a passed/failed result with a sentence in Persian and English
//! that says why — the approver reads that sentence, and the approval keeps it.

use serde::{Deserialize, Serialize};

use crate::JalaliDate;
use crate::digits::to_persian_digits;
use crate::groups::GroupStage;
use crate::groups::lifecycle::has_ended;
use crate::registry::codes::coded_list;

use super::TrancheStatus;

/// The visit window when a form does not name one.
pub const DEFAULT_VISIT_DAYS: u32 = 90;
/// The longest visit window a form may ask for (two years).
pub const MAX_VISIT_DAYS: u32 = 730;

coded_list! {
    /// What must be true before a tranche is released.
    pub enum ConditionCode ("شرط پرداخت", "release condition") {
        /// The group is registered (or later) and has not ended.
        GroupRegistered => "group_registered", "گروه ثبت شده باشد", "The group is registered";
        /// The group has been through training (for a woman: a group of hers has).
        TrainingCompleted => "training_completed", "آموزش گروه تمام شده باشد", "Training is complete";
        /// A monitoring visit within the last N days.
        VisitedRecently => "visited_recently", "بازدید اخیر انجام شده باشد", "Visited recently";
        /// The tranche before this one has been paid.
        PreviousTranchePaid => "previous_tranche_paid", "قسط قبلی پرداخت شده باشد", "The previous tranche is paid";
    }
}

/// One condition as a tranche carries it (stored as JSON with the tranche).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub code: ConditionCode,
    /// The visit window in days, for `visited_recently`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

impl Condition {
    pub const fn new(code: ConditionCode) -> Self {
        Self { code, days: None }
    }

    pub const fn visited_within(days: u32) -> Self {
        Self {
            code: ConditionCode::VisitedRecently,
            days: Some(days),
        }
    }

    /// The visit window this condition uses.
    pub fn visit_days(&self) -> u32 {
        self.days.unwrap_or(DEFAULT_VISIT_DAYS)
    }

    /// The condition as the page names it, with its parameter.
    pub fn label_fa(&self) -> String {
        match self.code {
            ConditionCode::VisitedRecently => format!(
                "بازدید پایش در {} روز اخیر",
                to_persian_digits(&self.visit_days().to_string())
            ),
            code => code.label_fa().to_owned(),
        }
    }

    pub fn label_en(&self) -> String {
        match self.code {
            ConditionCode::VisitedRecently => {
                format!("A monitoring visit in the last {} days", self.visit_days())
            }
            code => code.label_en().to_owned(),
        }
    }
}

/// One move of a group's lifecycle, as the conditions need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageMove {
    pub stage: GroupStage,
    pub effective_on: JalaliDate,
}

/// A group's name and stage history (oldest first).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct GroupHistory {
    pub name: String,
    pub moves: Vec<StageMove>,
}

/// What the conditions are judged on.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RecipientFacts {
    /// The recipient group's history, or for a woman the histories of the groups she is a
    /// member of on the day of the check.
    pub groups: Vec<GroupHistory>,
    /// Whether the recipient is a woman (the sentences say "a group of hers").
    pub is_woman: bool,
    /// The latest monitoring visit to the group (for a woman: to any of her groups).
    pub last_visit_on: Option<JalaliDate>,
    /// The previous tranche's number and status; `None` for the first tranche.
    pub previous_tranche: Option<(u32, TrancheStatus)>,
}

/// A condition judged on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionResult {
    pub condition: Condition,
    pub passed: bool,
    pub explanation_fa: String,
    pub explanation_en: String,
}

fn fa_date(date: JalaliDate) -> String {
    to_persian_digits(&date.to_string())
}

fn fa_number(number: impl ToString) -> String {
    to_persian_digits(&number.to_string())
}

/// The stage of a history on `today` (the latest move effective on or before it).
fn stage_on(moves: &[StageMove], today: JalaliDate) -> Option<&StageMove> {
    moves.iter().rfind(|m| m.effective_on <= today)
}

fn position(stage: GroupStage) -> usize {
    GroupStage::ALL
        .iter()
        .position(|s| *s == stage)
        .unwrap_or_default()
}

/// Judges every condition, in the order given.
pub fn evaluate_all(
    conditions: &[Condition],
    facts: &RecipientFacts,
    today: JalaliDate,
) -> Vec<ConditionResult> {
    conditions
        .iter()
        .map(|condition| evaluate(*condition, facts, today))
        .collect()
}

/// Judges one condition on `today`.
pub fn evaluate(
    condition: Condition,
    facts: &RecipientFacts,
    today: JalaliDate,
) -> ConditionResult {
    let (passed, fa, en) = match condition.code {
        ConditionCode::GroupRegistered => registered(facts, today),
        ConditionCode::TrainingCompleted => trained(facts, today),
        ConditionCode::VisitedRecently => visited(facts, today, condition.visit_days()),
        ConditionCode::PreviousTranchePaid => previous_paid(facts),
    };
    ConditionResult {
        condition,
        passed,
        explanation_fa: fa,
        explanation_en: en,
    }
}

fn no_group(facts: &RecipientFacts) -> (bool, String, String) {
    if facts.is_woman {
        (
            false,
            "این زن امروز عضو هیچ گروهی نیست".into(),
            "the woman is not a member of any group today".into(),
        )
    } else {
        (
            false,
            "سابقهٔ مراحل گروه خالی است".into(),
            "the group has no stage history".into(),
        )
    }
}

fn registered(facts: &RecipientFacts, today: JalaliDate) -> (bool, String, String) {
    let mut last = None;
    for group in &facts.groups {
        if let Some(now) = stage_on(&group.moves, today) {
            let ok =
                position(now.stage) >= position(GroupStage::Registered) && !has_ended(now.stage);
            if ok {
                let since = group
                    .moves
                    .iter()
                    .find(|m| m.stage == GroupStage::Registered)
                    .map_or(now.effective_on, |m| m.effective_on);
                return (
                    true,
                    format!(
                        "گروه «{}» در {} ثبت شد و اکنون «{}» است",
                        group.name,
                        fa_date(since),
                        now.stage.label_fa()
                    ),
                    format!(
                        "group «{}» was registered on {since} and is now {}",
                        group.name,
                        now.stage.label_en()
                    ),
                );
            }
            last = Some((group, now));
        }
    }
    match last {
        Some((group, now)) => (
            false,
            format!(
                "گروه «{}» اکنون «{}» است، نه ثبت‌شده",
                group.name,
                now.stage.label_fa()
            ),
            format!(
                "group «{}» is {}, not registered",
                group.name,
                now.stage.label_en()
            ),
        ),
        None => no_group(facts),
    }
}

fn trained(facts: &RecipientFacts, today: JalaliDate) -> (bool, String, String) {
    for group in &facts.groups {
        if let Some(done) = group
            .moves
            .iter()
            .find(|m| m.stage == GroupStage::Trained && m.effective_on <= today)
        {
            return (
                true,
                format!(
                    "آموزش گروه «{}» در {} تمام شد",
                    group.name,
                    fa_date(done.effective_on)
                ),
                format!(
                    "group «{}» completed training on {}",
                    group.name, done.effective_on
                ),
            );
        }
    }
    match facts.groups.first() {
        Some(group) => (
            false,
            format!("گروه «{}» هنوز آموزش ندیده است", group.name),
            format!("group «{}» has not completed training", group.name),
        ),
        None => no_group(facts),
    }
}

fn visited(facts: &RecipientFacts, today: JalaliDate, days: u32) -> (bool, String, String) {
    match facts.last_visit_on.filter(|on| *on <= today) {
        Some(on) => {
            let ago = on.days_until(today);
            let passed = ago <= i64::from(days);
            (
                passed,
                format!(
                    "آخرین بازدید {}، {} روز پیش (حداکثر {} روز)",
                    fa_date(on),
                    fa_number(ago),
                    fa_number(days)
                ),
                format!("last visit {on}, {ago} days ago (at most {days} days)"),
            )
        }
        None => (
            false,
            "هیچ بازدید پایشی ثبت نشده است".into(),
            "no monitoring visit has been recorded".into(),
        ),
    }
}

fn previous_paid(facts: &RecipientFacts) -> (bool, String, String) {
    match facts.previous_tranche {
        None => (
            true,
            "این قسط نخست است".into(),
            "this is the first tranche".into(),
        ),
        Some((seq, status)) => (
            status == TrancheStatus::Paid,
            format!("قسط {} «{}» است", fa_number(seq), status.label_fa()),
            format!("tranche {seq} is {}", status.label_en()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> JalaliDate {
        JalaliDate::new(y, m, d).unwrap()
    }

    fn group(moves: &[(GroupStage, JalaliDate)]) -> RecipientFacts {
        RecipientFacts {
            groups: vec![GroupHistory {
                name: "نخل".into(),
                moves: moves
                    .iter()
                    .map(|(stage, on)| StageMove {
                        stage: *stage,
                        effective_on: *on,
                    })
                    .collect(),
            }],
            ..RecipientFacts::default()
        }
    }

    #[test]
    fn a_registered_group_passes_but_one_only_trained_or_dissolved_does_not() {
        let today = day(1405, 9, 8);
        let mut facts = group(&[
            (GroupStage::Identified, day(1405, 1, 1)),
            (GroupStage::Trained, day(1405, 3, 1)),
        ]);
        let check = Condition::new(ConditionCode::GroupRegistered);
        let trained = evaluate(check, &facts, today);
        assert!(!trained.passed);
        assert!(trained.explanation_fa.contains("آموزش‌دیده"));
        facts.groups[0].moves.push(StageMove {
            stage: GroupStage::Registered,
            effective_on: day(1405, 5, 1),
        });
        let registered = evaluate(check, &facts, today);
        assert!(registered.passed, "{registered:?}");
        assert!(registered.explanation_fa.contains("۱۴۰۵/۰۵/۰۱"));
        // A move dated after the check does not count yet.
        assert!(!evaluate(check, &facts, day(1405, 4, 30)).passed);
        facts.groups[0].moves.push(StageMove {
            stage: GroupStage::Dissolved,
            effective_on: day(1405, 8, 1),
        });
        assert!(!evaluate(check, &facts, today).passed);
    }

    #[test]
    fn training_counts_once_the_group_has_passed_the_trained_stage() {
        let today = day(1405, 9, 8);
        let check = Condition::new(ConditionCode::TrainingCompleted);
        let only_identified = group(&[(GroupStage::Identified, day(1405, 1, 1))]);
        assert!(!evaluate(check, &only_identified, today).passed);
        let trained = group(&[
            (GroupStage::Identified, day(1405, 1, 1)),
            (GroupStage::Trained, day(1405, 2, 1)),
            (GroupStage::Registered, day(1405, 3, 1)),
        ]);
        assert!(evaluate(check, &trained, today).passed);
        let woman = RecipientFacts {
            is_woman: true,
            ..RecipientFacts::default()
        };
        let alone = evaluate(check, &woman, today);
        assert!(!alone.passed);
        assert!(alone.explanation_fa.contains("عضو هیچ گروهی"));
    }

    #[test]
    fn a_visit_counts_within_its_window_and_says_how_long_ago() {
        let today = day(1405, 9, 8);
        let facts = RecipientFacts {
            last_visit_on: Some(day(1405, 7, 2)),
            ..RecipientFacts::default()
        };
        let result = evaluate(Condition::visited_within(90), &facts, today);
        assert!(result.passed);
        assert_eq!(
            result.explanation_fa,
            "آخرین بازدید ۱۴۰۵/۰۷/۰۲، ۶۶ روز پیش (حداکثر ۹۰ روز)"
        );
        assert!(!evaluate(Condition::visited_within(60), &facts, today).passed);
        let never = evaluate(
            Condition::new(ConditionCode::VisitedRecently),
            &RecipientFacts::default(),
            today,
        );
        assert!(!never.passed);
    }

    #[test]
    fn the_previous_tranche_must_be_paid_and_the_first_has_none() {
        let check = Condition::new(ConditionCode::PreviousTranchePaid);
        let today = day(1405, 9, 8);
        assert!(evaluate(check, &RecipientFacts::default(), today).passed);
        let approved = RecipientFacts {
            previous_tranche: Some((1, TrancheStatus::Approved)),
            ..RecipientFacts::default()
        };
        assert!(!evaluate(check, &approved, today).passed);
        let paid = RecipientFacts {
            previous_tranche: Some((1, TrancheStatus::Paid)),
            ..RecipientFacts::default()
        };
        assert!(evaluate(check, &paid, today).passed);
    }

    #[test]
    fn conditions_and_results_survive_json() {
        let conditions = vec![
            Condition::new(ConditionCode::GroupRegistered),
            Condition::visited_within(45),
        ];
        let text = serde_json::to_string(&conditions).unwrap();
        assert_eq!(
            text,
            r#"[{"code":"group_registered"},{"code":"visited_recently","days":45}]"#
        );
        let back: Vec<Condition> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, conditions);
    }
}
