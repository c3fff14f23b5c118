//! Login throttling: what makes password guessing slow without letting a stranger keep the
//! real user out. Only failures count; a success gives back what its attempt was charged.
//! Counters live in memory in the server process (a restart forgets them, which only ever
//! helps the legitimate user), time comes from the injected clock, and a refused attempt is
//! answered at once with the wait ("try again in N minutes") — nothing ever sleeps.
//!
//! Every attempt comes from an *origin*: either a browser that has logged into this account
//! before (it carries a known-device cookie, see `sessions.rs`), or otherwise the client's
//! address (an IPv6 address counts by its /64, what one household or host is given).
//!
//! - **Account × origin** ([`restraint::Backoff`]): `free_failures` failures cost nothing; then
//!   each further failure makes the next attempt from that origin on that account wait twice
//!   as long as the last (`first_delay_secs`, doubling, at most `max_delay_secs`), measured
//!   from the last failure. A success from the origin clears it; a day without failures
//!   forgets it.
//! - **Account, all unknown origins together** ([`restraint::Bucket`]): at most
//!   `account_failures_per_hour` failures, refilling evenly over the hour, so that guessing
//!   spread over many addresses gets at most that many guesses an hour (plus the first
//!   hour's burst). The settings are refused unless one address alone, even going as fast as
//!   its backoff allows forever, cannot empty this budget ([`ThrottleLimits::problem`]): an
//!   attacker at one address never keeps the user out from another address.
//! - **Address, all accounts together** (a bucket of `address_failures_per_hour`, generous
//!   enough for a whole office behind one NAT address mistyping at 8 AM): stops one address
//!   from trying one common password on every account.
//! - **A known device** is its own origin and is exempt from the account and address budgets:
//!   the user at her own computer is never locked out by strangers, however many addresses
//!   they use. A stolen device cookie only buys its own backoff, as any address has.
//!
//! An attempt is charged when it is admitted, before its password is checked, so a hundred
//! simultaneous attempts cannot all slip under a limit; [`LoginThrottle::settle`] then keeps
//! the charge (a failure), gives it back (a success), or undoes it (the attempt was never
//! checked, e.g. the hashing gate was full); an attempt whose client hung up before it was
//! settled keeps its charge, as a failure would. Memory stays bounded: each table holds at most
//! `max_tracked` keys and evicts by weight, never by age ([`table`]); only a checked failure
//! creates an entry, and invalid usernames only ever touch the address budget.

pub mod api_calls;
mod restraint;
mod table;

use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Mutex, PoisonError};

use jiff::{SignedDuration, Timestamp};

use restraint::{Backoff, BackoffRule, Bucket, BucketRule};
use table::Table;

pub use api_calls::{ApiCallLimiter, ApiCallLimits};

/// The throttle's settings (validated by [`ThrottleLimits::problem`] before use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThrottleLimits {
    /// Failures one origin may make on one account before waits begin.
    pub free_failures: u32,
    /// The first wait after the free failures; each further failure doubles it.
    pub first_delay_secs: i64,
    /// The longest wait one origin is given on one account.
    pub max_delay_secs: i64,
    /// Failures on one account from all origins without a known device, per hour.
    pub account_failures_per_hour: u32,
    /// Failures from one address over all accounts, per hour.
    pub address_failures_per_hour: u32,
    /// Keys each of the three tables remembers at most.
    pub max_tracked: usize,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self {
            free_failures: 5,
            first_delay_secs: 30,
            max_delay_secs: 3600,
            account_failures_per_hour: 20,
            address_failures_per_hour: 100,
            max_tracked: 50_000,
        }
    }
}

/// The longest wait that may be configured: shorter than the day after which a quiet
/// origin's failures are forgotten.
const LONGEST_DELAY_SECS: i64 = 12 * 3600;

impl ThrottleLimits {
    fn backoff(&self) -> BackoffRule {
        BackoffRule {
            free: self.free_failures,
            first: SignedDuration::from_secs(self.first_delay_secs),
            max: SignedDuration::from_secs(self.max_delay_secs),
        }
    }

