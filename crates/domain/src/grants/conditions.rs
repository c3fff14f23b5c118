//! Release conditions of a tranche and how each is judged. The application gathers a
//! recipient's facts (a group's stage history and how many of its members on the day hold a
//! completion record of a course; for a woman, the histories of the groups she belongs to and
//! her own first completion; the latest monitoring visit; the previous tranche's status) and
//! [`evaluate`]
//! turns each condition into a passed/failed result with a message of the catalogue that says
//! why — the approver reads it, and the approval keeps it (as its id and arguments; an
//! approval kept before the catalogue keeps the two sentences it was shown, see
//! [`ConditionResult`]).

use serde::{Deserialize, Serialize};

use crate::JalaliDate;
use crate::digits::to_persian_digits;
use crate::groups::GroupStage;
use crate::groups::lifecycle::has_ended;
use crate::message::{Message, MessageArg};
use crate::registry::codes::coded_list;

use super::TrancheStatus;

/// The visit window when a form does not name one.
pub const DEFAULT_VISIT_DAYS: u32 = 90;
/// The longest visit window a form may ask for (two years).
pub const MAX_VISIT_DAYS: u32 = 730;
/// The share of a group's members (percent) who must hold a completion record for
/// `training_completed`, when the condition does not name one — a tranche stored before the
/// share existed reads with it. Four of five women: most of the group, without letting one
/// woman's illness hold back the whole group's money.
pub const DEFAULT_TRAINED_SHARE: u32 = 80;
/// The largest share a form may ask for (every member).
pub const MAX_TRAINED_SHARE: u32 = 100;

