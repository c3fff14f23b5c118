//! Proposing a grant: the form's money part is checked by `hamyar_domain::grants`; the budget
//! line must be a `grant` line the actor's scope reaches and that reaches the recipient's
//! county; the recipient is a group in scope that has not ended, or a woman in scope found by
//! national ID. The grant and its tranches are written with one audit row; nothing is
//! committed on the ledger until a second person approves a tranche.

use hamyar_domain::Message;
use hamyar_domain::NationalId;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{GrantDraft, GrantFormInput, GrantStatus, parse_grant_form};
use hamyar_domain::groups::lifecycle::has_ended;
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId};
use crate::budget::{line_category, scope_reaches_line};
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineId, BudgetLineRow};
use crate::ports::grants::{GrantId, NewGrant, TrancheRow};
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::registry::woman_in_scope;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// The grant form as typed. The recipient is a group (`group_id`) or a woman (her
/// `national_id`), not both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrantInput {
    pub line_id: String,
    pub group_id: String,
    pub national_id: String,
    pub form: GrantFormInput,
}

/// Who receives the grant, and where they are.
struct Recipient {
    group_id: Option<GroupId>,
    woman_id: Option<WomanId>,
    province_id: PlaceId,
    county_id: PlaceId,
}

fn field_errors(problems: Vec<hamyar_domain::registry::Problem>) -> Vec<FieldError> {
    problems
        .into_iter()
        .map(|p| FieldError::new(p.field, p.message))
        .collect()
}

fn choose_line() -> AppError {
    AppError::invalid(
        "line_id",
        Message::new("propose-choose_grant_budget_line_area"),
    )
}

async fn line_for(tx: &mut dyn Tx, actor: &Actor, text: &str) -> AppResult<BudgetLineRow> {
    let id: BudgetLineId = text.trim().parse().map_err(|_| choose_line())?;
    let line = tx
        .budget_line_by_id(id)
        .await?
        .filter(|line| scope_reaches_line(actor.scope, line))
        .ok_or_else(choose_line)?;
    if line_category(&line)? != BudgetCategory::Grant {
        return Err(AppError::invalid(
            "line_id",
            Message::new("propose-budget_line_working_capital_grant"),
        ));
    }
    Ok(line)
}

async fn group_recipient(tx: &mut dyn Tx, actor: &Actor, text: &str) -> AppResult<Recipient> {
    let unknown = || AppError::invalid("group_id", Message::new("propose-group_id_area"));
    let id: GroupId = text.trim().parse().map_err(|_| unknown())?;
    let group = match group_in_scope(tx, actor, id).await {
        Err(AppError::NotFound) => return Err(unknown()),
        other => other?,
    };
    if has_ended(group.stage) {
        return Err(AppError::invalid(
            "group_id",
            Message::new("propose-group_has_been_dissolved_has"),
        ));
    }
    Ok(Recipient {
        group_id: Some(id),
        woman_id: None,
        province_id: group.record.province_id,
        county_id: group.record.county_id,
    })
}

async fn woman_recipient(tx: &mut dyn Tx, actor: &Actor, text: &str) -> AppResult<Recipient> {
    let national_id = NationalId::parse(text)
        .map_err(|error| AppError::invalid("national_id", error.message()))?;
    let unknown = || {
        AppError::invalid(
            "national_id",
            Message::new("propose-woman_national_id_registered_area"),
        )
    };
    let row = tx
        .woman_by_national_id(national_id.as_str())
        .await?
        .filter(|row| row.merged_into.is_none())
        .ok_or_else(unknown)?;
    let row = match woman_in_scope(tx, actor, row.id).await {
        Err(AppError::NotFound) => return Err(unknown()),
        other => other?,
    };
    Ok(Recipient {
        group_id: None,
        woman_id: Some(row.id),
        province_id: row.record.province_id,
        county_id: row.record.county_id,
    })
}

