//! Funding budget lines: an allocation moves the province's credit from the treasury to a line
//! (`Dr bank.treasury / Cr budget`), an amendment down moves it back, and a division moves
//! part of a province line to one of its counties' lines of the same category
//! (`Dr province budget / Cr county budget`). A cut or a division may not take a line below
//! what is already committed against it. Each is one ledger transaction with its audit row;
//! the caller's idempotency key makes a resubmitted form post nothing new.

use hamyar_domain::budget::{BudgetCategory, LineFigures};
use hamyar_domain::ledger::Posting;
use hamyar_domain::money::Rials;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_domain::{Message, MessageArg};

use super::commitment::{line_place, money_draft, rename_field, treasury_account};
use super::dates::{line_history, money_date, shortfall_refusal};
use super::{line_figures_in_tx, line_in_scope};
use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult};
use crate::ledger::PostedTransaction;
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineId, BudgetLineRow};
use crate::service::App;

/// An allocation to a line (a positive amount) or an amendment (negative: a cut).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AllocationInput {
    pub line_id: BudgetLineId,
    /// Rials as typed: Persian, Arabic or Latin digits, separators, a leading minus for a cut.
    pub amount: String,
    /// Jalali date as typed; empty means today.
    pub effective_on: String,
    pub description: String,
    pub idempotency_key: String,
}

/// A year's budget for one place, category by category: each amount is the line's new total,
/// and the difference from what it holds now is posted as an allocation or an amendment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearBudgetInput {
    pub fiscal_year: i32,
    pub province_id: PlaceId,
    pub county_id: Option<PlaceId>,
    /// Category and amount as typed; an empty amount leaves that category alone.
    pub amounts: Vec<(BudgetCategory, String)>,
    pub effective_on: String,
    pub description: String,
    /// Each category's posting uses `<key>.<category code>`.
    pub idempotency_key: String,
}

/// Part of a province line handed to one of its counties.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DivisionInput {
    pub province_line_id: BudgetLineId,
    pub county_id: PlaceId,
    pub amount: String,
    pub effective_on: String,
    pub description: String,
    pub idempotency_key: String,
}

/// Parses an amount of rials as typed, naming `field` in the message.
pub(crate) fn parse_rials(field: &'static str, text: &str) -> AppResult<i64> {
    Rials::parse(text)
        .map(Rials::value)
        .map_err(|error| AppError::invalid(field, error.message()))
}

/// Parses a Jalali date as typed; empty means `today`.
pub(crate) fn parse_date_or(
    field: &'static str,
    text: &str,
    today: JalaliDate,
) -> AppResult<JalaliDate> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    JalaliDate::parse(text).map_err(|error| AppError::invalid(field, error.message()))
}

impl App {
    /// Allocates to (or, with a negative amount, cuts) a line in the actor's scope.
    pub async fn allocate_budget(
        &self,
        actor: &Actor,
        input: &AllocationInput,
    ) -> AppResult<PostedTransaction> {
        actor.require(Permission::ManageBudget)?;
        let amount = parse_rials("amount", &input.amount)?;
        let mut tx = self.db.write().await?;
        let line = line_in_scope(tx.as_mut(), actor, input.line_id).await?;
        if !actor.scope.covers(Some(line.province_id), line.county_id) {
            return Err(AppError::NotFound);
        }
        let date = self.budget_date(&input.effective_on, &line)?;
        let posted = self
            .allocate_in_tx(
                tx.as_mut(),
                actor,
                &line,
                amount,
                date,
                &input.description,
                &input.idempotency_key,
            )
            .await?;
        tx.commit().await?;
        Ok(posted)
    }

