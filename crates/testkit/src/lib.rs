//! Test harness shared by the use-case, web and CLI tests: fresh databases (SQLite, or
//! PostgreSQL when configured), the fixed instant every test starts at, fixtures that build
//! records through the app's use-cases (`fixtures`, and `builders` for women, groups and
//! budgets), and the worlds several suites share. It needs only
//! the domain, the application and the store, so a use-case test links nothing of the web
//! server; the HTTP harness (`TestApp`, `Browser`) is `hamyar-webtest`.

pub use hamyar_store::{on_both_databases, testing};

pub mod builders;
pub mod fixtures;
pub mod press;
pub mod scope;
pub mod training;

/// The instant every test starts at: 1405/09/08 (2026-11-29) 10:00 Tehran time.
pub fn test_start() -> jiff::Timestamp {
    "2026-11-29T06:30:00Z".parse().expect("valid timestamp")
}

/// A password that passes the policy, for fixtures.
pub const PASSWORD: &str = "Hamyar-Test-Passw0rd";
