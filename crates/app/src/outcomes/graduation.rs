//! Evidence-based exits with four eyes (issue 19). A province keeps its graduation criteria
//! as a setting (`graduation_criteria.<province>`; the programme's four by default,
//! `hamyar_domain::outcomes::graduation`). A woman's verdicts are judged on her forms (household
//! economics, Rosenberg), the pension table of the year, her group's stage history and her
//! coverage; a group's on its business's months and its members' verdicts.
//!
//! A social worker (or an expert) **proposes** an exit as empowered when every verdict passes,
//! with the evidence in words; the verdicts as they stood are kept with the proposal. An
//! expert other than the proposer (`DecideCoverage`) **approves** it — the verdicts are judged
//! again inside the write transaction, on the decision's day, and must still all pass — which
//! ends her coverage episode (an *exited* episode with reason *empowered*, through the same
//! write as any coverage decision) or moves the group to *graduated*; or **returns** it with a
//! reason. Each step is audited. Exiting as empowered and graduating a group are only possible
//! this way: the coverage form and the stage form refuse them (`registry::coverage`,
//! `groups::lifecycle`), so every "woman empowered" the figures count rests on an approved
//! proposal — except the history a province imports from its paper records.

use hamyar_domain::groups::GroupStage;
use hamyar_domain::groups::lifecycle::ACTIVE_STAGES;
use hamyar_domain::outcomes::graduation::{
    Criteria, CriteriaInput, CriterionVerdict, Evidence, HouseholdForm, all_pass, judge_group,
    judge_woman,
};
use hamyar_domain::outcomes::schedule::Occasion;
use hamyar_domain::registry::{CoverageStatus, ExitReason, Verdict, pension_tier};
use hamyar_domain::{FiscalYear, JalaliDate, Message, MessageArg};
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId, Role, Scope};
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::StageInput;
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::exit_proposals::{
    ExitDecision, ExitProposalId, ExitProposalRow, OpenExitProposal,
};
use crate::ports::groups::{GroupId, PlaceFilter};
use crate::ports::registry::{WomanId, WomanRow};
use crate::registry::coverage::{Decision, record_decision_in_tx};
use crate::registry::{field_errors, woman_in_scope};
use crate::service::{App, AuditEntry, actor_name};

/// The longest evidence or decision note, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The settings key of a province's criteria.
pub fn key(province: PlaceId) -> String {
    format!("graduation_criteria.{province}")
}

/// The criteria that apply in a province (its own, else the default).
pub(crate) async fn criteria_in(tx: &mut dyn Tx, province: PlaceId) -> AppResult<Criteria> {
    match tx.get_setting(&key(province)).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::Internal(format!(
                "graduation criteria of {province} are unreadable: {e}"
            ))
        }),
        None => Ok(Criteria::default()),
    }
}

/// Since when a group's business has run without a break: its trailing run of active stages
/// (a graduated group's business goes on, independent, so graduating does not end the run).
fn active_since(stages: &[crate::ports::groups::StageRow]) -> Option<JalaliDate> {
    let mut since = None;
    for stage in stages.iter().rev() {
        if ACTIVE_STAGES.contains(&stage.stage) || stage.stage == GroupStage::Graduated {
            since = Some(stage.effective_on);
        } else {
            break;
        }
    }
    since
}

fn score_of(row: &crate::ports::assessments::AssessmentRow, code: &str) -> Option<i64> {
    row.scores
        .iter()
        .find(|(score, _)| score == code)
        .and_then(|(_, value)| *value)
}

