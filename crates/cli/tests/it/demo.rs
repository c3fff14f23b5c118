//! `hamyar demo` as an operator runs it on a fresh SQLite file: it fills the Qazvin demo
//! province, prints the headline figures and every demo user with a password that passes
//! the policy — on standard output only, never in the logs on standard error — and a
//! second run refuses the now non-empty database with exit status 1.

use std::path::Path;
use std::process::{Command, Output};

fn hamyar(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .output()
        .expect("run hamyar")
}

#[test]
fn demo_fills_an_empty_database_once_and_prints_its_users() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let output = hamyar(&db, &["demo"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("45 groups (30 active today)"), "{stdout}");
    assert!(stdout.contains("743,000,000 rials"), "{stdout}");

    let roles = [
        "system_admin",
        "national_expert",
        "provincial_expert",
        "county_expert",
        "social_worker",
        "facilitator",
        "auditor",
        "public_relations",
    ];
    let users: Vec<Vec<&str>> = stdout
        .lines()
        .filter(|line| line.trim_start().starts_with("demo."))
        .map(|line| line.split_whitespace().collect())
        .collect();
    assert_eq!(users.len(), 14, "{stdout}");
    for role in roles {
        assert!(users.iter().any(|u| u[2] == role), "no {role}: {stdout}");
    }
    for user in &users {
        let (username, password) = (user[0], user[1]);
        assert!(
            hamyar_app::password::check_policy("password", password, username).is_ok(),
            "{username}'s password {password:?} fails the policy"
        );
        assert!(!stderr.contains(password), "a password reached the logs");
    }

    let listed = hamyar(&db, &["user", "list"]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains("demo.province") && listed.contains("demo.worker.takestan"));

    let again = hamyar(&db, &["demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let verified = hamyar(&db, &["ledger", "verify"]);
    assert!(verified.status.success());
    let audited = hamyar(&db, &["audit", "verify"]);
    assert!(audited.status.success());
}
