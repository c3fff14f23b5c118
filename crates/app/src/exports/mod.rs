//! Exports of the groups' records as spreadsheets (issue 17): the group list with the list's
//! filters, a group's roster with its members' contacts, and the visits and business months
//! of a place over a span. The files themselves are written by `hamyar_reports::
//! group_exports`; here is what goes in them and who may take it.
//!
//! - Every export reads within the actor's scope exactly as the page it comes from: the group
//!   list's search (`groups::group_search`), the group in scope (`NotFound` outside it), the
//!   visits and months of the groups of the actor's place (a province or county asked for
//!   narrows it; one outside the scope finds nothing).
//! - Every export is bounded: at most [`MAX_EXPORT_ROWS`] rows, else a clear message asks for
//!   narrower filters and nothing is written. A roster is a handful of lines.
//! - A roster names women with their national IDs and mobiles, so it follows the registry
//!   list's rule for identifiers: both are masked unless the role has `SeeUnmaskedLists`
//!   (the facilitator, the auditor and the system administrator read them masked, as on the
//!   group's page), and it needs `ViewPersonalData`. It leaves the system, so every roster
//!   export is audited like a viewing (`group.export_roster`, naming each woman as a subject
//!   with her group's place, the file format and whether it was masked) before the file is
//!   handed over.
//! - Visits name staff and findings, business months name groups: `ViewGroups`, as their
//!   pages. Neither names a woman.

use hamyar_domain::groups::MemberRole;
use hamyar_domain::{JalaliDate, Message, MessageArg, Mobile, NationalId};

use crate::access::{Actor, Permission, PlaceId};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::groups::{
    GroupListFilter, GroupListRow, field_label, group_in_scope, group_search, scope_filter,
};
use crate::places::load_tree;
use crate::ports::exports::{ExportedBusinessMonth, ExportedVisit};
use crate::ports::groups::{GroupId, PlaceFilter};
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry};

/// The most rows one export holds; a larger one is refused with a request to narrow it.
pub const MAX_EXPORT_ROWS: i64 = 20_000;

/// The most groups the women list's group filter offers at once.
pub const GROUP_CHOICES: i64 = 300;

/// One member on a roster, masked as the reader's role requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    pub woman_id: WomanId,
    pub first_name: String,
    pub last_name: String,
    pub national_id: String,
    /// Empty when she has none on record.
    pub mobile: String,
    pub role: MemberRole,
    pub joined_on: JalaliDate,
    pub left_on: Option<JalaliDate>,
}

/// A group's roster: its members past and present, current ones first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    pub group_code: String,
    pub group_name: String,
    pub county_name: String,
    pub lines: Vec<RosterLine>,
    /// National IDs and mobiles were masked for this reader.
    pub masked: bool,
}

/// The place an export of visits or business months covers, and its span (both days
/// included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanFilter {
    pub province: Option<PlaceId>,
    pub county: Option<PlaceId>,
    pub from: JalaliDate,
    pub to: JalaliDate,
}

fn too_many() -> AppError {
    AppError::invalid(
        "filters",
        Message::new("exports-too_many_rows").arg("max", MessageArg::digits(MAX_EXPORT_ROWS)),
    )
}

/// The rows read with a limit one above the bound: refused when the bound is passed.
fn bounded<T>(rows: Vec<T>) -> AppResult<Vec<T>> {
    if rows.len() as i64 > MAX_EXPORT_ROWS {
        return Err(too_many());
    }
    Ok(rows)
}

fn masked_mobile(text: &str) -> String {
    Mobile::parse(text).map_or_else(|_| "*".repeat(text.chars().count()), |m| m.masked())
}

fn masked_national_id(text: &str) -> String {
    NationalId::parse(text).map_or_else(|_| "*".repeat(text.chars().count()), |id| id.masked())
}

/// The actor's place narrowed to what was asked for (never widened).
fn span_place(actor: &Actor, filter: &SpanFilter) -> PlaceFilter {
    let mut place = scope_filter(actor);
    if place.province_id.is_none() {
        place.province_id = filter.province;
    }
    if place.county_id.is_none() {
        place.county_id = filter.county;
    }
    place
}

impl SpanFilter {
    /// The span as ISO days `[from, day after to)`, refused when it runs backwards.
    fn days(&self) -> AppResult<(String, String)> {
        if self.to < self.from {
            return Err(AppError::invalid(
                "to",
                Message::new("exports-span_backwards"),
            ));
        }
        Ok((
            self.from.to_iso_string(),
            self.to.add_days(1).to_iso_string(),
        ))
    }

    fn months(&self) -> AppResult<(i64, i64)> {
        self.days()?;
        let key = |day: JalaliDate| i64::from(day.year()) * 100 + i64::from(day.month());
        Ok((key(self.from), key(self.to)))
    }
}

impl App {
    /// Every group the list shows for `filter` (all its pages), in the list's order, with
    /// labels in Persian or English.
    pub async fn export_groups(
        &self,
        actor: &Actor,
        filter: &GroupListFilter,
        english: bool,
    ) -> AppResult<Vec<GroupListRow>> {
        actor.require(Permission::ViewGroups)?;
        let search = group_search(actor, filter, MAX_EXPORT_ROWS + 1, 0);
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let fields = tx.business_fields().await?;
        let found = bounded(tx.search_groups(&search).await?)?;
        tx.commit().await?;
        Ok(found
            .into_iter()
            .map(|g| GroupListRow {
                id: g.id,
                county_name: tree.label(g.record.county_id, english),
                stage: g.stage,
                business_field: field_label(
                    &fields,
                    &g.record.business_field,
                    &g.record.business_field_other,
                    english,
                ),
                code: g.record.code,
                name: g.record.name,
            })
            .collect())
    }

