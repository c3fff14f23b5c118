//! The yearly plan page (`/plan?place=&year=`): a province's or a county's targets for a
//! fiscal year against what was achieved (`App::plan_against_achievement`, drawn through
//! `reports::plan_view`) — a row per target with the year's target, achieved to date, planned
//! to date and the shares, then each target month by month — and, for those who may set it
//! (`ManageGroupSettings`), the form that sets or replaces it (`POST /plan`). The place and
//! year are chosen as on the dashboard; a bad year is named above the form. The table and
//! the month-by-month tables are `table-stack`, so each row becomes a card on a phone.
//! `/plan/file/{csv|xlsx|json}` downloads the same numbers (`hamyar plan show` writes them
//! too).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::access::{PlaceId, ScopeKind};
use hamyar_app::plan::PlanAgainstAchievement;
use hamyar_app::{AppError, FieldError, Permission};
use hamyar_domain::plan::PlanForm;
use hamyar_domain::{FiscalYear, Message, MessageArg};
use hamyar_i18n::Lang;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::plan_view::{PlanView, plan_bytes, view};
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::dashboard::{place_choices, year};
use crate::pages::form::FormView;
use crate::pages::{done, number, render};
use crate::state::AppState;

#[derive(Debug, Deserialize, Default)]
pub struct PlanQuery {
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub done: Option<String>,
}

/// The plan form as posted.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PlanPost {
    place: String,
    year: String,
    groups_formed: String,
    women_joining: String,
    women_trained: String,
    visits_made: String,
    women_empowered: String,
    note: String,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanTemplate {
    ctx: PageCtx,
    places: Vec<(String, String)>,
    place_id: String,
    query_year: String,
    errors: Vec<String>,
    view: Option<PlanView>,
    /// The place is the country: plans are per province and county.
    country: bool,
    not_begun: bool,
    can_set: bool,
    form: FormView,
    empowered_hint: String,
    file_query: String,
}

/// What the page shows besides the plan.
struct Shown {
    place: String,
    year: String,
    form: Option<FormView>,
    notice: Option<String>,
}

fn form_of(plan: &PlanAgainstAchievement, lang: Lang) -> FormView {
    let Some(row) = &plan.plan.row else {
        return FormView::default();
    };
    let targets = &row.targets;
    let number = |n: i64| lang.digits(&n.to_string());
    FormView::with_values([
        ("groups_formed", number(targets.groups_formed).as_str()),
        ("women_joining", number(targets.women_joining).as_str()),
        ("women_trained", number(targets.women_trained).as_str()),
        ("visits_made", number(targets.visits_made).as_str()),
        (
            "women_empowered",
            targets
                .women_empowered
                .map(number)
                .unwrap_or_default()
                .as_str(),
        ),
        ("note", row.note.as_str()),
    ])
}

async fn plan_page(state: &AppState, who: &LoggedIn, shown: Shown) -> WebResult<PlanTemplate> {
    let actor = who.actor();
    actor.require(Permission::ViewDashboards)?;
    let lang = who.lang();
    let tree = state.app.place_tree().await?;
    let mut errors = Vec::new();
    let year = year(&shown.year, state.app.today())
        .map_err(|e| errors.push(lang.message(&e)))
        .ok();
    let place_id = number::<PlaceId>(&shown.place);
    let mut found = None;
    if let Some(year) = year {
        match state
            .app
            .plan_against_achievement(&actor, place_id, year)
            .await
        {
            Ok(plan) => found = Some(plan),
            Err(AppError::Invalid(problems)) => {
                errors.extend(problems.iter().map(|p| lang.message(&p.message)))
            }
            Err(other) => return Err(other.into()),
        }
    }
    let province_of_county = found.as_ref().and_then(|p| match p.plan.place_kind {
        ScopeKind::County => tree.get(p.plan.place.id).and_then(|place| place.parent_id),
        _ => None,
    });
    let country = found
        .as_ref()
        .is_some_and(|p| p.plan.place_kind == ScopeKind::Country);
    let can_set = actor.can(Permission::ManageGroupSettings) && found.is_some() && !country;
    let form = match (shown.form, &found) {
        (Some(form), _) => form,
        (None, Some(plan)) => form_of(plan, lang),
        (None, None) => FormView::default(),
    };
    let empowered_hint = found.as_ref().map_or_else(String::new, |plan| {
        lang.message(
            &Message::new("plan-empowered_hint")
                .arg("target", MessageArg::Number(plan.plan.empowered_default)),
        )
    });
    let place_value = found
        .as_ref()
        .map_or(shown.place.clone(), |p| p.plan.place.id.to_string());
    let year_value = found
        .as_ref()
        .map_or(shown.year.clone(), |p| p.plan.fiscal_year.to_string());
    let file_query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("place", &place_value)
        .append_pair("year", &year_value)
        .finish();
    Ok(PlanTemplate {
        ctx: PageCtx::for_user(&state.app, who, "plan-title").with_notice(shown.notice.as_deref()),
        places: place_choices(&tree, who, lang),
        place_id: place_value,
        query_year: year_value,
        errors,
        not_begun: found.as_ref().is_some_and(|p| p.sheet.is_none()),
        view: found
            .as_ref()
            .map(|plan| view(plan, &actor, lang, province_of_county)),
        country,
        can_set,
        form,
        empowered_hint,
        file_query,
    })
}

