//! The phone form of one instrument for one woman (`/women/{id}/outcomes/new?instrument=…`):
//! the day she answered (today by default), the occasion of her schedule it answers (the one
//! owed, by default), a note, and the items section by section — a scale item as a column of
//! large radio buttons, money and numbers as numeric fields typed in any digits, yes/no and
//! choices as radio buttons. A refused form is drawn again (422) with every answer typed and
//! the app's messages, nothing written. `/outcomes/forms/{id}` shows a recorded form.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::outcomes::assessments::{AssessmentInput, WomanOutcomes};
use hamyar_app::outcomes::instruments::InstrumentVersion;
use hamyar_app::ports::assessments::AssessmentId;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::outcomes::answers::Answer;
use hamyar_domain::outcomes::instrument::{AnswerKind, Instrument};
use hamyar_domain::outcomes::schedule::Occasion;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::Deserialize;

use super::woman::score_words;
use super::{occasion_label, words};
use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::form::FormView;
use crate::pages::{back_to, page, render};
use crate::state::AppState;

/// The prefix of an item's field name (`a.q1`), apart from the form's own fields.
const ITEM_PREFIX: &str = "a.";

/// One option of a radio item.
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One item of the form.
pub struct ItemView {
    /// Its number in the reader's digits.
    pub number: String,
    pub field: String,
    pub text: String,
    /// `radio` or `numeric`.
    pub input: &'static str,
    pub options: Vec<OptionView>,
    pub value: String,
    pub hint: String,
}

/// A section with its items.
pub struct SectionView {
    pub title: String,
    pub items: Vec<ItemView>,
}

#[derive(Template)]
#[template(path = "outcomes_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    id: WomanId,
    name: String,
    code: String,
    instrument: String,
    occasions: Vec<OptionView>,
    taken_on: String,
    note: String,
    sections: Vec<SectionView>,
    errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FormQuery {
    pub instrument: String,
    pub occasion: String,
}

fn sections(
    instrument: &Instrument,
    typed: &HashMap<String, String>,
    lang: Lang,
) -> Vec<SectionView> {
    let mut sections: Vec<SectionView> = instrument
        .sections
        .iter()
        .map(|section| SectionView {
            title: words(&section.title, lang).to_owned(),
            items: Vec::new(),
        })
        .collect();
    for (index, item) in instrument.items.iter().enumerate() {
        let value = typed.get(&item.code).cloned().unwrap_or_default();
        let radio = |pairs: Vec<(String, String)>| -> Vec<OptionView> {
            pairs
                .into_iter()
                .map(|(option, label)| OptionView {
                    checked: option == value,
                    value: option,
                    label,
                })
                .collect()
        };
        let (input, options, hint) = match &item.answer {
            AnswerKind::Scale { scale } => {
                let options = instrument.scale(scale).map_or_else(Vec::new, |scale| {
                    scale
                        .options
                        .iter()
                        .map(|o| {
                            (
                                o.value.to_string(),
                                format!("{} {}", lang.number(o.value), words(&o.label, lang)),
                            )
                        })
                        .collect()
                });
                ("radio", radio(options), String::new())
            }
            AnswerKind::YesNo => (
                "radio",
                radio(vec![
                    ("1".into(), lang.t("outcomes-yes").to_owned()),
                    ("0".into(), lang.t("outcomes-no").to_owned()),
                ]),
                String::new(),
            ),
            AnswerKind::Choice { options } => (
                "radio",
                radio(
                    options
                        .iter()
                        .map(|o| (o.code.clone(), words(&o.label, lang).to_owned()))
                        .collect(),
                ),
                String::new(),
            ),
            AnswerKind::Rials => (
                "numeric",
                Vec::new(),
                lang.t("outcomes-hint_rials").to_owned(),
            ),
            AnswerKind::Number { min, max } => (
                "numeric",
                Vec::new(),
                lang.tr(
                    "outcomes-hint_range",
                    &[("min", Arg::Number(*min)), ("max", Arg::Number(*max))],
                ),
            ),
        };
        let view = ItemView {
            number: lang.number(index as i64 + 1),
            field: format!("{ITEM_PREFIX}{}", item.code),
            text: words(&item.text, lang).to_owned(),
            input,
            options,
            value: if input == "numeric" {
                value
            } else {
                String::new()
            },
            hint,
        };
        if let Some(section) = instrument
            .sections
            .iter()
            .position(|s| s.code == item.section)
            .and_then(|at| sections.get_mut(at))
        {
            section.items.push(view);
        }
    }
    sections.retain(|section| !section.items.is_empty());
    sections
}

