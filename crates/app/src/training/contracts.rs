//! A provider's contracts (issue 18): the county or provincial training coordinator
//! (`ManageTraining`) records one for a provider of her province — number, signed on, period,
//! amount in rials and the training or job-preparation line of that province that pays it —
//! and reads each with what the ledger paid under it and what is left. What was paid is
//! summed from the payments for the provider's runs from the contract's line, spent within
//! its period (`TrainingPlansRepo::provider_spending`), the same payments a run's costs
//! (`RunCosts`) are read from, so the provider's page, the run's page and the ledger agree.
//!
//! A payment that would pass a contract's amount is not refused: a provider may hold a newer
//! contract not yet recorded, and the four-eyes approval is where money is stopped. The run's
//! page warns instead ([`App::run_contract_warnings`]), naming the contract and what is left.

use hamyar_domain::Message;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::training::{ContractBalance, ContractDraft, line_may_pay};
use serde_json::json;

use super::run_in_scope;
use crate::access::{Actor, Permission};
use crate::budget::{line_category, scope_reaches_line};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::StoreError;
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineId, BudgetLineRow};
use crate::ports::training::{CourseRunId, CourseRunRow, ProviderId, ProviderRow};
use crate::ports::training_plans::{ContractId, ContractRow};
use crate::service::{App, AuditEntry, actor_name};

/// A contract as typed: its terms and the line that pays it (its id, as the form sends it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractInput {
    pub draft: ContractDraft,
    pub budget_line_id: String,
}

/// A contract with its line and its money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractView {
    pub contract: ContractRow,
    pub line: BudgetLineRow,
    pub category: BudgetCategory,
    pub balance: ContractBalance,
}

/// A provider with its contracts, the latest period first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderContracts {
    pub provider: ProviderRow,
    pub contracts: Vec<ContractView>,
}

/// The provider, if the actor's scope reaches its province; `NotFound` otherwise.
async fn provider_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: ProviderId,
) -> AppResult<ProviderRow> {
    tx.provider_by_id(id)
        .await?
        .filter(|provider| {
            actor
                .scope
                .province()
                .is_none_or(|province| province == provider.province_id)
        })
        .ok_or(AppError::NotFound)
}

/// The contract's line, its category and money (read from the payments, never kept).
async fn contract_view(tx: &mut dyn Tx, contract: ContractRow) -> AppResult<ContractView> {
    let line = tx
        .budget_line_by_id(contract.budget_line_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("contract {} has no line", contract.id)))?;
    let category = line_category(&line)?;
    let spending = tx
        .provider_spending(
            contract.provider_id,
            contract.budget_line_id,
            contract.period_from,
            contract.period_to,
        )
        .await?;
    let balance = ContractBalance::of(
        contract.amount_rials,
        spending.paid_rials,
        spending.pending_rials,
    );
    Ok(ContractView {
        contract,
        line,
        category,
        balance,
    })
}

