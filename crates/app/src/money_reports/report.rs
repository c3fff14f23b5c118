//! The budget report of one province and fiscal year, and the headline spending figure.

use hamyar_domain::budget::{BudgetCategory, LineFigures};
use hamyar_domain::{FiscalYear, JalaliDate};

use crate::access::{Actor, Permission, PlaceId};
use crate::budget::{line_category, line_figures_as_of, line_figures_in_tx, scope_reaches_line};
use crate::error::{AppError, AppResult};
use crate::places::{PlaceTree, load_tree};
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineFilter, BudgetLineId, BudgetLineRow};
use crate::service::App;

/// The five figures of a line or of a sum of lines, in rials.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportFigures {
    pub budget_rials: i64,
    pub committed_rials: i64,
    pub paid_rials: i64,
    /// Committed and not yet paid.
    pub open_commitments_rials: i64,
    /// Budget not yet committed.
    pub left_rials: i64,
}

impl ReportFigures {
    pub fn of_line(figures: &LineFigures) -> Self {
        Self {
            budget_rials: figures.budget_rials,
            committed_rials: figures.committed_rials,
            paid_rials: figures.paid_rials(),
            open_commitments_rials: figures.outstanding_rials,
            left_rials: figures.left_rials(),
        }
    }

    /// Adds another set of figures (checked: a sum out of range is an internal error).
    pub fn add(&mut self, other: &ReportFigures) -> AppResult<()> {
        let sum = |a: i64, b: i64| {
            a.checked_add(b)
                .ok_or_else(|| AppError::Internal("report total out of range".into()))
        };
        self.budget_rials = sum(self.budget_rials, other.budget_rials)?;
        self.committed_rials = sum(self.committed_rials, other.committed_rials)?;
        self.paid_rials = sum(self.paid_rials, other.paid_rials)?;
        self.open_commitments_rials =
            sum(self.open_commitments_rials, other.open_commitments_rials)?;
        self.left_rials = sum(self.left_rials, other.left_rials)?;
        Ok(())
    }
}

/// One line of the report: its id (the drill-down's handle), category and figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCell {
    pub line_id: BudgetLineId,
    pub category: BudgetCategory,
    pub figures: ReportFigures,
}

/// One place's lines: the province's own undivided lines («ستاد استان», `county_id` None)
/// or one county's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub county_id: Option<PlaceId>,
    pub place_code: String,
    pub place_name_fa: String,
    pub place_name_en: String,
    /// In category order; a category the place has no line for is absent.
    pub cells: Vec<ReportCell>,
    pub subtotal: ReportFigures,
}

impl ReportRow {
    pub fn cell(&self, category: BudgetCategory) -> Option<&ReportCell> {
        self.cells.iter().find(|cell| cell.category == category)
    }
}

/// Budget vs committed vs paid for one province and fiscal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetReport {
    pub fiscal_year: i32,
    pub province_id: PlaceId,
    pub province_code: String,
    pub province_name_fa: String,
    pub province_name_en: String,
    /// The day the figures are as of (end of day); `None` means now.
    pub as_of: Option<JalaliDate>,
    /// The province's own row first (when the actor sees it), then counties in tree order.
    pub rows: Vec<ReportRow>,
    /// One entry per category that has a line in the report, in category order.
    pub category_totals: Vec<(BudgetCategory, ReportFigures)>,
    pub total: ReportFigures,
}

/// Spending on the headline categories (training, job preparation, strengthening): the sum
/// of what was committed against their lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadlineSpent {
    pub fiscal_year: i32,
    pub as_of: Option<JalaliDate>,
    pub total_rials: i64,
    pub by_category: Vec<(BudgetCategory, i64)>,
}

/// The line's figures now or at the end of `as_of`.
pub(super) async fn figures_of(
    tx: &mut dyn Tx,
    line: &BudgetLineRow,
    as_of: Option<JalaliDate>,
) -> AppResult<LineFigures> {
    match as_of {
        None => line_figures_in_tx(tx, line).await,
        Some(date) => line_figures_as_of(tx, line, &date.to_iso_string()).await,
    }
}