/// What her verdicts are judged on, on `today`.
async fn evidence_of(tx: &mut dyn Tx, woman: &WomanRow, today: JalaliDate) -> AppResult<Evidence> {
    let mut forms = tx.assessments_of(woman.id).await?;
    forms.sort_by_key(|f| (f.taken_on, f.id));
    let household = forms
        .iter()
        .filter(|f| f.instrument_code == "household_economics")
        .map(|f| HouseholdForm {
            taken_on: f.taken_on,
            own_income: score_of(f, "own_income"),
            pension_income: score_of(f, "pension_income"),
        })
        .collect();
    let rosenberg = |baseline: bool| {
        forms
            .iter()
            .filter(|f| f.instrument_code == "rosenberg")
            .filter(|f| {
                (Occasion::from_stored(&f.occasion, f.round) == Some(Occasion::Baseline))
                    == baseline
            })
            .filter_map(|f| score_of(f, "total"))
            .next_back()
    };
    let pension_bar = tx
        .pension_table(i64::from(FiscalYear::of(today).year()))
        .await?
        .map(|row| {
            let size = u32::try_from(woman.household_size).unwrap_or(1);
            row.tier_rials[usize::from(pension_tier(size)) - 1]
        });
    let current = tx
        .memberships_of_woman(woman.id)
        .await?
        .into_iter()
        .filter(|m| m.membership.left_on.is_none())
        .map(|m| m.membership.group_id)
        .next_back();
    let business_active_since = match current {
        Some(group) => active_since(&tx.stages_of(group).await?),
        None => None,
    };
    Ok(Evidence {
        household,
        pension_bar,
        self_esteem_baseline: rosenberg(true),
        self_esteem_latest: rosenberg(false),
        business_active_since,
        pensioner: woman.coverage_status == CoverageStatus::Pensioner.code(),
    })
}

/// Whether she has already left support as empowered (her latest episode says so).
async fn exited_empowered(tx: &mut dyn Tx, woman: WomanId) -> AppResult<bool> {
    Ok(tx.episodes_of(woman).await?.last().is_some_and(|e| {
        e.status == CoverageStatus::Exited && e.exit_reason == Some(ExitReason::Empowered)
    }))
}

/// A woman's verdicts today, with the criteria of her province.
pub(crate) async fn woman_verdicts(
    tx: &mut dyn Tx,
    woman: &WomanRow,
    today: JalaliDate,
) -> AppResult<(Criteria, Vec<CriterionVerdict>)> {
    let criteria = criteria_in(tx, woman.record.province_id).await?;
    let evidence = evidence_of(tx, woman, today).await?;
    Ok((criteria, judge_woman(&criteria, &evidence, today)))
}

/// A group's verdicts today.
async fn group_verdicts(
    tx: &mut dyn Tx,
    group: GroupId,
    province: PlaceId,
    today: JalaliDate,
) -> AppResult<Vec<CriterionVerdict>> {
    let criteria = criteria_in(tx, province).await?;
    let since = active_since(&tx.stages_of(group).await?);
    let members: Vec<WomanId> = tx
        .members_of_group(group)
        .await?
        .into_iter()
        .filter(|m| m.membership.left_on.is_none())
        .map(|m| m.membership.woman_id)
        .collect();
    let mut meeting = 0;
    for member in &members {
        let Some(woman) = tx.woman_by_id(*member).await? else {
            continue;
        };
        let passes = exited_empowered(tx, *member).await? || {
            let evidence = evidence_of(tx, &woman, today).await?;
            all_pass(&judge_woman(&criteria, &evidence, today))
        };
        if passes {
            meeting += 1;
        }
    }
    Ok(judge_group(&criteria, since, meeting, members.len(), today))
}

/// A woman's graduation: the criteria's verdicts and her proposals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graduation {
    /// Her name, or the group's.
    pub name: String,
    pub criteria: Criteria,
    pub verdicts: Vec<CriterionVerdict>,
    /// Oldest first.
    pub proposals: Vec<ExitProposalRow>,
    /// She has left support as empowered.
    pub exited: bool,
}

impl Graduation {
    /// The proposal waiting for a decision, if any.
    pub fn open(&self) -> Option<&ExitProposalRow> {
        self.proposals.iter().find(|p| p.state == "proposed")
    }

    /// Whether a new proposal may be made (every verdict passes, none open, not exited).
    pub fn may_propose(&self) -> bool {
        !self.exited && self.open().is_none() && all_pass(&self.verdicts)
    }
}

/// A proposal as typed: the day and the evidence in words.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ProposalInput {
    pub proposed_on: String,
    pub evidence: String,
}

/// A decision as typed: the day and (required to return) a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    pub decided_on: String,
    pub note: String,
}

fn day_of(field: &'static str, text: &str, today: JalaliDate) -> Result<JalaliDate, FieldError> {
    match JalaliDate::parse(text) {
        Ok(day) if day > today => Err(FieldError::new(
            field,
            Message::new("graduation-day_after_today"),
        )),
        Ok(day) => Ok(day),
        Err(error) => Err(FieldError::new(field, error.message())),
    }
}

