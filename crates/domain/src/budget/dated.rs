//! A budget line through time. Money is dated on the day it happened, which may be before the
//! day it is recorded, so a step back-dated to day D changes every figure from D on — and
//! "what is left today" is not enough to allow it: a commitment dated Tir must fit what was
//! left in Tir *and* on every later day, or the report as of some month end would show more
//! committed than budgeted, or more paid than committed. [`LineHistory`] holds a line's
//! figures at the end of each day something moved on it (read off its accounts' kept days)
//! and answers the dated forms of `LineFigures::can_commit` and `can_release`: the figures on
//! the step's day and on every later day with a movement must allow it.

use crate::JalaliDate;

use super::LineFigures;

/// The first day on which a dated step would take the line below zero, and the line's figures
/// at the end of that day (before the step).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub on: JalaliDate,
    pub figures: LineFigures,
}

/// A line's figures at the end of every day with a movement, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineHistory {
    days: Vec<(JalaliDate, LineFigures)>,
}

impl LineHistory {
    /// Builds the history from each day's change of the three figures (in any order; a day
    /// may appear more than once). `None` when a running sum leaves the range of `i64`.
    pub fn from_changes(
        changes: impl IntoIterator<Item = (JalaliDate, LineFigures)>,
    ) -> Option<Self> {
        let mut changes: Vec<(JalaliDate, LineFigures)> = changes.into_iter().collect();
        changes.sort_by_key(|(day, _)| *day);
        let mut days: Vec<(JalaliDate, LineFigures)> = Vec::with_capacity(changes.len());
        let mut running = LineFigures::default();
        for (day, change) in changes {
            running = LineFigures {
                budget_rials: running.budget_rials.checked_add(change.budget_rials)?,
                committed_rials: running
                    .committed_rials
                    .checked_add(change.committed_rials)?,
                outstanding_rials: running
                    .outstanding_rials
                    .checked_add(change.outstanding_rials)?,
            };
            match days.last_mut() {
                Some((last, figures)) if *last == day => *figures = running,
                _ => days.push((day, running)),
            }
        }
        Some(Self { days })
    }

    /// The figures at the end of `day`.
    pub fn on(&self, day: JalaliDate) -> LineFigures {
        let after = self.days.partition_point(|(moved, _)| *moved <= day);
        after
            .checked_sub(1)
            .map(|index| self.days[index].1)
            .unwrap_or_default()
    }

    /// The first day the line held any budget: its first allocation (or division in).
    pub fn first_funded_on(&self) -> Option<JalaliDate> {
        self.days
            .iter()
            .find(|(_, figures)| figures.budget_rials > 0)
            .map(|(day, _)| *day)
    }

