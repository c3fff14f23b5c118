use std::net::Ipv4Addr;

use super::*;
use crate::clock::{Clock, FixedClock};

fn ip(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(10, 0, 0, last))
}

fn stranger(account: &str, address: IpAddr) -> LoginAttempt<'_> {
    LoginAttempt {
        account: Some(account),
        address,
        known_device: None,
    }
}

fn clock() -> FixedClock {
    FixedClock::new(Timestamp::UNIX_EPOCH)
}

/// Tries once and records the outcome; returns whether the attempt was let through.
fn attempt(
    throttle: &LoginThrottle,
    clock: &FixedClock,
    who: LoginAttempt<'_>,
    outcome: Outcome,
) -> bool {
    match throttle.admit(&who, clock.now()) {
        Ok(ticket) => {
            throttle.settle(ticket, outcome, clock.now());
            true
        }
        Err(_) => false,
    }
}

#[test]
fn the_default_limits_are_valid_and_one_address_cannot_empty_an_account_budget() {
    let limits = ThrottleLimits::default();
    assert_eq!(limits.problem(), None);
    assert!(limits.single_address_peak() + 1.0 <= f64::from(limits.account_failures_per_hour));
}

#[test]
fn limits_under_which_one_address_could_lock_an_account_are_refused() {
    let limits = ThrottleLimits {
        free_failures: 10,
        account_failures_per_hour: 8,
        ..ThrottleLimits::default()
    };
    let (field, problem) = limits.problem().unwrap();
    assert_eq!(field, "account_failures_per_hour");
    assert!(problem.contains("one address"), "{problem}");
}

#[test]
fn successes_never_use_up_a_budget() {
    let throttle = LoginThrottle::new(ThrottleLimits::default());
    let clock = clock();
    for i in 0..2_000 {
        let account = format!("colleague{}", i % 40);
        let who = stranger(&account, ip(1));
        assert!(attempt(&throttle, &clock, who, Outcome::Succeeded), "{i}");
    }
}

#[test]
fn waits_double_after_the_free_failures_and_are_told_in_seconds() {
    let throttle = LoginThrottle::new(ThrottleLimits::default());
    let clock = clock();
    for _ in 0..5 {
        assert!(attempt(
            &throttle,
            &clock,
            stranger("sara", ip(1)),
            Outcome::Failed
        ));
    }
    let wait = |clock: &FixedClock| {
        throttle
            .admit(&stranger("sara", ip(1)), clock.now())
            .unwrap_err()
            .retry_after_secs
    };
    assert_eq!(wait(&clock), 30);
    clock.advance(SignedDuration::from_secs(30));
    assert!(attempt(
        &throttle,
        &clock,
        stranger("sara", ip(1)),
        Outcome::Failed
    ));
    assert_eq!(wait(&clock), 60);
    clock.advance(SignedDuration::from_secs(60));
    assert!(attempt(
        &throttle,
        &clock,
        stranger("sara", ip(1)),
        Outcome::Failed
    ));
    assert_eq!(wait(&clock), 120);
}

#[test]
fn a_day_of_failures_from_one_address_never_keeps_the_user_at_another_address_out() {
    let throttle = LoginThrottle::new(ThrottleLimits::default());
    let clock = clock();
    let mut guesses = 0;
    for _ in 0..(24 * 360) {
        if attempt(&throttle, &clock, stranger("sara", ip(66)), Outcome::Failed) {
            guesses += 1;
        }
        let user = throttle.admit(&stranger("sara", ip(7)), clock.now());
        let ticket = user.expect("the user at her own address is let through");
        throttle.settle(ticket, Outcome::NotChecked, clock.now());
        clock.advance(SignedDuration::from_secs(10));
    }
    assert!(guesses < 40, "one address made {guesses} guesses in a day");
}

#[test]
fn guessing_spread_over_many_addresses_gets_at_most_the_hourly_budget() {
    let limits = ThrottleLimits::default();
    let throttle = LoginThrottle::new(limits.clone());
    let clock = clock();
    let mut guesses_per_hour = Vec::new();
    let mut next_address: u32 = 0;
    for _hour in 0..3 {
        let mut guesses = 0;
        for _ in 0..360 {
            for _ in 0..10 {
                next_address += 1;
                let address = IpAddr::V4(Ipv4Addr::from(0x0b00_0000 + next_address));
                if attempt(
                    &throttle,
                    &clock,
                    stranger("sara", address),
                    Outcome::Failed,
                ) {
                    guesses += 1;
                }
            }
            clock.advance(SignedDuration::from_secs(10));
        }
        guesses_per_hour.push(guesses);
    }
    let budget = limits.account_failures_per_hour as usize;
    assert!(guesses_per_hour[0] <= 2 * budget, "{guesses_per_hour:?}");
    assert!(
        guesses_per_hour[1..].iter().all(|g| *g <= budget + 1),
        "{guesses_per_hour:?}"
    );
    let owner = LoginAttempt {
        account: Some("sara"),
        address: ip(66),
        known_device: Some("device-hash"),
    };
    assert!(
        throttle.admit(&owner, clock.now()).is_ok(),
        "her own browser is still let in"
    );
}

