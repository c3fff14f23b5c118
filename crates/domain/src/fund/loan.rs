//! A loan from the fund: interest-free (قرض‌الحسنه) with a service fee (کارمزد) disclosed in
//! rials when it is given, paid back in instalments due on the same day of each following
//! Jalali month (clamped to a month's last day: a loan given on 31 Shahrivar is due on 30
//! Mehr). What she owes is the principal and the fee; what she has paid is applied to the
//! instalments in order, so the oldest unpaid instalment says how many days she is late.
//! Rescheduling spreads what she still owes over new months; the old schedule stays on record.

use serde::Serialize;

use crate::jalali::JalaliDate;
use crate::money::Rials;
use crate::training::follow_up::months_after;

/// Days late after which a loan counts in the portfolio at risk (PAR > 30 days).
pub const AT_RISK_AFTER_DAYS: i64 = 30;

/// How a loan was allocated among those who asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Allocation {
    /// By the order the members agreed.
    Turn,
    /// By a recorded draw.
    Lottery,
}

impl Allocation {
    pub fn code(self) -> &'static str {
        match self {
            Allocation::Turn => "turn",
            Allocation::Lottery => "lottery",
        }
    }

    pub fn parse(code: &str) -> Option<Allocation> {
        match code {
            "turn" => Some(Allocation::Turn),
            "lottery" => Some(Allocation::Lottery),
            _ => None,
        }
    }
}

/// One instalment: its number from 1, the day it falls due and what is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Instalment {
    pub number: u16,
    pub due_on: JalaliDate,
    pub amount: Rials,
}

/// The service fee on a principal at `basis_points` (hundredths of a percent), rounded to
/// the nearest rial, halves up.
pub fn service_fee(principal: Rials, basis_points: u32) -> Rials {
    let product = i128::from(principal.value()) * i128::from(basis_points);
    let rounded = (product + 5_000) / 10_000;
    Rials::new(i64::try_from(rounded).unwrap_or(i64::MAX))
}

/// `owed` spread over `months` instalments due month by month after `from`: equal parts,
/// the rials that do not divide evenly added to the last. Empty for zero months or nothing
/// owed.
pub fn schedule(owed: Rials, months: u8, from: JalaliDate) -> Vec<Instalment> {
    if months == 0 || owed.value() <= 0 {
        return Vec::new();
    }
    let count = i64::from(months);
    let part = owed.value() / count;
    let remainder = owed.value() - part * count;
    (1..=months)
        .filter_map(|number| {
            let amount = if number == months {
                part + remainder
            } else {
                part
            };
            (amount > 0).then(|| Instalment {
                number: u16::from(number),
                due_on: months_after(from, number),
                amount: Rials::new(amount),
            })
        })
        .collect()
}

/// What fell due on or before `day`.
pub fn due_by(instalments: &[Instalment], day: JalaliDate) -> i64 {
    instalments
        .iter()
        .filter(|instalment| instalment.due_on <= day)
        .map(|instalment| instalment.amount.value())
        .sum()
}

/// How many days late she is on `day`, having paid (and been forgiven) `settled` in all: the
/// days since the first instalment her payments do not cover fell due; zero when none has.
pub fn days_late(instalments: &[Instalment], settled: i64, day: JalaliDate) -> i64 {
    let mut covered = settled;
    for instalment in instalments {
        if covered >= instalment.amount.value() {
            covered -= instalment.amount.value();
            continue;
        }
        return if instalment.due_on < day {
            instalment.due_on.days_until(day)
        } else {
            0
        };
    }
    0
}

/// The state of one loan on a day, from its schedule and what was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LoanStanding {
    /// Principal and fee.
    pub owed: i64,
    pub repaid: i64,
    pub written_off: i64,
    pub days_late: i64,
}

impl LoanStanding {
    /// What is still to be paid.
    pub fn outstanding(&self) -> i64 {
        (self.owed - self.repaid - self.written_off).max(0)
    }

    /// Whether it counts in the portfolio at risk: still owed and more than 30 days late.
    pub fn at_risk(&self) -> bool {
        self.outstanding() > 0 && self.days_late > AT_RISK_AFTER_DAYS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> JalaliDate {
        JalaliDate::parse(text).unwrap()
    }

    #[test]
    fn a_fee_of_two_and_a_half_percent_rounds_to_the_rial() {
        assert_eq!(
            service_fee(Rials::new(10_000_000), 250),
            Rials::new(250_000)
        );
        assert_eq!(service_fee(Rials::new(3), 2_000), Rials::new(1));
        assert_eq!(service_fee(Rials::new(1), 4_999), Rials::new(0));
    }

    #[test]
    fn instalments_fall_monthly_and_the_remainder_goes_last() {
        let plan = schedule(Rials::new(1_000), 3, day("1405/06/31"));
        let amounts: Vec<_> = plan.iter().map(|i| i.amount.value()).collect();
        assert_eq!(amounts, [333, 333, 334]);
        assert_eq!(plan[0].due_on, day("1405/07/30"));
        assert_eq!(plan[2].due_on, day("1405/09/30"));
    }

    #[test]
    fn lateness_counts_from_the_first_uncovered_instalment() {
        let plan = schedule(Rials::new(900), 3, day("1405/01/10"));
        assert_eq!(days_late(&plan, 0, day("1405/02/10")), 0);
        assert_eq!(days_late(&plan, 0, day("1405/02/20")), 10);
        assert_eq!(days_late(&plan, 300, day("1405/02/20")), 0);
        assert_eq!(days_late(&plan, 900, day("1406/01/01")), 0);
    }

    proptest! {
        #[test]
        fn a_schedule_adds_up_to_what_is_owed(owed in 1i64..10_000_000_000, months in 1u8..=24) {
            let plan = schedule(Rials::new(owed), months, day("1405/03/31"));
            prop_assert_eq!(plan.iter().map(|i| i.amount.value()).sum::<i64>(), owed);
            prop_assert!(plan.windows(2).all(|w| w[0].due_on < w[1].due_on));
        }
    }
}