coded_list! {
    /// What must be true before a tranche is released.
    pub enum ConditionCode ("شرط پرداخت", "release condition") {
        /// The group is registered (or later) and has not ended.
        GroupRegistered => "group_registered", "گروه ثبت شده باشد", "The group is registered";
        /// Enough of the group's members hold a completion record of a course (for a woman:
        /// she does).
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
    /// The share of the group's members (percent, 1–100) who must have completed a course,
    /// for `training_completed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<u32>,
}

impl Condition {
    pub const fn new(code: ConditionCode) -> Self {
        Self {
            code,
            days: None,
            share: None,
        }
    }

    pub const fn visited_within(days: u32) -> Self {
        Self {
            code: ConditionCode::VisitedRecently,
            days: Some(days),
            share: None,
        }
    }

    /// `training_completed` with `percent` of the members required.
    pub const fn trained_share(percent: u32) -> Self {
        Self {
            code: ConditionCode::TrainingCompleted,
            days: None,
            share: Some(percent),
        }
    }

    /// The visit window this condition uses.
    pub fn visit_days(&self) -> u32 {
        self.days.unwrap_or(DEFAULT_VISIT_DAYS)
    }

    /// The share of members (percent) this condition requires.
    pub fn share_percent(&self) -> u32 {
        // A form never stores a share outside 1–100; a stored one that is (edited by hand) is
        // read as the nearest allowed, so no share of 0 passes a group with no completer.
        self.share
            .unwrap_or(DEFAULT_TRAINED_SHARE)
            .clamp(1, MAX_TRAINED_SHARE)
    }

    /// The condition as the page names it, with its parameter.
    pub fn label_fa(&self) -> String {
        match self.code {
            ConditionCode::VisitedRecently => format!(
                "بازدید پایش در {} روز اخیر",
                to_persian_digits(&self.visit_days().to_string())
            ),
            ConditionCode::TrainingCompleted => format!(
                "دست‌کم {}٪ اعضای گروه دورهٔ آموزشی را تمام کرده باشند",
                to_persian_digits(&self.share_percent().to_string())
            ),
            code => code.label_fa().to_owned(),
        }
    }

    pub fn label_en(&self) -> String {
        match self.code {
            ConditionCode::VisitedRecently => {
                format!("A monitoring visit in the last {} days", self.visit_days())
            }
            ConditionCode::TrainingCompleted => format!(
                "At least {}% of the group's members have completed a course",
                self.share_percent()
            ),
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

/// A group's training on the day of the check, from the completion records of its members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TrainingTally {
    /// The women who are members of the group on the day (who left on or before it do not
    /// count; who joined after it do not either).
    pub members: u32,
    /// How many of them hold a completion record dated on or before the day (of any course,
    /// with this group or before they joined it).
    pub completed: u32,
    /// The latest of those women's first completions: the day the count last grew.
    pub latest_on: Option<JalaliDate>,
}

impl TrainingTally {
    /// Whether `completed` of `members` reaches `share` percent, in whole numbers (so 80 % of
    /// five women needs four, of seven needs six): no rounding decides a grant. A group with
    /// no members passes no share.
    pub fn reaches(&self, share: u32) -> bool {
        self.members > 0
            && u64::from(self.completed) * 100 >= u64::from(share) * u64::from(self.members)
    }

    /// The fewest completers that reach `share` percent of the members.
    pub fn needed(&self, share: u32) -> u32 {
        let product = u64::from(share) * u64::from(self.members);
        u32::try_from(product.div_ceil(100)).unwrap_or(u32::MAX)
    }
}

/// A group's name, stage history (oldest first) and training on the day of the check.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct GroupHistory {
    pub name: String,
    pub moves: Vec<StageMove>,
    pub training: TrainingTally,
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
    /// For a woman: the day of her first completion record of a course, if she has one.
    pub own_completion_on: Option<JalaliDate>,
}

/// A condition judged on a day.
///
/// An approval keeps its results as JSON: the message as its id and arguments
/// (`{"id": "conditions-last_visit", "args": [["on", {"Digits": "1405/07/02"}], …]}`). A result
/// kept before the explanations were messages of the catalogue holds the Persian and English
/// sentences the approver read (`explanation_fa`, `explanation_en`); it reads back as
/// `conditions-kept_explanation` with those sentences, so the record shows what was shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "KeptResult")]
pub struct ConditionResult {
    pub condition: Condition,
    pub passed: bool,
    /// Why: a message of the catalogue (`conditions-…`), rendered in the reader's language.
    pub message: Message,
}

/// The messages a result may carry, for reading kept results back (a message's id and its
/// arguments' names are `'static`).
const MESSAGE_IDS: [&str; 16] = [
    "conditions-woman_in_no_group",
    "conditions-no_stage_history",
    "conditions-group_registered",
    "conditions-group_not_registered",
    "conditions-group_trained",
    "conditions-group_not_trained",
    "conditions-members_trained",
    "conditions-members_not_trained",
    "conditions-group_without_members",
    "conditions-woman_trained",
    "conditions-woman_not_trained",
    "conditions-last_visit",
    "conditions-no_visit",
    "conditions-first_tranche",
    "conditions-previous_tranche_status",
    "conditions-kept_explanation",
];

/// The names of those messages' arguments.
const ARGUMENT_NAMES: [&str; 13] = [
    "group",
    "completed",
    "members",
    "share",
    "needed",
    "since",
    "stage",
    "on",
    "ago",
    "days",
    "seq",
    "status",
    "explanation",
];

/// A result as an approval kept it: with its message, or (kept before the catalogue) with
/// the two sentences the approver read.
#[derive(Deserialize)]
struct KeptResult {
    condition: Condition,
    passed: bool,
    #[serde(default)]
    message: Option<KeptMessage>,
    #[serde(default)]
    explanation_fa: Option<String>,
    #[serde(default)]
    explanation_en: Option<String>,
}

#[derive(Deserialize)]
struct KeptMessage {
    id: String,
    args: Vec<(String, KeptArgument)>,
}

/// The kinds of argument the results' messages take.
#[derive(Deserialize)]
enum KeptArgument {
    Text(String),
    Digits(String),
    Label { fa: String, en: String },
}

fn kept_name(list: &[&'static str], name: &str) -> Result<&'static str, String> {
    list.iter()
        .copied()
        .find(|known| *known == name)
        .ok_or_else(|| format!("{name:?} is not a message or argument of a condition's result"))
}

impl TryFrom<KeptMessage> for Message {
    type Error = String;

    fn try_from(kept: KeptMessage) -> Result<Message, String> {
        let mut message = Message::new(kept_name(&MESSAGE_IDS, &kept.id)?);
        for (name, argument) in kept.args {
            let value = match argument {
                KeptArgument::Text(text) => MessageArg::Text(text),
                KeptArgument::Digits(text) => MessageArg::Digits(text),
                KeptArgument::Label { fa, en } => MessageArg::Label { fa, en },
            };
            message = message.arg(kept_name(&ARGUMENT_NAMES, &name)?, value);
        }
        Ok(message)
    }
}

impl TryFrom<KeptResult> for ConditionResult {
    type Error = String;

    fn try_from(kept: KeptResult) -> Result<ConditionResult, String> {
        let message = match (kept.message, kept.explanation_fa, kept.explanation_en) {
            (Some(message), None, None) => Message::try_from(message)?,
            (None, Some(fa), Some(en)) => Message::new("conditions-kept_explanation")
                .arg("explanation", MessageArg::label(fa, en)),
            _ => {
                return Err(
                    "a kept result needs either its message or both its sentences".to_owned(),
                );
            }
        };
        Ok(ConditionResult {
            condition: kept.condition,
            passed: kept.passed,
            message,
        })
    }
}

fn stage_label(stage: GroupStage) -> MessageArg {
    MessageArg::label(stage.label_fa(), stage.label_en())
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
    let (passed, message) = match condition.code {
        ConditionCode::GroupRegistered => registered(facts, today),
        ConditionCode::TrainingCompleted => trained(facts, today, condition.share_percent()),
        ConditionCode::VisitedRecently => visited(facts, today, condition.visit_days()),
        ConditionCode::PreviousTranchePaid => previous_paid(facts),
    };
    ConditionResult {
        condition,
        passed,
        message,
    }
}

fn no_group(facts: &RecipientFacts) -> (bool, Message) {
    if facts.is_woman {
        (false, Message::new("conditions-woman_in_no_group"))
    } else {
        (false, Message::new("conditions-no_stage_history"))
    }
}

fn registered(facts: &RecipientFacts, today: JalaliDate) -> (bool, Message) {
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
                    Message::new("conditions-group_registered")
                        .arg("group", group.name.as_str())
                        .arg("since", since)
                        .arg("stage", stage_label(now.stage)),
                );
            }
            last = Some((group, now));
        }
    }
    match last {
        Some((group, now)) => (
            false,
            Message::new("conditions-group_not_registered")
                .arg("group", group.name.as_str())
                .arg("stage", stage_label(now.stage)),
        ),
        None => no_group(facts),
    }
}