fn text_of(field: &'static str, text: &str, required: bool) -> Result<Option<String>, FieldError> {
    let text = text.trim();
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(FieldError::new(
            field,
            Message::new("graduation-text_too_long")
                .arg("max", MessageArg::Number(MAX_TEXT_CHARS as i64)),
        ));
    }
    if text.is_empty() {
        return if required {
            Err(FieldError::new(
                field,
                Message::new("graduation-text_required"),
            ))
        } else {
            Ok(None)
        };
    }
    Ok(Some(hamyar_domain::letters::persian_letters(text)))
}

/// The verdicts that did not pass, as one refusal.
fn not_met(verdicts: &[CriterionVerdict]) -> AppError {
    AppError::Invalid(
        verdicts
            .iter()
            .filter(|v| v.verdict != Verdict::Passed)
            .map(|v| FieldError::new("criteria", v.message.clone()))
            .chain(std::iter::once(FieldError::new(
                "criteria",
                Message::new("graduation-criteria_not_met"),
            )))
            .collect(),
    )
}

fn verdicts_json(verdicts: &[CriterionVerdict]) -> String {
    serde_json::to_string(
        &verdicts
            .iter()
            .map(|v| json!({"criterion": v.criterion.code(), "verdict": v.verdict.code()}))
            .collect::<Vec<_>>(),
    )
    .unwrap_or_else(|_| "[]".into())
}

impl App {
    /// The criteria of a province (anyone who sees groups may read them).
    pub async fn graduation_criteria(
        &self,
        actor: &Actor,
        province: PlaceId,
    ) -> AppResult<Criteria> {
        actor.require(Permission::ViewGroups)?;
        if actor.scope.province().is_some_and(|own| own != province) {
            return Err(AppError::NotFound);
        }
        let mut tx = self.db.read().await?;
        let criteria = criteria_in(tx.as_mut(), province).await?;
        tx.commit().await?;
        Ok(criteria)
    }

