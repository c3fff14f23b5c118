//! Rows of a sheet of paper forms (issue 19): one filled form of one instrument per row —
//! the woman by national ID, the day she answered, the occasion of her schedule, a note, and
//! then one cell per item of the instrument's latest version — through the form's own
//! use-case (`outcomes::assessments::record_assessment_in_tx`), so a form typed into Excel
//! obeys every rule a form typed on a phone does: the woman in the importer's scope, the day
//! not after today, the occasion one of her schedule's (and not too early), every answer on
//! its item's scale; and it is scored and audited with her as its subject the same way.
//!
//! Before the use-case runs, each row is read here as far as a file can be checked without
//! it, so that every problem is reported on its own column: a wrong answer on the item's
//! column (the domain's `parse_answers` names the item), a national ID that names nobody in
//! scope on the ID's column, an unknown occasion on the occasion's. The occasion is a key
//! (`baseline`, `follow_up_2`, `exit`, `after_exit_6`, `after_exit_12`) or its Persian label
//! («پایه», «پیگیری ۲», «خروج», «۶ ماه پس از خروج», «۱۲ ماه پس از خروج»); blank, it is
//! the occasion her schedule owes on the day she answered, worked out here and handed to the
//! use-case as a key, so the check for a form already there and the form recorded agree.
//!
//! The natural key is (woman, instrument, occasion): a form already recorded for it with the
//! same day and the same answers is *already present* and skipped, so a re-run imports
//! nothing; a different one is refused on the occasion's column, because a second sitting is
//! not a correction (the use-case refuses it too).
//!
//! Cells are read by the keys of `hamyar_exchange::forms` (this crate cannot see that one, so
//! the keys are written here again and a test of the command's crate compares the two): the form's
//! columns by dotted keys no item code can be, an item by its code.

use hamyar_domain::outcomes::answers::{Answers, parse_answers};
use hamyar_domain::outcomes::schedule::{Occasion, likely_occasion};
use hamyar_domain::{JalaliDate, Message, MessageArg, NationalId, search_key};

use super::{HistoryRow, RowOutcome, RowRefusal, RowResult};
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::outcomes::assessments::{AssessmentInput, Source, followed, record_assessment_in_tx};
use crate::outcomes::instruments::{InstrumentVersion, latest_version};
use crate::ports::Tx;
use crate::ports::assessments::FollowedQuery;
use crate::ports::groups::PlaceFilter;
use crate::ports::registry::WomanRow;
use crate::service::App;

/// The woman's national ID.
pub const NATIONAL_ID: &str = "woman.national_id";
/// The day she answered.
pub const TAKEN_ON: &str = "form.taken_on";
/// The occasion, a key or a Persian label; blank for the one owed that day.
pub const OCCASION: &str = "form.occasion";
/// A note on the form.
pub const NOTE: &str = "form.note";

/// The form's own cells a row is read by; each item's cell is keyed by the item's code.
pub const FORM_COLUMNS: [&str; 4] = [NATIONAL_ID, TAKEN_ON, OCCASION, NOTE];

/// The use-case's fields and the columns they come from; `instrument` and `answers` (the
/// answers are checked here first, item by item) are the row's as a whole.
const FIELDS: &[(&str, &str)] = &[
    ("taken_on", TAKEN_ON),
    ("occasion", OCCASION),
    ("note", NOTE),
    ("instrument", ""),
    ("answers", ""),
];

/// The instrument a sheet's forms answer: the version its columns were read with.
pub(super) struct FormsSheet {
    pub(super) instrument: InstrumentVersion,
}

fn refused(error: AppError) -> RowRefusal {
    let error = match error {
        AppError::NotFound => no_woman(),
        other => other,
    };
    RowRefusal {
        error,
        fields: FIELDS,
    }
}

fn no_woman() -> AppError {
    AppError::invalid(NATIONAL_ID, Message::new("outcomes-import-no_woman"))
}

