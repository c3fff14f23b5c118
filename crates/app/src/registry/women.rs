//! Registering and editing a woman's record. Input arrives as typed text; it is parsed into a
//! `WomanDraft` (every problem reported at once, nothing written on any problem), the county
//! is resolved against the place tree and the actor's scope, and the record, her first
//! coverage episode, her household and any likely-duplicate findings are written in one
//! transaction together with the audit row.

use hamyar_domain::Message;
use std::collections::HashMap;

use hamyar_domain::registry::{CoverageStatus, MemberDraft, MemberInput, WomanDraft, WomanInput};
use hamyar_domain::{JalaliDate, Mobile, PersonName, Sheba, persian_order, search_key};

use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult, FieldError};
use crate::places::{PlaceTree, load_tree};
use crate::ports::registry::{EpisodeRow, MemberRow, WomanId, WomanRecord};
use crate::registry::duplicates::{DuplicateHint, detect_for_woman};
use crate::registry::{field_errors, record_snapshot, woman_in_scope};
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// The outcome of registering: the new id and the likely duplicates found (queued).
#[derive(Debug, Clone)]
pub struct Registered {
    pub id: WomanId,
    pub duplicates: Vec<DuplicateHint>,
}

/// The counties an actor may register women in, indexed by every way a person names one:
/// id, code, and the folded Persian and English names. Built once per form or import, so
/// resolving a row costs one folding of its text and a lookup.
pub(crate) struct CountyIndex {
    by_key: HashMap<String, Vec<(PlaceId, PlaceId)>>,
}

impl CountyIndex {
    pub(crate) fn new(tree: &PlaceTree, actor: &Actor) -> Self {
        let mut by_key: HashMap<String, Vec<(PlaceId, PlaceId)>> = HashMap::new();
        for county in tree
            .within(actor.scope)
            .into_iter()
            .filter(|p| p.kind == crate::access::ScopeKind::County)
        {
            let place = (county.parent_id.unwrap_or_default(), county.id);
            let keys = [
                county.id.to_string(),
                county.code.clone(),
                search_key(&county.name_fa),
                search_key(&county.name_en),
            ];
            for key in keys.into_iter().filter(|k| !k.is_empty()) {
                let entry = by_key.entry(key).or_default();
                if !entry.contains(&place) {
                    entry.push(place);
                }
            }
        }
        Self { by_key }
    }

    /// Resolves the county field: a place id, a code or a name (either language), in scope.
    pub(crate) fn resolve(&self, raw: &str) -> Result<(PlaceId, PlaceId), FieldError> {
        let wanted = raw.trim();
        if wanted.is_empty() {
            return Err(FieldError::new(
                "county",
                Message::new("women-choose_county"),
            ));
        }
        let exact = self
            .by_key
            .get(&hamyar_domain::to_latin_digits(wanted))
            .or_else(|| self.by_key.get(wanted));
        let matches = exact
            .or_else(|| self.by_key.get(&search_key(wanted)))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        match matches {
            [place] => Ok(*place),
            [] => Err(FieldError::new(
                "county",
                Message::new("women-county_not_found").arg("county", wanted),
            )),
            _ => Err(FieldError::new(
                "county",
                Message::new("women-county_ambiguous").arg("county", wanted),
            )),
        }
    }
}

/// Resolves one county field (forms); imports keep a [`CountyIndex`] instead.
pub(crate) fn resolve_county(
    tree: &PlaceTree,
    actor: &Actor,
    raw: &str,
) -> Result<(PlaceId, PlaceId), FieldError> {
    CountyIndex::new(tree, actor).resolve(raw)
}