async fn recipient_for(tx: &mut dyn Tx, actor: &Actor, input: &GrantInput) -> AppResult<Recipient> {
    match (
        input.group_id.trim().is_empty(),
        input.national_id.trim().is_empty(),
    ) {
        (false, true) => group_recipient(tx, actor, &input.group_id).await,
        (true, false) => woman_recipient(tx, actor, &input.national_id).await,
        _ => Err(AppError::invalid(
            "recipient",
            Message::new("propose-choose_one_recipient_group_woman"),
        )),
    }
}

fn line_reaches(line: &BudgetLineRow, recipient: &Recipient) -> AppResult<()> {
    let reaches = line.province_id == recipient.province_id
        && line
            .county_id
            .is_none_or(|county| county == recipient.county_id);
    if reaches {
        Ok(())
    } else {
        Err(AppError::invalid(
            "line_id",
            Message::new("propose-budget_line_does_reach_recipient"),
        ))
    }
}

impl App {
    /// Proposes a grant with its tranches; returns its id.
    pub async fn propose_grant(&self, actor: &Actor, input: &GrantInput) -> AppResult<GrantId> {
        let mut tx = self.db.write().await?;
        let id = self.propose_grant_in_tx(tx.as_mut(), actor, input).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The proposal inside the caller's transaction (see [`App::propose_grant`]).
    pub(crate) async fn propose_grant_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        input: &GrantInput,
    ) -> AppResult<GrantId> {
        actor.require(Permission::ProposeSpending)?;
        let draft = parse_grant_form(&input.form).map_err(|p| AppError::Invalid(field_errors(p)));
        let line = line_for(tx, actor, &input.line_id).await;
        let recipient = recipient_for(tx, actor, input).await;
        // Report the form's and the choices' problems together.
        let (draft, line, recipient) = match (draft, line, recipient) {
            (Ok(draft), Ok(line), Ok(recipient)) => (draft, line, recipient),
            (draft, line, recipient) => {
                let mut errors = Vec::new();
                for error in [draft.err(), line.err(), recipient.err()]
                    .into_iter()
                    .flatten()
                {
                    match error {
                        AppError::Invalid(fields) => errors.extend(fields),
                        other => return Err(other),
                    }
                }
                return Err(AppError::Invalid(errors));
            }
        };
        line_reaches(&line, &recipient)?;
        self.insert_grant_in_tx(tx, actor, &line, &recipient, &draft)
            .await
    }

    async fn insert_grant_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        line: &BudgetLineRow,
        recipient: &Recipient,
        draft: &GrantDraft,
    ) -> AppResult<GrantId> {
        let grant = NewGrant {
            budget_line_id: line.id,
            fiscal_year: line.fiscal_year,
            province_id: recipient.province_id,
            county_id: recipient.county_id,
            group_id: recipient.group_id,
            woman_id: recipient.woman_id,
            purpose: draft.purpose.clone(),
            total_rials: draft.total_rials,
            status: GrantStatus::Proposed,
            proposed_by: actor.user_id,
            proposed_by_name: actor_name(tx, actor).await?,
            proposed_at: self.now(),
        };
        let id = tx.insert_grant(&grant).await?;
        let mut tranches = Vec::new();
        for tranche in &draft.tranches {
            let conditions = serde_json::to_string(&tranche.conditions)
                .map_err(|error| AppError::Internal(error.to_string()))?;
            let row = TrancheRow::proposed(
                id,
                i64::from(tranche.seq),
                tranche.amount_rials,
                tranche.planned_on,
                conditions,
            );
            let tranche_id = tx.insert_tranche(&row).await?;
            tranches.push(json!({
                "tranche_id": tranche_id,
                "seq": tranche.seq,
                "amount_rials": tranche.amount_rials,
                "planned_on": row.planned_on.to_iso_string(),
                "conditions": tranche.conditions,
            }));
        }
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "grant.propose",
                entity_kind: "grant",
                entity_id: id.to_string(),
                province_id: Some(grant.province_id),
                county_id: Some(grant.county_id),
                before: None,
                after: Some(json!({
                    "budget_line_id": line.id,
                    "group_id": grant.group_id,
                    "woman_id": grant.woman_id,
                    "purpose": grant.purpose,
                    "total_rials": grant.total_rials,
                    "tranches": tranches,
                })),
            },
        )
        .await?;
        Ok(id)
    }
}