/// The occasion a cell names: its key, or its Persian label in any digits and spacing.
pub fn occasion_named(text: &str) -> Option<Occasion> {
    if let Some(occasion) = Occasion::parse(text) {
        return Some(occasion);
    }
    let folded = |text: &str| -> String {
        search_key(text)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let wanted = folded(text);
    let labels = [
        ("پایه", Occasion::Baseline),
        ("خروج", Occasion::Exit),
        ("هنگام خروج", Occasion::Exit),
        ("۶ ماه پس از خروج", Occasion::AfterExit6),
        ("۱۲ ماه پس از خروج", Occasion::AfterExit12),
    ];
    if let Some((_, occasion)) = labels.iter().find(|(label, _)| folded(label) == wanted) {
        return Some(*occasion);
    }
    let round = wanted
        .strip_prefix(&folded("پیگیری"))?
        .parse::<i64>()
        .ok()?;
    Occasion::from_stored("follow_up", round)
}

/// The woman a national ID names, if she is in the actor's scope.
async fn woman_named(tx: &mut dyn Tx, actor: &Actor, text: &str) -> AppResult<WomanRow> {
    let national_id =
        NationalId::parse(text).map_err(|error| AppError::invalid(NATIONAL_ID, error.message()))?;
    tx.woman_by_national_id(national_id.as_str())
        .await?
        .filter(|woman| {
            actor
                .scope
                .covers(Some(woman.record.province_id), Some(woman.record.county_id))
        })
        .ok_or_else(no_woman)
}

/// What a row says, read as far as it can be without her schedule.
struct ReadRow {
    woman: WomanRow,
    taken_on: JalaliDate,
    /// `None`: blank, the one owed that day.
    occasion: Option<Occasion>,
    answers: Answers,
    /// The item cells as typed, for the use-case.
    typed: Vec<(String, String)>,
}

/// Reads the row's cells, every problem on its own column.
async fn read_row(
    tx: &mut dyn Tx,
    actor: &Actor,
    sheet: &FormsSheet,
    row: &HistoryRow,
) -> Result<ReadRow, RowRefusal> {
    let mut errors = Vec::new();
    let woman = match woman_named(tx, actor, row.get(NATIONAL_ID)).await {
        Ok(woman) => Some(woman),
        Err(AppError::Invalid(mut found)) => {
            errors.append(&mut found);
            None
        }
        Err(other) => return Err(refused(other)),
    };
    let taken_on = match JalaliDate::parse(row.get(TAKEN_ON)) {
        Ok(day) => Some(day),
        Err(error) => {
            errors.push(FieldError::new(TAKEN_ON, error.message()));
            None
        }
    };
    let occasion = match row.get(OCCASION) {
        "" => Some(None),
        text => match occasion_named(text) {
            Some(occasion) => Some(Some(occasion)),
            None => {
                errors.push(FieldError::new(
                    OCCASION,
                    Message::new("outcomes-import-unknown_occasion"),
                ));
                None
            }
        },
    };
    let (typed, answers) = read_answers(sheet, row, &mut errors);
    match (woman, taken_on, occasion, answers) {
        (Some(woman), Some(taken_on), Some(occasion), Some(answers)) if errors.is_empty() => {
            Ok(ReadRow {
                woman,
                taken_on,
                occasion,
                answers,
                typed,
            })
        }
        _ => Err(refused(AppError::Invalid(errors))),
    }
}

/// The row's item cells as typed, and its answers when every one is on its item's scale; a
/// problem of an item goes to `errors` on that item's column.
fn read_answers(
    sheet: &FormsSheet,
    row: &HistoryRow,
    errors: &mut Vec<FieldError>,
) -> (Vec<(String, String)>, Option<Answers>) {
    let definition = &sheet.instrument.definition;
    let typed: Vec<(String, String)> = definition
        .items
        .iter()
        .map(|item| (item.code.clone(), row.get(&item.code).to_owned()))
        .collect();
    let pairs = typed
        .iter()
        .map(|(code, text)| (code.as_str(), text.as_str()));
    match parse_answers(definition, pairs) {
        Ok(answers) => (typed, Some(answers)),
        Err(problems) => {
            for problem in problems {
                let column = column_of_item(row, &problem.item);
                errors.push(FieldError::new(column, problem.message));
            }
            (typed, None)
        }
    }
}

/// The key of the row's cell of item `code` (the sheet's own spelling of it, so the problem
/// names the item's column); the whole row when the file has no such column.
fn column_of_item(row: &HistoryRow, code: &str) -> &'static str {
    row.cells
        .iter()
        .find(|(key, _)| *key == code)
        .map_or("", |(key, _)| *key)
}

