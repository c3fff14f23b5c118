//! Forming a group and editing its own fields: the form is validated by
//! `hamyar_domain::groups::GroupDraft`; the county must lie in the actor's scope, the
//! supervising unit must belong to that county, and the business field must be on the list.
//! A blank code is numbered automatically within the province (`G-0001`, `G-0002`, …).
//! A new group starts as *identified*, dated the day the form gives (today when blank, so
//! that groups already running can be entered with their real history), and the social
//! worker who forms it
//! becomes its social worker. Creation and edits are audited with the fields before and
//! after; edits are refused when someone else saved the group in between (its version).

use hamyar_domain::Message;
use hamyar_domain::groups::group::OTHER_BUSINESS_FIELD;
use hamyar_domain::groups::lifecycle::FIRST_STAGES;
use hamyar_domain::groups::{GroupDraft, GroupInput, Premises, StaffDuty};
use hamyar_domain::{JalaliDate, search_key};
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, Role};
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::group_in_scope;
use crate::groups::reference::scope_filter;
use crate::once::{KeyedRequest, Once};
use crate::places::{Place, load_tree};
use crate::ports::Tx;
use crate::ports::groups::{
    BusinessFieldRow, GroupId, GroupRecord, GroupSearch, PlaceFilter, StaffRow, StageRow,
    SupervisingUnitRow,
};
use crate::registry::women::resolve_county;
use crate::service::actor_name;
use crate::service::{App, AuditEntry, conflict_on};

/// What the group form offers.
#[derive(Debug, Clone)]
pub struct GroupFormOptions {
    pub counties: Vec<Place>,
    pub units: Vec<SupervisingUnitRow>,
    pub fields: Vec<BusinessFieldRow>,
    pub premises: Vec<Premises>,
}

/// What the audit trail keeps of a group's own fields.
#[derive(Serialize)]
struct GroupSnapshot<'a> {
    code: &'a str,
    name: &'a str,
    county_id: PlaceId,
    locality: &'a str,
    supervising_unit_id: Option<i64>,
    business_field: &'a str,
    business_field_other: &'a str,
    premises: &'a str,
    premises_address: &'a str,
    notes: &'a str,
}

fn snapshot(record: &GroupRecord) -> Option<serde_json::Value> {
    serde_json::to_value(GroupSnapshot {
        code: &record.code,
        name: &record.name,
        county_id: record.county_id,
        locality: &record.locality,
        supervising_unit_id: record.supervising_unit_id,
        business_field: &record.business_field,
        business_field_other: &record.business_field_other,
        premises: &record.premises,
        premises_address: &record.premises_address,
        notes: &record.notes,
    })
    .ok()
}

fn code_taken() -> AppError {
    AppError::Conflict {
        field: "code",
        message: Message::new("forming-another_group_province_has_code"),
    }
}

