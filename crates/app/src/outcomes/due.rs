//! The forms owed in a place: for each woman followed there (or, for a social worker, each of
//! her own), the occasions of her schedule due by today that lack a form of a scheduled
//! instrument — the most overdue first. This is the social worker's "today" list of
//! assessments and the page `/outcomes/due`.
//!
//! The schedule is computed, never stored, so the list reads the followed women of one county
//! (or a social worker's own) and the occasions they have forms for, and works out the rest in
//! memory: a county has a few thousand followed women at most. A provincial or national expert
//! names the county. Opening the list audits the women it shows.

use hamyar_domain::outcomes::schedule::Occasion;
use serde_json::json;

use super::assessments::{OwedOccasion, owed_occasions, scheduled_codes};
use super::instruments::latest_versions;
use crate::access::{Actor, Permission, PlaceId};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::group_life::visits::own_groups;
use crate::ports::assessments::{FollowedQuery, FollowedRow};
use crate::ports::groups::PlaceFilter;
use crate::service::{App, AuditEntry};

/// One woman's owed occasion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentDue {
    pub woman: FollowedRow,
    pub owed: OwedOccasion,
    /// Days from the due day to today (0: due today).
    pub days_late: i64,
}

/// The owed forms of a place, most overdue first (at most the limit), and how many in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentsDue {
    pub items: Vec<AssessmentDue>,
    pub total: i64,
    pub county_id: Option<PlaceId>,
}

impl App {
    /// The forms owed by today in the actor's county (`county` for those above one), or a
    /// social worker's own women; `opening` audits the women shown.
    pub async fn assessments_due(
        &self,
        actor: &Actor,
        county: Option<PlaceId>,
        limit: usize,
        opening: bool,
    ) -> AppResult<AssessmentsDue> {
        actor.require(Permission::Assess)?;
        let today = self.today();
        let county_id = actor.scope.county().or(county);
        let Some(county_id) = county_id else {
            return Ok(AssessmentsDue {
                items: Vec::new(),
                total: 0,
                county_id: None,
            });
        };
        let mut tx = self.db.read().await?;
        let county_place = tx
            .place_by_id(county_id)
            .await?
            .filter(|place| place.kind == "county")
            .ok_or(AppError::NotFound)?;
        let province_id = county_place.parent_id;
        if !actor.scope.covers(province_id, Some(county_id)) {
            return Err(AppError::NotFound);
        }
        let latest = latest_versions(tx.as_mut()).await?;
        let scheduled = scheduled_codes(&latest);
        let women = tx
            .followed_women(&FollowedQuery {
                place: PlaceFilter {
                    province_id,
                    county_id: Some(county_id),
                },
                assigned: own_groups(actor),
                woman: None,
                limit: 0,
            })
            .await?;
        let ids: Vec<_> = women.iter().map(|w| w.woman_id).collect();
        let taken_rows = tx.taken_occasions(&ids).await?;
        tx.commit().await?;
        let mut taken: std::collections::HashMap<_, Vec<(String, Occasion)>> =
            std::collections::HashMap::new();
        for row in taken_rows {
            if let Some(occasion) = Occasion::from_stored(&row.occasion, row.round) {
                taken
                    .entry(row.woman_id)
                    .or_default()
                    .push((row.instrument_code, occasion));
            }
        }
        let mut items = Vec::new();
        for woman in women {
            let done = taken.get(&woman.woman_id).map_or(&[][..], Vec::as_slice);
            for owed in owed_occasions(&woman, done, &scheduled, today) {
                items.push(AssessmentDue {
                    days_late: owed.due_on.days_until(today),
                    woman: woman.clone(),
                    owed,
                });
            }
        }
        let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
        items.sort_by_key(|item: &AssessmentDue| (item.owed.due_on, item.woman.woman_id));
        items.truncate(limit);
        if opening && !items.is_empty() {
            let mut tx = self.db.write().await?;
            let shown: Vec<_> = items.iter().map(|i| i.woman.woman_id).collect();
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "outcomes.due_view",
                    entity_kind: "assessments_due",
                    entity_id: String::new(),
                    province_id,
                    county_id: Some(county_id),
                    before: None,
                    after: Some(json!({"women": shown})),
                },
                women_subjects(
                    items
                        .iter()
                        .map(|i| (i.woman.woman_id, i.woman.province_id, i.woman.county_id)),
                ),
            )
            .await?;
            tx.commit().await?;
        }
        Ok(AssessmentsDue {
            items,
            total,
            county_id: Some(county_id),
        })
    }
}
