//! Reading groups: the list with its filters (county, stage, business field, supervising
//! unit, name or code) and its counts by stage, and the group's page — its record, stage
//! timeline, staff history, members past and present, the moves it may make next and the
//! size warning of its province. Everything is scoped to the actor's place. The page names
//! the members, so opening it is audited as `group.view` (the women's ids, never their
//! names, go to the trail); national IDs are masked for roles that do not need them.

use hamyar_domain::groups::lifecycle::allowed_next;
use hamyar_domain::groups::{GroupStage, LeaveReason, MemberRole};
use hamyar_domain::registry::Problem;
use hamyar_domain::{NationalId, search_key};

use crate::access::{Actor, Permission, PlaceId};
use crate::audit::shown::women_subjects;
use crate::error::AppResult;
use crate::groups::group_in_scope;
use crate::groups::reference::scope_filter;
use crate::groups::settings::{GroupSettings, settings_for};
use crate::places::load_tree;
use crate::ports::groups::{
    GroupId, GroupRow, GroupSearch, MembershipView, StaffRow, StageRow, SupervisingUnitRow,
};
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry};

/// Groups per page of the list.
pub const GROUPS_PER_PAGE: i64 = 50;

/// The list's filters as chosen.
#[derive(Debug, Clone, Default)]
pub struct GroupListFilter {
    /// A province to narrow to; only a country-wide actor can widen beyond their own.
    pub province: Option<PlaceId>,
    pub county: Option<PlaceId>,
    /// Groups in any of these stages (a catalogue figure such as active groups counts
    /// two); empty is every stage.
    pub stages: Vec<GroupStage>,
    pub business_field: Option<String>,
    pub supervising_unit: Option<i64>,
    /// A name prefix (any letter forms) or a code.
    pub text: String,
    /// 1-based.
    pub page: i64,
}

#[derive(Debug, Clone)]
pub struct GroupListRow {
    pub id: GroupId,
    pub code: String,
    pub name: String,
    pub county_name: String,
    pub stage: GroupStage,
    pub business_field: String,
}

#[derive(Debug, Clone)]
pub struct GroupListPage {
    pub rows: Vec<GroupListRow>,
    /// Every stage with the number of groups in it that match the other filters.
    pub counts: Vec<(GroupStage, i64)>,
    pub total: i64,
    pub page: i64,
    pub has_next: bool,
}

/// One membership on the group's page.
#[derive(Debug, Clone)]
pub struct MemberLine {
    pub membership_id: i64,
    pub woman_id: WomanId,
    pub name: String,
    /// Masked unless the actor may see identifiers.
    pub national_id: String,
    pub role: MemberRole,
    /// Jalali.
    pub joined_on: String,
    pub left_on: Option<String>,
    pub leave_reason: Option<LeaveReason>,
    pub leave_note: String,
}

impl MemberLine {
    pub fn is_current(&self) -> bool {
        self.left_on.is_none()
    }
}

/// Everything the group's page shows.
#[derive(Debug, Clone)]
pub struct GroupPage {
    pub group: GroupRow,
    pub stage: GroupStage,
    pub province_name: String,
    pub county_name: String,
    pub business_field: String,
    pub unit: Option<SupervisingUnitRow>,
    pub stages: Vec<StageRow>,
    pub staff: Vec<StaffRow>,
    pub members: Vec<MemberLine>,
    pub current_members: usize,
    pub size_warning: Option<Problem>,
    pub next_stages: Vec<GroupStage>,
    pub settings: GroupSettings,
}

impl App {
    /// A page of groups in the actor's scope, with counts by stage.
    pub async fn list_groups(
        &self,
        actor: &Actor,
        filter: &GroupListFilter,
        english: bool,
    ) -> AppResult<GroupListPage> {
        actor.require(Permission::ViewGroups)?;
        let page = filter.page.max(1);
        let search = group_search(
            actor,
            filter,
            GROUPS_PER_PAGE + 1,
            (page - 1) * GROUPS_PER_PAGE,
        );
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let fields = tx.business_fields().await?;
        let mut found = tx.search_groups(&search).await?;
        let has_next = found.len() as i64 > GROUPS_PER_PAGE;
        found.truncate(GROUPS_PER_PAGE as usize);
        let stored_counts = tx.count_groups_by_stage(&search).await?;
        let counts: Vec<(GroupStage, i64)> = GroupStage::ALL
            .iter()
            .map(|stage| {
                let n = stored_counts
                    .iter()
                    .find(|(code, _)| code == stage.code())
                    .map_or(0, |(_, n)| *n);
                (*stage, n)
            })
            .collect();
        let total = counts
            .iter()
            .filter(|(stage, _)| filter.stages.is_empty() || filter.stages.contains(stage))
            .map(|(_, n)| n)
            .sum();
        let rows = found
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
            .collect();
        Ok(GroupListPage {
            rows,
            counts,
            total,
            page,
            has_next,
        })
    }

