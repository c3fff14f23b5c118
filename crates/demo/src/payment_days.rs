//! Which day each of the demo's payments was made and which groups it paid for, and the
//! year's budget lines as set — the plan of the money that both the payments
//! ([`crate::money`]) and the training they paid for ([`crate::training`]) follow, kept
//! apart so that neither of the two reaches into the other for it.

use hamyar_app::budget::BudgetLineView;
use hamyar_app::error::{AppError, AppResult};
use hamyar_domain::JalaliDate;
use hamyar_domain::budget::BudgetCategory;

use crate::plan::{GroupFate, PAYMENTS};
use crate::run::{DemoRun, Formed};

/// The year's budget as set: the day it took effect and the province's lines.
pub(crate) struct Budget {
    pub on: JalaliDate,
    lines: Vec<BudgetLineView>,
}

impl Budget {
    pub(crate) fn new(on: JalaliDate, lines: Vec<BudgetLineView>) -> Self {
        Self { on, lines }
    }

    /// The id of the line of `category`.
    pub(crate) fn line(
        &self,
        category: BudgetCategory,
    ) -> AppResult<hamyar_app::ports::budget::BudgetLineId> {
        self.lines
            .iter()
            .find(|view| view.category == category)
            .map(|view| view.line.id)
            .ok_or_else(|| AppError::Internal(format!("no {category:?} line")))
    }
}

/// The groups that run today, in plan order.
pub(crate) fn active(formed: &[Formed]) -> Vec<&Formed> {
    formed
        .iter()
        .filter(|g| matches!(g.fate, GroupFate::Active | GroupFate::Reactivated))
        .collect()
}

/// Days from the budget's day to today.
pub(crate) fn elapsed(run: &DemoRun<'_>) -> i64 {
    run.first_day().days_until(run.today).max(0)
}

/// The day the `n`-th payment's work was done and paid: spread from Farvardin to a little
/// before today. Each contract is approved some days before.
pub(crate) fn spent_on(run: &DemoRun<'_>, budget: &Budget, n: usize) -> JalaliDate {
    let steps = i64::try_from(PAYMENTS.len() + 1).unwrap_or(18);
    budget
        .on
        .add_days(elapsed(run) * i64::try_from(n + 1).unwrap_or(1) / steps)
        .min(run.today)
}

/// The two groups of the county expert's own county the `n`-th payment was for.
pub(crate) fn paid_for(formed: &[Formed], n: usize) -> Vec<&Formed> {
    let home: Vec<&Formed> = active(formed)
        .into_iter()
        .filter(|g| g.worker == 0)
        .collect();
    (0..2).map(|k| home[(n * 2 + k) % home.len()]).collect()
}