impl App {
    /// The budget report of a province for a fiscal year, now or as of the end of a day.
    pub async fn budget_report(
        &self,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
        as_of: Option<JalaliDate>,
    ) -> AppResult<BudgetReport> {
        actor.require(Permission::ViewMoney)?;
        if actor.scope.province().is_some_and(|own| own != province_id) {
            return Err(AppError::NotFound);
        }
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let province = tree
            .get(province_id)
            .filter(|place| place.kind == crate::access::ScopeKind::Province)
            .ok_or(AppError::NotFound)?
            .clone();
        let lines = tx
            .budget_lines(BudgetLineFilter {
                fiscal_year: Some(year.year()),
                province_id: Some(province_id),
                ..BudgetLineFilter::default()
            })
            .await?;
        let mut cells: Vec<(Option<PlaceId>, ReportCell)> = Vec::new();
        for line in lines
            .iter()
            .filter(|line| scope_reaches_line(actor.scope, line))
        {
            let figures = figures_of(tx.as_mut(), line, as_of).await?;
            cells.push((
                line.county_id,
                ReportCell {
                    line_id: line.id,
                    category: line_category(line)?,
                    figures: ReportFigures::of_line(&figures),
                },
            ));
        }
        tx.commit().await?;
        let rows = arrange_rows(&tree, &province, cells)?;
        let (category_totals, total) = totals(&rows)?;
        Ok(BudgetReport {
            fiscal_year: year.year(),
            province_id,
            province_code: province.code.clone(),
            province_name_fa: province.name_fa.clone(),
            province_name_en: province.name_en.clone(),
            as_of,
            rows,
            category_totals,
            total,
        })
    }

    /// What was committed this fiscal year against the headline categories' lines the
    /// actor sees — of one province, or of every province for a country-wide actor.
    pub async fn headline_spent(
        &self,
        actor: &Actor,
        province_id: Option<PlaceId>,
        year: FiscalYear,
        as_of: Option<JalaliDate>,
    ) -> AppResult<HeadlineSpent> {
        actor.require(Permission::ViewMoney)?;
        let mut tx = self.db.read().await?;
        let lines = tx
            .budget_lines(BudgetLineFilter {
                fiscal_year: Some(year.year()),
                province_id: province_id.or(actor.scope.province()),
                ..BudgetLineFilter::default()
            })
            .await?;
        let mut by_category: Vec<(BudgetCategory, i64)> = BudgetCategory::HEADLINE
            .iter()
            .map(|category| (*category, 0))
            .collect();
        for line in lines
            .iter()
            .filter(|line| scope_reaches_line(actor.scope, line))
        {
            let category = line_category(line)?;
            let Some(slot) = by_category.iter_mut().find(|(c, _)| *c == category) else {
                continue;
            };
            let committed = figures_of(tx.as_mut(), line, as_of).await?.committed_rials;
            slot.1 = slot
                .1
                .checked_add(committed)
                .ok_or_else(|| AppError::Internal("headline out of range".into()))?;
        }
        tx.commit().await?;
        let total_rials = by_category
            .iter()
            .try_fold(0i64, |sum, (_, amount)| sum.checked_add(*amount))
            .ok_or_else(|| AppError::Internal("headline out of range".into()))?;
        Ok(HeadlineSpent {
            fiscal_year: year.year(),
            as_of,
            total_rials,
            by_category,
        })
    }
}

/// Groups the cells into the province's row and one row per county (tree order), each with
/// its cells in category order and its subtotal.
fn arrange_rows(
    tree: &PlaceTree,
    province: &crate::places::Place,
    cells: Vec<(Option<PlaceId>, ReportCell)>,
) -> AppResult<Vec<ReportRow>> {
    let mut places: Vec<(Option<PlaceId>, String, String, String)> = vec![(
        None,
        province.code.clone(),
        "ستاد استان".to_owned(),
        "Province office".to_owned(),
    )];
    places.extend(tree.counties_of(province.id).map(|county| {
        (
            Some(county.id),
            county.code.clone(),
            county.name_fa.clone(),
            county.name_en.clone(),
        )
    }));
    let mut rows = Vec::new();
    for (county_id, code, name_fa, name_en) in places {
        let mut row_cells: Vec<ReportCell> = cells
            .iter()
            .filter(|(place, _)| *place == county_id)
            .map(|(_, cell)| cell.clone())
            .collect();
        if row_cells.is_empty() {
            continue;
        }
        row_cells.sort_by_key(|cell| category_rank(cell.category));
        let mut subtotal = ReportFigures::default();
        for cell in &row_cells {
            subtotal.add(&cell.figures)?;
        }
        rows.push(ReportRow {
            county_id,
            place_code: code,
            place_name_fa: name_fa,
            place_name_en: name_en,
            cells: row_cells,
            subtotal,
        });
    }
    Ok(rows)
}

fn category_rank(category: BudgetCategory) -> usize {
    BudgetCategory::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(usize::MAX)
}

type Totals = (Vec<(BudgetCategory, ReportFigures)>, ReportFigures);

fn totals(rows: &[ReportRow]) -> AppResult<Totals> {
    let mut by_category = Vec::new();
    let mut total = ReportFigures::default();
    for category in BudgetCategory::ALL {
        let mut sum = ReportFigures::default();
        let mut any = false;
        for cell in rows.iter().filter_map(|row| row.cell(category)) {
            sum.add(&cell.figures)?;
            any = true;
        }
        if any {
            total.add(&sum)?;
            by_category.push((category, sum));
        }
    }
    Ok((by_category, total))
}