    /// The most failures one address alone can owe the account budget at any moment, trying
    /// as fast as its backoff lets it, for ever.
    pub fn single_address_peak(&self) -> f64 {
        let backoff = self.backoff();
        let refill_per_sec = f64::from(self.account_failures_per_hour) / 3600.0;
        let mut debt: f64 = 0.0;
        let mut peak: f64 = 0.0;
        // Past the free failures the waits double from at least a second, so within 64 more
        // steps they have reached the maximum, where the debt can only fall (checked below).
        for failures in 0..self.free_failures.saturating_add(64) {
            let gap = backoff.delay_after(failures).as_secs_f64();
            debt = (debt - gap * refill_per_sec).max(0.0) + 1.0;
            peak = peak.max(debt);
        }
        peak
    }

    /// The first setting that is out of range, by field name, with what is wrong.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if self.free_failures == 0 {
            return Some(("free_failures", "must be at least 1".into()));
        }
        if self.first_delay_secs < 1 {
            return Some(("first_delay_secs", "must be at least 1 second".into()));
        }
        if self.max_delay_secs < self.first_delay_secs || self.max_delay_secs > LONGEST_DELAY_SECS {
            return Some((
                "max_delay_secs",
                format!(
                    "must be no shorter than the first delay and no longer than {} hours",
                    LONGEST_DELAY_SECS / 3600
                ),
            ));
        }
        if self.address_failures_per_hour == 0 {
            return Some(("address_failures_per_hour", "must be at least 1".into()));
        }
        let per_hour = i64::from(self.account_failures_per_hour);
        if per_hour * self.max_delay_secs < 3600 {
            return Some((
                "account_failures_per_hour",
                "must give back at least one failure per longest delay, or one address \
                 alone could use up the account's budget"
                    .into(),
            ));
        }
        let needed = (self.single_address_peak() + 1.0).ceil();
        if f64::from(self.account_failures_per_hour) < needed {
            return Some((
                "account_failures_per_hour",
                format!(
                    "must be at least {needed} with these free failures and delays, or one \
                     address alone could use up the account's budget and keep its user out"
                ),
            ));
        }
        None
    }
}

/// The key an address is counted under: IPv4 as it is (also when written as IPv4-mapped
/// IPv6), IPv6 by its /64 network, which one host or household is commonly given whole.
pub fn address_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// An attempt was refused; it may be made again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub retry_after_secs: u64,
}

/// Who is trying: the normalised username (`None` when it cannot name an account), the
/// client's address, and the hash of a device cookie already known for this account.
#[derive(Debug, Clone, Copy)]
pub struct LoginAttempt<'a> {
    pub account: Option<&'a str>,
    pub address: IpAddr,
    pub known_device: Option<&'a str>,
}

/// What became of an admitted attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The password was checked and refused (or the account is disabled).
    Failed,
    /// The password was right.
    Succeeded,
    /// The password was never checked (the hashing gate was full, or the database failed).
    NotChecked,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Origin {
    Address(IpAddr),
    Device(String),
    /// A logged-in user checking her current password.
    OwnSession,
}

type PairKey = (String, Origin);

/// What an admitted attempt was charged, to settle when its outcome is known.
#[derive(Debug)]
#[must_use = "settle the ticket once the attempt's outcome is known"]
pub struct Ticket {
    pair: Option<PairKey>,
    account: Option<String>,
    address: Option<IpAddr>,
}

#[derive(Debug)]
struct State {
    pairs: Table<PairKey, Backoff>,
    accounts: Table<String, Bucket>,
    addresses: Table<IpAddr, Bucket>,
}

#[derive(Debug)]
pub struct LoginThrottle {
    backoff: BackoffRule,
    account_rule: BucketRule,
    address_rule: BucketRule,
    state: Mutex<State>,
}

