//! A course run's page (`/training/runs/{id}`): its details, its sessions (held or not, each
//! with its sheet), its women with their counts of present, absent and excused and what the
//! course kind's rule says of each in words, and — for the coordinator — the enrolment form
//! (national IDs, or a group of the run's county) and each enrolled woman's completion and
//! dropout forms. Opening the page shows names, so the app audits it; a refused form draws
//! the page again (422) without a second audit row, with the app's messages on top and the
//! refused form open with what was typed.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::groups::GroupListFilter;
use hamyar_app::ports::training::{CourseRunId, EnrolmentId};
use hamyar_app::training::{CompletionInput, DropoutInput, EnrolledView, RunView};
use hamyar_app::{AppError, FieldError, Permission};
use hamyar_domain::Message;
use hamyar_domain::training::{CourseCategory, DropoutReason, ProviderKind};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use super::{ENROLLED, kind_name, outcome_text, run_days, shown_national_id};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, page};
use crate::state::AppState;

/// One session as the page lists it.
pub struct SessionLine {
    pub seq: String,
    pub day: String,
    pub hours: String,
    pub held: bool,
    /// «۸ از ۱۰» marked, once any woman is.
    pub marked: String,
    pub sheet: String,
}

/// One woman of the run.
pub struct WomanLine {
    pub enrolment: EnrolmentId,
    pub name: String,
    pub href: String,
    pub national_id: String,
    pub present: String,
    pub absent: String,
    pub excused: String,
    pub outcome: String,
    pub badge: &'static str,
    /// Still enrolled: her completion and dropout forms are offered.
    pub open: bool,
    /// Her certificate's PDF, once she completed.
    pub certificate: Option<String>,
    /// Her completion (or dropout) form was refused: it is drawn open with what was typed.
    pub complete_refused: bool,
    pub dropout_refused: bool,
}

/// The page's details, as label and value.
pub struct Detail {
    pub label: &'static str,
    pub value: String,
}

#[derive(Template)]
#[template(path = "training_run.html")]
struct RunTemplate {
    ctx: PageCtx,
    id: CourseRunId,
    code: String,
    details: Vec<Detail>,
    sessions: Vec<SessionLine>,
    women: Vec<WomanLine>,
    can_manage: bool,
    can_mark: bool,
    final_assessment: bool,
    groups: Vec<Choice>,
    reasons: Vec<Choice>,
    /// The refused form's messages, as the app wrote them.
    errors: Vec<String>,
    /// The refused form: which one (`enrol`, or a woman's enrolment id) and what was typed.
    refused: String,
    form: FormView,
    today: String,
    /// Groups of the run's county whose open needs name its kind, proposed for enrolment.
    proposed: Vec<super::needs::OpenNeedLine>,
    /// Contracts of the provider that what waits to be paid would pass.
    contract_warnings: Vec<String>,
}

