//! Drill-down: the ledger transactions behind one figure of one budget line. Each figure is
//! a sum of postings, so its transactions are read with the ledger's drill query:
//!
//! - budget — postings to the line's budget account (allocations, amendments, divisions),
//!   shown credit-positive;
//! - committed — postings to its expense account (commitments and direct payments);
//! - paid — postings to its expense and commitment accounts together, leaving out the
//!   transactions where they net to zero (a commitment moves money between the two and pays
//!   nothing; a payment clears the commitment account; a direct payment charges the expense).
//!
//! The amounts shown therefore add up to the figure exactly, reversals included.
//!
//! Who recorded each transaction and its description need `ViewPersonalData`. A description
//! may also name the people a payment or grant was for (a grant's purpose, a cancellation's
//! reason), and a county user reaches her province's undivided lines, which carry other
//! counties' payments and grants: a transaction posted for a payment or a tranche shows its
//! description only when its payment's free text is the reader's to see
//! (`spending::disclosure`) or its grant lies in her scope. The amount is always shown.

use std::collections::HashMap;

use hamyar_domain::JalaliDate;
use hamyar_domain::budget::BudgetCategory;

use super::report::{ReportFigures, figures_of};
use crate::access::{Actor, Permission};
use crate::budget::{line_category, line_in_scope};
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineId, BudgetLineRow};
use crate::ports::grants::TrancheId;
use crate::ports::ledger::{AccountId, DrillQuery, LedgerTransactionId};
use crate::ports::spending::PaymentId;
use crate::service::App;
use crate::spending::disclosure::Disclosure;

/// Which figure of a line to drill into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Budget,
    Committed,
    Paid,
}

impl Figure {
    pub const ALL: [Figure; 3] = [Figure::Budget, Figure::Committed, Figure::Paid];

    pub fn code(self) -> &'static str {
        match self {
            Figure::Budget => "budget",
            Figure::Committed => "committed",
            Figure::Paid => "paid",
        }
    }

    pub fn parse(text: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|figure| figure.code() == text)
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            Figure::Budget => "بودجه",
            Figure::Committed => "تعهد شده",
            Figure::Paid => "پرداخت شده",
        }
    }

    /// The accounts whose postings make up the figure, whether transactions netting to zero
    /// on them are left out, and the sign that turns their sum into the figure.
    fn accounts(self, line: &BudgetLineRow) -> (Vec<AccountId>, bool, i64) {
        match self {
            Figure::Budget => (vec![line.budget_account_id], false, -1),
            Figure::Committed => (vec![line.expense_account_id], false, 1),
            Figure::Paid => (
                vec![line.expense_account_id, line.commitment_account_id],
                true,
                1,
            ),
        }
    }
}

/// Which page of a drill-down: 1-based, `size` transactions a page (at most 200).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrillPageRequest {
    pub number: i64,
    pub size: i64,
}

impl Default for DrillPageRequest {
    fn default() -> Self {
        Self {
            number: 1,
            size: 50,
        }
    }
}

/// One transaction behind a figure. `description` and `recorded_by` are `None` for an actor
/// who may not see names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillEntry {
    pub transaction_id: LedgerTransactionId,
    pub effective_on: JalaliDate,
    pub description: Option<String>,
    pub recorded_by: Option<String>,
    /// The transaction's part of the figure (negative for a cut or a reversal).
    pub amount_rials: i64,
    pub reverses_id: Option<LedgerTransactionId>,
    pub reversed_by: Option<LedgerTransactionId>,
}

/// A page of the transactions behind one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTransactions {
    pub line: BudgetLineRow,
    pub category: BudgetCategory,
    pub figure: Figure,
    pub as_of: Option<JalaliDate>,
    /// The line's figures at the same moment (the drilled one equals `total_rials`).
    pub figures: ReportFigures,
    pub entries: Vec<DrillEntry>,
    pub total_count: i64,
    pub total_rials: i64,
    pub page: DrillPageRequest,
}

impl LineTransactions {
    pub fn page_count(&self) -> i64 {
        ((self.total_count + self.page.size - 1) / self.page.size).max(1)
    }
}

