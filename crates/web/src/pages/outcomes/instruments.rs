//! The instruments (`/outcomes/instruments`): each questionnaire's latest version with its
//! number of items and scores and whether the schedule asks for it; one instrument's versions
//! with its items, answer scales and scores as the questionnaire reads
//! (`/outcomes/instruments/{code}`); and, for the national office, the form that adds an
//! instrument or its next version from a JSON definition (checked by the app, refused with
//! every problem at once).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::outcomes::instruments::InstrumentVersion;
use hamyar_domain::outcomes::instrument::AnswerKind;
use hamyar_i18n::{Arg, Lang};
use serde::{Deserialize, Serialize};

use super::words;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, page, render};
use crate::state::AppState;

/// The largest form the add page takes: a definition at its limit, percent-encoded.
pub const MAX_FORM_BYTES: usize =
    3 * hamyar_app::outcomes::instruments::MAX_DEFINITION_BYTES + 4096;

/// An instrument on the list.
pub struct InstrumentLine {
    pub href: String,
    pub title: String,
    pub version: String,
    pub items: String,
    pub scores: String,
    pub scheduled: bool,
}

#[derive(Template)]
#[template(path = "outcomes_instruments.html")]
struct ListTemplate {
    ctx: PageCtx,
    lines: Vec<InstrumentLine>,
    can_add: bool,
    form: FormView,
    errors: Vec<String>,
}

fn line(version: &InstrumentVersion, lang: Lang) -> InstrumentLine {
    InstrumentLine {
        href: format!("/outcomes/instruments/{}", version.row.code),
        title: words(&version.definition.title, lang).to_owned(),
        version: lang.tr(
            "outcomes-version",
            &[("version", Arg::Number(version.row.version))],
        ),
        items: lang.number(version.definition.items.len() as i64),
        scores: lang.number(version.definition.scores.len() as i64),
        scheduled: version.row.scheduled,
    }
}

async fn list_page(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<ListTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let versions = state.app.instruments(&actor).await?;
    Ok(ListTemplate {
        ctx: PageCtx::for_user(&state.app, who, "outcomes-instruments_title").with_notice(notice),
        lines: versions.iter().map(|v| line(v, lang)).collect(),
        can_add: actor.can(Permission::ManageProgrammeSettings),
        errors: form.messages(),
        form,
    })
}

/// `/outcomes/instruments`.
pub async fn instruments(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    // The questionnaires hold no one's answers: whoever sees groups may read them.
    who.actor().require(Permission::ViewGroups)?;
    page(&list_page(&state, &who, FormView::default(), notice.done.as_deref()).await?)
}

/// The add form.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AddForm {
    pub definition: String,
    pub scheduled: String,
}

/// `POST /outcomes/instruments`.
pub async fn add_version(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<AddForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageProgrammeSettings)?;
    let result = state
        .app
        .add_instrument_version(&actor, &form.definition, !form.scheduled.is_empty())
        .await;
    match result {
        Ok(version) => Ok(back_to(
            &format!("/outcomes/instruments/{}", version.row.code),
            "outcomes-instrument_added",
            "versions",
        )),
        Err(error) => {
            let mut view = FormView::of(&form).unlabelled();
            view.absorb(error, who.lang())?;
            let template = list_page(&state, &who, view, None).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}

/// An item of a version, in words.
pub struct ItemLine {
    /// Its number in the reader's digits.
    pub number: String,
    pub text: String,
    pub answer: String,
    pub reversed: bool,
}

/// A version, in words.
pub struct VersionView {
    pub title: String,
    pub version: String,
    pub recorded: String,
    pub items: Vec<ItemLine>,
    /// (name, its items' numbers).
    pub scores: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "outcomes_instrument.html")]
struct InstrumentTemplate {
    ctx: PageCtx,
    versions: Vec<VersionView>,
}

fn version_view(version: &InstrumentVersion, lang: Lang) -> VersionView {
    let definition = &version.definition;
    let number_of = |code: &str| {
        definition
            .items
            .iter()
            .position(|item| item.code == code)
            .map_or_else(|| code.to_owned(), |at| lang.number(at as i64 + 1))
    };
    let items = definition
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let answer = match &item.answer {
                AnswerKind::Scale { scale } => {
                    definition.scale(scale).map_or_else(String::new, |scale| {
                        scale
                            .options
                            .iter()
                            .map(|o| {
                                format!(
                                    "{} {} ({})",
                                    lang.number(o.value),
                                    words(&o.label, lang),
                                    lang.tr(
                                        "outcomes-points",
                                        &[("points", Arg::Number(o.points))]
                                    )
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" · ")
                    })
                }
                AnswerKind::Rials => lang.t("outcomes-hint_rials").to_owned(),
                AnswerKind::Number { min, max } => lang.tr(
                    "outcomes-hint_range",
                    &[("min", Arg::Number(*min)), ("max", Arg::Number(*max))],
                ),
                AnswerKind::YesNo => {
                    format!("{} / {}", lang.t("outcomes-yes"), lang.t("outcomes-no"))
                }
                AnswerKind::Choice { options } => options
                    .iter()
                    .map(|o| words(&o.label, lang).to_owned())
                    .collect::<Vec<_>>()
                    .join(" · "),
            };
            ItemLine {
                number: lang.number(index as i64 + 1),
                text: words(&item.text, lang).to_owned(),
                answer,
                reversed: definition
                    .scores
                    .iter()
                    .any(|score| score.reversed.contains(&item.code)),
            }
        })
        .collect();
    let scores = definition
        .scores
        .iter()
        .map(|score| {
            let numbers: Vec<String> = score.items.iter().map(|code| number_of(code)).collect();
            (words(&score.name, lang).to_owned(), numbers.join("، "))
        })
        .collect();
    VersionView {
        title: words(&definition.title, lang).to_owned(),
        version: lang.tr(
            "outcomes-version",
            &[("version", Arg::Number(version.row.version))],
        ),
        recorded: version.row.created_by_name.clone(),
        items,
        scores,
    }
}

/// `/outcomes/instruments/{code}`: every version, newest first.
pub async fn instrument(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(code): Path<String>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewGroups)?;
    let lang = who.lang();
    let versions = state.app.instrument_versions(&actor, &code).await?;
    page(&InstrumentTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "outcomes-instrument_title")
            .with_notice(notice.done.as_deref()),
        versions: versions
            .iter()
            .rev()
            .map(|v| version_view(v, lang))
            .collect(),
    })
}
