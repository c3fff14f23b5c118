//! The programme's budget lines: the five spending categories a fiscal year's budget is divided
//! into, and the arithmetic of a line (what is left = allocated − committed). A line belongs to
//! one fiscal year, one province and optionally one county; its money lives on three ledger
//! accounts (budget, expense, open commitments), so every figure here is read off the ledger
//! and only the rules live in this module.

mod dated;

pub use dated::{LineHistory, Shortfall};

use crate::registry::codes::coded_list;

coded_list! {
    /// What a budget line pays for (DOMAIN: budget lines).
    pub enum BudgetCategory ("ردیف بودجه", "budget category") {
        /// Courses, technical-vocational training, life skills.
        Training => "training", "آموزش", "Training", ["آموزشی"];
        /// Training plus working capital toward a chosen job.
        JobPreparation => "job_preparation", "آماده‌سازی شغلی", "Job preparation", ["آماده سازی شغلی", "اشتغال"];
        /// Non-repayable working-capital grants to groups and women.
        Grant => "grant", "سرمایه کار بلاعوض", "Working-capital grant", ["کمک بلاعوض", "بلاعوض"];
        /// Forming groups and strengthening them.
        Strengthening => "strengthening", "تقویت و تشکیل گروه", "Strengthening and forming groups", ["تقویت گروه", "تشکیل گروه"];
        /// Anything else.
        Other => "other", "سایر", "Other";
    }
}

impl BudgetCategory {
    /// The categories whose spending the press summary reports as "spent on training, job
    /// preparation and strengthening the groups".
    pub const HEADLINE: [BudgetCategory; 3] = [
        BudgetCategory::Training,
        BudgetCategory::JobPreparation,
        BudgetCategory::Strengthening,
    ];
}

/// The figures of one budget line, in rials, read off its three ledger accounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct LineFigures {
    /// Allocated to the line, after amendments and divisions to counties.
    pub budget_rials: i64,
    /// Approved against the line (commitments, paid or not).
    pub committed_rials: i64,
    /// Approved and not yet paid.
    pub outstanding_rials: i64,
}

impl LineFigures {
    /// Paid out of the line: approved minus what is still open.
    pub fn paid_rials(&self) -> i64 {
        self.committed_rials.saturating_sub(self.outstanding_rials)
    }

    /// What may still be committed against the line.
    pub fn left_rials(&self) -> i64 {
        self.budget_rials.saturating_sub(self.committed_rials)
    }

    /// Whether committing `amount` more would take the line below zero.
    pub fn can_commit(&self, amount_rials: i64) -> bool {
        amount_rials > 0
            && self
                .committed_rials
                .checked_add(amount_rials)
                .is_some_and(|committed| committed <= self.budget_rials)
    }

    /// Whether the line may lose `cut_rials` of its budget (an amendment down or a division to
    /// a county) without falling below what is already committed.
    pub fn can_release(&self, cut_rials: i64) -> bool {
        cut_rials > 0
            && self
                .budget_rials
                .checked_sub(cut_rials)
                .is_some_and(|budget| budget >= self.committed_rials)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn categories_parse_from_persian_labels_and_codes() {
        assert_eq!(
            BudgetCategory::parse("آماده سازی شغلی"),
            Some(BudgetCategory::JobPreparation)
        );
        assert_eq!(
            BudgetCategory::parse("training"),
            Some(BudgetCategory::Training)
        );
        assert_eq!(BudgetCategory::parse("بلاعوض"), Some(BudgetCategory::Grant));
        assert_eq!(BudgetCategory::parse("وام"), None);
    }

    #[test]
    fn a_line_can_be_spent_exactly_to_zero_and_not_beyond() {
        let line = LineFigures {
            budget_rials: 1_000,
            committed_rials: 400,
            outstanding_rials: 100,
        };
        assert_eq!(line.left_rials(), 600);
        assert_eq!(line.paid_rials(), 300);
        assert!(line.can_commit(600));
        assert!(!line.can_commit(601));
        assert!(!line.can_commit(0));
        assert!(line.can_release(600));
        assert!(!line.can_release(601));
    }

    proptest! {
        #[test]
        fn committing_what_can_be_committed_never_leaves_a_line_below_zero(
            budget in 0i64..1_000_000_000_000,
            committed in 0i64..1_000_000_000_000,
            amount in -10i64..1_000_000_000_000,
        ) {
            let line = LineFigures { budget_rials: budget, committed_rials: committed, outstanding_rials: 0 };
            if line.can_commit(amount) {
                let after = LineFigures { committed_rials: committed + amount, ..line };
                prop_assert!(after.left_rials() >= 0);
            }
            if line.can_release(amount) {
                let after = LineFigures { budget_rials: budget - amount, ..line };
                prop_assert!(after.left_rials() >= 0);
            }
        }
    }
}
