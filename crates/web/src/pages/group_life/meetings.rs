//! A group's meetings: the view of a recorded meeting with each member's attendance, and
//! the handler that records a meeting from the form's pairs (a mark per member).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::group_life::GroupLife;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::group_life::{Attendance, AttendanceInput, MeetingInput};

use super::page::{LifeForms, redraw};
use super::{Pairs, back, name_of};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::form::FormView;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct MeetingView {
    pub date: String,
    pub place: String,
    pub topics: String,
    pub decisions: String,
    /// «۵ از ۶».
    pub present: String,
    /// Each member with her mark.
    pub marks: Vec<(String, &'static str)>,
    pub recorded_by: String,
}

pub(super) fn meeting_view(
    m: &hamyar_app::ports::group_life::MeetingRow,
    life: &GroupLife,
    lang: Lang,
) -> MeetingView {
    let present = m.attendance.iter().filter(|(_, a)| a == "present").count();
    MeetingView {
        date: format::date(m.held_on, lang),
        place: m.place.clone(),
        topics: m.topics.clone(),
        decisions: m.decisions.clone(),
        present: format!(
            "{} {} {}",
            lang.number(present as i64),
            lang.t("life-of"),
            lang.number(m.attendance.len() as i64)
        ),
        marks: m
            .attendance
            .iter()
            .map(|(woman, mark)| {
                let name = life
                    .members
                    .iter()
                    .find(|s| s.woman_id == *woman)
                    .map_or_else(|| woman.to_string(), name_of);
                let label = Attendance::parse(mark).map_or("", |a| codes::label(a, lang));
                (name, label)
            })
            .collect(),
        recorded_by: m.recorded_by_name.clone(),
    }
}

pub async fn record_meeting(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let pairs = Pairs(pairs);
    let marks = pairs.per_member("att.");
    let input = MeetingInput {
        held_on: pairs.one("held_on"),
        place: pairs.one("place"),
        topics: pairs.one("topics"),
        decisions: pairs.one("decisions"),
        attendance: marks
            .iter()
            .map(|(woman_id, mark)| AttendanceInput {
                woman_id: woman_id.get(),
                attendance: mark.clone(),
            })
            .collect(),
    };
    let result = state.app.record_meeting(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| back(id, "life-meeting_saved", "meetings"),
            |meeting| {
                let forms = LifeForms {
                    meeting,
                    member_values: marks,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}