/// `training_completed`: a woman passes on her own completion record; a group when enough of
/// its members on the day hold one (the tally is the day's, gathered by the application).
/// Approvals kept before completion records judged the *trained* stage instead; their
/// messages (`conditions-group_trained`, `conditions-group_not_trained`) still read back.
fn trained(facts: &RecipientFacts, today: JalaliDate, share: u32) -> (bool, Message) {
    if facts.is_woman {
        return match facts.own_completion_on.filter(|on| *on <= today) {
            Some(on) => (true, Message::new("conditions-woman_trained").arg("on", on)),
            None => (false, Message::new("conditions-woman_not_trained")),
        };
    }
    let Some(group) = facts.groups.first() else {
        return no_group(facts);
    };
    let tally = group.training;
    if tally.members == 0 {
        let message =
            Message::new("conditions-group_without_members").arg("group", group.name.as_str());
        return (false, message);
    }
    let counts = |id: &'static str| {
        Message::new(id)
            .arg("completed", MessageArg::digits(tally.completed))
            .arg("members", MessageArg::digits(tally.members))
            .arg("group", group.name.as_str())
            .arg("share", MessageArg::digits(share))
    };
    match tally.latest_on {
        Some(on) if tally.reaches(share) => {
            (true, counts("conditions-members_trained").arg("on", on))
        }
        _ => (
            false,
            counts("conditions-members_not_trained")
                .arg("needed", MessageArg::digits(tally.needed(share))),
        ),
    }
}

fn visited(facts: &RecipientFacts, today: JalaliDate, days: u32) -> (bool, Message) {
    match facts.last_visit_on.filter(|on| *on <= today) {
        Some(on) => {
            let ago = on.days_until(today);
            (
                ago <= i64::from(days),
                Message::new("conditions-last_visit")
                    .arg("on", on)
                    .arg("ago", MessageArg::digits(ago))
                    .arg("days", MessageArg::digits(days)),
            )
        }
        None => (false, Message::new("conditions-no_visit")),
    }
}

