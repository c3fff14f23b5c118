//! A recorded draw (قرعه‌کشی) for who borrows when more members ask than the fund can lend.
//! The draw is a pure function of the seed and the candidates, so anyone holding the record
//! (who was in the draw, the seed, the number of places) can draw again and get the same
//! winners: the candidates are put in order of their ids, shuffled by Fisher–Yates with the
//! SplitMix64 generator started at the seed, and the first `seats` win, in that order.
//! The seed itself comes from the operating system's random source when the draw is made.

/// The most members one draw may hold.
pub const CANDIDATES_MAX: usize = 100;

/// The winners of a draw, in the order drawn. `seats` larger than the candidates draws all.
pub fn draw(seed: u64, candidates: &[i64], seats: usize) -> Vec<i64> {
    let mut pool: Vec<i64> = candidates.to_vec();
    pool.sort_unstable();
    pool.dedup();
    let mut state = seed;
    // Fisher–Yates from the end: each place takes a uniformly chosen one of those left.
    for last in (1..pool.len()).rev() {
        let bound = (last + 1) as u64;
        let pick = (next(&mut state) % bound) as usize;
        pool.swap(last, pick);
    }
    pool.reverse();
    pool.truncate(seats);
    pool
}

/// SplitMix64 (Steele, Lea and Flood, 2014): one step of the generator.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_same_seed_draws_the_same_winners_whatever_the_order_given() {
        let a = draw(42, &[5, 3, 9, 1], 2);
        let b = draw(42, &[1, 9, 3, 5], 2);
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn different_seeds_give_each_candidate_a_chance() {
        let mut first: std::collections::BTreeSet<i64> = Default::default();
        for seed in 0..200 {
            first.insert(draw(seed, &[1, 2, 3, 4], 1)[0]);
        }
        assert_eq!(first.len(), 4);
    }

    proptest! {
        #[test]
        fn winners_are_distinct_candidates(seed: u64, candidates in proptest::collection::vec(1i64..50, 0..20), seats in 0usize..25) {
            let winners = draw(seed, &candidates, seats);
            let mut unique = winners.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), winners.len());
            prop_assert!(winners.iter().all(|w| candidates.contains(w)));
            let distinct = { let mut c = candidates.clone(); c.sort_unstable(); c.dedup(); c.len() };
            prop_assert_eq!(winners.len(), seats.min(distinct));
        }
    }
}