    /// Sets a place's budget for the year, category by category, in one transaction: opens the
    /// lines that are missing and posts the difference between each new total and the old.
    /// Returns the transactions posted (a category whose total did not change posts none).
    pub async fn set_year_budget(
        &self,
        actor: &Actor,
        input: &YearBudgetInput,
    ) -> AppResult<Vec<PostedTransaction>> {
        actor.require(Permission::ManageBudget)?;
        let year = FiscalYear::new(input.fiscal_year)
            .map_err(|error| AppError::invalid("fiscal_year", error.message()))?;
        let mut targets = Vec::new();
        let mut problems = Vec::new();
        for (category, text) in &input.amounts {
            if text.trim().is_empty() {
                continue;
            }
            match Rials::parse(text) {
                Ok(amount) if amount.is_negative() => problems.push(crate::error::FieldError::new(
                    category.code(),
                    Message::new("allocation-line_s_budget_cannot_negative"),
                )),
                Ok(amount) => targets.push((*category, amount.value())),
                Err(error) => problems.push(crate::error::FieldError::new(
                    category.code(),
                    error.message(),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        if targets.is_empty() {
            return Err(AppError::invalid(
                "amounts",
                Message::new("allocation-enter_amount_at_least_one"),
            ));
        }
        let mut tx = self.db.write().await?;
        let mut posted = Vec::new();
        for (category, target) in targets {
            let line = self
                .open_line_in_tx(
                    tx.as_mut(),
                    actor,
                    year,
                    input.province_id,
                    input.county_id,
                    category,
                )
                .await?;
            let date = self.budget_date(&input.effective_on, &line)?;
            let key = format!("{}.{}", input.idempotency_key.trim(), category.code());
            if tx.ledger_transaction_by_key(&key).await?.is_some() {
                continue;
            }
            let current = line_figures_in_tx(tx.as_mut(), &line).await?.budget_rials;
            let change = target.checked_sub(current).ok_or_else(|| {
                AppError::invalid(category.code(), Message::new("amount-overflow"))
            })?;
            if change == 0 {
                continue;
            }
            let description = if input.description.trim().is_empty() {
                format!("بودجهٔ {} سال {}", category.label_fa(), year.year())
            } else {
                input.description.clone()
            };
            posted.push(
                self.allocate_in_tx(tx.as_mut(), actor, &line, change, date, &description, &key)
                    .await
                    .map_err(|error| rename_amount_field(error, category.code()))?,
            );
        }
        tx.commit().await?;
        Ok(posted)
    }

    /// Moves part of a province line to one of its counties (opening the county's line of the
    /// same category if needed). Returns the county line and the transaction.
    pub async fn divide_budget(
        &self,
        actor: &Actor,
        input: &DivisionInput,
    ) -> AppResult<(BudgetLineRow, PostedTransaction)> {
        actor.require(Permission::ManageBudget)?;
        let amount = parse_rials("amount", &input.amount)?;
        if amount <= 0 {
            return Err(AppError::invalid(
                "amount",
                Message::new("allocation-amount_divide_more_than_zero"),
            ));
        }
        let mut tx = self.db.write().await?;
        let province_line = line_in_scope(tx.as_mut(), actor, input.province_line_id).await?;
        if province_line.county_id.is_some()
            || !actor.scope.covers(Some(province_line.province_id), None)
        {
            return Err(AppError::invalid(
                "province_line_id",
                Message::new("allocation-only_province_line_divided_among"),
            ));
        }
        let date = self.budget_date(&input.effective_on, &province_line)?;
        let category = super::line_category(&province_line)?;
        let year = FiscalYear::new(province_line.fiscal_year)
            .map_err(|error| AppError::Internal(error.to_string()))?;
        let county_line = self
            .open_line_in_tx(
                tx.as_mut(),
                actor,
                year,
                province_line.province_id,
                Some(input.county_id),
                category,
            )
            .await?;
        let locked = tx
            .lock_budget_line(province_line.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if tx
            .ledger_transaction_by_key(input.idempotency_key.trim())
            .await?
            .is_none()
        {
            let history = line_history(tx.as_mut(), &locked).await?;
            if let Err(shortfall) = history.can_release_on(date, amount) {
                return Err(shortfall_refusal(
                    "amount",
                    date,
                    &shortfall,
                    amount,
                    LineFigures::left_rials,
                ));
            }
        }
        let draft = money_draft(
            vec![
                Posting::debit(locked.budget_account_id, amount),
                Posting::credit(county_line.budget_account_id, amount),
            ],
            &input.description,
            date,
            input.idempotency_key.trim(),
        )?;
        let posted = self
            .post_in_tx(tx.as_mut(), actor, &draft, line_place(&locked), None)
            .await
            .map_err(|error| rename_field(error, "fiscal_year", "effective_on"))?;
        tx.commit().await?;
        Ok((county_line, posted))
    }

    /// A date for a line's budget transaction: as typed (or today, or the year's last day when
    /// today is past it), within the line's fiscal year and not after today.
    fn budget_date(&self, text: &str, line: &BudgetLineRow) -> AppResult<JalaliDate> {
        money_date("effective_on", text, self.today(), line)
    }

    /// Posts an allocation (positive) or a cut (negative) on a locked line.
    #[allow(clippy::too_many_arguments)]
    async fn allocate_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        line: &BudgetLineRow,
        amount: i64,
        date: JalaliDate,
        description: &str,
        idempotency_key: &str,
    ) -> AppResult<PostedTransaction> {
        if amount == 0 {
            return Err(AppError::invalid(
                "amount",
                Message::new("allocation-amount_cannot_zero"),
            ));
        }
        let line = tx
            .lock_budget_line(line.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let key = idempotency_key.trim();
        if amount < 0 && tx.ledger_transaction_by_key(key).await?.is_none() {
            let cut = amount
                .checked_neg()
                .ok_or_else(|| AppError::invalid("amount", Message::new("amount-overflow")))?;
            let history = line_history(tx, &line).await?;
            if let Err(shortfall) = history.can_release_on(date, cut) {
                return Err(AppError::invalid(
                    "amount",
                    Message::new("allocation-cut_below_committed")
                        .arg("on", MessageArg::digits(shortfall.on)),
                ));
            }
        }
        let treasury = treasury_account(self, tx).await?;
        let draft = money_draft(
            vec![
                Posting::debit(treasury, amount),
                Posting::credit(line.budget_account_id, amount),
            ],
            description,
            date,
            key,
        )?;
        self.post_in_tx(tx, actor, &draft, line_place(&line), None)
            .await
            .map_err(|error| rename_field(error, "fiscal_year", "effective_on"))
    }
}

/// Points an amount problem of one category's posting at that category's field.
fn rename_amount_field(error: AppError, field: &'static str) -> AppError {
    match error {
        AppError::Invalid(mut problems) => {
            for problem in &mut problems {
                if problem.field == "amount" {
                    problem.field = field;
                }
            }
            AppError::Invalid(problems)
        }
        other => other,
    }
}
