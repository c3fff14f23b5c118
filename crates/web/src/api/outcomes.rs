//! A woman's assessments over the API: `GET /api/v1/women/{id}/assessments` (her forms with
//! their scores, and what her schedule still owes) and `POST …/assessments` (one form, done
//! once per `Idempotency-Key`), so a social worker can take a form in a village and send it
//! when she is back online.
//!
//! Answers are among the most sensitive things Hamyar holds. Both go through the outcomes
//! pages' own use-cases (`woman_outcomes` with `opening` as her outcomes page's GET sets it,
//! so the read is audited with her as its subject; `record_assessment_once`, which is
//! `record_assessment` under a key): `Permission::Assess` and the woman in the token's
//! place are checked there, and a woman outside it is `404`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use hamyar_app::ids::WomanId;
use hamyar_app::outcomes::assessments::{AssessmentInput, FormView};
use hamyar_domain::outcomes::answers::Answer;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, Write};
use crate::api::paging::recorded;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// The most answers one form takes (an instrument has a few dozen items).
const ANSWERS_MAX: usize = 500;

/// One score of a form.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreView {
    pub code: String,
    /// Null when an item of the score is not answered.
    pub value: Option<i64>,
}

/// A form she answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentView {
    pub id: i64,
    /// The instrument's code and the version the form was taken with.
    pub instrument: String,
    pub instrument_version: i64,
    /// `baseline`, `follow_up_2`, `exit`, `after_exit_6`, `after_exit_12`; null for a form
    /// that answers no occasion of her schedule.
    pub occasion: Option<String>,
    /// Jalali day she answered.
    pub taken_on: String,
    /// Whether every item is answered.
    pub complete: bool,
    /// Her answers by item code, as `POST` takes them (a number or a choice's code).
    pub answers: BTreeMap<String, String>,
    pub scores: Vec<ScoreView>,
    /// `form` or `import`.
    pub source: String,
    pub note: Option<String>,
    pub recorded_by: String,
}

/// An occasion of her schedule still owed.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwedView {
    pub occasion: String,
    /// Jalali.
    pub due_on: String,
    /// The instruments not yet taken for it.
    pub missing: Vec<String>,
}

/// Her forms and her schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct WomanAssessments {
    pub woman_id: i64,
    /// Oldest first.
    pub forms: Vec<AssessmentView>,
    pub owed: Vec<OwedView>,
    /// The occasion a form taken today most likely answers.
    pub likely_occasion: String,
    /// The instruments a new form may use (their codes).
    pub instruments: Vec<String>,
}

/// A form as taken.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessment {
    /// The instrument's code.
    pub instrument: String,
    /// The occasion's key; blank: the one her schedule owes on that day.
    #[serde(default)]
    pub occasion: String,
    /// Jalali day she answered, `1405/09/16`.
    pub taken_on: String,
    #[serde(default)]
    pub note: String,
    /// Answers by item code: a scale option's value, a number, or a choice's code.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

/// What a recording answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentRecorded {
    pub id: i64,
    /// True when this request repeated an earlier one with the same key.
    pub repeated: bool,
}

fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Value(value) => value.to_string(),
        Answer::Choice(code) => code.clone(),
    }
}

fn form_view(form: &FormView) -> AssessmentView {
    let row = &form.row;
    AssessmentView {
        id: row.id.get(),
        instrument: row.instrument_code.clone(),
        instrument_version: row.instrument_version,
        occasion: form.occasion.map(|o| o.key()),
        taken_on: row.taken_on.to_string(),
        complete: row.complete,
        answers: form
            .answers
            .iter()
            .map(|(code, answer)| (code.clone(), answer_text(answer)))
            .collect(),
        scores: row
            .scores
            .iter()
            .map(|(code, value)| ScoreView {
                code: code.clone(),
                value: *value,
            })
            .collect(),
        source: row.source.clone(),
        note: row.note.clone(),
        recorded_by: row.recorded_by_name.clone(),
    }
}

/// Her forms, oldest first, and what her schedule still owes; reading them is audited with
/// her as its subject, as opening her outcomes page is.
#[utoipa::path(get, path = "/api/v1/women/{id}/assessments", tag = "women",
    params(("id" = i64, Path, description = "The woman's id")),
    responses(
        (status = 200, description = "Her forms and schedule", body = WomanAssessments),
        (status = 400, description = "A malformed id", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read assessments", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such woman in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WomanAssessments>, Problem> {
    let outcomes = state
        .app
        .woman_outcomes(&caller.actor, WomanId::new(id), true)
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(Json(WomanAssessments {
        woman_id: id,
        forms: outcomes.forms.iter().map(form_view).collect(),
        owed: outcomes
            .owed
            .iter()
            .map(|owed| OwedView {
                occasion: owed.occasion.key(),
                due_on: owed.due_on.to_string(),
                missing: owed.missing.clone(),
            })
            .collect(),
        likely_occasion: outcomes.likely.key(),
        instruments: outcomes
            .instruments
            .iter()
            .map(|version| version.row.code.clone())
            .collect(),
    }))
}

/// Records one form for her, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/women/{id}/assessments", tag = "women",
    params(
        ("id" = i64, Path, description = "The woman's id"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this form: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = NewAssessment,
    responses(
        (status = 201, description = "Recorded", body = AssessmentRecorded),
        (status = 200, description = "Already recorded under this key", body = AssessmentRecorded),
        (status = 400, description = "A malformed body or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not record assessments", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such woman in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused (an unknown instrument, a day to come, an answer out of range, the occasion already taken…)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn record(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<NewAssessment>,
) -> Result<Response, Problem> {
    let form = &write.body;
    if form.answers.len() > ANSWERS_MAX {
        return Err(caller.problem(hamyar_app::AppError::Invalid(vec![
            hamyar_app::FieldError::new(
                "answers",
                hamyar_domain::Message::new("api-too_many_entries"),
            ),
        ])));
    }
    let input = AssessmentInput {
        instrument: form.instrument.clone(),
        occasion: form.occasion.clone(),
        taken_on: form.taken_on.clone(),
        note: form.note.clone(),
        answers: form
            .answers
            .iter()
            .map(|(code, value)| (code.clone(), value.clone()))
            .collect(),
    };
    let once = state
        .app
        .record_assessment_once(&caller.actor, WomanId::new(id), &input, write.request())
        .await
        .map_err(|e| caller.problem(e))?;
    let location = format!("/api/v1/women/{id}/assessments");
    let body = AssessmentRecorded {
        id: once.value.get(),
        repeated: once.repeated,
    };
    Ok(recorded(body, once.repeated, Some(&location)))
}
