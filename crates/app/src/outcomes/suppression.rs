//! Small cells (issue 19): what an aggregate shown to a reader without personal data
//! (public relations, who lacks `Permission::ViewPersonalData`) must hide so that no woman
//! can be picked out of it. A cell of one breakdown counts women; a cell of fewer than
//! [`MIN_CELL_WOMEN`] (but not none) is hidden; when that leaves exactly one cell of a
//! breakdown hidden, its count and sums could be recovered by subtracting the others from
//! the total, so the smallest other cell that counts anybody is hidden with it. A total of
//! fewer than five is hidden as well (then every cell under it is too). An empty cell is
//! shown: it tells nothing about anybody.
//!
//! The rule is a pure function of the counts, so the report applies it to each figure of
//! each breakdown (every figure has its own number of women) and the property tests below
//! hold it to its promises.

/// The fewest women a cell shown to a reader without personal data may count.
pub const MIN_CELL_WOMEN: i64 = 5;

/// Whether a cell of `women` is small (fewer than five, not none).
pub fn is_small(women: i64) -> bool {
    women > 0 && women < MIN_CELL_WOMEN
}

/// Which cells of one breakdown (whose cells add up to its total) are hidden: the small
/// ones, and when exactly one is, the smallest other cell counting anybody (the first of
/// equals) — see the module documentation.
pub fn hidden_cells(women: &[i64]) -> Vec<bool> {
    let mut hidden: Vec<bool> = women.iter().map(|n| is_small(*n)).collect();
    if hidden.iter().filter(|h| **h).count() == 1 {
        let complement = women
            .iter()
            .enumerate()
            .filter(|(index, n)| !hidden[*index] && **n > 0)
            .min_by_key(|(index, n)| (**n, *index))
            .map(|(index, _)| index);
        if let Some(index) = complement {
            hidden[index] = true;
        }
    }
    hidden
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_lone_small_cell_takes_the_smallest_other_cell_with_it() {
        assert_eq!(
            hidden_cells(&[3, 12, 7, 0, 9]),
            [true, false, true, false, false]
        );
        assert_eq!(hidden_cells(&[3, 2, 12]), [true, true, false]);
        assert_eq!(hidden_cells(&[0, 12, 5]), [false, false, false]);
        assert_eq!(hidden_cells(&[4]), [true]);
        assert_eq!(hidden_cells(&[]), Vec::<bool>::new());
    }

    proptest! {
        /// Every small cell is hidden; a cell of five or more is hidden only as the one
        /// complement; an empty cell never is.
        #[test]
        fn small_cells_are_hidden_and_only_one_large_cell_goes_with_them(
            women in prop::collection::vec(0i64..40, 0..12),
        ) {
            let hidden = hidden_cells(&women);
            prop_assert_eq!(hidden.len(), women.len());
            let mut large_hidden = 0;
            for (n, h) in women.iter().zip(&hidden) {
                if is_small(*n) {
                    prop_assert!(*h);
                }
                if *n == 0 {
                    prop_assert!(!*h);
                }
                if *n >= MIN_CELL_WOMEN && *h {
                    large_hidden += 1;
                }
            }
            prop_assert!(large_hidden <= 1);
        }

        /// No hidden cell can be recovered by subtraction: with the total shown, a breakdown
        /// hides no cell or at least two; when only one cell could hold anybody it is the
        /// total, which is then small and hidden itself.
        #[test]
        fn no_breakdown_leaves_exactly_one_hidden_cell_beside_a_shown_total(
            women in prop::collection::vec(0i64..40, 0..12),
        ) {
            let hidden = hidden_cells(&women);
            let total: i64 = women.iter().sum();
            let count = hidden.iter().filter(|h| **h).count();
            if count == 1 {
                prop_assert!(is_small(total), "{:?}", women);
            }
        }
    }
}
