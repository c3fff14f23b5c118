//! Killing the process in the middle of approving a payment leaves all of it or none of it,
//! on SQLite and on PostgreSQL: the commitment on the ledger, the payment's new status and the
//! audit rows commit together. As in `crash.rs`, the parent prepares a funded line and a
//! proposal, then runs this test binary again as a child (`child_approves_the_payment`,
//! ignored in normal runs) with `HAMYAR_CRASH_AT` naming a crash point the approval passes
//! (inside its ledger posting); the child aborts with its transaction open. The parent then
//! finds the payment still proposed, the line untouched, no `payment.approve` audit row and a
//! consistent ledger; run without a crash point, the child approves it.

use hamyar_app::ports::spending::PaymentId;
use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::sync::Arc;

use hamyar_app::audit::{AuditKey, AuditQuery};
use hamyar_app::budget::YearBudgetInput;
use hamyar_app::crash::CRASH_AT_VAR;
use hamyar_app::spending::PaymentInput;
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::spending::PaymentStatus;
use hamyar_store::testing::TestDatabase;
use hamyar_store::{ConnectSettings, connect};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::test_start;

const CHILD_URL_VAR: &str = "HAMYAR_SPENDING_CRASH_CHILD_URL";
/// The child reads the database's audit key from the file named here.
const CHILD_KEY_VAR: &str = "HAMYAR_SPENDING_CRASH_CHILD_KEY_FILE";
const CHILD_PAYMENT_VAR: &str = "HAMYAR_SPENDING_CRASH_PAYMENT";
/// The points an approval passes, inside `App::post_in_tx`.
const POINTS: [&str; 2] = ["ledger.posted", "ledger.audited"];

#[tokio::test]
#[ignore = "run by the crash tests below as a child process"]
async fn child_approves_the_payment() {
    let url = std::env::var(CHILD_URL_VAR).expect("run by a parent test");
    let payment: PaymentId = std::env::var(CHILD_PAYMENT_VAR).unwrap().parse().unwrap();
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
    let approver = app
        .user_by_username("q.approver")
        .await
        .unwrap()
        .unwrap()
        .actor();
    app.approve_payment(&approver, payment, "")
        .await
        .expect("the payment is approved");
}

/// The child test's name as the test harness knows it, which `--exact` needs: its path in
/// this test binary without the binary's own name (`spending_crash::child_approves_the_payment`).
fn child_test() -> String {
    let module = module_path!()
        .split_once("::")
        .map_or("", |(_, module)| module);
    format!("{module}::child_approves_the_payment")
}

fn run_child(
    db: &TestDatabase,
    payment: PaymentId,
    crash_at: Option<&str>,
) -> std::process::ExitStatus {
    let mut command = Command::new(std::env::current_exe().expect("test binary"));
    command
        .args(["--exact", &child_test(), "--ignored", "--test-threads=1"])
        .env(CHILD_URL_VAR, &db.url)
        .env(CHILD_KEY_VAR, db.audit_key_file())
        .env(CHILD_PAYMENT_VAR, payment.to_string())
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

async fn approvals_on_the_trail(app: &App) -> usize {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some("payment.approve".into()),
            page_size: 100,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
    .len()
}

async fn a_crash_while_approving_leaves_the_payment_proposed(db: &TestDatabase) {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    user(&app, "q.approver", "provincial_expert", "ir.qazvin").await;
    app.set_year_budget(
        &expert,
        &YearBudgetInput {
            fiscal_year: 1405,
            province_id: qazvin,
            county_id: None,
            amounts: vec![(BudgetCategory::Training, "500000000".into())],
            effective_on: "1405/01/15".into(),
            description: String::new(),
            idempotency_key: "budget".into(),
        },
    )
    .await
    .unwrap();
    let line = app
        .budget_lines(
            &expert,
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap()[0]
        .line
        .id;
    let payment = app
        .propose_payment(
            &expert,
            &PaymentInput {
                budget_line_id: line,
                payee: "آموزشگاه فنی نگین".into(),
                payee_kind: "course_provider".into(),
                amount: "120000000".into(),
                spent_on: "1405/09/01".into(),
                idempotency_key: "p1".into(),
                ..PaymentInput::default()
            },
        )
        .await
        .unwrap();
    let transactions_before = app
        .verify_ledger(&Actor::console())
        .await
        .unwrap()
        .check
        .transactions_checked;
    for point in POINTS {
        let status = run_child(db, payment, Some(point));
        assert_eq!(
            status.signal(),
            Some(6),
            "should die at {point}: {status:?}"
        );
        let view = app.payment(&expert, payment).await.unwrap();
        assert_eq!(
            view.summary.status,
            PaymentStatus::Proposed,
            "after {point}"
        );
        assert_eq!(view.summary.row.commit_transaction_id, None);
        assert_eq!(view.line.figures.committed_rials, 0, "after {point}");
        assert_eq!(approvals_on_the_trail(&app).await, 0, "after {point}");
        let report = app.verify_ledger(&Actor::console()).await.unwrap();
        assert!(report.is_consistent(), "{report:?}");
        assert_eq!(report.check.transactions_checked, transactions_before);
        assert!(app.verify_audit().await.unwrap().is_intact());
    }
    assert!(run_child(db, payment, None).success());
    let view = app.payment(&expert, payment).await.unwrap();
    assert_eq!(view.summary.status, PaymentStatus::Approved);
    assert_eq!(view.line.figures.committed_rials, 120_000_000);
    assert_eq!(approvals_on_the_trail(&app).await, 1);
}

hamyar_store::on_both_databases!(a_crash_while_approving_leaves_the_payment_proposed);