/// The stored record for a parsed draft in a county. Takes the draft so that its texts move
/// into the record: an import builds a million records. The two name keys are folded from
/// each name once ([`search_key`] drops spaces and folds character by character, so the key
/// of «first last» is the first name's key followed by the last name's).
pub fn record_from_draft(
    draft: WomanDraft,
    (province_id, county_id): (PlaceId, PlaceId),
    social_worker_id: Option<crate::access::UserId>,
) -> WomanRecord {
    let first_key = search_key(draft.first_name.as_str());
    let last_key = search_key(draft.last_name.as_str());
    WomanRecord {
        national_id: draft.national_id.into_string(),
        name_key: format!("{first_key}{last_key}"),
        name_key_reversed: persian_order(&format!("{last_key}{first_key}")),
        first_name: draft.first_name.into_string(),
        last_name: draft.last_name.into_string(),
        father_name: draft.father_name.map(PersonName::into_string),
        birth_date: draft.birth_date.to_iso_string(),
        mobile: draft.mobile.map(Mobile::into_string),
        province_id,
        county_id,
        locality: draft.locality,
        settlement: draft.settlement.code().to_owned(),
        address: draft.address,
        education: draft.education.map(|e| e.code().to_owned()),
        skills: draft.skills,
        sheba: draft.sheba.map(Sheba::into_string),
        headship_cause: draft.headship_cause.code().to_owned(),
        income_decile: draft.income_decile.map(i64::from),
        notes: draft.notes,
        social_worker_id,
    }
}

/// A member row for a parsed member.
pub(crate) fn member_row(woman_id: WomanId, member: &MemberDraft) -> MemberRow {
    MemberRow {
        id: 0,
        woman_id,
        first_name: member.first_name.as_str().to_owned(),
        last_name: member.last_name.as_ref().map(|n| n.as_str().to_owned()),
        relation: member.relation.code().to_owned(),
        birth_date: member.birth_date.map(|d| d.to_iso_string()),
        national_id: member.national_id.as_ref().map(|n| n.as_str().to_owned()),
        disability: member.disability,
        activity: member.activity.map(|a| a.code().to_owned()),
    }
}

/// Parses the woman and her members, collecting every problem.
fn parse_all(
    input: &WomanInput,
    members: &[MemberInput],
    today: JalaliDate,
) -> Result<(WomanDraft, Vec<MemberDraft>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let draft = WomanDraft::parse(input, today)
        .map_err(|p| errors.extend(field_errors(p, None)))
        .ok();
    let mut drafts = Vec::new();
    for (index, member) in members.iter().enumerate() {
        match MemberDraft::parse(member, today) {
            Ok(parsed) => drafts.push(parsed),
            Err(problems) => {
                for problem in problems {
                    errors.push(FieldError::new(
                        "members",
                        Message::new("women-member_problem")
                            .arg("number", index + 1)
                            .arg("field", problem.field)
                            .arg("problem", problem.message),
                    ));
                }
            }
        }
    }
    match draft {
        Some(draft) if errors.is_empty() => Ok((draft, drafts)),
        _ => Err(errors),
    }
}