impl LoginThrottle {
    pub fn new(limits: ThrottleLimits) -> Self {
        Self {
            backoff: limits.backoff(),
            account_rule: BucketRule {
                per_hour: limits.account_failures_per_hour,
            },
            address_rule: BucketRule {
                per_hour: limits.address_failures_per_hour,
            },
            state: Mutex::new(State {
                pairs: Table::new(limits.max_tracked),
                accounts: Table::new(limits.max_tracked),
                addresses: Table::new(limits.max_tracked),
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lets an attempt through and charges it, or says how long to wait.
    pub fn admit(&self, attempt: &LoginAttempt<'_>, now: Timestamp) -> Result<Ticket, Refusal> {
        let address = address_key(attempt.address);
        let origin = match attempt.known_device {
            Some(device) => Origin::Device(device.to_owned()),
            None => Origin::Address(address),
        };
        let stranger = matches!(origin, Origin::Address(_));
        let ticket = Ticket {
            pair: attempt.account.map(|a| (a.to_owned(), origin)),
            account: attempt.account.filter(|_| stranger).map(str::to_owned),
            address: stranger.then_some(address),
        };
        self.charge(ticket, now)
    }

    /// Lets a logged-in user's check of her current password through (before changing it),
    /// or says how long to wait: the same backoff as logins, keyed by the account alone, so
    /// that a stolen session cannot be used to guess the password and take the account.
    pub fn admit_current_password_check(
        &self,
        account: &str,
        now: Timestamp,
    ) -> Result<Ticket, Refusal> {
        let ticket = Ticket {
            pair: Some((account.to_owned(), Origin::OwnSession)),
            account: None,
            address: None,
        };
        self.charge(ticket, now)
    }

    /// Charges every key `wanted` names, unless one of them says to wait.
    fn charge(&self, wanted: Ticket, now: Timestamp) -> Result<Ticket, Refusal> {
        let Ticket {
            pair,
            account,
            address,
        } = wanted;
        let mut state = self.state();
        let waits = [
            pair.as_ref()
                .and_then(|k| self.backoff.wait(state.pairs.get(k), now)),
            account
                .as_ref()
                .and_then(|k| self.account_rule.wait(state.accounts.get(k), now)),
            address
                .as_ref()
                .and_then(|k| self.address_rule.wait(state.addresses.get(k), now)),
        ];
        if let Some(retry_after_secs) = waits.into_iter().flatten().max() {
            return Err(Refusal { retry_after_secs });
        }
        if let Some(key) = &pair {
            let charged = self.backoff.charge(state.pairs.get(key), now);
            state.pairs.put(key.clone(), charged, now);
        }
        if let Some(key) = &account {
            let charged = self.account_rule.charge(state.accounts.get(key), now);
            state.accounts.put(key.clone(), charged, now);
        }
        if let Some(key) = address {
            let charged = self.address_rule.charge(state.addresses.get(&key), now);
            state.addresses.put(key, charged, now);
        }
        Ok(Ticket {
            pair,
            account,
            address,
        })
    }

    /// Keeps, gives back or undoes what the attempt was charged.
    pub fn settle(&self, ticket: Ticket, outcome: Outcome, now: Timestamp) {
        if outcome == Outcome::Failed {
            return;
        }
        let mut state = self.state();
        if let Some(key) = ticket.pair {
            let undone = state.pairs.get(&key).and_then(|p| self.backoff.uncharge(p));
            match undone.filter(|_| outcome == Outcome::NotChecked) {
                Some(fewer) => state.pairs.put(key, fewer, now),
                None => state.pairs.remove(&key),
            }
        }
        if let Some(key) = ticket.account
            && let Some(bucket) = state.accounts.get(&key).copied()
        {
            state.accounts.put(key, bucket.refunded(now), now);
        }
        if let Some(key) = ticket.address
            && let Some(bucket) = state.addresses.get(&key).copied()
        {
            state.addresses.put(key, bucket.refunded(now), now);
        }
    }

    /// How many keys the three tables hold together (bounded by three times `max_tracked`).
    pub fn tracked(&self) -> usize {
        let state = self.state();
        state.pairs.len() + state.accounts.len() + state.addresses.len()
    }
}

#[cfg(test)]
mod tests;
