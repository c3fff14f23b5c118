//! The JSON API's budget per token: a token bucket that lets a program make `burst` calls at
//! once and then `per_second` calls a second, sustained. Each token has a bucket of its own,
//! so one program that runs wild is slowed alone and every other token keeps its full budget.
//! Like the login throttle, it lives in memory in the server process, reads time from the
//! injected clock (a test's fixed clock never refills it) and answers a refused call at once
//! with the wait, never sleeping.
//!
//! It sits here, below every area, because the [`crate::App`] holds it; the API tokens' area
//! asks it after a token has been found good. The map is bounded: when a new token arrives at
//! a full map, the buckets that are full again (they restrain nothing) are forgotten first;
//! if that is not enough, the fullest one goes — at worst a token is given its burst back.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use jiff::Timestamp;

use super::Refusal;
use crate::ids::ApiTokenId;

/// The per-token budget's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCallLimits {
    /// Calls a second a token may make, sustained.
    pub per_second: u32,
    /// Calls a token may make at once after a quiet spell.
    pub burst: u32,
    /// Tokens whose budgets are remembered at most.
    pub max_tracked: usize,
}

impl Default for ApiCallLimits {
    fn default() -> Self {
        Self {
            per_second: 20,
            burst: 100,
            max_tracked: 10_000,
        }
    }
}

impl ApiCallLimits {
    /// The first setting that is out of range, by field name, with what is wrong.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if self.per_second == 0 {
            return Some(("per_second", "must be at least 1".into()));
        }
        if self.burst == 0 {
            return Some(("burst", "must be at least 1".into()));
        }
        None
    }
}

/// Calls a token still owes at an instant; the debt drains at `per_second`.
#[derive(Debug, Clone, Copy)]
struct Debt {
    calls: f64,
    at: Timestamp,
}

impl Debt {
    fn at(&self, now: Timestamp, per_second: f64) -> f64 {
        let elapsed = now.duration_since(self.at).as_secs_f64().max(0.0);
        (self.calls - elapsed * per_second).max(0.0)
    }
}

/// The buckets of every token that called lately.
#[derive(Debug)]
pub struct ApiCallLimiter {
    limits: ApiCallLimits,
    debts: Mutex<HashMap<ApiTokenId, Debt>>,
}

impl ApiCallLimiter {
    pub fn new(limits: ApiCallLimits) -> Self {
        Self {
            limits,
            debts: Mutex::new(HashMap::new()),
        }
    }

    fn per_second(&self) -> f64 {
        f64::from(self.limits.per_second.max(1))
    }

    /// Charges one call to `token` at `now`, or refuses it with the seconds until one fits.
    pub fn admit(&self, token: ApiTokenId, now: Timestamp) -> Result<(), Refusal> {
        let per_second = self.per_second();
        let capacity = f64::from(self.limits.burst.max(1));
        let mut debts = self.debts.lock().unwrap_or_else(PoisonError::into_inner);
        let owed = debts.get(&token).map_or(0.0, |d| d.at(now, per_second));
        let excess = owed + 1.0 - capacity;
        if excess > 1e-9 {
            let wait = (excess / per_second).ceil() as u64;
            return Err(Refusal {
                retry_after_secs: wait.max(1),
            });
        }
        if !debts.contains_key(&token) && debts.len() >= self.limits.max_tracked.max(1) {
            make_room(&mut debts, now, per_second);
        }
        debts.insert(
            token,
            Debt {
                calls: owed + 1.0,
                at: now,
            },
        );
        Ok(())
    }

    /// How many tokens' budgets are remembered now (for tests).
    pub fn tracked(&self) -> usize {
        self.debts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// Forgets the buckets that are full again; if none is, the one that owes least.
fn make_room(debts: &mut HashMap<ApiTokenId, Debt>, now: Timestamp, per_second: f64) {
    debts.retain(|_, debt| debt.at(now, per_second) > 0.0);
    if debts.is_empty() {
        return;
    }
    let lightest = debts
        .iter()
        .min_by(|a, b| a.1.at(now, per_second).total_cmp(&b.1.at(now, per_second)))
        .map(|(token, _)| *token);
    if let Some(token) = lightest {
        debts.remove(&token);
    }
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::*;

    fn limiter(per_second: u32, burst: u32, max_tracked: usize) -> ApiCallLimiter {
        ApiCallLimiter::new(ApiCallLimits {
            per_second,
            burst,
            max_tracked,
        })
    }

    #[test]
    fn a_burst_passes_then_calls_wait_for_the_refill() {
        let limiter = limiter(2, 5, 10);
        let token = ApiTokenId::new(1);
        let start = Timestamp::UNIX_EPOCH;
        for _ in 0..5 {
            assert_eq!(limiter.admit(token, start), Ok(()));
        }
        assert_eq!(
            limiter.admit(token, start),
            Err(Refusal {
                retry_after_secs: 1
            })
        );
        let later = start + SignedDuration::from_millis(500);
        assert_eq!(limiter.admit(token, later), Ok(()));
        assert!(limiter.admit(token, later).is_err());
    }

    #[test]
    fn one_token_emptying_its_bucket_leaves_another_untouched() {
        let limiter = limiter(1, 3, 10);
        let start = Timestamp::UNIX_EPOCH;
        for _ in 0..3 {
            limiter.admit(ApiTokenId::new(1), start).unwrap();
        }
        assert!(limiter.admit(ApiTokenId::new(1), start).is_err());
        for _ in 0..3 {
            assert_eq!(limiter.admit(ApiTokenId::new(2), start), Ok(()));
        }
    }

    #[test]
    fn the_map_stays_within_its_bound() {
        let limiter = limiter(1, 10, 4);
        let start = Timestamp::UNIX_EPOCH;
        for key in 0..50 {
            limiter.admit(ApiTokenId::new(key), start).unwrap();
        }
        assert!(limiter.tracked() <= 4);
    }
}
