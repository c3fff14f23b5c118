//! The clock is injected so that tests can decide what "now" and "today" are. All instants
//! are UTC `jiff::Timestamp`s; the Jalali "today" is derived from them in Asia/Tehran by the
//! domain crate.

use std::sync::Mutex;

use jiff::Timestamp;

/// A source of the current instant.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The real wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<Timestamp>,
}

impl FixedClock {
    pub fn new(now: Timestamp) -> Self {
        Self {
            now: Mutex::new(now),
        }
    }

    pub fn set(&self, now: Timestamp) {
        *self.now.lock().expect("clock mutex poisoned") = now;
    }

    pub fn advance(&self, by: jiff::SignedDuration) {
        let mut now = self.now.lock().expect("clock mutex poisoned");
        *now = now.checked_add(by).expect("clock overflow");
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().expect("clock mutex poisoned")
    }
}

/// Formats an instant the way every table stores it: RFC 3339 in UTC with milliseconds, so
/// that text order equals time order on both backends.
pub fn storage_timestamp(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Parses a stored timestamp written by [`storage_timestamp`].
pub fn parse_storage_timestamp(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}
