//! What a course run cost per woman enrolled, per woman who completed and per hour delivered:
//! what the ledger paid for the run (payments *paid* that name it) divided by each count,
//! rounded to the nearest rial, and none where the count is zero. The one definition every
//! page, report and figure uses.

/// A run's costs per unit, in rials.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct RunCosts {
    pub paid_rials: i64,
    pub per_enrolled: Option<i64>,
    pub per_completer: Option<i64>,
    pub per_hour: Option<i64>,
}

fn per(paid: i64, count: i64) -> Option<i64> {
    (count > 0).then(|| {
        let (paid, count) = (i128::from(paid), i128::from(count));
        i64::try_from((2 * paid + count) / (2 * count)).unwrap_or(i64::MAX)
    })
}

impl RunCosts {
    /// The costs of a run that was paid `paid_rials` for `enrolled` women (dropouts
    /// included: their seats were paid for), `completed` completers and `hours` delivered.
    pub fn of(paid_rials: i64, enrolled: i64, completed: i64, hours: i64) -> Self {
        RunCosts {
            paid_rials,
            per_enrolled: per(paid_rials, enrolled),
            per_completer: per(paid_rials, completed),
            per_hour: per(paid_rials, hours),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_divide_what_was_paid_and_round_to_the_nearest_rial() {
        let costs = RunCosts::of(100_000_000, 3, 2, 40);
        assert_eq!(costs.per_enrolled, Some(33_333_333));
        assert_eq!(costs.per_completer, Some(50_000_000));
        assert_eq!(costs.per_hour, Some(2_500_000));
        assert_eq!(
            RunCosts::of(5, 2, 0, 0).per_enrolled,
            Some(3),
            "2.5 rounds up"
        );
    }

    #[test]
    fn nothing_is_divided_by_zero() {
        let costs = RunCosts::of(1_000, 0, 0, 0);
        assert_eq!(
            (costs.per_enrolled, costs.per_completer, costs.per_hour),
            (None, None, None)
        );
        assert_eq!(RunCosts::of(0, 3, 1, 8).per_completer, Some(0));
    }
}