/// The occasions a form may answer: the baseline, what her schedule owes, and the likely one.
fn occasion_choices(outcomes: &WomanOutcomes, chosen: &str, lang: Lang) -> Vec<OptionView> {
    let mut occasions = vec![Occasion::Baseline, outcomes.likely];
    occasions.extend(outcomes.owed.iter().map(|owed| owed.occasion));
    occasions.sort();
    occasions.dedup();
    let chosen = Occasion::parse(chosen).unwrap_or(outcomes.likely);
    occasions
        .into_iter()
        .map(|occasion| OptionView {
            value: occasion.key(),
            label: occasion_label(occasion, lang),
            checked: occasion == chosen,
        })
        .collect()
}

struct Typed {
    occasion: String,
    taken_on: String,
    note: String,
    answers: HashMap<String, String>,
}

async fn form_page(
    state: &AppState,
    who: &LoggedIn,
    id: WomanId,
    code: &str,
    typed: Typed,
    errors: Vec<String>,
) -> WebResult<FormTemplate> {
    let lang = who.lang();
    let outcomes = state.app.woman_outcomes(&who.actor(), id, false).await?;
    // No (or an unknown) instrument named: the first one, so the page always has a form.
    let version: &InstrumentVersion = outcomes
        .instruments
        .iter()
        .find(|v| v.row.code == code)
        .or_else(|| outcomes.instruments.first())
        .ok_or_else(|| WebError::from(hamyar_app::AppError::NotFound))?;
    Ok(FormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "outcomes-form_title"),
        id,
        name: format!(
            "{} {}",
            outcomes.woman.record.first_name, outcomes.woman.record.last_name
        ),
        code: version.row.code.clone(),
        instrument: words(&version.definition.title, lang).to_owned(),
        occasions: occasion_choices(&outcomes, &typed.occasion, lang),
        taken_on: if typed.taken_on.is_empty() {
            format::date(state.app.today(), lang)
        } else {
            typed.taken_on
        },
        note: typed.note,
        sections: sections(&version.definition, &typed.answers, lang),
        errors,
    })
}

/// `/women/{id}/outcomes/new`.
pub async fn new_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Query(query): Query<FormQuery>,
) -> WebResult<Response> {
    who.actor().require(Permission::Assess)?;
    let typed = Typed {
        occasion: query.occasion,
        taken_on: String::new(),
        note: String::new(),
        answers: HashMap::new(),
    };
    page(&form_page(&state, &who, id, &query.instrument, typed, Vec::new()).await?)
}

