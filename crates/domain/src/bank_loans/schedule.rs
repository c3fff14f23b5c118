//! The instalment schedule of a disbursed loan and what she is behind by.
//!
//! She repays the amount paid out plus the disclosed fee in `term` equal monthly instalments,
//! the first one Jalali month after the disbursement and each on the same day of the months
//! that follow (the month's last day when it is shorter: a loan paid out on 31 Shahrivar falls
//! due on 30 Mehr); the rials that do not divide evenly are added to the last instalment, so
//! the instalments add up to exactly what she owes. Month arithmetic is
//! [`months_after`](crate::training::follow_up::months_after), on [`JalaliDate`] — no leap
//! rules here.
//!
//! Payments are not matched to instalments one by one: what she has paid covers the earliest
//! instalments first, and an instalment due by a day and not covered is in arrears.

use crate::jalali::JalaliDate;
use crate::money::Rials;
use crate::training::follow_up::months_after;

/// One instalment due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instalment {
    /// 1 for the first.
    pub number: u8,
    pub due_on: JalaliDate,
    pub amount: Rials,
}

/// The schedule of `principal + fee` over `term_months` months from `disbursed_on`. Empty when
/// the term is zero or nothing is owed.
pub fn schedule(
    disbursed_on: JalaliDate,
    principal: Rials,
    fee: Rials,
    term_months: u8,
) -> Vec<Instalment> {
    let total = principal.value().saturating_add(fee.value());
    if term_months == 0 || total <= 0 {
        return Vec::new();
    }
    let each = total / i64::from(term_months);
    let last = total - each * i64::from(term_months - 1);
    (1..=term_months)
        .map(|number| Instalment {
            number,
            due_on: months_after(disbursed_on, number),
            amount: Rials::new(if number == term_months { last } else { each }),
        })
        .collect()
}

/// What she is behind by on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Arrears {
    /// The instalments due by the day that what she paid does not cover.
    pub instalments: u8,
    /// The rials of them not paid.
    pub rials: Rials,
    /// The earliest of them.
    pub since: Option<JalaliDate>,
}

/// Her arrears on `on`, having paid `paid` in all.
pub fn arrears(schedule: &[Instalment], paid: Rials, on: JalaliDate) -> Arrears {
    let mut covered = paid.value();
    let mut arrears = Arrears::default();
    let mut behind = 0_i64;
    for instalment in schedule.iter().filter(|i| i.due_on <= on) {
        let share = instalment.amount.value().min(covered.max(0));
        covered -= share;
        if share < instalment.amount.value() {
            arrears.instalments += 1;
            behind += instalment.amount.value() - share;
            arrears.since.get_or_insert(instalment.due_on);
        }
    }
    arrears.rials = Rials::new(behind);
    arrears
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    #[test]
    fn instalments_fall_monthly_from_the_disbursement_and_add_up_to_what_is_owed() {
        let plan = schedule(
            day(1405, 6, 31),
            Rials::new(100_000_000),
            Rials::new(4_000_001),
            12,
        );
        assert_eq!(plan.len(), 12);
        assert_eq!(plan[0].due_on, day(1405, 7, 30), "Mehr has 30 days");
        assert_eq!(plan[5].due_on, day(1405, 12, 29), "1405 is not a leap year");
        assert_eq!(
            plan[6].due_on,
            day(1406, 1, 31),
            "the day comes back in a long month"
        );
        assert_eq!(plan[11].due_on, day(1406, 6, 31));
        let total: i64 = plan.iter().map(|i| i.amount.value()).sum();
        assert_eq!(total, 104_000_001);
        assert_eq!(plan[0].amount, Rials::new(8_666_666));
        assert_eq!(plan[11].amount, Rials::new(8_666_675));
    }

    #[test]
    fn the_esfand_of_a_leap_year_keeps_its_thirtieth() {
        // 1403 is a leap year: a loan paid out on 30 Bahman 1403 falls due on 30 Esfand.
        let plan = schedule(day(1403, 11, 30), Rials::new(3), Rials::zero(), 3);
        assert_eq!(plan[0].due_on, day(1403, 12, 30));
        assert_eq!(plan[1].due_on, day(1404, 1, 30));
        assert!(schedule(day(1403, 11, 30), Rials::zero(), Rials::zero(), 3).is_empty());
    }

    #[test]
    fn payments_cover_the_earliest_instalments_and_the_rest_due_is_in_arrears() {
        let plan = schedule(day(1405, 1, 10), Rials::new(300), Rials::new(12), 3);
        assert_eq!(
            arrears(&plan, Rials::zero(), day(1405, 2, 9)),
            Arrears::default()
        );
        let late = arrears(&plan, Rials::new(50), day(1405, 3, 10));
        assert_eq!(late.instalments, 2);
        assert_eq!(late.rials, Rials::new(158));
        assert_eq!(late.since, Some(day(1405, 2, 10)));
        let on_time = arrears(&plan, Rials::new(208), day(1405, 3, 10));
        assert_eq!(on_time, Arrears::default());
        let ahead = arrears(&plan, Rials::new(312), day(1405, 2, 10));
        assert_eq!(ahead.instalments, 0);
    }
}
