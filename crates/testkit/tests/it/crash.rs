//! Killing the process in the middle of a money use-case leaves all of it or none of it, on
//! SQLite and on PostgreSQL. Each parent test prepares a database, then runs this same test
//! binary again as a child process (`child_sets_the_year_budget`, ignored in normal runs) with
//! `HAMYAR_CRASH_AT` naming a crash point inside the use-case; the child aborts there with its
//! transaction open. The parent then reads the database: no budget line, no ledger transaction
//! and no audit row of the interrupted use-case, and the ledger verifies. Run once more
//! without a crash point, the child commits everything.

use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::sync::Arc;

use hamyar_app::access::PlaceId;
use hamyar_app::audit::{AuditKey, AuditQuery};
use hamyar_app::budget::YearBudgetInput;
use hamyar_app::crash::{CRASH_AT_VAR, CRASH_POINTS};
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_store::testing::TestDatabase;
use hamyar_store::{ConnectSettings, connect};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::test_start;

/// The child reads the database URL from here; unset in normal runs.
const CHILD_URL_VAR: &str = "HAMYAR_CRASH_CHILD_URL";
/// The child reads the database's audit key from the file named here.
const CHILD_KEY_VAR: &str = "HAMYAR_CRASH_CHILD_KEY_FILE";

fn budget_input(qazvin: PlaceId) -> YearBudgetInput {
    YearBudgetInput {
        fiscal_year: 1405,
        province_id: qazvin,
        county_id: None,
        amounts: vec![
            (BudgetCategory::Training, "۲۰۰٬۰۰۰٬۰۰۰".into()),
            (BudgetCategory::JobPreparation, "150000000".into()),
            (BudgetCategory::Strengthening, "393,000,000".into()),
        ],
        effective_on: String::new(),
        description: "بودجهٔ سال".into(),
        idempotency_key: "crash-test".into(),
    }
}

#[tokio::test]
#[ignore = "run by the crash tests below as a child process"]
async fn child_sets_the_year_budget() {
    let url = std::env::var(CHILD_URL_VAR).expect("run by a parent test");
    let key_file = std::env::var(CHILD_KEY_VAR).expect("run by a parent test");
    let key = AuditKey::read_file(std::path::Path::new(&key_file)).expect("the audit key");
    let store = connect(&url, &ConnectSettings::default())
        .await
        .expect("open the database")
        .with_audit_key(key);
    let app = App::new(
        Arc::new(store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    let expert = app
        .user_by_username("q.expert")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let qazvin = place(&app, "ir.qazvin").await;
    app.set_year_budget(&expert, &budget_input(qazvin))
        .await
        .expect("the budget is set");
}

/// The child test's name as the test harness knows it, which `--exact` needs: its path in
/// this test binary without the binary's own name (`crash::child_sets_the_year_budget`).
fn child_test() -> String {
    let module = module_path!()
        .split_once("::")
        .map_or("", |(_, module)| module);
    format!("{module}::child_sets_the_year_budget")
}

/// Runs the child; `crash_at` arms one crash point.
fn run_child(db: &TestDatabase, crash_at: Option<&str>) -> std::process::ExitStatus {
    let mut command = Command::new(std::env::current_exe().expect("test binary"));
    command
        .args(["--exact", &child_test(), "--ignored", "--test-threads=1"])
        .env(CHILD_URL_VAR, &db.url)
        .env(CHILD_KEY_VAR, db.audit_key_file())
        .env_remove(CRASH_AT_VAR);
    if let Some(point) = crash_at {
        command.env(CRASH_AT_VAR, point);
    }
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the child runs")
}

async fn nothing_of_the_budget_is_there(app: &App, point: &str) {
    let year = FiscalYear::new(1405).unwrap();
    let lines = app
        .budget_lines(&Actor::console(), year, None, None)
        .await
        .unwrap();
    assert!(lines.is_empty(), "after a crash at {point}: {lines:?}");
    let audit = app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                page_size: 500,
                ..AuditQuery::default()
            },
        )
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .all(|entry| !entry.action.starts_with("budget.")
                && !entry.action.starts_with("ledger.")),
        "after a crash at {point}: audit rows of the interrupted use-case"
    );
    let report = app.verify_ledger(&Actor::console()).await.unwrap();
    assert!(report.is_consistent(), "{report:?}");
    assert_eq!(
        report.check.transactions_checked, 0,
        "after a crash at {point}"
    );
    let chain = app.verify_audit().await.unwrap();
    assert!(chain.is_intact(), "after a crash at {point}: {chain:?}");
}

async fn a_crash_at_any_point_of_setting_a_budget_leaves_none_of_it(db: &TestDatabase) {
    let app = app_on(db).await;
    user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    for point in CRASH_POINTS {
        let status = run_child(db, Some(point));
        // SIGABRT (6): killed at the point, not a panic or a failed assertion.
        assert_eq!(
            status.signal(),
            Some(6),
            "the child should have died at {point}: {status:?}"
        );
        nothing_of_the_budget_is_there(&app, point).await;
    }
    let status = run_child(db, None);
    assert!(status.success(), "without a crash point the child commits");
    let lines = app
        .budget_lines(
            &Actor::console(),
            FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap();
    let total: i64 = lines.iter().map(|view| view.figures.budget_rials).sum();
    assert_eq!(lines.len(), 3);
    assert_eq!(total, 743_000_000);
    let report = app.verify_ledger(&Actor::console()).await.unwrap();
    assert!(report.is_consistent(), "{report:?}");
    assert_eq!(report.check.transactions_checked, 3);
}

hamyar_store::on_both_databases!(a_crash_at_any_point_of_setting_a_budget_leaves_none_of_it);