impl App {
    /// Registers a woman with her household. She starts as an applicant.
    pub async fn register_woman(
        &self,
        actor: &Actor,
        county: &str,
        input: &WomanInput,
        members: &[MemberInput],
    ) -> AppResult<Registered> {
        actor.require(Permission::RegisterWomen)?;
        let today = self.today();
        let mut tx = self.db.write().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let place = resolve_county(&tree, actor, county);
        let parsed = parse_all(input, members, today);
        let ((draft, member_drafts), place) = match (parsed, place) {
            (Ok(parsed), Ok(place)) => (parsed, place),
            (parsed, place) => {
                let mut errors = place.err().into_iter().collect::<Vec<_>>();
                errors.extend(parsed.err().unwrap_or_default());
                return Err(AppError::Invalid(errors));
            }
        };
        if tx
            .woman_by_national_id(draft.national_id.as_str())
            .await?
            .is_some()
        {
            return Err(already_registered());
        }
        let social_worker = (actor.role == crate::Role::SocialWorker)
            .then_some(actor.user_id)
            .flatten();
        let record = record_from_draft(draft, place, social_worker);
        let now = self.now();
        let id = tx
            .insert_woman(&record, CoverageStatus::Applicant.code(), now)
            .await
            .map_err(|e| {
                crate::service::conflict_on(
                    e,
                    "women.national_id",
                    "national_id",
                    Message::new("women-national_id_already_registered"),
                )
            })?;
        let episode = EpisodeRow {
            id: 0,
            woman_id: id,
            status: CoverageStatus::Applicant,
            exit_reason: None,
            started_on: today,
            decided_by: actor.user_id,
            decided_by_name: actor_name(tx.as_mut(), actor).await?,
            reason: "ثبت درخواست".into(),
            recorded_at: now,
        };
        tx.insert_episode(&episode).await?;
        for member in &member_drafts {
            tx.insert_member(&member_row(id, member), now).await?;
        }
        let duplicates = detect_for_woman(tx.as_mut(), id, &record, &member_drafts, now).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "woman.create",
                entity_kind: "woman",
                entity_id: id.to_string(),
                province_id: Some(record.province_id),
                county_id: Some(record.county_id),
                before: None,
                after: record_snapshot(&record),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Registered { id, duplicates })
    }

    /// Replaces a record's fields, provided nobody changed it since `version` was read.
    pub async fn update_woman(
        &self,
        actor: &Actor,
        id: WomanId,
        version: i64,
        county: &str,
        input: &WomanInput,
    ) -> AppResult<()> {
        actor.require(Permission::RegisterWomen)?;
        let today = self.today();
        let mut tx = self.db.write().await?;
        let existing = woman_in_scope(tx.as_mut(), actor, id).await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let place = resolve_county(&tree, actor, county);
        let parsed = parse_all(input, &[], today);
        let (draft, place) = match (parsed, place) {
            (Ok((draft, _)), Ok(place)) => (draft, place),
            (parsed, place) => {
                let mut errors = place.err().into_iter().collect::<Vec<_>>();
                errors.extend(parsed.err().unwrap_or_default());
                return Err(AppError::Invalid(errors));
            }
        };
        if draft.national_id.as_str() != existing.record.national_id
            && tx
                .woman_by_national_id(draft.national_id.as_str())
                .await?
                .is_some()
        {
            return Err(already_registered());
        }
        let record = record_from_draft(draft, place, existing.record.social_worker_id);
        let updated = tx
            .update_woman(id, &record, version, self.now())
            .await
            .map_err(|e| {
                crate::service::conflict_on(
                    e,
                    "women.national_id",
                    "national_id",
                    Message::new("women-national_id_already_registered"),
                )
            })?;
        if !updated {
            return Err(AppError::Conflict {
                field: "version",
                message: Message::new("women-someone_else_changed_record_meanwhile"),
            });
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "woman.update",
                entity_kind: "woman",
                entity_id: id.to_string(),
                province_id: Some(record.province_id),
                county_id: Some(record.county_id),
                before: record_snapshot(&existing.record),
                after: record_snapshot(&record),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn already_registered() -> AppError {
    AppError::Conflict {
        field: "national_id",
        message: Message::new("women-national_id_already_registered"),
    }
}

/// The record as form input (for editing): canonical text that parses back to the same record.
pub fn input_from_record(record: &WomanRecord) -> WomanInput {
    let label = |code: &str, parse: fn(&str) -> Option<String>| {
        parse(code).unwrap_or_else(|| code.to_owned())
    };
    WomanInput {
        national_id: record.national_id.clone(),
        first_name: record.first_name.clone(),
        last_name: record.last_name.clone(),
        father_name: record.father_name.clone().unwrap_or_default(),
        birth_date: JalaliDate::from_iso_str(&record.birth_date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        mobile: record.mobile.clone().unwrap_or_default(),
        locality: record.locality.clone(),
        settlement: label(&record.settlement, |c| {
            hamyar_domain::registry::Settlement::parse(c).map(|v| v.label_fa().to_owned())
        }),
        address: record.address.clone(),
        education: record
            .education
            .as_deref()
            .map(|c| {
                label(c, |c| {
                    hamyar_domain::registry::Education::parse(c).map(|v| v.label_fa().to_owned())
                })
            })
            .unwrap_or_default(),
        skills: record.skills.clone(),
        sheba: record.sheba.clone().unwrap_or_default(),
        headship_cause: label(&record.headship_cause, |c| {
            hamyar_domain::registry::HeadshipCause::parse(c).map(|v| v.label_fa().to_owned())
        }),
        income_decile: record
            .income_decile
            .map(|d| d.to_string())
            .unwrap_or_default(),
        notes: record.notes.clone(),
    }
}
