//! Monitoring visits: the view of a visit with its referrals, requests and follow-up (its
//! state, shared with the visits-due list), and the handlers that record a visit, close its
//! follow-up and resolve one of its requests.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::ports::group_life::VisitRow;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::group_life::{FollowUpState, Referral, VisitInput};
use serde::{Deserialize, Serialize};

use super::page::{LifeForms, redraw};
use super::{Pairs, back, labels_of};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct RequestView {
    pub id: i64,
    pub text: String,
    pub raised_on: String,
    pub resolved: Option<String>,
}

pub struct VisitView {
    pub id: i64,
    pub date: String,
    pub visitor: String,
    pub purpose: String,
    pub findings: String,
    pub referrals: String,
    pub due: String,
    pub state: &'static str,
    pub badge: &'static str,
    pub follow_up: Option<String>,
    pub owed: bool,
    pub requests: Vec<RequestView>,
}

pub(super) fn follow_up_label(state: FollowUpState) -> (&'static str, &'static str) {
    match state {
        FollowUpState::NotAsked => ("life-follow_up_not_asked", "badge-muted"),
        FollowUpState::Done => ("life-follow_up_done", "badge-ok"),
        FollowUpState::Answered => ("life-follow_up_answered", "badge-ok"),
        FollowUpState::GroupEnded => ("life-follow_up_group_ended", "badge-muted"),
        FollowUpState::Scheduled => ("life-follow_up_scheduled", "badge-info"),
        FollowUpState::Due => ("life-follow_up_due", "badge-warning"),
        FollowUpState::Overdue => ("life-follow_up_overdue", "badge-danger"),
    }
}

/// How the follow-up was closed: resolved (date — note, by whom) or answered by the visit of
/// a later day.
fn follow_up_text(visit: &VisitRow, lang: Lang) -> Option<String> {
    if visit.follow_up_closed_by_visit_id.is_some() {
        let on = visit.follow_up_closed_on?;
        return Some(format!(
            "{} {}",
            lang.t("life-answered_by_visit_of"),
            format::date(on, lang)
        ));
    }
    let done = visit.follow_up_done_on?;
    let mut text = format!("{} — {}", format::date(done, lang), visit.follow_up_note);
    if !visit.follow_up_done_by_name.is_empty() {
        text.push_str(&format!(" ({})", visit.follow_up_done_by_name));
    }
    Some(text)
}

pub(super) fn visit_view(visit: &VisitRow, state: FollowUpState, lang: Lang) -> VisitView {
    let (label, badge) = follow_up_label(state);
    VisitView {
        id: visit.id,
        date: format::date(visit.visited_on, lang),
        visitor: visit.visitor_name.clone(),
        purpose: visit.purpose.clone(),
        findings: visit.findings.clone(),
        referrals: labels_of::<Referral>(&visit.referrals, &visit.referral_other, lang),
        due: visit
            .follow_up_due
            .map_or_else(|| "—".to_owned(), |d| format::date(d, lang)),
        state: lang.t(label),
        badge,
        follow_up: follow_up_text(visit, lang),
        owed: matches!(
            state,
            FollowUpState::Scheduled | FollowUpState::Due | FollowUpState::Overdue
        ),
        requests: visit
            .requests
            .iter()
            .map(|r| RequestView {
                id: r.id,
                text: r.request.clone(),
                raised_on: format::date(visit.visited_on, lang),
                resolved: r
                    .resolved_on
                    .map(|d| format!("{} — {}", format::date(d, lang), r.resolution_note)),
            })
            .collect(),
    }
}

pub async fn record_visit(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let pairs = Pairs(pairs);
    let input = VisitInput {
        visited_on: pairs.one("visited_on"),
        visitor_name: pairs.one("visitor_name"),
        purpose: pairs.one("purpose"),
        findings: pairs.one("findings"),
        // One request per line of the box.
        requests: pairs.one("requests").lines().map(str::to_owned).collect(),
        referrals: pairs.all("referrals"),
        referral_other: pairs.one("referral_other"),
        follow_up_due: pairs.one("follow_up_due"),
    };
    let result = state.app.record_visit(&who.actor(), id, &input).await;
    // The requests are one box on the form and a list in the input: shown again as typed.
    let typed = FormView::of(&input).with("requests", pairs.one("requests"));
    typed
        .answer(
            result,
            who.lang(),
            |_| back(id, "life-visit_saved", "visits"),
            |visit| {
                let forms = LifeForms {
                    visit,
                    ticked: input.referrals,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

/// Closing a follow-up or a request: the use-cases take the day and the note as they are.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DoneForm {
    done_on: String,
    note: String,
}

pub async fn complete_follow_up(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, visit_id)): Path<(GroupId, i64)>,
    Form(input): Form<DoneForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .complete_follow_up(&who.actor(), id, visit_id, &input.done_on, &input.note)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-follow_up_saved", "visits"),
            |follow_up| {
                let forms = LifeForms {
                    follow_up,
                    follow_up_for: Some(visit_id),
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn resolve_request(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, request_id)): Path<(GroupId, i64)>,
    Form(input): Form<DoneForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .resolve_visit_request(&who.actor(), id, request_id, &input.done_on, &input.note)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-request_resolved", "visits"),
            |resolve| {
                let forms = LifeForms {
                    resolve,
                    resolve_for: Some(request_id),
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}