    /// The figures on `day` and then on every later day with a movement.
    fn from(&self, day: JalaliDate) -> impl Iterator<Item = (JalaliDate, LineFigures)> + '_ {
        let later = self.days.partition_point(|(moved, _)| *moved <= day);
        std::iter::once((day, self.on(day))).chain(self.days[later..].iter().copied())
    }

    /// Whether `amount_rials` may be committed on `day`: it must fit what is left on that day
    /// and on every later one.
    pub fn can_commit_on(&self, day: JalaliDate, amount_rials: i64) -> Result<(), Shortfall> {
        match self
            .from(day)
            .find(|(_, figures)| !figures.can_commit(amount_rials))
        {
            Some((on, figures)) => Err(Shortfall { on, figures }),
            None => Ok(()),
        }
    }

    /// Whether the line may lose `cut_rials` of its budget on `day` (an amendment down or a
    /// division) without falling below what is committed on that day or any later one.
    pub fn can_release_on(&self, day: JalaliDate, cut_rials: i64) -> Result<(), Shortfall> {
        match self
            .from(day)
            .find(|(_, figures)| !figures.can_release(cut_rials))
        {
            Some((on, figures)) => Err(Shortfall { on, figures }),
            None => Ok(()),
        }
    }

    /// Whether `amount_rials` of open commitments may be paid on `day`: that much must be
    /// open on that day and on every later one.
    pub fn can_pay_on(&self, day: JalaliDate, amount_rials: i64) -> Result<(), Shortfall> {
        match self
            .from(day)
            .find(|(_, figures)| amount_rials <= 0 || figures.outstanding_rials < amount_rials)
        {
            Some((on, figures)) => Err(Shortfall { on, figures }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(1405, month, day).unwrap()
    }

    fn change(budget: i64, committed: i64, outstanding: i64) -> LineFigures {
        LineFigures {
            budget_rials: budget,
            committed_rials: committed,
            outstanding_rials: outstanding,
        }
    }

    #[test]
    fn a_commitment_must_fit_every_later_day_not_only_its_own() {
        // 100 allocated in Farvardin, 60 committed in Mehr; another 50 more in Azar.
        let history = LineHistory::from_changes([
            (day(1, 1), change(100, 0, 0)),
            (day(7, 1), change(0, 60, 60)),
            (day(9, 1), change(50, 0, 0)),
        ])
        .unwrap();
        // 50 in Tir: fits Tir (100 left) but not Mehr (only 40 left then).
        assert_eq!(
            history.can_commit_on(day(4, 1), 50),
            Err(Shortfall {
                on: day(7, 1),
                figures: change(100, 60, 60)
            })
        );
        assert_eq!(history.can_commit_on(day(4, 1), 40), Ok(()));
        // After the Azar allocation there is room for 90.
        assert_eq!(history.can_commit_on(day(9, 1), 90), Ok(()));
        assert!(history.can_commit_on(day(9, 1), 91).is_err());
        // Before any money, nothing fits.
        assert_eq!(
            history.can_commit_on(JalaliDate::new(1404, 12, 29).unwrap(), 1),
            Err(Shortfall {
                on: JalaliDate::new(1404, 12, 29).unwrap(),
                figures: LineFigures::default()
            })
        );
        assert_eq!(history.first_funded_on(), Some(day(1, 1)));
    }

    #[test]
    fn a_cut_and_a_payment_are_checked_on_every_later_day() {
        let history = LineHistory::from_changes([
            (day(1, 1), change(100, 0, 0)),
            (day(3, 1), change(0, 70, 70)),
            (day(5, 1), change(0, 0, -70)),
        ])
        .unwrap();
        assert!(history.can_release_on(day(2, 1), 30).is_ok());
        assert_eq!(
            history.can_release_on(day(2, 1), 31).unwrap_err().on,
            day(3, 1)
        );
        // 70 is open from Khordad until Mordad, when it was paid.
        assert!(history.can_pay_on(day(3, 1), 70).is_err());
        assert!(history.can_pay_on(day(2, 1), 1).is_err());
        assert_eq!(history.on(day(4, 31)).outstanding_rials, 70);
        assert_eq!(history.on(day(5, 1)).paid_rials(), 70);
    }

    #[test]
    fn changes_on_one_day_are_summed_and_order_does_not_matter() {
        let history = LineHistory::from_changes([
            (day(2, 1), change(0, 10, 10)),
            (day(1, 1), change(50, 0, 0)),
            (day(2, 1), change(0, 5, 5)),
        ])
        .unwrap();
        assert_eq!(history.on(day(2, 1)), change(50, 15, 15));
        assert_eq!(history.on(day(1, 31)), change(50, 0, 0));
        assert!(
            LineHistory::from_changes([
                (day(1, 1), change(i64::MAX, 0, 0)),
                (day(1, 2), change(1, 0, 0))
            ])
            .is_none()
        );
    }

    proptest! {
        /// Committing what `can_commit_on` allows never leaves a day with more committed
        /// than budgeted, whatever the order the steps were dated in.
        #[test]
        fn allowed_dated_commitments_never_overdraw_any_day(
            steps in proptest::collection::vec((0i64..120, 0u8..3, 1i64..1_000), 1..40),
        ) {
            let start = day(1, 1);
            let mut changes: Vec<(JalaliDate, LineFigures)> = Vec::new();
            for (offset, kind, amount) in steps {
                let on = start.add_days(offset);
                let history = LineHistory::from_changes(changes.clone()).unwrap();
                let step = match kind {
                    0 => Some(change(amount, 0, 0)),
                    1 => history.can_commit_on(on, amount).ok().map(|()| change(0, amount, amount)),
                    _ => history.can_release_on(on, amount).ok().map(|()| change(-amount, 0, 0)),
                };
                if let Some(step) = step {
                    changes.push((on, step));
                }
                let after = LineHistory::from_changes(changes.clone()).unwrap();
                for offset in 0..=120 {
                    prop_assert!(after.on(start.add_days(offset)).left_rials() >= 0);
                }
            }
        }
    }
}