fn details(view: &RunView, tree: &hamyar_app::places::PlaceTree, lang: Lang) -> Vec<Detail> {
    let run = &view.run;
    let english = lang.is_english();
    let line = |key: &str, value: String| Detail {
        label: lang.t(key),
        value: format::or_dash(&value),
    };
    let kind = &view.kind;
    let mut rule = lang.tr(
        "training-rule",
        &[("percent", Arg::Number(kind.min_attendance_percent))],
    );
    if kind.final_assessment {
        rule.push_str(lang.pick("، ", ", "));
        rule.push_str(lang.t("training-rule_assessment"));
    }
    let provider = &view.provider;
    let mut provider_text = format!(
        "{} ({})",
        provider.name,
        codes::label_of::<ProviderKind>(&provider.kind, lang)
    );
    if let Some(phone) = &provider.phone {
        provider_text.push_str(" · ");
        provider_text.push_str(&lang.digits(phone));
    }
    let place = if run.online {
        let online = lang.t("training-online").to_owned();
        if run.place.is_empty() {
            online
        } else {
            format!("{} · {online}", run.place)
        }
    } else {
        run.place.clone()
    };
    vec![
        line(
            "training-course",
            format!(
                "{} ({})",
                kind_name(kind, lang),
                codes::label_of::<CourseCategory>(&kind.category, lang)
            ),
        ),
        line("training-provider", provider_text),
        line(
            "training-county",
            tree.get(run.county_id)
                .map_or_else(String::new, |p| p.name(english).to_owned()),
        ),
        line("training-days", run_days(run, lang)),
        line("training-trainer", run.trainer_name.clone()),
        line("training-place", place),
        line(
            "training-seats_label",
            lang.tr(
                "training-seats",
                &[
                    ("taken", Arg::Number(view.seats_taken as i64)),
                    ("capacity", Arg::Number(run.capacity)),
                ],
            ),
        ),
        line(
            "training-sessions_held",
            lang.tr(
                "training-of",
                &[
                    ("part", Arg::Number(i64::from(view.sessions_held))),
                    ("whole", Arg::Number(view.sessions.len() as i64)),
                ],
            ),
        ),
        line(
            "training-hours_delivered",
            lang.number(view.hours_delivered),
        ),
        line("training-completion_rule", rule),
        line(
            "training-outcomes",
            lang.tr(
                "training-outcome_counts",
                &[
                    ("completed", Arg::Number(view.completed as i64)),
                    ("dropped", Arg::Number(view.dropped as i64)),
                ],
            ),
        ),
        line("training-planned_by", run.created_by_name.clone()),
    ]
}

/// What the ledger paid for the run and what that makes per woman, completer and hour
/// (`RunCosts`, the one definition), in the reader's unit.
fn cost_details(view: &RunView, who: &LoggedIn) -> Vec<Detail> {
    let lang = who.lang();
    let money = |rials: Option<i64>| {
        rials.map_or_else(|| "—".to_owned(), |r| crate::pages::spending::money(who, r))
    };
    let costs = &view.costs;
    [
        ("training-paid_for_run", money(Some(costs.paid_rials))),
        ("training-cost_per_enrolled", money(costs.per_enrolled)),
        ("training-cost_per_completer", money(costs.per_completer)),
        ("training-cost_per_hour", money(costs.per_hour)),
    ]
    .into_iter()
    .map(|(key, value)| Detail {
        label: lang.t(key),
        value,
    })
    .collect()
}

fn session_lines(view: &RunView, today: hamyar_domain::JalaliDate, lang: Lang) -> Vec<SessionLine> {
    view.sessions
        .iter()
        .enumerate()
        .map(|(index, session)| {
            let marked = view
                .women
                .iter()
                .filter(|w| w.marks.get(index).is_some_and(Option::is_some))
                .count();
            SessionLine {
                seq: lang.number(session.seq),
                day: format::date(session.held_on, lang),
                hours: lang.number(session.hours),
                held: session.held_on <= today,
                marked: if marked == 0 {
                    String::new()
                } else {
                    lang.tr(
                        "training-of",
                        &[
                            ("part", Arg::Number(marked as i64)),
                            ("whole", Arg::Number(view.women.len() as i64)),
                        ],
                    )
                },
                sheet: format!("/training/runs/{}/sessions/{}", view.run.id, session.id),
            }
        })
        .collect()
}

fn woman_line(woman: &EnrolledView, full_ids: bool, lang: Lang) -> WomanLine {
    let enrolment = &woman.woman.enrolment;
    let (outcome, badge) = outcome_text(enrolment, woman.verdict, lang);
    WomanLine {
        enrolment: enrolment.id,
        name: format!("{} {}", woman.woman.first_name, woman.woman.last_name),
        href: format!("/women/{}", enrolment.woman_id),
        national_id: shown_national_id(&woman.woman.national_id, full_ids, lang),
        present: lang.number(i64::from(woman.present)),
        absent: lang.number(i64::from(woman.absent)),
        excused: lang.number(i64::from(woman.excused)),
        outcome,
        badge,
        open: enrolment.status == ENROLLED,
        certificate: enrolment
            .certificate_code
            .as_ref()
            .map(|_| format!("/training/enrolments/{}/certificate.pdf", enrolment.id)),
        complete_refused: false,
        dropout_refused: false,
    }
}

