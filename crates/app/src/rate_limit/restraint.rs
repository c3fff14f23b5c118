//! The two rules the login throttle applies, each kept as a few numbers per key:
//! [`Backoff`] (a few free failures, then a wait that doubles with every further failure,
//! measured from the last one) for one account from one origin, and [`Bucket`] (a budget of
//! failures that refills steadily, so a burst is allowed and a steady stream is capped) for
//! one account from everywhere and for one address across accounts. Both say how strongly they
//! restrain right now ([`Restraint::weight`]), which is what the bounded table evicts by.

use jiff::{SignedDuration, Timestamp};

/// After this long without a failure, a backoff entry is forgotten (its failures no longer
/// count). The longest configurable wait is shorter, so nothing is forgotten while it waits.
pub(crate) const BACKOFF_FORGET_AFTER: SignedDuration = SignedDuration::from_hours(24);

/// How strongly an entry restrains at `now`; zero means it restrains nothing and forgetting
/// it changes no answer.
pub(crate) trait Restraint {
    fn weight(&self, now: Timestamp) -> f64;
}

/// Failures of one account from one origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Backoff {
    pub failures: u32,
    pub last: Timestamp,
}

impl Restraint for Backoff {
    fn weight(&self, now: Timestamp) -> f64 {
        if now.duration_since(self.last) >= BACKOFF_FORGET_AFTER {
            0.0
        } else {
            f64::from(self.failures)
        }
    }
}

/// The growing-delay rule: `free` failures cost nothing, then the k-th further failure
/// (k = 0, 1, …) makes the next attempt wait `first · 2^k`, at most `max`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BackoffRule {
    pub free: u32,
    pub first: SignedDuration,
    pub max: SignedDuration,
}

impl BackoffRule {
    /// The wait that `failures` failures impose after the last one.
    pub fn delay_after(&self, failures: u32) -> SignedDuration {
        let Some(beyond) = failures.checked_sub(self.free) else {
            return SignedDuration::ZERO;
        };
        let factor = 2_i32.saturating_pow(beyond.min(30));
        self.first.saturating_mul(factor).min(self.max)
    }

    /// Seconds until `state` lets another attempt through, or `None` when it does now.
    pub fn wait(&self, state: Option<&Backoff>, now: Timestamp) -> Option<u64> {
        let state = state.filter(|s| s.weight(now) > 0.0)?;
        let ready = state
            .last
            .saturating_add(self.delay_after(state.failures))
            .ok()?;
        seconds_until(now, ready)
    }

    /// The state with one failure undone (an attempt never checked), or `None` when no
    /// failure is left.
    pub fn uncharge(&self, state: &Backoff) -> Option<Backoff> {
        let failures = state.failures.checked_sub(1).filter(|n| *n > 0)?;
        Some(Backoff { failures, ..*state })
    }

    /// The state after one more failure at `now`.
    pub fn charge(&self, state: Option<&Backoff>, now: Timestamp) -> Backoff {
        let failures = state
            .filter(|s| s.weight(now) > 0.0)
            .map_or(0, |s| s.failures);
        Backoff {
            failures: failures.saturating_add(1),
            last: now,
        }
    }
}

/// A refilling budget of failures: `debt` failures owed at `at`, paid back at
/// `refill_per_sec`; an attempt is let through while one more failure fits in `capacity`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bucket {
    debt: f64,
    at: Timestamp,
    refill_per_sec: f64,
}

impl Bucket {
    fn empty(refill_per_sec: f64, now: Timestamp) -> Self {
        Self {
            debt: 0.0,
            at: now,
            refill_per_sec,
        }
    }

    /// The failures still owed at `now`.
    pub fn debt(&self, now: Timestamp) -> f64 {
        let elapsed = now.duration_since(self.at).as_secs_f64().max(0.0);
        (self.debt - elapsed * self.refill_per_sec).max(0.0)
    }

    fn with_debt(&self, debt: f64, now: Timestamp) -> Self {
        Self {
            debt: debt.max(0.0),
            at: now,
            refill_per_sec: self.refill_per_sec,
        }
    }

    /// The same budget with one failure given back (a success, or an attempt never checked).
    pub fn refunded(&self, now: Timestamp) -> Self {
        self.with_debt(self.debt(now) - 1.0, now)
    }
}

