//! Login throttling, per client address and per account, so that guessing passwords is slow
//! from one machine and slow against one account from many. Counters live in memory in the
//! server process (a restart forgets them, which only ever helps a legitimate user); time
//! comes from the injected clock so tests can move it.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThrottleLimits {
    /// The sliding window in which attempts are counted.
    pub window_minutes: i64,
    /// Failed logins on one account within the window before it is locked for the window.
    pub max_failures_per_account: usize,
    /// Login attempts (successful or not) from one address within the window.
    pub max_attempts_per_address: usize,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self {
            window_minutes: 15,
            max_failures_per_account: 5,
            max_attempts_per_address: 30,
        }
    }
}

/// Bound on remembered keys, so a flood of distinct usernames cannot exhaust memory.
const MAX_TRACKED_KEYS: usize = 50_000;

#[derive(Debug)]
pub struct LoginThrottle {
    limits: ThrottleLimits,
    by_address: Mutex<HashMap<String, VecDeque<Timestamp>>>,
    by_account: Mutex<HashMap<String, VecDeque<Timestamp>>>,
}

impl LoginThrottle {
    pub fn new(limits: ThrottleLimits) -> Self {
        Self {
            limits,
            by_address: Mutex::new(HashMap::new()),
            by_account: Mutex::new(HashMap::new()),
        }
    }

    fn window(&self) -> SignedDuration {
        SignedDuration::from_mins(self.limits.window_minutes)
    }

    /// Records an attempt from `address` and says whether it may proceed; when not, how
    /// many seconds until it may.
    pub fn admit(&self, address: &str, account: &str, now: Timestamp) -> Result<(), u64> {
        let window = self.window();
        let mut accounts = self.by_account.lock().expect("throttle mutex poisoned");
        if let Some(wait) = blocked_for(
            &mut accounts,
            account,
            self.limits.max_failures_per_account,
            now,
            window,
        ) {
            return Err(wait);
        }
        drop(accounts);
        let mut addresses = self.by_address.lock().expect("throttle mutex poisoned");
        if let Some(wait) = blocked_for(
            &mut addresses,
            address,
            self.limits.max_attempts_per_address,
            now,
            window,
        ) {
            return Err(wait);
        }
        record(&mut addresses, address, now);
        Ok(())
    }

    /// Records a failed login on `account`.
    pub fn record_failure(&self, account: &str, now: Timestamp) {
        let mut accounts = self.by_account.lock().expect("throttle mutex poisoned");
        record(&mut accounts, account, now);
    }

    /// A successful login clears the account's failures.
    pub fn record_success(&self, account: &str) {
        self.by_account
            .lock()
            .expect("throttle mutex poisoned")
            .remove(account);
    }
}

fn record(map: &mut HashMap<String, VecDeque<Timestamp>>, key: &str, now: Timestamp) {
    if map.len() >= MAX_TRACKED_KEYS && !map.contains_key(key) {
        map.clear();
    }
    map.entry(key.to_owned()).or_default().push_back(now);
}

/// Drops events older than the window; if `limit` remain, returns the seconds until the
/// oldest leaves the window.
fn blocked_for(
    map: &mut HashMap<String, VecDeque<Timestamp>>,
    key: &str,
    limit: usize,
    now: Timestamp,
    window: SignedDuration,
) -> Option<u64> {
    let events = map.get_mut(key)?;
    while events
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        events.pop_front();
    }
    if events.len() < limit {
        return None;
    }
    let oldest = *events.front()?;
    let remaining = window - now.duration_since(oldest);
    Some(remaining.as_secs().max(1) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> LoginThrottle {
        LoginThrottle::new(ThrottleLimits {
            window_minutes: 15,
            max_failures_per_account: 3,
            max_attempts_per_address: 5,
        })
    }

    #[test]
    fn an_account_is_locked_after_repeated_failures_until_the_window_passes() {
        let limiter = throttle();
        let start = Timestamp::UNIX_EPOCH;
        for _ in 0..3 {
            assert!(limiter.admit("1.1.1.1", "sara", start).is_ok());
            limiter.record_failure("sara", start);
        }
        let wait = limiter.admit("2.2.2.2", "sara", start).unwrap_err();
        assert_eq!(wait, 15 * 60);
        let later = start + SignedDuration::from_mins(15);
        assert!(limiter.admit("2.2.2.2", "sara", later).is_ok());
    }

    #[test]
    fn one_address_is_limited_across_accounts() {
        let limiter = throttle();
        let now = Timestamp::UNIX_EPOCH;
        for i in 0..5 {
            assert!(limiter.admit("9.9.9.9", &format!("user{i}"), now).is_ok());
        }
        assert!(limiter.admit("9.9.9.9", "user9", now).is_err());
        assert!(limiter.admit("8.8.8.8", "user9", now).is_ok());
    }

    #[test]
    fn success_clears_an_accounts_failures() {
        let limiter = throttle();
        let now = Timestamp::UNIX_EPOCH;
        limiter.record_failure("sara", now);
        limiter.record_failure("sara", now);
        limiter.record_success("sara");
        limiter.record_failure("sara", now);
        assert!(limiter.admit("1.1.1.1", "sara", now).is_ok());
    }
}