/// The groups of the run's county, for the enrolment form (none for a reader who may not
/// enrol).
async fn group_choices(state: &AppState, who: &LoggedIn, view: &RunView) -> WebResult<Vec<Choice>> {
    let actor = who.actor();
    if !actor.can(Permission::ManageTraining) {
        return Ok(Vec::new());
    }
    let filter = GroupListFilter {
        county: Some(view.run.county_id),
        page: 1,
        ..GroupListFilter::default()
    };
    let groups = state
        .app
        .list_groups(&actor, &filter, who.lang().is_english())
        .await?;
    Ok(groups
        .rows
        .iter()
        .map(|g| Choice::new(g.id.to_string(), format!("{} ({})", g.name, g.code)))
        .collect())
}

/// Draws the run: opened (audited by the app) on a GET, redrawn after a refused form.
async fn run_page(
    state: &AppState,
    who: &LoggedIn,
    id: CourseRunId,
    opening: bool,
    refused: (&str, FormView),
    notice: Option<&str>,
) -> WebResult<RunTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let view = state.app.course_run(&actor, id, opening).await?;
    let tree = state.app.place_tree().await?;
    let today = state.app.today();
    let full_ids = actor.can(Permission::SeeFullIdentifiers);
    let (refused, form) = refused;
    let mut women: Vec<WomanLine> = view
        .women
        .iter()
        .map(|w| woman_line(w, full_ids, lang))
        .collect();
    for woman in &mut women {
        woman.complete_refused = refused == format!("complete-{}", woman.enrolment);
        woman.dropout_refused = refused == format!("dropout-{}", woman.enrolment);
    }
    Ok(RunTemplate {
        ctx: PageCtx::for_user(&state.app, who, "training-run_title").with_notice(notice),
        id,
        code: view.run.code.clone(),
        details: {
            let mut lines = details(&view, &tree, lang);
            lines.extend(cost_details(&view, who));
            lines
        },
        sessions: session_lines(&view, today, lang),
        women,
        can_manage: actor.can(Permission::ManageTraining),
        can_mark: actor.can(Permission::RecordAttendance),
        final_assessment: view.kind.final_assessment,
        groups: group_choices(state, who, &view).await?,
        reasons: codes::choices::<DropoutReason>(lang),
        errors: form.messages(),
        refused: refused.to_owned(),
        form,
        today: format::date(today, lang),
        proposed: if actor.can(Permission::ManageTraining) {
            super::needs::proposed_groups(&state.app.needs_for_run(&actor, id).await?, lang)
        } else {
            Vec::new()
        },
        contract_warnings: contract_warnings(state, who, id).await?,
    })
}

/// «قرارداد ۱۴۰۵/۱۲: …» for each contract of the run's provider that what waits to be paid
/// would pass (the app decides which; the page only words it).
async fn contract_warnings(
    state: &AppState,
    who: &LoggedIn,
    id: CourseRunId,
) -> WebResult<Vec<String>> {
    let lang = who.lang();
    let money = |rials| crate::pages::spending::money(who, rials);
    Ok(state
        .app
        .run_contract_warnings(&who.actor(), id)
        .await?
        .iter()
        .map(|view| {
            lang.tr(
                "training-plans-contract_warning",
                &[
                    (
                        "number",
                        Arg::Text(&lang.digits(&view.contract.contract_no)),
                    ),
                    ("pending", Arg::Text(&money(view.balance.pending_rials))),
                    ("remaining", Arg::Text(&money(view.balance.remaining_rials))),
                ],
            )
        })
        .collect())
}