    /// The group's page. `opening` is true for a GET of the page, which is audited as a view
    /// of its members; drawing it again under a refused form is not another view.
    pub async fn group_page(
        &self,
        actor: &Actor,
        id: GroupId,
        english: bool,
        opening: bool,
    ) -> AppResult<GroupPage> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = if opening {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let group = group_in_scope(tx.as_mut(), actor, id).await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let fields = tx.business_fields().await?;
        let unit = match group.record.supervising_unit_id {
            Some(unit) => tx.supervising_unit_by_id(unit).await?,
            None => None,
        };
        let stages = tx.stages_of(id).await?;
        let staff = tx.staff_of(id).await?;
        let memberships = tx.members_of_group(id).await?;
        let settings = settings_for(tx.as_mut(), group.record.province_id).await?;
        let unmasked = actor.can(Permission::SeeUnmaskedLists);
        let members: Vec<MemberLine> = memberships
            .iter()
            .map(|m| member_line(m, unmasked))
            .collect();
        let current_members = members.iter().filter(|m| m.is_current()).count();
        let stage = group.stage;
        if opening {
            let woman_ids: Vec<WomanId> = members.iter().map(|m| m.woman_id).collect();
            let (province, county) = (group.record.province_id, group.record.county_id);
            let subjects = women_subjects(woman_ids.iter().map(|id| (*id, province, county)));
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "group.view",
                    entity_kind: "group",
                    entity_id: id.to_string(),
                    province_id: Some(group.record.province_id),
                    county_id: Some(group.record.county_id),
                    before: None,
                    after: Some(serde_json::json!({"women": woman_ids})),
                },
                subjects,
            )
            .await?;
            tx.commit().await?;
        }
        Ok(GroupPage {
            province_name: tree.label(group.record.province_id, english),
            county_name: tree.label(group.record.county_id, english),
            business_field: field_label(
                &fields,
                &group.record.business_field,
                &group.record.business_field_other,
                english,
            ),
            unit,
            stages,
            staff,
            size_warning: settings.size.warning(current_members),
            current_members,
            members,
            next_stages: allowed_next(stage).to_vec(),
            settings,
            stage,
            group,
        })
    }

    /// The groups a woman belongs or belonged to (for her file), within the actor's scope.
    pub async fn groups_of_woman(
        &self,
        actor: &Actor,
        woman_id: WomanId,
    ) -> AppResult<Vec<MembershipView>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        crate::registry::woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        Ok(tx.memberships_of_woman(woman_id).await?)
    }
}

/// The store's search for the list's filters within the actor's scope: the list's pages
/// and its export (`crate::exports`) read the same groups.
pub(crate) fn group_search(
    actor: &Actor,
    filter: &GroupListFilter,
    limit: i64,
    offset: i64,
) -> GroupSearch {
    let mut place = scope_filter(actor);
    if place.province_id.is_none() {
        place.province_id = filter.province;
    }
    if let Some(county) = filter.county {
        place.county_id = Some(county);
    }
    let text = filter.text.trim();
    GroupSearch {
        place,
        stages: filter.stages.iter().map(|s| s.code().to_owned()).collect(),
        business_field: filter.business_field.clone().filter(|f| !f.is_empty()),
        supervising_unit_id: filter.supervising_unit,
        text: (!text.is_empty()).then(|| {
            let code = hamyar_domain::to_latin_digits(text).to_ascii_uppercase();
            if code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                code
            } else {
                search_key(text)
            }
        }),
        by_name: false,
        limit,
        offset,
    }
}

fn member_line(view: &MembershipView, unmasked: bool) -> MemberLine {
    let m = &view.membership;
    let national_id = match NationalId::parse(&view.national_id) {
        Ok(id) if !unmasked => id.masked(),
        _ => view.national_id.clone(),
    };
    MemberLine {
        membership_id: m.id,
        woman_id: m.woman_id,
        name: format!("{} {}", view.first_name, view.last_name),
        national_id,
        role: m.role,
        joined_on: m.joined_on.to_string(),
        left_on: m.left_on.map(|day| day.to_string()),
        leave_reason: m.leave_reason,
        leave_note: m.leave_note.clone(),
    }
}

pub(crate) fn field_label(
    fields: &[crate::ports::groups::BusinessFieldRow],
    code: &str,
    other: &str,
    english: bool,
) -> String {
    if !other.is_empty() {
        return other.to_owned();
    }
    fields
        .iter()
        .find(|f| f.code == code)
        .map(|f| {
            if english && !f.name_en.is_empty() {
                f.name_en.clone()
            } else {
                f.name_fa.clone()
            }
        })
        .unwrap_or_else(|| code.to_owned())
}