impl App {
    /// The ledger transactions behind one figure of a line, as of the end of a day (or now).
    pub async fn line_transactions(
        &self,
        actor: &Actor,
        line_id: BudgetLineId,
        figure: Figure,
        as_of: Option<JalaliDate>,
        page: DrillPageRequest,
    ) -> AppResult<LineTransactions> {
        actor.require(Permission::ViewMoney)?;
        let page = DrillPageRequest {
            number: page.number.max(1),
            size: page.size.clamp(1, 200),
        };
        let mut tx = self.db.read().await?;
        let line = line_in_scope(tx.as_mut(), actor, line_id).await?;
        let (account_ids, skip_netting_to_zero, sign) = figure.accounts(&line);
        let drilled = tx
            .ledger_drill(&DrillQuery {
                account_ids,
                from: None,
                to: as_of.map(|date| date.to_iso_string()),
                skip_netting_to_zero,
                limit: page.size,
                offset: (page.number - 1).saturating_mul(page.size),
            })
            .await?;
        let figures = ReportFigures::of_line(&figures_of(tx.as_mut(), &line, as_of).await?);
        let names = actor.can(Permission::ViewPersonalData);
        let mut readable = HashMap::new();
        let mut entries = Vec::with_capacity(drilled.transactions.len());
        for drilled in drilled.transactions {
            let row = drilled.transaction;
            let source = Source::of(&row.idempotency_key);
            let described = names && described(tx.as_mut(), actor, source, &mut readable).await?;
            entries.push(DrillEntry {
                transaction_id: row.id,
                effective_on: JalaliDate::from_iso_str(&row.effective_on)
                    .map_err(|error| AppError::Internal(error.to_string()))?,
                description: described.then_some(row.description),
                recorded_by: names.then_some(row.recorded_by_name),
                amount_rials: signed(drilled.touched_sum_rials, sign)?,
                reverses_id: row.reverses_id,
                reversed_by: row.reversed_by,
            });
        }
        tx.commit().await?;
        Ok(LineTransactions {
            category: line_category(&line)?,
            line,
            figure,
            as_of,
            figures,
            entries,
            total_count: drilled.total_count,
            total_rials: signed(drilled.total_sum_rials, sign)?,
            page,
        })
    }
}

/// What a ledger transaction was posted for, read from its idempotency key: the money
/// workflows key theirs `payment.<id>.<step>` and `tranche.<id>.<step>`, and nothing else may
/// (`ledger::posting`, "workflow keys").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Source {
    Payment(PaymentId),
    Tranche(TrancheId),
    /// Budget moves and hand postings: written by the staff who keep the budget.
    Other,
}

impl Source {
    fn of(key: &str) -> Source {
        let id = |rest: &str| rest.split('.').next().and_then(|id| id.parse::<i64>().ok());
        if let Some(id) = key.strip_prefix("payment.").and_then(id) {
            Source::Payment(PaymentId::new(id))
        } else if let Some(id) = key.strip_prefix("tranche.").and_then(id) {
            Source::Tranche(TrancheId::new(id))
        } else {
            Source::Other
        }
    }
}

/// Whether a transaction's description is the reader's to see (see the module's note),
/// remembering each payment's and tranche's answer for the rest of the page.
async fn described(
    tx: &mut dyn Tx,
    actor: &Actor,
    source: Source,
    known: &mut HashMap<Source, bool>,
) -> AppResult<bool> {
    if let Some(answer) = known.get(&source) {
        return Ok(*answer);
    }
    let answer = match source {
        Source::Other => true,
        Source::Payment(id) => match tx.payment_by_id(id).await? {
            Some(row) => match tx.budget_line_by_id(row.budget_line_id).await? {
                Some(line) => {
                    let links = tx.payment_links(id).await?;
                    Disclosure::of(actor, &row, &line, &links).text_shown()
                }
                None => false,
            },
            None => false,
        },
        Source::Tranche(id) => match tx.tranche_by_id(id).await? {
            Some(tranche) => tx
                .grant_by_id(tranche.grant_id)
                .await?
                .is_some_and(|grant| {
                    actor
                        .scope
                        .covers(Some(grant.province_id), Some(grant.county_id))
                }),
            None => false,
        },
    };
    known.insert(source, answer);
    Ok(answer)
}

fn signed(amount: i64, sign: i64) -> AppResult<i64> {
    amount
        .checked_mul(sign)
        .ok_or_else(|| AppError::Internal("amount out of range".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transaction_key_names_the_payment_or_tranche_it_was_posted_for() {
        assert_eq!(
            Source::of("payment.12.commit"),
            Source::Payment(crate::ports::spending::PaymentId::new(12))
        );
        assert_eq!(
            Source::of("payment.12.reverse-pay"),
            Source::Payment(crate::ports::spending::PaymentId::new(12))
        );
        assert_eq!(
            Source::of("tranche.7.pay.reverse"),
            Source::Tranche(crate::ports::grants::TrancheId::new(7))
        );
        assert_eq!(Source::of("budget.1405.training"), Source::Other);
        assert_eq!(Source::of("payment.x.commit"), Source::Other);
    }
}