/// `GET /plan`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<PlanQuery>,
) -> WebResult<Response> {
    let shown = Shown {
        place: query.place,
        year: query.year,
        form: None,
        notice: query.done,
    };
    let template = plan_page(&state, &who, shown).await?;
    let status = if template.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    render(status, &template)
}

/// `POST /plan`: sets or replaces the plan of the form's place and year.
pub async fn save(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<PlanPost>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageGroupSettings)?;
    let place = number::<PlaceId>(&input.place);
    let fiscal_year = hamyar_domain::to_latin_digits(input.year.trim());
    let year = if fiscal_year.is_empty() {
        Some(FiscalYear::of(state.app.today()))
    } else {
        fiscal_year
            .parse::<i32>()
            .ok()
            .and_then(|y| FiscalYear::new(y).ok())
    };
    let form = PlanForm {
        groups_formed: input.groups_formed.clone(),
        women_joining: input.women_joining.clone(),
        women_trained: input.women_trained.clone(),
        visits_made: input.visits_made.clone(),
        women_empowered: input.women_empowered.clone(),
        note: input.note.clone(),
    };
    let result = match (place, year) {
        (Some(place), Some(year)) => state
            .app
            .set_yearly_plan(&actor, place, year, &form)
            .await
            .map(|()| (place, year)),
        (place, _) => Err(AppError::Invalid(vec![FieldError::new(
            if place.is_none() { "place" } else { "year" },
            if place.is_none() {
                Message::new("plan-place_province_or_county")
            } else {
                Message::new("dashboard-bad_year").arg("year", input.year.trim())
            },
        )])),
    };
    let (place_text, year_text) = (input.place.clone(), input.year.clone());
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |(place, year)| {
                done(
                    &format!("/plan?place={place}&year={}", year.year()),
                    "plan-saved",
                )
            },
            |form| async move {
                let shown = Shown {
                    place: place_text,
                    year: year_text,
                    form: Some(form),
                    notice: None,
                };
                plan_page(&state, &who, shown).await
            },
        )
        .await
}

/// `GET /plan/file/{csv|xlsx|json}`: the plan against achievement as a file.
pub async fn download(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(format): Path<String>,
    Query(query): Query<PlanQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewDashboards)?;
    let format = ReportFormat::parse(&format).ok_or(WebError::from(AppError::NotFound))?;
    let year = year(&query.year, state.app.today())
        .map_err(|message| WebError::from(AppError::invalid("year", message)))?;
    let plan = state
        .app
        .plan_against_achievement(&actor, number::<PlaceId>(&query.place), year)
        .await?;
    let bytes = plan_bytes(&plan, format)
        .map_err(|error| WebError::internal(&format!("plan file: {error}")))?;
    let disposition = format!(
        "attachment; filename=\"hamyar-plan-{}-{}.{}\"",
        plan.plan.place.code,
        plan.plan.fiscal_year,
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.mime_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
