//! Opening budget lines and reading them with their figures. Opening a line creates its three
//! ledger accounts (codes `budget.<category>.<year>.<place code>`, `expense.…`,
//! `commitments.…`) and the line row in one transaction; opening a line that exists returns
//! it, so "set this year's budget" can be submitted twice.

use hamyar_domain::FiscalYear;
use hamyar_domain::Message;
use hamyar_domain::budget::{BudgetCategory, LineFigures};
use hamyar_domain::digits::to_persian_digits;
use serde_json::json;

use super::{
    line_category, line_figures_as_of, line_figures_in_tx, line_in_scope, scope_reaches_line,
};
use crate::access::{Actor, Permission, PlaceId, ScopeKind};
use crate::crash::crash_point;
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineFilter, BudgetLineId, BudgetLineRow, NewBudgetLine};
use crate::ports::ledger::{AccountId, NewLedgerAccount};
use crate::service::{App, AuditEntry};

/// A budget line with its figures (now, or as of the date asked for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLineView {
    pub line: BudgetLineRow,
    pub category: BudgetCategory,
    pub figures: LineFigures,
}

impl App {
    /// Opens the line of a fiscal year, place and category (or returns the one that exists).
    pub async fn open_budget_line(
        &self,
        actor: &Actor,
        year: FiscalYear,
        province_id: PlaceId,
        county_id: Option<PlaceId>,
        category: BudgetCategory,
    ) -> AppResult<BudgetLineRow> {
        let mut tx = self.db.write().await?;
        let line = self
            .open_line_in_tx(tx.as_mut(), actor, year, province_id, county_id, category)
            .await?;
        tx.commit().await?;
        Ok(line)
    }

    /// The composable form of [`App::open_budget_line`].
    pub(crate) async fn open_line_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        year: FiscalYear,
        province_id: PlaceId,
        county_id: Option<PlaceId>,
        category: BudgetCategory,
    ) -> AppResult<BudgetLineRow> {
        actor.require(Permission::ManageBudget)?;
        if !actor.scope.covers(Some(province_id), county_id) {
            return Err(AppError::NotFound);
        }
        if let Some(line) = tx
            .budget_line_at(year.year(), province_id, county_id, category.code())
            .await?
        {
            return Ok(line);
        }
        let place_id = county_id.unwrap_or(province_id);
        let tree = load_tree(tx, &self.today().to_iso_string()).await?;
        let place = tree.get(place_id).ok_or(AppError::NotFound)?;
        let province_matches = match county_id {
            Some(_) => place.parent_id == Some(province_id) && place.kind == ScopeKind::County,
            None => place.kind == ScopeKind::Province,
        };
        if !province_matches {
            return Err(AppError::invalid(
                "county",
                Message::new("lines-chosen_county_province"),
            ));
        }
        let place_code = place.code.clone();
        let place_fa = place.name(false).to_owned();
        let place_en = place.name(true).to_owned();
        let year_fa = to_persian_digits(&year.year().to_string());
        let account = |prefix: &str, kind: &str, what_fa: &str, what_en: &str| NewLedgerAccount {
            code: format!("{prefix}.{}.{}.{place_code}", category.code(), year.year()),
            name_fa: format!("{what_fa} {} {year_fa} — {place_fa}", category.label_fa()),
            name_en: format!(
                "{what_en} {} {} — {place_en}",
                category.label_en(),
                year.year()
            ),
            kind: kind.to_owned(),
            province_id: Some(province_id),
            county_id,
            created_at: self.now(),
        };
        let budget = account("budget", "equity", "بودجه", "Budget");
        let expense = account("expense", "expense", "هزینه", "Expense");
        let commitments = account("commitments", "liability", "تعهدات", "Commitments");
        let budget_account_id = insert_account(tx, &budget).await?;
        let expense_account_id = insert_account(tx, &expense).await?;
        let commitment_account_id = insert_account(tx, &commitments).await?;
        let new_line = NewBudgetLine {
            fiscal_year: year.year(),
            province_id,
            county_id,
            category: category.code().to_owned(),
            budget_account_id,
            expense_account_id,
            commitment_account_id,
            created_by: actor.user_id,
            created_at: self.now(),
        };
        let id = tx.insert_budget_line(&new_line).await?;
        crash_point("budget.line_opened");
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "budget.open_line",
                entity_kind: "budget_line",
                entity_id: id.to_string(),
                province_id: Some(province_id),
                county_id,
                before: None,
                after: Some(json!({
                    "fiscal_year": year.year(),
                    "category": category.code(),
                    "place_id": place_id,
                    "accounts": [budget_account_id, expense_account_id, commitment_account_id],
                })),
            },
        )
        .await?;
        tx.budget_line_by_id(id)
            .await?
            .ok_or_else(|| AppError::Internal("budget line vanished".into()))
    }

    /// The lines of a fiscal year the actor's scope reaches, optionally only one province's,
    /// with their figures now or at the end of `as_of`.
    pub async fn budget_lines(
        &self,
        actor: &Actor,
        year: FiscalYear,
        province_id: Option<PlaceId>,
        as_of: Option<hamyar_domain::JalaliDate>,
    ) -> AppResult<Vec<BudgetLineView>> {
        actor.require(Permission::ViewMoney)?;
        let mut tx = self.db.read().await?;
        let lines = tx
            .budget_lines(BudgetLineFilter {
                fiscal_year: Some(year.year()),
                province_id: province_id.or(actor.scope.province()),
                ..BudgetLineFilter::default()
            })
            .await?;
        let mut views = Vec::with_capacity(lines.len());
        for line in lines
            .into_iter()
            .filter(|line| scope_reaches_line(actor.scope, line))
        {
            views.push(view(tx.as_mut(), line, as_of).await?);
        }
        tx.commit().await?;
        Ok(views)
    }

    /// One line with its figures.
    pub async fn budget_line(
        &self,
        actor: &Actor,
        id: BudgetLineId,
        as_of: Option<hamyar_domain::JalaliDate>,
    ) -> AppResult<BudgetLineView> {
        actor.require(Permission::ViewMoney)?;
        let mut tx = self.db.read().await?;
        let line = line_in_scope(tx.as_mut(), actor, id).await?;
        let view = view(tx.as_mut(), line, as_of).await?;
        tx.commit().await?;
        Ok(view)
    }
}

async fn view(
    tx: &mut dyn Tx,
    line: BudgetLineRow,
    as_of: Option<hamyar_domain::JalaliDate>,
) -> AppResult<BudgetLineView> {
    let figures = match as_of {
        None => line_figures_in_tx(tx, &line).await?,
        Some(date) => line_figures_as_of(tx, &line, &date.to_iso_string()).await?,
    };
    Ok(BudgetLineView {
        category: line_category(&line)?,
        line,
        figures,
    })
}

async fn insert_account(tx: &mut dyn Tx, account: &NewLedgerAccount) -> AppResult<AccountId> {
    Ok(tx.insert_ledger_account(account).await?)
}
