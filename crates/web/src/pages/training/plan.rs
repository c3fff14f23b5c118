//! The form that plans a course run (`/training/runs/new`): the course kind, a provider of
//! the reader's reach, a county of her scope (the registry's county select), the training or
//! job-preparation budget line it is paid from, the trainer and place (or online), the
//! capacity and the sessions, one Jalali day per line. Every problem comes back at once,
//! under its field, in Persian; a planned run opens its page.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use hamyar_app::access::ScopeKind;
use hamyar_app::training::RunInput;
use hamyar_app::{AppError, Permission};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::training::ProviderKind;
use serde::{Deserialize, Serialize};

use super::catalogue::providers_in_reach;
use super::kind_name;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice, ChoiceGroup};
use crate::pages::form::FormView;
use crate::pages::{done, page};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "training_run_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    form: FormView,
    kinds: Vec<Choice>,
    providers: Vec<ChoiceGroup>,
    counties: Vec<ChoiceGroup>,
    lines: Vec<Choice>,
}

/// The lines a run may be paid from: training and job-preparation lines of the reader's
/// place, this fiscal year's and the next (a run planned in Esfand may start in Farvardin).
/// A reader who may not see money is offered none (the run is planned unpaid).
pub(super) async fn line_choices(state: &AppState, who: &LoggedIn) -> WebResult<Vec<Choice>> {
    let actor = who.actor();
    if !actor.can(Permission::ViewMoney) {
        return Ok(Vec::new());
    }
    let lang = who.lang();
    let english = lang.is_english();
    let tree = state.app.place_tree().await?;
    let today = state.app.today();
    let next_year = FiscalYear::new(today.year() + 1).ok();
    let mut choices = Vec::new();
    for year in std::iter::once(FiscalYear::of(today)).chain(next_year) {
        for view in state.app.budget_lines(&actor, year, None, None).await? {
            if !matches!(
                view.category,
                BudgetCategory::Training | BudgetCategory::JobPreparation
            ) {
                continue;
            }
            let place = view.line.county_id.unwrap_or(view.line.province_id);
            let category = if english {
                view.category.label_en()
            } else {
                view.category.label_fa()
            };
            let label = format!(
                "{category} {} — {}",
                lang.number(i64::from(view.line.fiscal_year)),
                tree.get(place).map_or("", |p| p.name(english))
            );
            choices.push(Choice::new(view.line.id.to_string(), label));
        }
    }
    Ok(choices)
}

async fn form_page(state: &AppState, who: &LoggedIn, form: FormView) -> WebResult<FormTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let english = lang.is_english();
    let kinds = state
        .app
        .course_kinds(&actor, false)
        .await?
        .iter()
        .map(|kind| Choice::new(kind.id.to_string(), kind_name(kind, lang)))
        .collect();
    let (tree, counties) = codes::counties_in_scope(&state.app, &actor, lang).await?;
    let mut providers: Vec<ChoiceGroup> = Vec::new();
    for provider in providers_in_reach(state, &actor).await? {
        let label = format!(
            "{} ({})",
            provider.name,
            codes::label_of::<ProviderKind>(&provider.kind, lang)
        );
        let choice = Choice::new(provider.id.to_string(), label);
        let province = tree
            .get(provider.province_id)
            .map_or_else(String::new, |p| p.name(english).to_owned());
        match providers.last_mut() {
            Some(group) if group.label == province => group.choices.push(choice),
            _ => providers.push(ChoiceGroup {
                label: province,
                choices: vec![choice],
            }),
        }
    }
    Ok(FormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "training-plan_title"),
        form,
        kinds,
        providers,
        counties,
        lines: line_choices(state, who).await?,
    })
}

/// The plan form as posted (the app's `RunInput`, with the checkbox as text).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RunForm {
    pub code: String,
    pub course_kind_id: String,
    pub provider_id: String,
    pub county: String,
    pub budget_line_id: String,
    pub trainer_name: String,
    pub place: String,
    pub online: String,
    pub capacity: String,
    pub sessions: String,
    pub session_hours: String,
}

impl RunForm {
    fn input(&self) -> RunInput {
        RunInput {
            code: self.code.clone(),
            course_kind_id: self.course_kind_id.clone(),
            provider_id: self.provider_id.clone(),
            county: self.county.clone(),
            budget_line_id: self.budget_line_id.clone(),
            trainer_name: self.trainer_name.clone(),
            place: self.place.clone(),
            online: !self.online.is_empty(),
            capacity: self.capacity.clone(),
            sessions: self.sessions.clone(),
            session_hours: self.session_hours.clone(),
        }
    }
}

/// `/training/runs/new`: the plan form; a county-wide coordinator's county is chosen.
pub async fn new_form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageTraining)?;
    let mut form = RunForm::default();
    if actor.scope.kind() == ScopeKind::County
        && let Some(county) = actor.scope.county()
    {
        form.county = county.to_string();
    }
    page(&form_page(&state, &who, FormView::of(&form)).await?)
}

/// `POST /training/runs/new`.
pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<RunForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageTraining)?;
    let result: Result<_, AppError> = state.app.plan_course_run(&actor, &form.input()).await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |id| done(&format!("/training/runs/{id}"), "training-run_planned"),
            |form| form_page(&state, &who, form),
        )
        .await
}