    /// Sets a province's criteria (its experts and the national office), audited.
    pub async fn set_graduation_criteria(
        &self,
        actor: &Actor,
        province: PlaceId,
        input: &CriteriaInput,
    ) -> AppResult<Criteria> {
        actor.require(Permission::ManageGroupSettings)?;
        if !actor.scope.contains(Scope::Province(province)) {
            return Err(AppError::NotFound);
        }
        let criteria = input
            .parse()
            .map_err(|problems| AppError::Invalid(field_errors(problems, None)))?;
        let mut tx = self.db.write().await?;
        let place = tx.place_by_id(province).await?.ok_or(AppError::NotFound)?;
        if place.kind != "province" {
            return Err(AppError::NotFound);
        }
        let before = criteria_in(tx.as_mut(), province).await?;
        let value =
            serde_json::to_string(&criteria).map_err(|e| AppError::Internal(e.to_string()))?;
        tx.put_setting(&key(province), &value, &actor.username, self.now())
            .await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "settings.graduation_criteria",
                entity_kind: "settings",
                entity_id: key(province),
                province_id: Some(province),
                county_id: None,
                before: serde_json::to_value(before).ok(),
                after: serde_json::to_value(criteria).ok(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(criteria)
    }

    /// A woman's verdicts and proposals (her forms are its evidence: `Assess`).
    pub async fn woman_graduation(&self, actor: &Actor, id: WomanId) -> AppResult<Graduation> {
        actor.require(Permission::Assess)?;
        let today = self.today();
        let mut tx = self.db.read().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        let (criteria, verdicts) = woman_verdicts(tx.as_mut(), &woman, today).await?;
        let proposals = tx.exit_proposals_of_woman(id).await?;
        let exited = exited_empowered(tx.as_mut(), id).await?;
        tx.commit().await?;
        Ok(Graduation {
            name: format!("{} {}", woman.record.first_name, woman.record.last_name),
            criteria,
            verdicts,
            proposals,
            exited,
        })
    }

    /// Proposes that a woman leave support as empowered: every verdict must pass today.
    pub async fn propose_woman_exit(
        &self,
        actor: &Actor,
        id: WomanId,
        input: &ProposalInput,
    ) -> AppResult<ExitProposalId> {
        actor.require(Permission::Assess)?;
        let today = self.today();
        let (proposed_on, evidence) = proposal_fields(input, today)?;
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        let covered = [CoverageStatus::Covered, CoverageStatus::Pensioner]
            .iter()
            .any(|s| s.code() == woman.coverage_status);
        if !covered {
            return Err(AppError::invalid(
                "criteria",
                Message::new("graduation-not_covered"),
            ));
        }
        let (_, verdicts) = woman_verdicts(tx.as_mut(), &woman, today).await?;
        if !all_pass(&verdicts) {
            return Err(not_met(&verdicts));
        }
        let row = ExitProposalRow {
            id: ExitProposalId::default(),
            woman_id: Some(id),
            group_id: None,
            province_id: woman.record.province_id,
            county_id: woman.record.county_id,
            state: "proposed".into(),
            proposed_on,
            evidence,
            verdicts: verdicts_json(&verdicts),
            proposed_by: actor.user_id,
            proposed_by_name: actor_name(tx.as_mut(), actor).await?,
            proposed_at: self.now(),
            decided_on: None,
            decided_by: None,
            decided_by_name: None,
            decision_note: None,
            decided_at: None,
        };
        let proposal = self
            .insert_exit_proposal_in_tx(tx.as_mut(), actor, &row)
            .await?;
        tx.commit().await?;
        Ok(proposal)
    }

    /// A group's verdicts and proposals.
    pub async fn group_graduation(&self, actor: &Actor, id: GroupId) -> AppResult<Graduation> {
        actor.require(Permission::ViewGroups)?;
        let today = self.today();
        let mut tx = self.db.read().await?;
        let group = group_in_scope(tx.as_mut(), actor, id).await?;
        let verdicts = group_verdicts(tx.as_mut(), id, group.record.province_id, today).await?;
        let criteria = criteria_in(tx.as_mut(), group.record.province_id).await?;
        let proposals = tx.exit_proposals_of_group(id).await?;
        tx.commit().await?;
        Ok(Graduation {
            name: group.record.name.clone(),
            criteria,
            verdicts,
            proposals,
            exited: group.stage == GroupStage::Graduated,
        })
    }

    /// Proposes that a group graduate: its verdicts must all pass today.
    pub async fn propose_group_graduation(
        &self,
        actor: &Actor,
        id: GroupId,
        input: &ProposalInput,
    ) -> AppResult<ExitProposalId> {
        actor.require(Permission::ManageGroups)?;
        let today = self.today();
        let (proposed_on, evidence) = proposal_fields(input, today)?;
        let mut tx = self.db.write().await?;
        let group = group_in_scope(tx.as_mut(), actor, id).await?;
        if !ACTIVE_STAGES.contains(&group.stage) {
            return Err(AppError::invalid(
                "criteria",
                Message::new("graduation-group_not_active"),
            ));
        }
        let verdicts = group_verdicts(tx.as_mut(), id, group.record.province_id, today).await?;
        if !all_pass(&verdicts) {
            return Err(not_met(&verdicts));
        }
        let row = ExitProposalRow {
            id: ExitProposalId::default(),
            woman_id: None,
            group_id: Some(id),
            province_id: group.record.province_id,
            county_id: group.record.county_id,
            state: "proposed".into(),
            proposed_on,
            evidence,
            verdicts: verdicts_json(&verdicts),
            proposed_by: actor.user_id,
            proposed_by_name: actor_name(tx.as_mut(), actor).await?,
            proposed_at: self.now(),
            decided_on: None,
            decided_by: None,
            decided_by_name: None,
            decision_note: None,
            decided_at: None,
        };
        let proposal = self
            .insert_exit_proposal_in_tx(tx.as_mut(), actor, &row)
            .await?;
        tx.commit().await?;
        Ok(proposal)
    }

    async fn insert_exit_proposal_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        row: &ExitProposalRow,
    ) -> AppResult<ExitProposalId> {
        let id = match tx.insert_exit_proposal(row).await {
            Ok(id) => id,
            Err(crate::ports::StoreError::Unique(_)) => {
                return Err(AppError::invalid(
                    "criteria",
                    Message::new("graduation-already_proposed"),
                ));
            }
            Err(error) => return Err(error.into()),
        };
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "outcomes.exit_propose",
                entity_kind: "exit_proposal",
                entity_id: id.to_string(),
                province_id: Some(row.province_id),
                county_id: Some(row.county_id),
                before: None,
                after: Some(json!({
                    "woman_id": row.woman_id,
                    "group_id": row.group_id,
                    "proposed_on": row.proposed_on.to_iso_string(),
                    "verdicts": serde_json::from_str::<serde_json::Value>(&row.verdicts).ok(),
                })),
            },
        )
        .await?;
        Ok(id)
    }

    /// The open proposals of the actor's place, oldest first (for the experts who decide).
    pub async fn open_exit_proposals(
        &self,
        actor: &Actor,
        limit: usize,
    ) -> AppResult<Vec<OpenExitProposal>> {
        actor.require(Permission::ViewGroups)?;
        actor.require(Permission::ViewPersonalData)?;
        let place = PlaceFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
        };
        let mut tx = self.db.read().await?;
        let open = tx
            .open_exit_proposals(place, i64::try_from(limit).unwrap_or(i64::MAX))
            .await?;
        tx.commit().await?;
        Ok(open)
    }

    /// One proposal in the actor's scope, with the name of whom it concerns.
    pub async fn exit_proposal(
        &self,
        actor: &Actor,
        id: ExitProposalId,
    ) -> AppResult<OpenExitProposal> {
        actor.require(Permission::ViewGroups)?;
        actor.require(Permission::ViewPersonalData)?;
        let mut tx = self.db.read().await?;
        let row = tx
            .exit_proposal_by_id(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !actor
            .scope
            .covers(Some(row.province_id), Some(row.county_id))
        {
            return Err(AppError::NotFound);
        }
        let name = match (row.woman_id, row.group_id) {
            (Some(woman), _) => tx
                .woman_by_id(woman)
                .await?
                .map(|w| format!("{} {}", w.record.first_name, w.record.last_name)),
            (None, Some(group)) => tx.group_by_id(group).await?.map(|g| g.record.name),
            (None, None) => None,
        }
        .unwrap_or_default();
        tx.commit().await?;
        Ok(OpenExitProposal { row, name })
    }

    /// Approves (`approve`) or returns a proposal: an expert other than its proposer. An
    /// approval judges the verdicts again on the decision's day and, in the same transaction,
    /// ends her coverage as *exited, empowered* or moves the group to *graduated*.
    pub async fn decide_exit(
        &self,
        actor: &Actor,
        id: ExitProposalId,
        approve: bool,
        input: &DecisionInput,
    ) -> AppResult<()> {
        actor.require(Permission::DecideCoverage)?;
        let today = self.today();
        let decided_on = day_of("decided_on", &input.decided_on, today);
        let note = text_of("note", &input.note, !approve);
        let (decided_on, note) = match (decided_on, note) {
            (Ok(day), Ok(note)) => (day, note),
            (day, note) => {
                return Err(AppError::Invalid(
                    [day.err(), note.err()].into_iter().flatten().collect(),
                ));
            }
        };
        let mut tx = self.db.write().await?;
        let row = tx
            .exit_proposal_by_id(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !actor
            .scope
            .covers(Some(row.province_id), Some(row.county_id))
        {
            return Err(AppError::NotFound);
        }
        if row.state != "proposed" {
            return Err(AppError::invalid(
                "decided_on",
                Message::new("graduation-already_decided"),
            ));
        }
        if row.proposed_by.is_some() && row.proposed_by == actor.user_id {
            return Err(AppError::invalid(
                "decided_on",
                Message::new("graduation-four_eyes"),
            ));
        }
        if decided_on < row.proposed_on {
            return Err(AppError::invalid(
                "decided_on",
                Message::new("graduation-decided_before_proposed")
                    .arg("proposed_on", MessageArg::digits(row.proposed_on)),
            ));
        }
        let name = actor_name(tx.as_mut(), actor).await?;
        if approve {
            match (row.woman_id, row.group_id) {
                (Some(woman), _) => {
                    let woman = woman_in_scope(tx.as_mut(), actor, woman).await?;
                    let (_, verdicts) = woman_verdicts(tx.as_mut(), &woman, decided_on).await?;
                    if !all_pass(&verdicts) {
                        return Err(not_met(&verdicts));
                    }
                    let reason = format!("{} — {}", row.evidence, name);
                    record_decision_in_tx(
                        self,
                        tx.as_mut(),
                        actor,
                        &woman,
                        Decision {
                            status: CoverageStatus::Exited,
                            exit_reason: Some(ExitReason::Empowered),
                            started_on: decided_on,
                            reason: reason.chars().take(500).collect(),
                        },
                    )
                    .await?;
                }
                (None, Some(group)) => {
                    let verdicts =
                        group_verdicts(tx.as_mut(), group, row.province_id, decided_on).await?;
                    if !all_pass(&verdicts) {
                        return Err(not_met(&verdicts));
                    }
                    let stage = StageInput {
                        stage: GroupStage::Graduated.code().into(),
                        effective_on: decided_on.to_string(),
                        inactive_reason: String::new(),
                        note: row.evidence.chars().take(1_000).collect(),
                    };
                    self.move_group_stage_in_tx(tx.as_mut(), actor, group, &stage)
                        .await?;
                }
                (None, None) => {
                    return Err(AppError::Internal(format!("proposal {id} names no one")));
                }
            }
        }
        let decision = ExitDecision {
            state: if approve { "approved" } else { "returned" },
            decided_on,
            decided_by: actor.user_id,
            decided_by_name: name,
            note: note.clone(),
            decided_at: self.now(),
        };
        if !tx.decide_exit_proposal(id, &decision).await? {
            return Err(AppError::invalid(
                "decided_on",
                Message::new("graduation-already_decided"),
            ));
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: if approve {
                    "outcomes.exit_approve"
                } else {
                    "outcomes.exit_return"
                },
                entity_kind: "exit_proposal",
                entity_id: id.to_string(),
                province_id: Some(row.province_id),
                county_id: Some(row.county_id),
                before: Some(json!({"state": row.state})),
                after: Some(json!({
                    "state": decision.state,
                    "decided_on": decided_on.to_iso_string(),
                    "woman_id": row.woman_id,
                    "group_id": row.group_id,
                    "note": note,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Reads a proposal's day and evidence.
fn proposal_fields(input: &ProposalInput, today: JalaliDate) -> AppResult<(JalaliDate, String)> {
    let day = day_of("proposed_on", &input.proposed_on, today);
    let evidence = text_of("evidence", &input.evidence, true);
    match (day, evidence) {
        (Ok(day), Ok(Some(evidence))) => Ok((day, evidence)),
        (day, evidence) => Err(AppError::Invalid(
            [day.err(), evidence.err()].into_iter().flatten().collect(),
        )),
    }
}

/// Whether a role proposes exits (the social worker and the experts).
pub fn proposes(role: Role) -> bool {
    matches!(
        role,
        Role::SocialWorker | Role::CountyExpert | Role::ProvincialExpert | Role::NationalExpert
    )
}

/// A woman whose criteria all hold today and who has no proposal waiting: ready to be
/// proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadyToExit {
    pub woman_id: WomanId,
    pub name: String,
}

impl App {
    /// The women of a county (a social worker's own) whose every criterion passes today, not
    /// yet proposed: the social worker's list of whom to propose. Judging reads each woman's
    /// forms, group and coverage, so it is asked for one county at a time (`county` for those
    /// above one) and shows names only (the verdicts are on each woman's page).
    pub async fn ready_to_exit(
        &self,
        actor: &Actor,
        county: Option<PlaceId>,
    ) -> AppResult<Vec<ReadyToExit>> {
        actor.require(Permission::Assess)?;
        let today = self.today();
        let Some(county) = actor.scope.county().or(county) else {
            return Ok(Vec::new());
        };
        let mut tx = self.db.read().await?;
        let place = tx
            .place_by_id(county)
            .await?
            .filter(|p| p.kind == "county")
            .ok_or(AppError::NotFound)?;
        if !actor.scope.covers(place.parent_id, Some(county)) {
            return Err(AppError::NotFound);
        }
        let followed = tx
            .followed_women(&crate::ports::assessments::FollowedQuery {
                place: PlaceFilter {
                    province_id: place.parent_id,
                    county_id: Some(county),
                },
                assigned: crate::group_life::visits::own_groups(actor),
                woman: None,
                limit: 0,
            })
            .await?;
        let mut ready = Vec::new();
        for row in followed.iter().filter(|row| row.exited_on.is_none()) {
            let Some(woman) = tx.woman_by_id(row.woman_id).await? else {
                continue;
            };
            let covered = [CoverageStatus::Covered, CoverageStatus::Pensioner]
                .iter()
                .any(|s| s.code() == woman.coverage_status);
            if !covered {
                continue;
            }
            let (_, verdicts) = woman_verdicts(tx.as_mut(), &woman, today).await?;
            if !all_pass(&verdicts) {
                continue;
            }
            let waiting = tx
                .exit_proposals_of_woman(woman.id)
                .await?
                .iter()
                .any(|p| p.state == "proposed");
            if !waiting {
                ready.push(ReadyToExit {
                    woman_id: woman.id,
                    name: format!("{} {}", row.first_name, row.last_name),
                });
            }
        }
        tx.commit().await?;
        Ok(ready)
    }
}
