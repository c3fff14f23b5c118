//! Group rows and stage rows. A group row forms the group through the group form's
//! use-case (identified on its own date) unless its code is already in the province, then
//! moves it through the stages whose dates the row gives, in lifecycle order, each through
//! the stage move's use-case. A stage row is one more move of a group already there.
//! A move already in the group's history (same stage, same date) is skipped.

use hamyar_domain::JalaliDate;
use hamyar_domain::groups::{GroupInput, GroupStage};

use super::lookup::{business_field, existing_group, group_by_code, normalized_code};
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult};
use crate::access::Actor;
use crate::error::{AppError, FieldError};
use crate::groups::StageInput;
use crate::ports::Tx;
use crate::ports::groups::GroupId;
use crate::service::App;

pub(super) const GROUP_COLUMNS: &[&str] = &[
    "group_code",
    "name",
    "county",
    "locality",
    "supervising_unit",
    "business_field",
    "business_field_other",
    "premises",
    "premises_address",
    "notes",
    "identified_on",
    "trained_on",
    "registered_on",
    "funded_on",
    "active_on",
];

pub(super) const STAGE_COLUMNS: &[&str] = &[
    "group_code",
    "stage",
    "effective_on",
    "inactive_reason",
    "note",
];

/// The stages a group row may date, in lifecycle order, with their columns.
const DATED_STAGES: [(GroupStage, &str); 4] = [
    (GroupStage::Trained, "trained_on"),
    (GroupStage::Registered, "registered_on"),
    (GroupStage::Funded, "funded_on"),
    (GroupStage::Active, "active_on"),
];

/// The group form's fields and the columns they come from.
const GROUP_FIELDS: &[(&str, &str)] = &[("code", "group_code")];

fn refusal(error: AppError, fields: &'static [(&'static str, &'static str)]) -> RowRefusal {
    RowRefusal { error, fields }
}

pub(super) async fn import_group(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
) -> RowResult {
    let found = group_by_code(tx, actor, row.get("group_code"))
        .await
        .map_err(|error| refusal(error, GROUP_FIELDS))?;
    let (group_id, created) = match found {
        Some(group) => (group.id, false),
        None => (create(app, tx, actor, row).await?, true),
    };
    let mut moved = false;
    for (stage, column) in DATED_STAGES {
        let text = row.get(column);
        if text.is_empty() {
            continue;
        }
        moved |= move_once(app, tx, actor, group_id, stage, text, "", "", column).await?;
    }
    Ok(if created || moved {
        RowOutcome::Imported
    } else {
        RowOutcome::AlreadyPresent("group_code")
    })
}

async fn create(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
) -> Result<GroupId, RowRefusal> {
    let unit = super::lookup::supervising_unit(tx, actor, row.get("supervising_unit"))
        .await
        .map_err(|error| refusal(error, GROUP_FIELDS))?;
    let field = business_field(tx, row.get("business_field"))
        .await
        .map_err(|error| refusal(error, GROUP_FIELDS))?;
    let input = GroupInput {
        code: normalized_code(row.get("group_code")),
        name: row.get("name").to_owned(),
        county: row.get("county").to_owned(),
        locality: row.get("locality").to_owned(),
        supervising_unit: unit,
        business_field: field,
        business_field_other: row.get("business_field_other").to_owned(),
        premises: row.get("premises").to_owned(),
        premises_address: row.get("premises_address").to_owned(),
        notes: row.get("notes").to_owned(),
        identified_on: row.get("identified_on").to_owned(),
    };
    // Blank, the form dates the group today; an imported group has its own date.
    if input.identified_on.is_empty() {
        return Err(refusal(
            AppError::invalid(
                "identified_on",
                hamyar_domain::Message::new("imports-date_required"),
            ),
            GROUP_FIELDS,
        ));
    }
    match app.create_group_in_tx(tx, actor, &input).await {
        Ok(id) => Ok(id),
        // The form reports its own fields first and the date only once they pass; a file's
        // report names every problem of the row at once.
        Err(AppError::Invalid(mut errors)) => {
            if let Err(error) = JalaliDate::parse(&input.identified_on)
                && errors.iter().all(|e| e.field != "identified_on")
            {
                errors.push(FieldError::new("identified_on", error.message()));
            }
            Err(refusal(AppError::Invalid(errors), GROUP_FIELDS))
        }
        Err(error) => Err(refusal(error, GROUP_FIELDS)),
    }
}

/// Moves the group to `stage` on `date_text` unless its history has that move already;
/// whether it moved. Problems are reported on `column`.
#[allow(clippy::too_many_arguments)]
async fn move_once(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    group_id: GroupId,
    stage: GroupStage,
    date_text: &str,
    inactive_reason: &str,
    note: &str,
    column: &'static str,
) -> Result<bool, RowRefusal> {
    let fields: &'static [(&'static str, &'static str)] = match column {
        "trained_on" => &[("effective_on", "trained_on"), ("stage", "trained_on")],
        "registered_on" => &[
            ("effective_on", "registered_on"),
            ("stage", "registered_on"),
        ],
        "funded_on" => &[("effective_on", "funded_on"), ("stage", "funded_on")],
        "active_on" => &[("effective_on", "active_on"), ("stage", "active_on")],
        _ => &[],
    };
    let date = JalaliDate::parse(date_text)
        .map_err(|error| refusal(AppError::invalid("effective_on", error.message()), fields))?;
    let history = tx
        .stages_of(group_id)
        .await
        .map_err(|error| refusal(error.into(), fields))?;
    if history
        .iter()
        .any(|move_| move_.stage == stage && move_.effective_on == date)
    {
        return Ok(false);
    }
    let input = StageInput {
        stage: stage.code().to_owned(),
        effective_on: date_text.to_owned(),
        inactive_reason: inactive_reason.to_owned(),
        note: note.to_owned(),
    };
    app.move_group_stage_in_tx(tx, actor, group_id, &input)
        .await
        .map_err(|error| refusal(error, fields))?;
    Ok(true)
}

pub(super) async fn import_stage(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
) -> RowResult {
    const FIELDS: &[(&str, &str)] = &[];
    let group = existing_group(tx, actor, row.get("group_code"))
        .await
        .map_err(|error| refusal(error, FIELDS))?;
    let Some(stage) = GroupStage::parse(row.get("stage")) else {
        return Err(refusal(
            AppError::invalid(
                "stage",
                hamyar_domain::Message::new("lifecycle-choose_new_stage_from_list"),
            ),
            FIELDS,
        ));
    };
    let moved = move_once(
        app,
        tx,
        actor,
        group.id,
        stage,
        row.get("effective_on"),
        row.get("inactive_reason"),
        row.get("note"),
        "effective_on",
    )
    .await?;
    Ok(if moved {
        RowOutcome::Imported
    } else {
        RowOutcome::AlreadyPresent("effective_on")
    })
}
