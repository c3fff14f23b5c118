//! The registry of women heads of household: registering a woman with her household,
//! searching within scope (masked for roles that do not need identifiers), opening her file
//! (audited as a view, see `viewing` for what counts as one), her coverage history and
//! eligibility (with each province's own threshold for definitive singlehood), likely
//! duplicates, imports and exports. Each submodule owns one group of use-cases; this one holds
//! the shared views and the scope check every use-case performs.

pub mod coverage;
pub mod duplicates;
pub mod export;
pub mod file;
pub mod household;
pub mod import;
pub mod search;
pub mod settings;
pub mod singlehood;
pub mod viewing;
pub mod women;

use hamyar_domain::registry::Problem;
use serde::Serialize;

use crate::access::{Actor, PlaceId};
use crate::error::{AppError, FieldError};
use crate::ports::Tx;
use crate::ports::registry::{WomanId, WomanRow};

/// Turns domain problems into field errors, prefixing nested fields (`members.2.national_id`).
pub(crate) fn field_errors(
    problems: Vec<Problem>,
    prefix: Option<&'static str>,
) -> Vec<FieldError> {
    problems
        .into_iter()
        .map(|p| FieldError::new(prefix.unwrap_or(p.field), p.message))
        .collect()
}

/// Loads a woman's row if it exists, is not merged away, and lies in the actor's scope;
/// otherwise `NotFound` (never saying which).
pub(crate) async fn woman_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: WomanId,
) -> Result<WomanRow, AppError> {
    let row = tx.woman_by_id(id).await?.ok_or(AppError::NotFound)?;
    if !actor
        .scope
        .covers(Some(row.record.province_id), Some(row.record.county_id))
    {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// What the audit trail keeps of a record: every field as stored, never derived keys.
#[derive(Serialize)]
pub(crate) struct RecordSnapshot<'a> {
    national_id: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    father_name: Option<&'a str>,
    birth_date: &'a str,
    mobile: Option<&'a str>,
    county_id: PlaceId,
    locality: &'a str,
    settlement: &'a str,
    address: &'a str,
    education: Option<&'a str>,
    skills: &'a str,
    sheba: Option<&'a str>,
    headship_cause: &'a str,
    income_decile: Option<i64>,
    notes: &'a str,
}

pub(crate) fn record_snapshot(
    record: &crate::ports::registry::WomanRecord,
) -> Option<serde_json::Value> {
    crate::service::snapshot(&RecordSnapshot {
        national_id: &record.national_id,
        first_name: &record.first_name,
        last_name: &record.last_name,
        father_name: record.father_name.as_deref(),
        birth_date: &record.birth_date,
        mobile: record.mobile.as_deref(),
        county_id: record.county_id,
        locality: &record.locality,
        settlement: &record.settlement,
        address: &record.address,
        education: record.education.as_deref(),
        skills: &record.skills,
        sheba: record.sheba.as_deref(),
        headship_cause: &record.headship_cause,
        income_decile: record.income_decile,
        notes: &record.notes,
    })
}
