//! The export of one instrument's filled forms in a place (`hamyar export assessments`): one
//! row per form with whose it is (national ID, name, county), the version it answered, its
//! occasion, its day, whether it is complete, its note, its stored answers and its scores.
//! The file (`hamyar_exchange::forms`) imports back: the columns an import does not read are
//! ignored.
//!
//! Answers are among the most sensitive things Hamyar holds, so the export needs
//! `Permission::Assess` — the experts and social workers who read forms — and covers only the
//! actor's scope (a place asked for outside it is `NotFound`). Forms are read in pages of
//! [`EXPORT_PAGE`] in one read transaction and handed to the caller's sink as they come, so a
//! country's forms are never held in memory; then one `outcomes.export` audit row names the
//! instrument, the place, the format, the count and every woman exported as a subject. As with
//! the registry's export, the caller delivers nothing unless this returns `Ok`.

use std::collections::BTreeMap;

use hamyar_domain::outcomes::answers::Answers;
use hamyar_domain::outcomes::schedule::Occasion;
use serde_json::json;

use super::instruments::latest_version;
use crate::access::{Actor, Permission, PlaceId, Scope};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::assessments::{AssessmentId, AssessmentRow, AssessmentsQuery};
use crate::ports::groups::PlaceFilter;
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry};

/// Forms read per page.
pub const EXPORT_PAGE: i64 = 2_000;

/// Which forms to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentExportQuery {
    /// The instrument's code.
    pub instrument: String,
    /// A province or a county within the actor's scope; `None`: all of the actor's scope.
    pub place: Option<PlaceId>,
    /// The file's format (`csv`, `xlsx`), for the audit row.
    pub format: String,
}

/// One exported form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedForm {
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    /// Her county's Persian name.
    pub county: String,
    /// The form as stored: its version, day, completeness, note and scores.
    pub row: AssessmentRow,
    /// The occasion's key (`baseline`, `follow_up_2`, …).
    pub occasion: String,
    pub answers: Answers,
}

/// The place an export covers: the one asked for, which must lie in the actor's scope, or
/// the actor's whole scope.
async fn place_filter(
    tx: &mut dyn crate::ports::Tx,
    actor: &Actor,
    place: Option<PlaceId>,
    today_iso: &str,
) -> AppResult<(PlaceFilter, crate::places::PlaceTree)> {
    let tree = load_tree(tx, today_iso).await?;
    let scope: Scope = match place {
        None => actor.scope,
        Some(place) => tree
            .scope_of(place)
            .filter(|asked| actor.scope.contains(*asked))
            .ok_or(AppError::NotFound)?,
    };
    let filter = PlaceFilter {
        province_id: scope.province(),
        county_id: scope.county(),
    };
    Ok((filter, tree))
}

impl App {
    /// Hands every form of the instrument in the place to `sink`, oldest first, and audits
    /// the export; returns how many there were.
    pub async fn export_assessments(
        &self,
        actor: &Actor,
        query: &AssessmentExportQuery,
        sink: &mut (dyn FnMut(ExportedForm) -> AppResult<()> + Send),
    ) -> AppResult<u64> {
        actor.require(Permission::Assess)?;
        let today = self.today();
        let mut tx = self.db.read().await?;
        let instrument = latest_version(tx.as_mut(), query.instrument.trim()).await?;
        let (place, tree) =
            place_filter(tx.as_mut(), actor, query.place, &today.to_iso_string()).await?;
        let mut women: BTreeMap<WomanId, (PlaceId, PlaceId)> = BTreeMap::new();
        let mut count = 0u64;
        let mut after = AssessmentId::new(0);
        loop {
            let page = tx
                .assessments_page(&AssessmentsQuery {
                    place,
                    instrument_code: instrument.row.code.clone(),
                    after,
                    limit: EXPORT_PAGE,
                })
                .await?;
            let done = (page.len() as i64) < EXPORT_PAGE;
            for exported in page {
                let row = exported.row;
                after = row.id;
                let answers: Answers = serde_json::from_str(&row.answers)
                    .map_err(|error| AppError::Internal(format!("form {}: {error}", row.id)))?;
                women.insert(row.woman_id, (row.province_id, row.county_id));
                count += 1;
                sink(ExportedForm {
                    national_id: exported.national_id,
                    first_name: exported.first_name,
                    last_name: exported.last_name,
                    county: tree
                        .get(row.county_id)
                        .map(|county| county.name_fa.clone())
                        .unwrap_or_default(),
                    occasion: Occasion::from_stored(&row.occasion, row.round)
                        .map_or_else(|| row.occasion.clone(), Occasion::key),
                    answers,
                    row,
                })?;
            }
            if done {
                break;
            }
        }
        tx.commit().await?;
        let after = json!({
            "instrument": instrument.row.code,
            "version": instrument.row.version,
            "rows": count,
            "women": women.len(),
            "filter": {
                "province_id": place.province_id,
                "county_id": place.county_id,
                "format": query.format,
            },
        });
        let mut tx = self.db.write().await?;
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "outcomes.export",
                entity_kind: "instrument",
                entity_id: instrument.row.code.clone(),
                province_id: place.province_id,
                county_id: place.county_id,
                before: None,
                after: Some(after),
            },
            women_subjects(
                women
                    .into_iter()
                    .map(|(woman, (province, county))| (woman, province, county)),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(count)
    }
}
