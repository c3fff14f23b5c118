//! Exporting the registry within the actor's scope: canonical text that imports back
//! unchanged (national IDs as 10-digit text, Jalali dates, Persian labels), plus the
//! Gregorian birth date, coverage status, household size and registration date. Exports hold
//! identifiers, so only roles with `ExportRegistry` may export, and each export is audited as
//! one `woman.export` row: its filter (county, file format), how many women it held, and
//! every one of them as a subject, so the subject filter finds the export under each woman.

use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{CoverageStatus, ExportExtras};

use crate::access::{Actor, Permission, PlaceId};
use crate::audit::shown::women_subjects;
use crate::error::AppResult;
use crate::places::load_tree;
use crate::ports::registry::WomanId;
use crate::ports::registry::{WomanSearch, WomanSort};
use crate::registry::women::input_from_record;
use crate::service::{App, AuditEntry};

/// One exported woman, every cell as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub input: hamyar_domain::registry::WomanInput,
    pub extras: ExportExtras,
}

/// Rows read from the store per page.
const EXPORT_PAGE: i64 = 5_000;

impl App {
    /// Every woman in scope (optionally one county), in name order, as export rows;
    /// `format` (`csv`, `xlsx`) is what the caller writes them as, for the audit row.
    /// Collects the rows in memory: for tests and small exports; files use
    /// [`App::export_women_into`].
    pub async fn export_women(
        &self,
        actor: &Actor,
        county_id: Option<PlaceId>,
        format: &str,
    ) -> AppResult<Vec<ExportRow>> {
        let mut rows = Vec::new();
        self.export_women_into(actor, county_id, format, &mut |row| {
            rows.push(row);
            Ok(())
        })
        .await?;
        Ok(rows)
    }

    /// Hands every woman in scope (optionally one county), in name order, to `sink`, then
    /// audits the export; returns how many there were. The rows are read in a read
    /// transaction page by page, so an export of the whole country neither holds the write
    /// lock nor the registry in memory; the audit row is written after, in a short write
    /// transaction. The caller must not deliver what `sink` received unless this returns
    /// `Ok`: then the export is on the trail.
    pub async fn export_women_into(
        &self,
        actor: &Actor,
        county_id: Option<PlaceId>,
        format: &str,
        sink: &mut (dyn FnMut(ExportRow) -> AppResult<()> + Send),
    ) -> AppResult<u64> {
        actor.require(Permission::ExportRegistry)?;
        let today = self.today();
        let county_id = actor.scope.county().or(county_id);
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let tehran = jiff::tz::TimeZone::get("Asia/Tehran").unwrap_or(jiff::tz::TimeZone::UTC);
        let mut shown = Vec::new();
        let mut offset = 0;
        loop {
            let search = WomanSearch {
                province_id: actor.scope.province(),
                county_id,
                sort: WomanSort::Name,
                limit: EXPORT_PAGE,
                offset,
                ..WomanSearch::default()
            };
            let page = tx.search_women(&search).await?;
            let done = (page.len() as i64) < EXPORT_PAGE;
            for woman in page {
                shown.push((woman.id, woman.record.province_id, woman.record.county_id));
                let registered = woman.created_at.to_zoned_datetime(tehran.clone()).date();
                sink(ExportRow {
                    input: input_from_record(&woman.record),
                    extras: ExportExtras {
                        county: tree
                            .get(woman.record.county_id)
                            .map(|c| c.name_fa.clone())
                            .unwrap_or_default(),
                        birth_date_iso: woman.record.birth_date.clone(),
                        coverage_status: CoverageStatus::parse(&woman.coverage_status)
                            .map(|s| s.label_fa().to_owned())
                            .unwrap_or(woman.coverage_status.clone()),
                        household_size: woman.household_size.to_string(),
                        registered_on: JalaliDate::from_gregorian(registered).to_string(),
                    },
                })?;
            }
            if done {
                break;
            }
            offset += EXPORT_PAGE;
        }
        tx.commit().await?;
        let count = shown.len() as u64;
        self.audit_export(actor, county_id, format, shown).await?;
        Ok(count)
    }

    /// The `woman.export` row: its filter, its count and every woman as a subject.
    async fn audit_export(
        &self,
        actor: &Actor,
        county_id: Option<PlaceId>,
        format: &str,
        shown: Vec<(WomanId, PlaceId, PlaceId)>,
    ) -> AppResult<()> {
        let after = serde_json::json!({
            "rows": shown.len(),
            "filter": {
                "province_id": actor.scope.province(),
                "county_id": county_id,
                "format": format,
            },
        });
        let mut tx = self.db.write().await?;
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "woman.export",
                entity_kind: "export",
                entity_id: String::new(),
                province_id: actor.scope.province(),
                county_id,
                before: None,
                after: Some(after),
            },
            women_subjects(shown),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
