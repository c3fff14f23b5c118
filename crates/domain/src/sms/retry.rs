//! When to try a message again after its gateway failed for a reason that may pass (a
//! timeout, a server error): after 1, 5, 15, 60 and 240 minutes, and after the sixth failed
//! attempt it is given up as failed. A failure that will not pass (a number the provider
//! refuses) is not retried at all; that is the app's call, not this schedule's. The schedule
//! is deterministic so tests and the outbox page can say when the next attempt is.

/// What follows a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Try again this many seconds from now.
    RetryAfter { seconds: i64 },
    /// Stop: the message is failed.
    GiveUp,
}

/// The pauses between attempts and how many attempts are made in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrySchedule {
    delays_seconds: Vec<i64>,
    max_attempts: u32,
}

impl Default for RetrySchedule {
    fn default() -> Self {
        Self {
            delays_seconds: vec![60, 5 * 60, 15 * 60, 60 * 60, 240 * 60],
            max_attempts: 6,
        }
    }
}

impl RetrySchedule {
    /// A schedule with these pauses (the last repeats) and at most `max_attempts` attempts;
    /// `None` without pauses, with a negative one, or with no attempt at all.
    pub fn new(delays_seconds: Vec<i64>, max_attempts: u32) -> Option<RetrySchedule> {
        let valid = !delays_seconds.is_empty()
            && delays_seconds.iter().all(|delay| *delay >= 0)
            && max_attempts > 0;
        valid.then_some(Self {
            delays_seconds,
            max_attempts,
        })
    }

    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// What to do after attempt number `attempts_made` (1 for the first) failed.
    pub fn after_failure(&self, attempts_made: u32) -> RetryDecision {
        if attempts_made >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        let index = usize::try_from(attempts_made.saturating_sub(1)).unwrap_or(usize::MAX);
        let seconds = self
            .delays_seconds
            .get(index)
            .or(self.delays_seconds.last())
            .copied()
            .unwrap_or(0);
        RetryDecision::RetryAfter { seconds }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_default_waits_one_five_fifteen_sixty_and_two_hundred_forty_minutes_then_stops() {
        let schedule = RetrySchedule::default();
        let waits: Vec<RetryDecision> = (1..=6).map(|n| schedule.after_failure(n)).collect();
        assert_eq!(
            waits,
            [
                RetryDecision::RetryAfter { seconds: 60 },
                RetryDecision::RetryAfter { seconds: 300 },
                RetryDecision::RetryAfter { seconds: 900 },
                RetryDecision::RetryAfter { seconds: 3600 },
                RetryDecision::RetryAfter { seconds: 14400 },
                RetryDecision::GiveUp,
            ]
        );
    }

    #[test]
    fn the_last_pause_repeats_when_more_attempts_are_allowed() {
        let schedule = RetrySchedule::new(vec![10, 20], 5).unwrap();
        assert_eq!(
            schedule.after_failure(4),
            RetryDecision::RetryAfter { seconds: 20 }
        );
        assert_eq!(schedule.after_failure(5), RetryDecision::GiveUp);
        assert_eq!(RetrySchedule::new(Vec::new(), 3), None);
        assert_eq!(RetrySchedule::new(vec![-1], 3), None);
    }

    proptest! {
        #[test]
        fn pauses_never_shrink_and_the_schedule_always_ends(attempt in 1u32..100) {
            let schedule = RetrySchedule::default();
            match (schedule.after_failure(attempt), schedule.after_failure(attempt + 1)) {
                (RetryDecision::RetryAfter { seconds: now }, RetryDecision::RetryAfter { seconds: next }) => {
                    prop_assert!(next >= now)
                }
                (RetryDecision::GiveUp, later) => prop_assert_eq!(later, RetryDecision::GiveUp),
                (RetryDecision::RetryAfter { .. }, RetryDecision::GiveUp) => {}
            }
            prop_assert_eq!(schedule.after_failure(attempt.max(6)), RetryDecision::GiveUp);
        }
    }
}