    /// The groups the women list can be narrowed to (those of the actor's place, or of the
    /// county chosen), by name, at most [`GROUP_CHOICES`]; true when there were more. The
    /// group already `chosen` is among them when it is in the actor's scope, even past the
    /// first [`GROUP_CHOICES`] (a link from elsewhere may name it).
    pub async fn group_choices(
        &self,
        actor: &Actor,
        county: Option<PlaceId>,
        chosen: Option<GroupId>,
    ) -> AppResult<(Vec<(GroupId, String)>, bool)> {
        actor.require(Permission::ViewGroups)?;
        let filter = GroupListFilter {
            county,
            ..GroupListFilter::default()
        };
        let mut search = group_search(actor, &filter, GROUP_CHOICES + 1, 0);
        search.by_name = true;
        let mut tx = self.db.read().await?;
        let mut found = tx.search_groups(&search).await?;
        let more = found.len() as i64 > GROUP_CHOICES;
        found.truncate(GROUP_CHOICES as usize);
        if let Some(chosen) = chosen
            && !found.iter().any(|g| g.id == chosen)
        {
            match group_in_scope(tx.as_mut(), actor, chosen).await {
                Ok(group) => found.insert(0, group),
                Err(AppError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        tx.commit().await?;
        Ok((
            found
                .into_iter()
                .map(|g| (g.id, format!("{} ({})", g.record.name, g.record.code)))
                .collect(),
            more,
        ))
    }

    /// The group's roster with its members' national IDs and mobiles (masked unless the
    /// role sees lists unmasked), audited as `group.export_roster` in the same transaction
    /// that read it; `format` (`csv`, `xlsx`) goes to the audit row.
    pub async fn export_group_roster(
        &self,
        actor: &Actor,
        id: GroupId,
        format: &str,
        english: bool,
    ) -> AppResult<Roster> {
        actor.require(Permission::ViewGroups)?;
        actor.require(Permission::ViewPersonalData)?;
        let masked = !actor.can(Permission::SeeUnmaskedLists);
        let mut tx = self.db.write().await?;
        let group = group_in_scope(tx.as_mut(), actor, id).await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let mut memberships = tx.members_of_group(id).await?;
        // Current members first, then those who left; each part by joining day.
        memberships.sort_by_key(|m| {
            (
                m.membership.left_on.is_some(),
                m.membership.joined_on,
                m.membership.id,
            )
        });
        let mut lines = Vec::with_capacity(memberships.len());
        for view in &memberships {
            let m = &view.membership;
            let mobile = match tx.woman_by_id(m.woman_id).await? {
                Some(woman) => woman.record.mobile.unwrap_or_default(),
                None => String::new(),
            };
            let (national_id, mobile) = if masked {
                let mobile = if mobile.is_empty() {
                    mobile
                } else {
                    masked_mobile(&mobile)
                };
                (masked_national_id(&view.national_id), mobile)
            } else {
                (view.national_id.clone(), mobile)
            };
            lines.push(RosterLine {
                woman_id: m.woman_id,
                first_name: view.first_name.clone(),
                last_name: view.last_name.clone(),
                national_id,
                mobile,
                role: m.role,
                joined_on: m.joined_on,
                left_on: m.left_on,
            });
        }
        let women: Vec<WomanId> = lines.iter().map(|line| line.woman_id).collect();
        let (province, county) = (group.record.province_id, group.record.county_id);
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "group.export_roster",
                entity_kind: "group",
                entity_id: id.to_string(),
                province_id: Some(province),
                county_id: Some(county),
                before: None,
                after: Some(serde_json::json!({
                    "women": women,
                    "format": format,
                    "masked": masked,
                })),
            },
            women_subjects(women.iter().map(|woman| (*woman, province, county))),
        )
        .await?;
        tx.commit().await?;
        Ok(Roster {
            group_code: group.record.code,
            group_name: group.record.name,
            county_name: tree.label(county, english),
            lines,
            masked,
        })
    }

    /// The visits of the groups of the place (within the actor's scope) done in the span.
    pub async fn export_visits(
        &self,
        actor: &Actor,
        filter: &SpanFilter,
    ) -> AppResult<Vec<ExportedVisit>> {
        actor.require(Permission::ViewGroups)?;
        let (from, until) = filter.days()?;
        let place = span_place(actor, filter);
        let mut tx = self.db.read().await?;
        let rows = tx
            .visits_between(place, &from, &until, MAX_EXPORT_ROWS + 1)
            .await?;
        tx.commit().await?;
        bounded(rows)
    }

    /// The business months of the groups of the place (within the actor's scope) for the
    /// months the span touches.
    pub async fn export_business_months(
        &self,
        actor: &Actor,
        filter: &SpanFilter,
    ) -> AppResult<Vec<ExportedBusinessMonth>> {
        actor.require(Permission::ViewGroups)?;
        let (first, last) = filter.months()?;
        let place = span_place(actor, filter);
        let mut tx = self.db.read().await?;
        let rows = tx
            .business_months_between(place, first, last, MAX_EXPORT_ROWS + 1)
            .await?;
        tx.commit().await?;
        bounded(rows)
    }
}