/// `/training/runs/{id}`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<CourseRunId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::RecordAttendance)?;
    page(
        &run_page(
            &state,
            &who,
            id,
            true,
            ("", FormView::default()),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// Answers one of the page's forms: back to the run's women (or sessions) with a
/// confirmation, or the page drawn again (422) with the refused form open.
async fn answer<T>(
    state: &AppState,
    who: &LoggedIn,
    id: CourseRunId,
    result: Result<T, AppError>,
    notice: &str,
    (refused, typed): (String, FormView),
) -> WebResult<Response> {
    typed
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| back_to(&format!("/training/runs/{id}"), notice, "women"),
            |form| run_page(state, who, id, false, (&refused, form), None),
        )
        .await
}

/// The enrolment form: national IDs, or a group.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EnrolForm {
    pub national_ids: String,
    pub group_id: String,
    pub enrolled_on: String,
}

/// `POST /training/runs/{id}/enrol`.
pub async fn enrol(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<CourseRunId>,
    Form(form): Form<EnrolForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageTraining)?;
    let result = match form.group_id.trim() {
        "" => {
            state
                .app
                .enrol_women(&actor, id, &form.national_ids, &form.enrolled_on)
                .await
        }
        text => match text.parse() {
            Ok(group) => {
                state
                    .app
                    .enrol_group(&actor, id, group, &form.enrolled_on)
                    .await
            }
            Err(_) => Err(AppError::invalid(
                "group_id",
                Message::new("training-group_not_for_run"),
            )),
        },
    };
    answer(
        &state,
        &who,
        id,
        result,
        "training-enrolled",
        ("enrol".to_owned(), FormView::of(&form)),
    )
    .await
}

/// The enrolment a woman's form names, if it is one of this run's: any other is refused as
/// the form's problem, never decided on another run's page.
async fn enrolment_of_run(
    state: &AppState,
    who: &LoggedIn,
    id: CourseRunId,
    text: &str,
) -> WebResult<Result<(EnrolmentId, bool), AppError>> {
    let view = state.app.course_run(&who.actor(), id, false).await?;
    let found = text.trim().parse::<EnrolmentId>().ok().filter(|enrolment| {
        view.women
            .iter()
            .any(|w| w.woman.enrolment.id == *enrolment)
    });
    Ok(found
        .map(|e| (e, view.kind.final_assessment))
        .ok_or_else(|| {
            AppError::Invalid(vec![FieldError::new(
                "enrolment",
                Message::new("training-choose_woman"),
            )])
        }))
}

/// A woman's completion form.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CompleteForm {
    pub enrolment: String,
    pub completed_on: String,
    pub assessment_passed: String,
    pub skill_certificate_no: String,
}

/// `POST /training/runs/{id}/complete`.
pub async fn complete(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<CourseRunId>,
    Form(form): Form<CompleteForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageTraining)?;
    let result = match enrolment_of_run(&state, &who, id, &form.enrolment).await? {
        Ok((enrolment, assessed)) => {
            let input = CompletionInput {
                completed_on: form.completed_on.clone(),
                assessment_passed: assessed.then_some(!form.assessment_passed.is_empty()),
                skill_certificate_no: form.skill_certificate_no.clone(),
            };
            state.app.record_completion(&actor, enrolment, &input).await
        }
        Err(error) => Err(error),
    };
    let refused = format!("complete-{}", form.enrolment.trim());
    answer(
        &state,
        &who,
        id,
        result,
        "training-completion_recorded",
        (refused, FormView::of(&form)),
    )
    .await
}

/// A woman's dropout form.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DropoutForm {
    pub enrolment: String,
    pub dropped_on: String,
    pub reason: String,
}

/// `POST /training/runs/{id}/dropout`.
pub async fn dropout(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<CourseRunId>,
    Form(form): Form<DropoutForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageTraining)?;
    let result = match enrolment_of_run(&state, &who, id, &form.enrolment).await? {
        Ok((enrolment, _)) => {
            let input = DropoutInput {
                dropped_on: form.dropped_on.clone(),
                reason: form.reason.clone(),
            };
            state.app.record_dropout(&actor, enrolment, &input).await
        }
        Err(error) => Err(error),
    };
    let refused = format!("dropout-{}", form.enrolment.trim());
    answer(
        &state,
        &who,
        id,
        result,
        "training-dropout_recorded",
        (refused, FormView::of(&form)),
    )
    .await
}
