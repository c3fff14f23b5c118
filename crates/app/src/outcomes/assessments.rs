//! A woman's forms: recording one (typed on a phone, or a row of an imported sheet of paper
//! forms, through [`record_assessment_in_tx`]), reading her forms and her schedule, and
//! opening one form.
//!
//! Answers are among the most sensitive things Hamyar holds, so every use-case here needs
//! `Permission::Assess` (the experts and the social workers) and the woman in the actor's
//! scope, and every opening is audited with her as its subject. A form is written with its
//! scores (computed once, by the instrument's rules, at the moment it is recorded) and its
//! audit row in one transaction; a second form of the same instrument for the same occasion is
//! refused, because a correction of a filled paper form is not a second sitting.
//!
//! The occasion a form answers is one of her schedule's (`hamyar_domain::outcomes::schedule`):
//! a follow-up or an after-exit form must exist in her schedule, and may be taken at most
//! [`EARLY_DAYS`] before it falls due; a baseline may always be taken.

use hamyar_domain::JalaliDate;
use hamyar_domain::outcomes::answers::{Answers, is_complete, parse_answers};
use hamyar_domain::outcomes::schedule::{Followed, Occasion, due_on, likely_occasion, owed};
use hamyar_domain::outcomes::scoring::{Score, score};
use hamyar_domain::{Message, MessageArg};
use serde_json::json;

use super::instruments::{InstrumentVersion, latest_versions, parsed};
use crate::access::{Actor, Permission};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult, FieldError};
use crate::once::{KeyedRequest, Once};
use crate::ports::Tx;
use crate::ports::assessments::{AssessmentId, AssessmentRow, FollowedQuery, FollowedRow};
use crate::ports::groups::PlaceFilter;
use crate::ports::registry::{WomanId, WomanRow};
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry, actor_name};

/// How many days before it falls due a scheduled form may be taken.
pub const EARLY_DAYS: i64 = 31;

/// The longest note on a form, in characters.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// A form as typed: the instrument's code, the occasion's key (`baseline`, `follow_up_2`, …;
/// blank: the one her schedule owes on that day), the day she answered, a note, and the
/// answers by item code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssessmentInput {
    pub instrument: String,
    pub occasion: String,
    pub taken_on: String,
    pub note: String,
    pub answers: Vec<(String, String)>,
}

/// Where a form came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Form,
    Import,
}

impl Source {
    fn code(self) -> &'static str {
        match self {
            Source::Form => "form",
            Source::Import => "import",
        }
    }
}

/// An occasion of her schedule that is owed, with the instruments still missing for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedOccasion {
    pub occasion: Occasion,
    pub due_on: JalaliDate,
    pub missing: Vec<String>,
}

/// A stored form with its instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormView {
    pub row: AssessmentRow,
    pub instrument: InstrumentVersion,
    pub occasion: Option<Occasion>,
    pub answers: Answers,
}

/// What her outcomes section shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WomanOutcomes {
    pub woman: WomanRow,
    /// Her schedule's source, when she has ever joined a group or a course.
    pub followed: Option<FollowedRow>,
    pub owed: Vec<OwedOccasion>,
    /// Her forms, oldest first.
    pub forms: Vec<FormView>,
    /// The instruments a new form may use (latest versions).
    pub instruments: Vec<InstrumentVersion>,
    /// The occasion a form taken today most likely answers.
    pub likely: Occasion,
}

/// Her schedule's source, as the domain reads it.
pub(crate) fn followed(row: &FollowedRow) -> Followed {
    Followed {
        started_on: row.started_on,
        exited_on: row.exited_on,
    }
}

/// The occasions owed by `today`, each with the scheduled instruments not yet taken for it.
pub(crate) fn owed_occasions(
    row: &FollowedRow,
    taken: &[(String, Occasion)],
    scheduled: &[String],
    today: JalaliDate,
) -> Vec<OwedOccasion> {
    owed(&followed(row), today)
        .into_iter()
        .filter_map(|(occasion, due_on)| {
            let missing: Vec<String> = scheduled
                .iter()
                .filter(|code| {
                    !taken.iter().any(|(taken_code, taken_occasion)| {
                        taken_code == *code && *taken_occasion == occasion
                    })
                })
                .cloned()
                .collect();
            (!missing.is_empty()).then_some(OwedOccasion {
                occasion,
                due_on,
                missing,
            })
        })
        .collect()
}

/// The codes of the instruments the schedule asks for (latest versions marked scheduled).
pub(crate) fn scheduled_codes(latest: &[InstrumentVersion]) -> Vec<String> {
    latest
        .iter()
        .filter(|version| version.row.scheduled)
        .map(|version| version.row.code.clone())
        .collect()
}

/// One woman's schedule source, if she is followed.
async fn followed_row(tx: &mut dyn Tx, woman: &WomanRow) -> AppResult<Option<FollowedRow>> {
    let rows = tx
        .followed_women(&FollowedQuery {
            place: PlaceFilter {
                province_id: Some(woman.record.province_id),
                county_id: Some(woman.record.county_id),
            },
            assigned: None,
            woman: Some(woman.id),
            limit: 1,
        })
        .await?;
    Ok(rows.into_iter().next())
}