/// The occasion a form taken on `day` answers: the one named, or the one her schedule owes.
async fn occasion_of(
    tx: &mut dyn Tx,
    woman: &WomanRow,
    named: Option<Occasion>,
    day: JalaliDate,
) -> AppResult<Occasion> {
    if let Some(occasion) = named {
        return Ok(occasion);
    }
    let schedule = tx
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
    Ok(schedule.first().map_or(Occasion::Baseline, |row| {
        likely_occasion(&followed(row), day)
    }))
}

/// Whether her form of this instrument for this occasion is there: `Ok(true)` when it says
/// what the row says, a refusal when it says something else.
async fn already_there(
    tx: &mut dyn Tx,
    sheet: &FormsSheet,
    woman: &WomanRow,
    occasion: Occasion,
    day: JalaliDate,
    answers: &Answers,
) -> Result<bool, RowRefusal> {
    let forms = tx
        .assessments_of(woman.id)
        .await
        .map_err(|error| refused(error.into()))?;
    let code = &sheet.instrument.row.code;
    let Some(form) = forms.iter().find(|form| {
        form.instrument_code == *code
            && Occasion::from_stored(&form.occasion, form.round) == Some(occasion)
    }) else {
        return Ok(false);
    };
    let stored: Answers = serde_json::from_str(&form.answers)
        .map_err(|error| refused(AppError::Internal(format!("form {}: {error}", form.id))))?;
    if form.taken_on == day && stored == *answers {
        return Ok(true);
    }
    Err(refused(AppError::invalid(
        OCCASION,
        Message::new("outcomes-import-other_form_present")
            .arg("taken_on", MessageArg::digits(form.taken_on)),
    )))
}

pub(super) async fn import(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
    sheet: &FormsSheet,
) -> RowResult {
    let read = read_row(tx, actor, sheet, row).await?;
    let (woman, day) = (&read.woman, read.taken_on);
    let occasion = occasion_of(tx, woman, read.occasion, day)
        .await
        .map_err(refused)?;
    if already_there(tx, sheet, woman, occasion, day, &read.answers).await? {
        return Ok(RowOutcome::AlreadyPresent(OCCASION));
    }
    let input = AssessmentInput {
        instrument: sheet.instrument.row.code.clone(),
        occasion: occasion.key(),
        taken_on: row.get(TAKEN_ON).to_owned(),
        note: row.get(NOTE).to_owned(),
        answers: read.typed,
    };
    record_assessment_in_tx(app, tx, actor, woman.id, &input, Source::Import)
        .await
        .map_err(refused)?;
    Ok(RowOutcome::Imported)
}

/// The latest version of `code` for a sheet of forms, refused unless the actor may assess.
pub(super) async fn instrument_for_import(
    tx: &mut dyn Tx,
    actor: &Actor,
    code: &str,
) -> AppResult<InstrumentVersion> {
    actor.require(Permission::Assess)?;
    latest_version(tx, code.trim()).await
}

/// Refuses a sheet read with another version than the latest, which the use-case records
/// against (a version added between reading the header and importing).
pub(super) fn same_version(
    read_with: &InstrumentVersion,
    latest: &InstrumentVersion,
) -> AppResult<()> {
    if read_with.row.version == latest.row.version && read_with.definition == latest.definition {
        return Ok(());
    }
    Err(AppError::invalid(
        "instrument",
        Message::new("outcomes-import-instrument_changed")
            .arg("version", MessageArg::Number(latest.row.version)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_occasion_is_its_key_or_its_persian_label_in_any_digits() {
        for (text, occasion) in [
            ("baseline", Occasion::Baseline),
            ("پایه", Occasion::Baseline),
            ("follow_up_2", Occasion::FollowUp(2)),
            ("پیگیری ۲", Occasion::FollowUp(2)),
            ("پيگيري 3", Occasion::FollowUp(3)),
            ("خروج", Occasion::Exit),
            ("هنگام خروج", Occasion::Exit),
            ("exit", Occasion::Exit),
            ("۶ ماه پس از خروج", Occasion::AfterExit6),
            ("6 ماه پس از خروج", Occasion::AfterExit6),
            ("۱۲ ماه پس از خروج", Occasion::AfterExit12),
            ("after_exit_12", Occasion::AfterExit12),
        ] {
            assert_eq!(occasion_named(text), Some(occasion), "{text}");
        }
        for text in ["پیگیری", "پیگیری ۰", "پیگیری ۹۹", "ماه", "follow_up"]
        {
            assert_eq!(occasion_named(text), None, "{text}");
        }
    }
}