#[test]
fn one_address_is_limited_across_accounts_by_failures_only() {
    let limits = ThrottleLimits::default();
    let throttle = LoginThrottle::new(limits.clone());
    let clock = clock();
    let per_hour = limits.address_failures_per_hour as usize;
    for i in 0..per_hour {
        let account = format!("user{i}");
        assert!(attempt(
            &throttle,
            &clock,
            stranger(&account, ip(9)),
            Outcome::Failed
        ));
    }
    let refused = throttle.admit(&stranger("another", ip(9)), clock.now());
    assert_eq!(refused.unwrap_err().retry_after_secs, 36);
    assert!(attempt(
        &throttle,
        &clock,
        stranger("another", ip(8)),
        Outcome::Failed
    ));
}

#[test]
fn simultaneous_attempts_are_charged_before_their_passwords_are_checked() {
    let throttle = LoginThrottle::new(ThrottleLimits::default());
    let now = Timestamp::UNIX_EPOCH;
    let admitted: Vec<Ticket> = (0..50)
        .filter_map(|_| throttle.admit(&stranger("sara", ip(3)), now).ok())
        .collect();
    assert_eq!(admitted.len(), 5);
    for ticket in admitted {
        throttle.settle(ticket, Outcome::NotChecked, now);
    }
    let again = (0..50)
        .filter_map(|_| throttle.admit(&stranger("sara", ip(3)), now).ok())
        .count();
    assert_eq!(again, 5, "attempts never checked were given back");
}

#[test]
fn a_success_clears_its_origin_but_not_other_origins() {
    let throttle = LoginThrottle::new(ThrottleLimits::default());
    let clock = clock();
    for _ in 0..5 {
        attempt(&throttle, &clock, stranger("sara", ip(1)), Outcome::Failed);
        attempt(&throttle, &clock, stranger("sara", ip(2)), Outcome::Failed);
    }
    clock.advance(SignedDuration::from_secs(30));
    assert!(attempt(
        &throttle,
        &clock,
        stranger("sara", ip(2)),
        Outcome::Failed
    ));
    assert!(attempt(
        &throttle,
        &clock,
        stranger("sara", ip(1)),
        Outcome::Succeeded
    ));
    assert!(
        throttle
            .admit(&stranger("sara", ip(1)), clock.now())
            .is_ok()
    );
    assert!(
        throttle
            .admit(&stranger("sara", ip(2)), clock.now())
            .is_err()
    );
}

#[test]
fn an_ipv6_host_counts_as_its_slash_64() {
    let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
    let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
    let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
    assert_eq!(address_key(a), address_key(b));
    assert_ne!(address_key(a), address_key(other));
    let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
    assert_eq!(address_key(mapped), ip(1));
}

#[test]
fn a_flood_of_usernames_and_addresses_stays_bounded_and_keeps_the_victims_counters() {
    let limits = ThrottleLimits {
        max_tracked: 1_000,
        ..ThrottleLimits::default()
    };
    let throttle = LoginThrottle::new(limits);
    let clock = clock();
    for _ in 0..5 {
        attempt(
            &throttle,
            &clock,
            stranger("victim", ip(1)),
            Outcome::Failed,
        );
    }
    for i in 0..100_000_u32 {
        let account = format!("nobody{i}");
        let address = IpAddr::V4(Ipv4Addr::from(0x0c00_0000 + i));
        attempt(
            &throttle,
            &clock,
            stranger(&account, address),
            Outcome::Failed,
        );
    }
    assert!(throttle.tracked() <= 3_000, "{}", throttle.tracked());
    let still = throttle.admit(&stranger("victim", ip(1)), clock.now());
    assert!(
        still.is_err(),
        "the flood did not reset the victim's backoff"
    );
}

#[test]
fn checks_of_the_current_password_wait_like_logins_and_apart_from_them() {
    let throttle = LoginThrottle::new(ThrottleLimits::default());
    let now = Timestamp::UNIX_EPOCH;
    for _ in 0..5 {
        let ticket = throttle.admit_current_password_check("sara", now).unwrap();
        throttle.settle(ticket, Outcome::Failed, now);
    }
    let refused = throttle
        .admit_current_password_check("sara", now)
        .unwrap_err();
    assert_eq!(refused.retry_after_secs, 30);
    assert!(throttle.admit(&stranger("sara", ip(1)), now).is_ok());
}