fn invalid(field: &'static str, message: Message) -> AppError {
    AppError::invalid(field, message)
}

/// Records a form for a woman inside the caller's transaction (the page's, or an import's
/// all-or-nothing one) and audits it there; the woman must be in the actor's scope.
pub async fn record_assessment_in_tx(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    woman_id: WomanId,
    input: &AssessmentInput,
    source: Source,
) -> AppResult<AssessmentId> {
    actor.require(Permission::Assess)?;
    let woman = woman_in_scope(tx, actor, woman_id).await?;
    let today = app.today();
    let latest = latest_versions(tx).await?;
    let instrument = latest
        .into_iter()
        .find(|version| version.row.code == input.instrument.trim())
        .ok_or_else(|| {
            invalid(
                "instrument",
                Message::new("outcomes-unknown_instrument").arg(
                    "code",
                    MessageArg::Text(input.instrument.chars().take(40).collect()),
                ),
            )
        })?;
    let mut errors = Vec::new();
    let taken_on = match JalaliDate::parse(&input.taken_on) {
        Ok(day) if day > today => {
            errors.push(FieldError::new(
                "taken_on",
                Message::new("outcomes-taken_in_future"),
            ));
            None
        }
        Ok(day) => Some(day),
        Err(error) => {
            errors.push(FieldError::new("taken_on", error.message()));
            None
        }
    };
    let note = input.note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        errors.push(FieldError::new(
            "note",
            Message::new("outcomes-note_too_long")
                .arg("max", MessageArg::Number(MAX_NOTE_CHARS as i64)),
        ));
    }
    let answers = match parse_answers(
        &instrument.definition,
        input
            .answers
            .iter()
            .map(|(code, text)| (code.as_str(), text.as_str())),
    ) {
        Ok(answers) => Some(answers),
        Err(problems) => {
            for problem in problems {
                let position = instrument
                    .definition
                    .items
                    .iter()
                    .position(|item| item.code == problem.item)
                    .map_or_else(|| problem.item.clone(), |index| (index + 1).to_string());
                errors.push(FieldError::new(
                    "answers",
                    Message::new("outcomes-answer_problem")
                        .arg("item", MessageArg::Digits(position))
                        .arg("problem", MessageArg::Message(problem.message)),
                ));
            }
            None
        }
    };
    let schedule = followed_row(tx, &woman).await?;
    let occasion = match (input.occasion.trim(), taken_on) {
        ("", Some(day)) => Some(schedule.as_ref().map_or(Occasion::Baseline, |row| {
            likely_occasion(&followed(row), day)
        })),
        ("", None) => None,
        (text, day) => match Occasion::parse(text) {
            Some(occasion) => {
                let due = match (&schedule, occasion) {
                    (_, Occasion::Baseline) => Ok(()),
                    (None, _) => Err(Message::new("outcomes-occasion_not_followed")),
                    (Some(row), occasion) => match (due_on(&followed(row), occasion), day) {
                        (None, _) => Err(Message::new("outcomes-occasion_not_in_schedule")),
                        (Some(due), Some(day)) if day.days_until(due) > EARLY_DAYS => {
                            Err(Message::new("outcomes-occasion_too_early")
                                .arg("due_on", MessageArg::digits(due)))
                        }
                        _ => Ok(()),
                    },
                };
                match due {
                    Ok(()) => Some(occasion),
                    Err(message) => {
                        errors.push(FieldError::new("occasion", message));
                        None
                    }
                }
            }
            None => {
                errors.push(FieldError::new(
                    "occasion",
                    Message::new("outcomes-occasion_unknown"),
                ));
                None
            }
        },
    };
    let (Some(taken_on), Some(answers), Some(occasion), true) =
        (taken_on, answers, occasion, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let scores = score(&instrument.definition, &answers);
    let answers_json = serde_json::to_string(&answers)
        .map_err(|error| AppError::Internal(format!("answers: {error}")))?;
    let row = AssessmentRow {
        id: AssessmentId::default(),
        woman_id,
        province_id: woman.record.province_id,
        county_id: woman.record.county_id,
        instrument_code: instrument.row.code.clone(),
        instrument_version: instrument.row.version,
        occasion: occasion.code().to_string(),
        round: i64::from(occasion.round()),
        taken_on,
        complete: is_complete(&instrument.definition, &answers),
        answers: answers_json,
        scores: scores
            .iter()
            .map(|Score { code, value }| (code.clone(), *value))
            .collect(),
        source: source.code().to_string(),
        note: (!note.is_empty()).then(|| note.to_string()),
        recorded_by: actor.user_id,
        recorded_by_name: actor_name(tx, actor).await?,
        recorded_at: app.now(),
    };
    let id = match tx.insert_assessment(&row).await {
        Ok(id) => id,
        Err(crate::ports::StoreError::Unique(_)) => {
            return Err(invalid("occasion", Message::new("outcomes-already_taken")));
        }
        Err(error) => return Err(error.into()),
    };
    // The audit row says which form was taken, never its answers.
    app.audit_with_subjects_in_tx(
        tx,
        AuditEntry {
            actor,
            action: "outcomes.assessment_record",
            entity_kind: "assessment",
            entity_id: id.to_string(),
            province_id: Some(row.province_id),
            county_id: Some(row.county_id),
            before: None,
            after: Some(json!({
                "woman_id": woman_id,
                "instrument": format!("{}:{}", row.instrument_code, row.instrument_version),
                "occasion": occasion.key(),
                "taken_on": taken_on.to_iso_string(),
                "complete": row.complete,
                "source": row.source,
            })),
        },
        women_subjects([(woman_id, row.province_id, row.county_id)]),
    )
    .await?;
    Ok(id)
}