fn previous_paid(facts: &RecipientFacts) -> (bool, Message) {
    match facts.previous_tranche {
        None => (true, Message::new("conditions-first_tranche")),
        Some((seq, status)) => (
            status == TrancheStatus::Paid,
            Message::new("conditions-previous_tranche_status")
                .arg("seq", MessageArg::digits(seq))
                .arg(
                    "status",
                    MessageArg::label(status.label_fa(), status.label_en()),
                ),
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
                training: TrainingTally::default(),
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
        assert_eq!(
            trained.message,
            Message::new("conditions-group_not_registered")
                .arg("group", "نخل")
                .arg("stage", MessageArg::label("آموزش‌دیده", "Trained"))
        );
        facts.groups[0].moves.push(StageMove {
            stage: GroupStage::Registered,
            effective_on: day(1405, 5, 1),
        });
        let registered = evaluate(check, &facts, today);
        assert!(registered.passed, "{registered:?}");
        assert_eq!(
            registered.message,
            Message::new("conditions-group_registered")
                .arg("group", "نخل")
                .arg("since", MessageArg::digits("1405/05/01"))
                .arg("stage", MessageArg::label("ثبت‌شده", "Registered"))
        );
        // A move dated after the check does not count yet.
        assert!(!evaluate(check, &facts, day(1405, 4, 30)).passed);
        facts.groups[0].moves.push(StageMove {
            stage: GroupStage::Dissolved,
            effective_on: day(1405, 8, 1),
        });
        assert!(!evaluate(check, &facts, today).passed);
    }

    fn tally(members: u32, completed: u32) -> TrainingTally {
        TrainingTally {
            members,
            completed,
            latest_on: (completed > 0).then(|| day(1405, 6, 20)),
        }
    }

    fn trained_group(members: u32, completed: u32) -> RecipientFacts {
        let mut facts = group(&[(GroupStage::Identified, day(1405, 1, 1))]);
        facts.groups[0].training = tally(members, completed);
        facts
    }

    #[test]
    fn training_passes_when_the_share_of_members_with_completion_records_is_reached() {
        let today = day(1405, 9, 8);
        let check = Condition::trained_share(80);
        // 80 % of five women is four: three is short, four and five pass.
        let short = evaluate(check, &trained_group(5, 3), today);
        assert!(!short.passed);
        assert_eq!(
            short.message,
            Message::new("conditions-members_not_trained")
                .arg("completed", MessageArg::digits(3))
                .arg("members", MessageArg::digits(5))
                .arg("group", "نخل")
                .arg("share", MessageArg::digits(80))
                .arg("needed", MessageArg::digits(4))
        );
        let enough = evaluate(check, &trained_group(5, 4), today);
        assert!(enough.passed, "{enough:?}");
        assert_eq!(
            enough.message,
            Message::new("conditions-members_trained")
                .arg("completed", MessageArg::digits(4))
                .arg("members", MessageArg::digits(5))
                .arg("group", "نخل")
                .arg("share", MessageArg::digits(80))
                .arg("on", MessageArg::digits("1405/06/20"))
        );
        assert!(evaluate(check, &trained_group(5, 5), today).passed);
        // Rounded up, never down: 80 % of seven is 5.6, so six are needed.
        assert!(!evaluate(check, &trained_group(7, 5), today).passed);
        assert!(evaluate(check, &trained_group(7, 6), today).passed);
        // The whole group, or a single woman of it.
        assert!(!evaluate(Condition::trained_share(100), &trained_group(6, 5), today).passed);
        assert!(evaluate(Condition::trained_share(100), &trained_group(6, 6), today).passed);
        assert!(evaluate(Condition::trained_share(1), &trained_group(30, 1), today).passed);
        assert!(!evaluate(Condition::trained_share(1), &trained_group(30, 0), today).passed);
    }

    #[test]
    fn a_group_without_members_on_the_day_or_without_a_share_named_is_judged_as_it_should() {
        let today = day(1405, 9, 8);
        let empty = evaluate(Condition::trained_share(80), &trained_group(0, 0), today);
        assert!(!empty.passed);
        assert_eq!(
            empty.message,
            Message::new("conditions-group_without_members").arg("group", "نخل")
        );
        // A tranche stored before the share existed asks for the default.
        let old: Condition = serde_json::from_str(r#"{"code":"training_completed"}"#).unwrap();
        assert_eq!(old.share_percent(), DEFAULT_TRAINED_SHARE);
        assert!(!evaluate(old, &trained_group(5, 3), today).passed);
        assert!(evaluate(old, &trained_group(5, 4), today).passed);
        // The trained stage alone no longer counts.
        let staged = group(&[
            (GroupStage::Identified, day(1405, 1, 1)),
            (GroupStage::Trained, day(1405, 2, 1)),
            (GroupStage::Registered, day(1405, 3, 1)),
        ]);
        assert!(!evaluate(old, &staged, today).passed);
        // A share typed by hand outside 1–100 reads as the nearest allowed.
        let zero: Condition =
            serde_json::from_str(r#"{"code":"training_completed","share":0}"#).unwrap();
        assert_eq!(zero.share_percent(), 1);
        assert!(!evaluate(zero, &trained_group(5, 0), today).passed);
    }

    #[test]
    fn a_woman_passes_on_her_own_completion_on_or_before_the_day() {
        let today = day(1405, 9, 8);
        let check = Condition::trained_share(80);
        let woman = |on: Option<JalaliDate>| RecipientFacts {
            is_woman: true,
            own_completion_on: on,
            ..RecipientFacts::default()
        };
        let never = evaluate(check, &woman(None), today);
        assert!(!never.passed);
        assert_eq!(never.message, Message::new("conditions-woman_not_trained"));
        assert_eq!(
            never.message.fa(),
            "این زن هنوز هیچ دورهٔ آموزشی را تمام نکرده است"
        );
        let on_the_day = evaluate(check, &woman(Some(today)), today);
        assert!(on_the_day.passed);
        assert_eq!(
            on_the_day.message,
            Message::new("conditions-woman_trained").arg("on", MessageArg::digits("1405/09/08"))
        );
        // A completion dated after the day of the check does not count yet.
        assert!(!evaluate(check, &woman(Some(day(1405, 9, 9))), today).passed);
        // Her groups' tallies do not decide for her.
        let mut in_a_trained_group = woman(None);
        in_a_trained_group.groups = trained_group(5, 5).groups;
        assert!(!evaluate(check, &in_a_trained_group, today).passed);
    }

    #[test]
    fn a_tally_needs_whole_women_and_a_share_reads_in_both_languages() {
        assert_eq!(tally(5, 0).needed(80), 4);
        assert_eq!(tally(7, 0).needed(80), 6);
        assert_eq!(tally(10, 0).needed(80), 8);
        assert_eq!(tally(3, 0).needed(1), 1);
        assert!(tally(10, 8).reaches(80));
        assert!(!tally(10, 7).reaches(80));
        assert!(!tally(0, 0).reaches(1));
        let check = Condition::trained_share(75);
        assert_eq!(
            check.label_fa(),
            "دست‌کم ۷۵٪ اعضای گروه دورهٔ آموزشی را تمام کرده باشند"
        );
        assert_eq!(
            check.label_en(),
            "At least 75% of the group's members have completed a course"
        );
        assert_eq!(
            serde_json::to_string(&check).unwrap(),
            r#"{"code":"training_completed","share":75}"#
        );
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
            result.message,
            Message::new("conditions-last_visit")
                .arg("on", MessageArg::digits("1405/07/02"))
                .arg("ago", MessageArg::digits(66))
                .arg("days", MessageArg::digits(90))
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

    /// Every kind of result an approval may keep, passed or failed.
    fn every_kind_of_result() -> Vec<ConditionResult> {
        let today = day(1405, 9, 8);
        let mut registered = RecipientFacts {
            last_visit_on: Some(day(1405, 7, 2)),
            previous_tranche: Some((1, TrancheStatus::Approved)),
            ..group(&[
                (GroupStage::Trained, day(1405, 3, 1)),
                (GroupStage::Registered, day(1405, 5, 1)),
            ])
        };
        registered.groups[0].training = tally(5, 4);
        let mut identified = group(&[(GroupStage::Identified, day(1405, 1, 1))]);
        identified.groups[0].training = tally(5, 1);
        let woman = RecipientFacts {
            is_woman: true,
            ..RecipientFacts::default()
        };
        let trained_woman = RecipientFacts {
            is_woman: true,
            own_completion_on: Some(day(1405, 6, 1)),
            ..RecipientFacts::default()
        };
        let conditions = [
            Condition::new(ConditionCode::GroupRegistered),
            Condition::trained_share(80),
            Condition::visited_within(90),
            Condition::new(ConditionCode::PreviousTranchePaid),
        ];
        [
            registered,
            identified,
            woman,
            trained_woman,
            trained_group(0, 0),
            RecipientFacts::default(),
        ]
        .iter()
        .flat_map(|facts| evaluate_all(&conditions, facts, today))
        .collect()
    }

    #[test]
    fn kept_results_read_back_as_they_were_judged() {
        let results = every_kind_of_result();
        let ids: std::collections::BTreeSet<&str> =
            results.iter().map(|result| result.message.id()).collect();
        // Kept only: the sentences of approvals before the catalogue, and the trained-stage
        // judgement of approvals before completion records.
        let kept_only = [
            "conditions-kept_explanation",
            "conditions-group_trained",
            "conditions-group_not_trained",
        ];
        let judged: Vec<&str> = MESSAGE_IDS
            .iter()
            .copied()
            .filter(|id| !kept_only.contains(id))
            .collect();
        assert_eq!(ids, judged.into_iter().collect(), "a kind is missing");
        let text = serde_json::to_string(&results).unwrap();
        assert!(
            text.contains(
                r#"{"condition":{"code":"previous_tranche_paid"},"passed":false,"message":{"id":"conditions-previous_tranche_status","args":[["seq",{"Digits":"1"}],["status",{"Label":{"fa":"تأییدشده","en":"Approved"}}]]}}"#
            ),
            "{text}"
        );
        let back: Vec<ConditionResult> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, results);
    }

    #[test]
    fn a_result_kept_before_the_catalogue_keeps_its_two_sentences() {
        let text = r#"[{"condition":{"code":"visited_recently","days":90},"passed":true,
            "explanation_fa":"آخرین بازدید ۱۴۰۵/۰۷/۰۲، ۶۶ روز پیش (حداکثر ۹۰ روز)",
            "explanation_en":"last visit 1405/07/02, 66 days ago (at most 90 days)"}]"#;
        let kept: Vec<ConditionResult> = serde_json::from_str(text).unwrap();
        assert_eq!(
            kept,
            [ConditionResult {
                condition: Condition::visited_within(90),
                passed: true,
                message: Message::new("conditions-kept_explanation").arg(
                    "explanation",
                    MessageArg::label(
                        "آخرین بازدید ۱۴۰۵/۰۷/۰۲، ۶۶ روز پیش (حداکثر ۹۰ روز)",
                        "last visit 1405/07/02, 66 days ago (at most 90 days)"
                    )
                ),
            }]
        );
    }

    #[test]
    fn a_result_kept_when_the_trained_stage_decided_reads_back_unchanged() {
        let text = r#"{"condition":{"code":"training_completed"},"passed":true,
            "message":{"id":"conditions-group_trained","args":[["group",{"Text":"نخل"}],
            ["on",{"Digits":"1405/03/01"}]]}}"#;
        let kept: ConditionResult = serde_json::from_str(text).unwrap();
        assert_eq!(
            kept,
            ConditionResult {
                condition: Condition::new(ConditionCode::TrainingCompleted),
                passed: true,
                message: Message::new("conditions-group_trained")
                    .arg("group", "نخل")
                    .arg("on", MessageArg::digits("1405/03/01")),
            }
        );
    }

    #[test]
    fn a_kept_result_with_an_unknown_message_or_no_explanation_is_refused() {
        let unknown = r#"{"condition":{"code":"group_registered"},"passed":true,
            "message":{"id":"conditions-made_up","args":[]}}"#;
        assert!(serde_json::from_str::<ConditionResult>(unknown).is_err());
        let argument = r#"{"condition":{"code":"group_registered"},"passed":true,
            "message":{"id":"conditions-no_visit","args":[["made_up",{"Text":"x"}]]}}"#;
        assert!(serde_json::from_str::<ConditionResult>(argument).is_err());
        let half = r#"{"condition":{"code":"group_registered"},"passed":true,
            "explanation_fa":"گروه ثبت شد"}"#;
        assert!(serde_json::from_str::<ConditionResult>(half).is_err());
    }
}
