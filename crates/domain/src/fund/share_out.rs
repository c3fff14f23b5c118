//! The share-out (تقسیم سود و پس‌انداز) at the end of a cycle. Every loan must be repaid or
//! written off first. What is divided is everything the fund holds except the social fund,
//! which the members keep for the next cycle: the cash in the box and the bank, less the social
//! fund. Each member receives it in proportion to the shares she bought in the cycle, in whole
//! rials: each gets the floor of her exact part, and the rials left over go one each to the
//! largest fractions (ties to the lower woman id), so the payouts add up to exactly what was
//! divided — never a rial more or less. Her part less her savings is her share of the surplus
//! (negative when the cycle lost money).

use serde::Serialize;

/// One member's part of a share-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShareOutLine {
    pub woman_id: i64,
    pub shares: i64,
    /// Her savings in the cycle before the share-out.
    pub savings: i64,
    /// What she is paid.
    pub payout: i64,
}

impl ShareOutLine {
    /// Her share of the surplus (payout less savings).
    pub fn profit(&self) -> i64 {
        self.payout - self.savings
    }
}

/// Divides `distributable` among `members` (woman id, shares, savings) in proportion to
/// shares. With no shares at all, nothing can be divided: `None`.
pub fn divide(distributable: i64, members: &[(i64, i64, i64)]) -> Option<Vec<ShareOutLine>> {
    let total_shares: i128 = members
        .iter()
        .map(|(_, shares, _)| i128::from(*shares))
        .sum();
    if total_shares <= 0 || distributable < 0 || members.iter().any(|(_, s, _)| *s < 0) {
        return None;
    }
    let amount = i128::from(distributable);
    let mut lines: Vec<(ShareOutLine, i128)> = members
        .iter()
        .map(|&(woman_id, shares, savings)| {
            let exact = amount * i128::from(shares);
            let floor = exact / total_shares;
            let remainder = exact % total_shares;
            (
                ShareOutLine {
                    woman_id,
                    shares,
                    savings,
                    payout: i64::try_from(floor).unwrap_or(i64::MAX),
                },
                remainder,
            )
        })
        .collect();
    let given: i128 = lines.iter().map(|(line, _)| i128::from(line.payout)).sum();
    let mut left = usize::try_from(amount - given).ok()?;
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| {
        lines[b]
            .1
            .cmp(&lines[a].1)
            .then(lines[a].0.woman_id.cmp(&lines[b].0.woman_id))
    });
    for index in order {
        if left == 0 {
            break;
        }
        if lines[index].1 > 0 {
            lines[index].0.payout += 1;
            left -= 1;
        }
    }
    Some(lines.into_iter().map(|(line, _)| line).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parts_follow_shares_and_the_odd_rials_go_to_the_largest_fractions() {
        let lines = divide(1_000, &[(1, 1, 300), (2, 1, 300), (3, 1, 300)]).unwrap();
        let payouts: Vec<_> = lines.iter().map(|l| l.payout).collect();
        assert_eq!(payouts, [334, 333, 333]);
        assert_eq!(lines[0].profit(), 34);
    }

    #[test]
    fn nothing_is_divided_without_shares() {
        assert_eq!(divide(100, &[(1, 0, 0)]), None);
    }

    proptest! {
        #[test]
        fn the_payouts_add_up_to_exactly_what_is_divided(
            distributable in 0i64..100_000_000_000,
            shares in proptest::collection::vec(0i64..500, 1..30),
        ) {
            let members: Vec<_> = shares.iter().enumerate().map(|(i, s)| (i as i64 + 1, *s, s * 1_000)).collect();
            match divide(distributable, &members) {
                None => prop_assert!(shares.iter().all(|s| *s == 0)),
                Some(lines) => {
                    prop_assert_eq!(lines.iter().map(|l| l.payout).sum::<i64>(), distributable);
                    let total: i64 = shares.iter().sum();
                    for line in &lines {
                        let exact = distributable as f64 * line.shares as f64 / total as f64;
                        prop_assert!((line.payout as f64 - exact).abs() < 1.0 + 1e-6);
                    }
                }
            }
        }
    }
}