impl App {
    /// Records one form typed on a page.
    pub async fn record_assessment(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        input: &AssessmentInput,
    ) -> AppResult<AssessmentId> {
        let mut tx = self.db.write().await?;
        let id = record_assessment_in_tx(self, tx.as_mut(), actor, woman_id, input, Source::Form)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`App::record_assessment`] done once per idempotency key (the JSON API and the field
    /// app): a form sent again under the same key answers with the first form's id instead of
    /// being refused as a second sitting of the same occasion.
    pub async fn record_assessment_once(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        input: &AssessmentInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<AssessmentId>> {
        actor.require(Permission::Assess)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        let id = record_assessment_in_tx(self, tx.as_mut(), actor, woman_id, input, Source::Form)
            .await?;
        self.remember(tx, actor, request, id).await
    }

    /// A woman's forms and her schedule; `opening` audits the view.
    pub async fn woman_outcomes(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        opening: bool,
    ) -> AppResult<WomanOutcomes> {
        actor.require(Permission::Assess)?;
        let today = self.today();
        let mut tx = if opening {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let latest = latest_versions(tx.as_mut()).await?;
        let schedule = followed_row(tx.as_mut(), &woman).await?;
        let rows = tx.assessments_of(woman_id).await?;
        let mut all_versions: Vec<InstrumentVersion> = Vec::new();
        for row in tx.instruments().await? {
            all_versions.push(parsed(row)?);
        }
        let mut forms = Vec::new();
        for row in rows {
            let instrument = all_versions
                .iter()
                .find(|v| {
                    v.row.code == row.instrument_code && v.row.version == row.instrument_version
                })
                .cloned()
                .ok_or_else(|| AppError::Internal(format!("form {} has no instrument", row.id)))?;
            let answers: Answers = serde_json::from_str(&row.answers)
                .map_err(|error| AppError::Internal(format!("form {}: {error}", row.id)))?;
            forms.push(FormView {
                occasion: Occasion::from_stored(&row.occasion, row.round),
                row,
                instrument,
                answers,
            });
        }
        let taken: Vec<(String, Occasion)> = forms
            .iter()
            .filter_map(|form| Some((form.row.instrument_code.clone(), form.occasion?)))
            .collect();
        let owed = schedule.as_ref().map_or_else(Vec::new, |row| {
            owed_occasions(row, &taken, &scheduled_codes(&latest), today)
        });
        let likely = schedule.as_ref().map_or(Occasion::Baseline, |row| {
            likely_occasion(&followed(row), today)
        });
        if opening {
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "outcomes.view",
                    entity_kind: "woman",
                    entity_id: woman_id.to_string(),
                    province_id: Some(woman.record.province_id),
                    county_id: Some(woman.record.county_id),
                    before: None,
                    after: Some(json!({"forms": forms.len()})),
                },
                women_subjects([(woman_id, woman.record.province_id, woman.record.county_id)]),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(WomanOutcomes {
            woman,
            followed: schedule,
            owed,
            forms,
            instruments: latest,
            likely,
        })
    }
}

impl App {
    /// One form with its instrument and answers; `opening` audits the view.
    pub async fn assessment_form(
        &self,
        actor: &Actor,
        id: AssessmentId,
        opening: bool,
    ) -> AppResult<(WomanRow, FormView)> {
        actor.require(Permission::Assess)?;
        let mut tx = if opening {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let row = tx.assessment_by_id(id).await?.ok_or(AppError::NotFound)?;
        let woman = woman_in_scope(tx.as_mut(), actor, row.woman_id).await?;
        let instrument = tx
            .instrument(&row.instrument_code, row.instrument_version)
            .await?
            .ok_or_else(|| AppError::Internal(format!("form {id} has no instrument")))?;
        let instrument = parsed(instrument)?;
        let answers: Answers = serde_json::from_str(&row.answers)
            .map_err(|error| AppError::Internal(format!("form {id}: {error}")))?;
        if opening {
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "outcomes.assessment_view",
                    entity_kind: "assessment",
                    entity_id: id.to_string(),
                    province_id: Some(row.province_id),
                    county_id: Some(row.county_id),
                    before: None,
                    after: Some(json!({"woman_id": row.woman_id})),
                },
                women_subjects([(row.woman_id, row.province_id, row.county_id)]),
            )
            .await?;
        }
        tx.commit().await?;
        Ok((
            woman,
            FormView {
                occasion: Occasion::from_stored(&row.occasion, row.round),
                row,
                instrument,
                answers,
            },
        ))
    }
}
