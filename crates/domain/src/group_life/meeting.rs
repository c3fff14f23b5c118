//! A group meeting: when and where it was held, who attended (each member present, absent or
//! excused), what was discussed and what was decided. Attendance is the savings-group
//! literature's first health sign of a group, so every member listed gets a mark.

use crate::message::{Message, MessageArg};
use serde::Serialize;

use crate::group_life::codes::Attendance;
use crate::group_life::past_date;
use crate::jalali::JalaliDate;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, required_code};

/// One member's attendance as chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AttendanceInput {
    pub woman_id: i64,
    pub attendance: String,
}

/// The meeting form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MeetingInput {
    pub held_on: String,
    pub place: String,
    pub topics: String,
    pub decisions: String,
    pub attendance: Vec<AttendanceInput>,
}

/// A valid meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeetingDraft {
    pub held_on: JalaliDate,
    pub place: String,
    pub topics: String,
    pub decisions: String,
    pub attendance: Vec<(i64, Attendance)>,
}

impl MeetingDraft {
    /// Checks the form; a meeting cannot be recorded before it is held.
    pub fn parse(input: &MeetingInput, today: JalaliDate) -> Result<MeetingDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let held_on = problems.take(past_date(
            "held_on",
            &input.held_on,
            today,
            "meeting-what_held_on",
        ));
        let place = problems.take(free_text("place", &input.place, 200, false));
        let topics = problems.take(required_text(
            "topics",
            &input.topics,
            "meeting-what_topics",
        ));
        let decisions = problems.take(free_text("decisions", &input.decisions, 4000, true));
        let attendance = problems.take(attendance(&input.attendance));
        problems.finish(|| {
            Some(MeetingDraft {
                held_on: held_on?,
                place: place?,
                topics: topics?,
                decisions: decisions?,
                attendance: attendance?,
            })
        })
    }

    /// How many members were marked present.
    pub fn present(&self) -> usize {
        self.attendance
            .iter()
            .filter(|(_, mark)| *mark == Attendance::Present)
            .count()
    }
}

/// A required text of at most 4000 characters; `what` is the catalogue id of its name in
/// messages (`meeting-what_topics`: «موضوعات جلسه», "topics").
pub(crate) fn required_text(
    field: &'static str,
    text: &str,
    what: &'static str,
) -> Result<String, Problem> {
    let text = free_text(field, text, 4000, true)?;
    if text.is_empty() {
        return Err(Problem::new(
            field,
            Message::new("meeting-text_required")
                .arg("what", MessageArg::Message(Message::new(what))),
        ));
    }
    Ok(text)
}

fn attendance(inputs: &[AttendanceInput]) -> Result<Vec<(i64, Attendance)>, Problem> {
    if inputs.is_empty() {
        return Err(Problem::new(
            "attendance",
            Message::new("meeting-members_attendance_required"),
        ));
    }
    let mut marks = Vec::with_capacity(inputs.len());
    for input in inputs {
        let mark = required_code::<Attendance>("attendance", &input.attendance).map_err(|_| {
            Problem::new(
                "attendance",
                Message::new("meeting-choose_present_absent_excused_every"),
            )
        })?;
        if marks.iter().any(|(woman, _)| *woman == input.woman_id) {
            return Err(Problem::new(
                "attendance",
                Message::new("meeting-each_member_s_attendance_recorded"),
            ));
        }
        marks.push((input.woman_id, mark));
    }
    Ok(marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1405, 9, 8).unwrap()
    }

    fn input() -> MeetingInput {
        MeetingInput {
            held_on: "۱۴۰۵/۰۹/۰۱".into(),
            place: " کارگاه  گروه ".into(),
            topics: "قیمت‌گذاری".into(),
            decisions: "".into(),
            attendance: vec![
                AttendanceInput {
                    woman_id: 1,
                    attendance: "present".into(),
                },
                AttendanceInput {
                    woman_id: 2,
                    attendance: "غیبت موجه".into(),
                },
            ],
        }
    }

    #[test]
    fn a_meeting_keeps_each_members_mark() {
        let draft = MeetingDraft::parse(&input(), today()).unwrap();
        assert_eq!(draft.place, "کارگاه گروه");
        assert_eq!(
            draft.attendance,
            [(1, Attendance::Present), (2, Attendance::Excused)]
        );
        assert_eq!(draft.present(), 1);
    }

    #[test]
    fn a_future_meeting_without_topics_or_marks_is_refused() {
        let mut bad = input();
        bad.held_on = "1405/09/20".into();
        bad.topics = "".into();
        bad.attendance[1].attendance = "".into();
        let problems = MeetingDraft::parse(&bad, today()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["held_on", "topics", "attendance"]);
    }
}