/// `POST /women/{id}/outcomes/new`: the form's fields as they came (items are `a.<code>`).
pub async fn record(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::Assess)?;
    let mut input = AssessmentInput::default();
    for (name, value) in fields {
        match name.as_str() {
            "instrument" => input.instrument = value,
            "occasion" => input.occasion = value,
            "taken_on" => input.taken_on = value,
            "note" => input.note = value,
            other => {
                if let Some(code) = other.strip_prefix(ITEM_PREFIX) {
                    input.answers.push((code.to_owned(), value));
                }
            }
        }
    }
    match state.app.record_assessment(&actor, id, &input).await {
        Ok(_) => Ok(back_to(
            &format!("/women/{id}/outcomes"),
            "outcomes-recorded",
            "forms",
        )),
        Err(error) => {
            let mut view = FormView::default().unlabelled();
            view.absorb(error, who.lang())?;
            let typed = Typed {
                occasion: input.occasion,
                taken_on: input.taken_on,
                note: input.note,
                answers: input.answers.into_iter().collect(),
            };
            let template =
                form_page(&state, &who, id, &input.instrument, typed, view.messages()).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}

/// One answer of a recorded form.
pub struct AnswerLine {
    /// Its number in the reader's digits.
    pub number: String,
    pub text: String,
    pub answer: String,
}

#[derive(Template)]
#[template(path = "outcomes_form_view.html")]
struct ViewTemplate {
    ctx: PageCtx,
    woman: WomanId,
    name: String,
    instrument: String,
    facts: Vec<(String, String)>,
    note: Option<String>,
    answers: Vec<AnswerLine>,
    scores: Vec<String>,
}

fn answer_words(
    instrument: &Instrument,
    code: &str,
    answer: Option<&Answer>,
    who: &LoggedIn,
) -> String {
    let lang = who.lang();
    let Some(answer) = answer else {
        return lang.t("outcomes-unanswered").to_owned();
    };
    let kind = instrument.item(code).map(|item| &item.answer);
    match (kind, answer) {
        (Some(AnswerKind::Scale { scale }), Answer::Value(value)) => instrument
            .scale(scale)
            .and_then(|scale| scale.option(*value))
            .map_or_else(
                || lang.number(*value),
                |option| format!("{} {}", lang.number(*value), words(&option.label, lang)),
            ),
        (Some(AnswerKind::Rials), Answer::Value(value)) => {
            crate::pages::spending::money(who, *value)
        }
        (Some(AnswerKind::YesNo), Answer::Value(value)) => lang
            .t(if *value == 1 {
                "outcomes-yes"
            } else {
                "outcomes-no"
            })
            .to_owned(),
        (Some(AnswerKind::Choice { options }), Answer::Choice(chosen)) => options
            .iter()
            .find(|o| &o.code == chosen)
            .map_or_else(|| chosen.clone(), |o| words(&o.label, lang).to_owned()),
        (_, Answer::Value(value)) => lang.number(*value),
        (_, Answer::Choice(chosen)) => chosen.clone(),
    }
}

/// `/outcomes/forms/{id}`.
pub async fn show_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<AssessmentId>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::Assess)?;
    let lang = who.lang();
    let (woman, form) = state.app.assessment_form(&actor, id, true).await?;
    let definition = &form.instrument.definition;
    let answers = definition
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| AnswerLine {
            number: lang.number(index as i64 + 1),
            text: words(&item.text, lang).to_owned(),
            answer: answer_words(definition, &item.code, form.answers.get(&item.code), &who),
        })
        .collect();
    let occasion = form
        .occasion
        .map_or_else(|| form.row.occasion.clone(), |o| occasion_label(o, lang));
    let facts = vec![
        (lang.t("outcomes-occasion").to_owned(), occasion),
        (
            lang.t("outcomes-taken_on").to_owned(),
            format::date(form.row.taken_on, lang),
        ),
        (
            lang.t("outcomes-recorded_by").to_owned(),
            form.row.recorded_by_name.clone(),
        ),
        (
            lang.t("outcomes-source").to_owned(),
            lang.t(if form.row.source == "import" {
                "outcomes-source-import"
            } else {
                "outcomes-source-form"
            })
            .to_owned(),
        ),
        (
            lang.t("outcomes-complete").to_owned(),
            lang.t(if form.row.complete {
                "outcomes-yes"
            } else {
                "outcomes-no"
            })
            .to_owned(),
        ),
    ];
    page(&ViewTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "outcomes-form_view_title"),
        woman: woman.id,
        name: format!("{} {}", woman.record.first_name, woman.record.last_name),
        instrument: format!(
            "{} ({})",
            words(&definition.title, lang),
            lang.tr(
                "outcomes-version",
                &[("version", Arg::Number(form.row.instrument_version))]
            )
        ),
        facts,
        note: form.row.note.clone(),
        answers,
        scores: score_words(definition, &form.row.scores, lang, |rials| {
            crate::pages::spending::money(&who, rials)
        }),
    })
}