impl App {
    /// Records a contract of a provider of the actor's province; returns its id.
    pub async fn add_contract(
        &self,
        actor: &Actor,
        provider_id: ProviderId,
        input: &ContractInput,
    ) -> AppResult<ContractId> {
        actor.require(Permission::ManageTraining)?;
        let parsed = input.draft.parse();
        let mut tx = self.db.write().await?;
        let provider = provider_in_scope(tx.as_mut(), actor, provider_id).await?;
        let line = match input.budget_line_id.trim().parse::<BudgetLineId>() {
            Ok(id) => tx
                .budget_line_by_id(id)
                .await?
                .filter(|line| scope_reaches_line(actor.scope, line)),
            Err(_) => None,
        };
        let mut problems: Vec<FieldError> = Vec::new();
        if line.is_none() {
            problems.push(FieldError::new(
                "budget_line_id",
                Message::new("training-plans-choose_line"),
            ));
        }
        let terms = match parsed {
            Ok(terms) => Some(terms),
            Err(found) => {
                problems.extend(
                    found
                        .into_iter()
                        .map(|p| FieldError::new(p.field, p.message)),
                );
                None
            }
        };
        let (Some(terms), Some(line)) = (terms, line) else {
            return Err(AppError::Invalid(problems));
        };
        if let Err(problem) = line_may_pay(
            &terms,
            line_category(&line)?,
            line.province_id,
            line.fiscal_year,
            provider.province_id,
        ) {
            return Err(AppError::invalid(problem.field, problem.message));
        }
        if terms.signed_on > self.today() {
            return Err(AppError::invalid(
                "signed_on",
                Message::new("training-plans-date_in_future"),
            ));
        }
        let row = ContractRow {
            id: ContractId::default(),
            provider_id,
            province_id: provider.province_id,
            contract_no: terms.contract_no,
            signed_on: terms.signed_on,
            period_from: terms.period_from,
            period_to: terms.period_to,
            amount_rials: terms.amount_rials,
            budget_line_id: line.id,
            note: terms.note,
            created_by: actor.user_id,
            created_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: self.now(),
        };
        let id = match tx.insert_contract(&row).await {
            Err(StoreError::Unique(_)) => {
                return Err(AppError::invalid(
                    "contract_no",
                    Message::new("training-plans-contract_no_in_use"),
                ));
            }
            other => other?,
        };
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.contract",
                entity_kind: "provider_contract",
                entity_id: id.to_string(),
                province_id: Some(provider.province_id),
                county_id: None,
                before: None,
                after: Some(json!({
                    "provider_id": provider_id, "contract_no": row.contract_no,
                    "signed_on": row.signed_on.to_iso_string(),
                    "period_from": row.period_from.to_iso_string(),
                    "period_to": row.period_to.to_iso_string(),
                    "amount_rials": row.amount_rials, "budget_line_id": row.budget_line_id,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A provider of the actor's province with its contracts and what each has left.
    pub async fn provider_contracts(
        &self,
        actor: &Actor,
        provider_id: ProviderId,
    ) -> AppResult<ProviderContracts> {
        actor.require(Permission::ViewMoney)?;
        let mut tx = self.db.read().await?;
        let provider = provider_in_scope(tx.as_mut(), actor, provider_id).await?;
        let mut contracts = Vec::new();
        for contract in tx.contracts_of_provider(provider_id).await? {
            contracts.push(contract_view(tx.as_mut(), contract).await?);
        }
        tx.commit().await?;
        Ok(ProviderContracts {
            provider,
            contracts,
        })
    }

    /// The contracts of the run's provider that what waits to be paid would pass (or that the
    /// ledger already passed): those paid from the run's line, or every one when the run has
    /// no line yet. Empty for a reader who does not see money.
    pub async fn run_contract_warnings(
        &self,
        actor: &Actor,
        run_id: CourseRunId,
    ) -> AppResult<Vec<ContractView>> {
        actor.require(Permission::ViewGroups)?;
        if !actor.can(Permission::ViewMoney) {
            return Ok(Vec::new());
        }
        let mut tx = self.db.read().await?;
        let run = run_in_scope(tx.as_mut(), actor, run_id, false).await?;
        let warnings = contracts_passed(tx.as_mut(), &run).await?;
        tx.commit().await?;
        Ok(warnings)
    }
}

async fn contracts_passed(tx: &mut dyn Tx, run: &CourseRunRow) -> AppResult<Vec<ContractView>> {
    let mut passed = Vec::new();
    for contract in tx.contracts_of_provider(run.provider_id).await? {
        if run
            .budget_line_id
            .is_some_and(|line| line != contract.budget_line_id)
        {
            continue;
        }
        let view = contract_view(tx, contract).await?;
        if view.balance.pending_exceeds() || view.balance.overspent() {
            passed.push(view);
        }
    }
    Ok(passed)
}