impl App {
    /// The choices of the group form, within the actor's scope.
    pub async fn group_form_options(&self, actor: &Actor) -> AppResult<GroupFormOptions> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let counties = tree
            .within(actor.scope)
            .into_iter()
            .filter(|p| p.kind == crate::access::ScopeKind::County)
            .cloned()
            .collect();
        Ok(GroupFormOptions {
            counties,
            units: tx.supervising_units(scope_filter(actor)).await?,
            fields: tx.business_fields().await?,
            premises: Premises::ALL.to_vec(),
        })
    }

    /// Forms a group; it starts as identified, today.
    pub async fn create_group(&self, actor: &Actor, input: &GroupInput) -> AppResult<GroupId> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        let id = self.create_group_in_tx(tx.as_mut(), actor, input).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`App::create_group`] inside the caller's transaction (an import writes a whole file
    /// of groups in one); the caller commits.
    pub(crate) async fn create_group_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        input: &GroupInput,
    ) -> AppResult<GroupId> {
        actor.require(Permission::ManageGroups)?;
        let record = self.checked_record(tx, actor, input, None).await?;
        let identified_on = identification_date(&input.identified_on, self.today())?;
        let now = self.now();
        let name = actor_name(tx, actor).await?;
        let first = StageRow {
            id: 0,
            group_id: GroupId::default(),
            stage: FIRST_STAGES[0],
            inactive_reason: None,
            note: String::new(),
            effective_on: identified_on,
            decided_by: actor.user_id,
            decided_by_name: name.clone(),
            recorded_at: now,
        };
        let id = tx.insert_group(&record, &first, now).await.map_err(|e| {
            conflict_on(
                e,
                "hamyar_groups.code",
                "code",
                Message::new("forming-another_group_province_has_code"),
            )
        })?;
        if actor.role == Role::SocialWorker
            && let Some(user_id) = actor.user_id
        {
            tx.insert_staff(&StaffRow {
                id: 0,
                group_id: id,
                duty: StaffDuty::SocialWorker,
                user_id: Some(user_id),
                user_name: name.clone(),
                from_on: identified_on,
                assigned_by: actor.user_id,
                assigned_by_name: name,
                recorded_at: now,
            })
            .await?;
        }
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.create",
                entity_kind: "group",
                entity_id: id.to_string(),
                province_id: Some(record.province_id),
                county_id: Some(record.county_id),
                before: None,
                after: snapshot(&record),
            },
        )
        .await?;
        Ok(id)
    }

    /// The group's own fields as a form, for editing.
    pub async fn group_input(&self, actor: &Actor, id: GroupId) -> AppResult<(GroupInput, i64)> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.read().await?;
        let group = group_in_scope(tx.as_mut(), actor, id).await?;
        let r = &group.record;
        let input = GroupInput {
            code: r.code.clone(),
            name: r.name.clone(),
            county: r.county_id.to_string(),
            locality: r.locality.clone(),
            supervising_unit: r
                .supervising_unit_id
                .map(|u| u.to_string())
                .unwrap_or_default(),
            business_field: r.business_field.clone(),
            business_field_other: r.business_field_other.clone(),
            premises: r.premises.clone(),
            premises_address: r.premises_address.clone(),
            notes: r.notes.clone(),
            identified_on: String::new(),
        };
        Ok((input, group.version))
    }

    /// Saves the group's own fields if nobody saved them since `version` was read.
    pub async fn update_group(
        &self,
        actor: &Actor,
        id: GroupId,
        version: i64,
        input: &GroupInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        self.update_group_in_tx(tx.as_mut(), actor, id, version, input)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`App::update_group`] done once per idempotency key (the JSON API's `PUT`): a repeat
    /// answers with the version the first one saved rather than failing on its own edit.
    /// Returns the group's new version.
    pub async fn update_group_once(
        &self,
        actor: &Actor,
        id: GroupId,
        version: i64,
        input: &GroupInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<i64>> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        self.update_group_in_tx(tx.as_mut(), actor, id, version, input)
            .await?;
        self.remember(tx, actor, request, version + 1).await
    }

    async fn update_group_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: GroupId,
        version: i64,
        input: &GroupInput,
    ) -> AppResult<()> {
        let existing = group_in_scope(tx, actor, id).await?;
        let record = self
            .checked_record(tx, actor, input, Some(&existing.record))
            .await?;
        let saved = tx
            .update_group(id, &record, version, self.now())
            .await
            .map_err(|e| {
                conflict_on(
                    e,
                    "hamyar_groups.code",
                    "code",
                    Message::new("forming-another_group_province_has_code"),
                )
            })?;
        if !saved {
            return Err(AppError::Conflict {
                field: "version",
                message: Message::new("forming-someone_else_edited_group_meanwhile"),
            });
        }
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.update",
                entity_kind: "group",
                entity_id: id.to_string(),
                province_id: Some(record.province_id),
                county_id: Some(record.county_id),
                before: snapshot(&existing.record),
                after: snapshot(&record),
            },
        )
        .await?;
        Ok(())
    }

    /// Validates the form against the domain rules and the reference data; `existing` is
    /// the record being edited (its code, field and unit stay acceptable).
    async fn checked_record(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        input: &GroupInput,
        existing: Option<&GroupRecord>,
    ) -> AppResult<GroupRecord> {
        let tree = load_tree(tx, &self.today().to_iso_string()).await?;
        let draft = GroupDraft::parse(input);
        let county = resolve_county(&tree, actor, &input.county);
        let mut errors: Vec<FieldError> = match &draft {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .iter()
                .map(|p| FieldError::new(p.field, p.message.clone()))
                .collect(),
        };
        if let Err(error) = &county {
            errors.push(error.clone());
        }
        let fields = tx.business_fields().await?;
        let field_ok = |code: &str| {
            fields.iter().any(|f| f.code == code && f.active)
                || existing.is_some_and(|r| r.business_field == code)
        };
        if let Ok(draft) = &draft
            && !field_ok(&draft.business_field)
        {
            errors.push(FieldError::new(
                "business_field",
                Message::new("forming-choose_business_field_from_list"),
            ));
        }
        let unit = match input.supervising_unit.trim() {
            "" => None,
            text => {
                let unit = match hamyar_domain::to_latin_digits(text).parse::<i64>() {
                    Ok(id) => tx.supervising_unit_by_id(id).await?,
                    Err(_) => None,
                };
                let fits = |u: &SupervisingUnitRow| {
                    county.as_ref().is_ok_and(|(_, c)| u.county_id == *c)
                        && (u.active
                            || existing.is_some_and(|r| r.supervising_unit_id == Some(u.id)))
                };
                match unit.filter(fits) {
                    Some(unit) => Some(unit.id),
                    None => {
                        errors.push(FieldError::new(
                            "supervising_unit",
                            Message::new("forming-supervising_unit_one_county_s"),
                        ));
                        None
                    }
                }
            }
        };
        let (Ok(draft), Ok((province_id, county_id))) = (draft, county) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let code = match (&draft.code, existing) {
            (Some(code), _) => code.clone(),
            (None, Some(existing)) if existing.province_id == province_id => existing.code.clone(),
            (None, _) => self.next_code(tx, province_id).await?,
        };
        let keeps_code = existing.is_some_and(|r| r.code == code && r.province_id == province_id);
        if !keeps_code && code_in_use(tx, province_id, &code).await? {
            return Err(code_taken());
        }
        let other = if draft.business_field == OTHER_BUSINESS_FIELD {
            draft.business_field_other.clone()
        } else {
            String::new()
        };
        Ok(GroupRecord {
            code,
            name_key: search_key(&draft.name),
            name: draft.name,
            province_id,
            county_id,
            locality: draft.locality,
            supervising_unit_id: unit,
            business_field: draft.business_field,
            business_field_other: other,
            premises: draft.premises.code().to_owned(),
            premises_address: draft.premises_address,
            notes: draft.notes,
        })
    }

    /// The first free `G-NNNN` code of the province.
    async fn next_code(&self, tx: &mut dyn Tx, province_id: PlaceId) -> AppResult<String> {
        let mut number = tx.count_groups_in_province(province_id).await?;
        loop {
            let code = format!("G-{number:04}");
            if !code_in_use(tx, province_id, &code).await? {
                return Ok(code);
            }
            number += 1;
        }
    }
}

async fn code_in_use(tx: &mut dyn Tx, province_id: PlaceId, code: &str) -> AppResult<bool> {
    let found = tx
        .search_groups(&GroupSearch {
            place: PlaceFilter {
                province_id: Some(province_id),
                county_id: None,
            },
            text: Some(code.to_owned()),
            limit: 50,
            ..GroupSearch::default()
        })
        .await?;
    Ok(found.iter().any(|g| g.record.code == code))
}

/// The date a new group was identified: blank is today; never after today.
fn identification_date(text: &str, today: JalaliDate) -> AppResult<JalaliDate> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    let date = JalaliDate::parse(text)
        .map_err(|e| AppError::Invalid(vec![FieldError::new("identified_on", e.message())]))?;
    if date > today {
        return Err(AppError::invalid(
            "identified_on",
            Message::new("forming-identification_date_cannot_after_today"),
        ));
    }
    Ok(date)
}
