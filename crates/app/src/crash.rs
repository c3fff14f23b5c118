//! Crash points: named places inside the money use-cases where a test can make the process
//! die on the spot, to prove that a crash at any point of a use-case leaves either all of it
//! or none of it in the database (issue 5, "kill the process mid-way").
//!
//! A point does nothing unless the environment variable `HAMYAR_CRASH_AT` names it when the
//! process first reaches any point; then the process aborts there, with its database
//! transaction open, exactly as if it had been killed. The variable is read once. Nothing
//! else reads it and it carries no data, so leaving the points in release builds costs one
//! comparison each.

use std::sync::OnceLock;

/// The variable that arms one crash point by name.
pub const CRASH_AT_VAR: &str = "HAMYAR_CRASH_AT";

/// Every crash point, for tests that walk them all.
pub const CRASH_POINTS: [&str; 3] = ["budget.line_opened", "ledger.posted", "ledger.audited"];

/// Aborts the process if `HAMYAR_CRASH_AT` names this point.
pub(crate) fn crash_point(name: &'static str) {
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    let armed = ARMED.get_or_init(|| {
        std::env::var(CRASH_AT_VAR)
            .ok()
            .filter(|value| !value.is_empty())
    });
    if armed.as_deref() == Some(name) {
        debug_assert!(CRASH_POINTS.contains(&name), "unlisted crash point {name}");
        std::process::abort();
    }
}