impl Restraint for Bucket {
    fn weight(&self, now: Timestamp) -> f64 {
        self.debt(now)
    }
}

/// The budget rule: `per_hour` failures, refilled evenly over the hour.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BucketRule {
    pub per_hour: u32,
}

impl BucketRule {
    fn capacity(&self) -> f64 {
        f64::from(self.per_hour)
    }

    pub fn refill_per_sec(&self) -> f64 {
        self.capacity() / 3600.0
    }

    /// Seconds until one more failure fits, or `None` when it fits now.
    pub fn wait(&self, state: Option<&Bucket>, now: Timestamp) -> Option<u64> {
        let debt = state.map_or(0.0, |s| s.debt(now));
        let excess = debt + 1.0 - self.capacity();
        if excess <= 1e-9 {
            return None;
        }
        Some(((excess / self.refill_per_sec()).ceil() as u64).max(1))
    }

    /// The state after one more failure at `now`.
    pub fn charge(&self, state: Option<&Bucket>, now: Timestamp) -> Bucket {
        let current = state
            .copied()
            .unwrap_or_else(|| Bucket::empty(self.refill_per_sec(), now));
        current.with_debt(current.debt(now) + 1.0, now)
    }
}

/// Whole seconds (rounded up) from `now` until `then`, or `None` when `then` has come.
fn seconds_until(now: Timestamp, then: Timestamp) -> Option<u64> {
    let remaining = then.duration_since(now);
    if remaining <= SignedDuration::ZERO {
        return None;
    }
    let secs = remaining.as_secs() as u64;
    Some(if remaining.subsec_nanos() > 0 {
        secs + 1
    } else {
        secs
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> BackoffRule {
        BackoffRule {
            free: 3,
            first: SignedDuration::from_secs(30),
            max: SignedDuration::from_mins(10),
        }
    }

    #[test]
    fn backoff_doubles_after_the_free_failures_up_to_the_maximum() {
        let rule = rule();
        let delays: Vec<i64> = (0..10).map(|n| rule.delay_after(n).as_secs()).collect();
        assert_eq!(delays, [0, 0, 0, 30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(rule.delay_after(u32::MAX), SignedDuration::from_mins(10));
    }

    #[test]
    fn a_backoff_wait_counts_from_the_last_failure_and_ends() {
        let rule = rule();
        let start = Timestamp::UNIX_EPOCH;
        let mut state = None;
        for _ in 0..3 {
            assert_eq!(rule.wait(state.as_ref(), start), None);
            state = Some(rule.charge(state.as_ref(), start));
        }
        assert_eq!(rule.wait(state.as_ref(), start), Some(30));
        let later = start + SignedDuration::from_secs(20);
        assert_eq!(rule.wait(state.as_ref(), later), Some(10));
        let ready = start + SignedDuration::from_secs(30);
        assert_eq!(rule.wait(state.as_ref(), ready), None);
        state = Some(rule.charge(state.as_ref(), ready));
        assert_eq!(rule.wait(state.as_ref(), ready), Some(60));
    }

    #[test]
    fn a_quiet_day_forgets_a_backoff() {
        let rule = rule();
        let start = Timestamp::UNIX_EPOCH;
        let state = Backoff {
            failures: 9,
            last: start,
        };
        let next_day = start + BACKOFF_FORGET_AFTER;
        assert_eq!(state.weight(next_day), 0.0);
        assert_eq!(rule.charge(Some(&state), next_day).failures, 1);
    }

    #[test]
    fn a_bucket_lets_a_burst_through_then_refills_evenly() {
        let rule = BucketRule { per_hour: 6 };
        let start = Timestamp::UNIX_EPOCH;
        let mut state = None;
        for _ in 0..6 {
            assert_eq!(rule.wait(state.as_ref(), start), None);
            state = Some(rule.charge(state.as_ref(), start));
        }
        assert_eq!(rule.wait(state.as_ref(), start), Some(600));
        let later = start + SignedDuration::from_mins(10);
        assert_eq!(rule.wait(state.as_ref(), later), None);
        let refunded = state.unwrap().refunded(start);
        assert_eq!(rule.wait(Some(&refunded), start), None);
    }
}
