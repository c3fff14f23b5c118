//! `hamyar ledger verify` as an operator uses it: it passes over a seeded chart and a few
//! postings, still passes when the append-only trigger is merely dropped, and fails — naming
//! the transaction and the account — once a posting's amount is changed by hand with SQL.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::ledger::{Posting, TransactionDraft, TransactionInput};
use hamyar_store::ConnectSettings;
use hamyar_testkit::test_start;

fn hamyar(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .output()
        .expect("run hamyar")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Posts an allocation and a payment through the application, as the web app will.
async fn post_two(
    db: &Path,
) -> (
    hamyar_app::ports::ledger::LedgerTransactionId,
    hamyar_app::ports::ledger::AccountId,
) {
    let url = format!("sqlite://{}", db.display());
    let store = hamyar_store::connect(&url, &ConnectSettings::default())
        .await
        .unwrap()
        .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
    let app = App::new(
        Arc::new(store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    let console = Actor::console();
    let accounts = app.ledger_accounts(&console).await.unwrap();
    let id = |code: &str| accounts.iter().find(|a| a.code == code).unwrap().id;
    let today = app.today();
    let mut posted = Vec::new();
    for (key, debit, credit, amount) in [
        (
            "appropriation-1",
            "bank.treasury",
            "equity.appropriation",
            900_000_000,
        ),
        (
            "allocation-1",
            "equity.appropriation",
            "budget.training",
            743_000_000,
        ),
    ] {
        let draft = TransactionDraft::build(TransactionInput {
            postings: vec![
                Posting::debit(id(debit), amount),
                Posting::credit(id(credit), amount),
            ],
            description: format!("سند {key}"),
            effective_on: today,
            idempotency_key: key.into(),
        })
        .unwrap();
        posted.push(
            app.post_ledger_transaction(&console, &draft)
                .await
                .unwrap()
                .id,
        );
    }
    (posted[1], id("budget.training"))
}

async fn tamper(db: &Path, sql: &str) {
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut connection)
        .await
        .unwrap();
}

#[tokio::test]
async fn ledger_verify_passes_then_names_the_posting_changed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let seeded = hamyar(&db, &["ledger", "seed"]);
    assert!(seeded.status.success(), "{}", text(&seeded));
    assert!(
        text(&seeded).contains("14 accounts created"),
        "{}",
        text(&seeded)
    );
    let (allocation, training) = post_two(&db).await;

    let intact = hamyar(&db, &["ledger", "verify"]);
    assert!(intact.status.success(), "{}", text(&intact));
    assert!(
        text(&intact).contains("ledger consistent: 14 accounts, 2 transactions, 4 postings"),
        "{}",
        text(&intact)
    );

    tamper(
        &db,
        &format!(
            "DROP TRIGGER ledger_postings_no_update; UPDATE ledger_postings SET amount_rials = \
             -744000000 WHERE transaction_id = {allocation} AND account_id = {training};"
        ),
    )
    .await;
    let broken = hamyar(&db, &["ledger", "verify"]);
    let report = text(&broken);
    assert_eq!(broken.status.code(), Some(1), "{report}");
    assert!(report.contains("WARNING"), "{report}");
    assert!(
        report.contains(&format!(
            "transaction {allocation} does not balance: its 2 postings sum to -1000000 rials"
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "balance of account {training} (budget.training) is kept as -743000000 rials"
        )),
        "{report}"
    );
    assert!(report.contains("ledger INCONSISTENT"), "{report}");
}
