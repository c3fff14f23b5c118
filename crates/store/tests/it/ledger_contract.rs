//! The storage contract of the ledger (`LedgerRepo`), checked on both backends: each test is
//! written once as `async fn name(db: &TestDatabase)` and `hamyar_store::on_both_databases!`
//! at the bottom runs the list on SQLite (always) and on PostgreSQL (when
//! `HAMYAR_TEST_POSTGRES_URL` is set).

use hamyar_app::ports::ledger::{
    AccountId, KeptBalance, LedgerTransactionId, NewLedgerAccount, NewLedgerTransaction,
    PostingLine, ReversalProblem,
};
use hamyar_app::ports::{Database, StoreError};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// Two accounts: the treasury (asset) and the training budget (equity).
async fn accounts(db: &TestDatabase) -> (AccountId, AccountId) {
    let mut tx = db.store.write().await.unwrap();
    let mut ids = Vec::new();
    for (code, kind) in [("bank.treasury", "asset"), ("budget.training", "equity")] {
        let id = tx
            .insert_ledger_account(&NewLedgerAccount {
                code: code.into(),
                name_fa: format!("حساب {code}"),
                name_en: code.into(),
                kind: kind.into(),
                province_id: None,
                county_id: None,
                created_at: at(0),
            })
            .await
            .unwrap();
        ids.push(id);
    }
    tx.commit().await.unwrap();
    (ids[0], ids[1])
}

fn transaction(key: &str, on: &str, lines: &[(AccountId, i64)]) -> NewLedgerTransaction {
    NewLedgerTransaction {
        idempotency_key: key.into(),
        effective_on: on.into(),
        description: format!("سند {key}"),
        reverses_id: None,
        recorded_by: None,
        recorded_by_name: "console".into(),
        recorded_at: at(60),
        province_id: None,
        county_id: None,
        postings: lines
            .iter()
            .map(|&(account_id, amount_rials)| PostingLine {
                account_id,
                amount_rials,
            })
            .collect(),
    }
}

async fn post(
    db: &TestDatabase,
    row: &NewLedgerTransaction,
) -> Result<LedgerTransactionId, StoreError> {
    let mut tx = db.store.write().await.unwrap();
    let id = tx.post_ledger_transaction(row).await?;
    tx.commit().await.unwrap();
    Ok(id)
}

async fn a_transaction_is_read_back_by_key_and_by_id_with_its_postings(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    let row = transaction("t-1", "2026-03-25", &[(bank, 500), (training, -500)]);
    let id = post(db, &row).await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let by_key = tx.ledger_transaction_by_key("t-1").await.unwrap().unwrap();
    assert_eq!(by_key.id, id);
    assert_eq!(by_key.effective_on, "2026-03-25");
    assert_eq!(by_key.description, "سند t-1");
    assert_eq!(by_key.recorded_at, at(60));
    assert_eq!(by_key.reversed_by, None);
    assert_eq!(by_key.postings, row.postings);
    assert_eq!(tx.ledger_transaction_by_id(id).await.unwrap(), Some(by_key));
    assert_eq!(tx.ledger_transaction_by_key("t-2").await.unwrap(), None);
    let codes: Vec<_> = tx
        .ledger_accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.code)
        .collect();
    assert_eq!(codes, ["bank.treasury", "budget.training"]);
    let found = tx.ledger_account_by_code("budget.training").await.unwrap();
    assert_eq!(
        found.map(|a| (a.id, a.kind)),
        Some((training, "equity".into()))
    );
}

async fn kept_balances_equal_the_recomputed_ones(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    post(
        db,
        &transaction("a", "2026-03-25", &[(bank, 700), (training, -700)]),
    )
    .await
    .unwrap();
    post(
        db,
        &transaction("b", "2026-04-02", &[(bank, -200), (training, 200)]),
    )
    .await
    .unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.ledger_balance(bank).await.unwrap(),
        KeptBalance {
            balance_rials: 500,
            posting_count: 2
        }
    );
    assert_eq!(
        tx.ledger_balance(training).await.unwrap().balance_rials,
        -500
    );
    let check = tx.check_ledger().await.unwrap();
    assert!(check.is_consistent(), "{check:?}");
    assert_eq!(
        (
            check.accounts_checked,
            check.transactions_checked,
            check.postings_checked
        ),
        (2, 2, 4)
    );
    assert!(tx.ledger_guard_installed().await.unwrap());
}

async fn balances_as_of_a_date_count_moves_of_that_day_but_not_later(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    post(
        db,
        &transaction("a", "2026-03-25", &[(bank, 700), (training, -700)]),
    )
    .await
    .unwrap();
    post(
        db,
        &transaction("b", "2026-04-02", &[(bank, -200), (training, 200)]),
    )
    .await
    .unwrap();
    let mut tx = db.store.read().await.unwrap();
    let mut as_of = async |date: &str| tx.ledger_balance_as_of(bank, date).await.unwrap();
    assert_eq!(as_of("2026-03-24").await, 0);
    assert_eq!(as_of("2026-03-25").await, 700);
    assert_eq!(as_of("2026-04-01").await, 700);
    assert_eq!(as_of("2026-04-02").await, 500);
    assert_eq!(as_of("2027-01-01").await, 500);
}

async fn a_used_idempotency_key_is_refused_as_a_unique_violation(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    post(
        db,
        &transaction("same", "2026-03-25", &[(bank, 1), (training, -1)]),
    )
    .await
    .unwrap();
    let error = post(
        db,
        &transaction("same", "2026-03-26", &[(bank, 2), (training, -2)]),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, StoreError::Unique(name) if name == "ledger_transactions.idempotency_key"),
        "{error:?}"
    );
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.ledger_balance(bank).await.unwrap().balance_rials, 1);
}

async fn postings_that_do_not_balance_are_refused_by_the_store(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    let error = post(
        db,
        &transaction("u", "2026-03-25", &[(bank, 5), (training, -4)]),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, StoreError::Unbalanced { sum_rials: Some(1) }),
        "{error:?}"
    );
    let error = post(db, &transaction("one", "2026-03-25", &[(bank, 0)]))
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::Unbalanced { .. }), "{error:?}");
    let error = post(
        db,
        &transaction("big", "2026-03-25", &[(bank, i64::MAX), (training, 1)]),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, StoreError::Unbalanced { sum_rials: None }),
        "{error:?}"
    );
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.ledger_transaction_by_key("u").await.unwrap(), None);
    assert_eq!(tx.check_ledger().await.unwrap().transactions_checked, 0);
}

async fn transactions_and_postings_refuse_update_and_delete(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    post(
        db,
        &transaction("a", "2026-03-25", &[(bank, 9), (training, -9)]),
    )
    .await
    .unwrap();
    for statement in [
        "UPDATE ledger_postings SET amount_rials = 10 WHERE account_id = $1",
        "DELETE FROM ledger_postings WHERE account_id = $1",
        "UPDATE ledger_transactions SET description = 'x' WHERE id > $1 - 1000000",
        "DELETE FROM ledger_transactions WHERE id > $1 - 1000000",
    ] {
        let mut tx = db.store.begin_write().await.unwrap();
        let error = sqlx::query(statement)
            .bind(bank)
            .execute(tx.connection())
            .await
            .map_err(hamyar_store::store_error)
            .unwrap_err();
        assert!(
            matches!(error, StoreError::AppendOnly),
            "{statement}: {error:?}"
        );
    }
    let mut tx = db.store.read().await.unwrap();
    assert!(tx.check_ledger().await.unwrap().is_consistent());
}

async fn an_original_is_reversed_once_and_verify_checks_the_negation(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    let original = post(
        db,
        &transaction("o", "2026-03-25", &[(bank, 300), (training, -300)]),
    )
    .await
    .unwrap();
    let mut reversal = transaction("r", "2026-03-27", &[(bank, -300), (training, 300)]);
    reversal.reverses_id = Some(original);
    let reversal_id = post(db, &reversal).await.unwrap();
    let mut again = transaction("r2", "2026-03-28", &[(bank, -300), (training, 300)]);
    again.reverses_id = Some(original);
    let error = post(db, &again).await.unwrap_err();
    assert!(
        matches!(&error, StoreError::Unique(name) if name == "ledger_transactions.reverses_id"),
        "{error:?}"
    );
    let mut tx = db.store.read().await.unwrap();
    let stored = tx
        .ledger_transaction_by_id(original)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.reversed_by, Some(reversal_id));
    assert_eq!(tx.ledger_balance(bank).await.unwrap().balance_rials, 0);
    assert!(tx.check_ledger().await.unwrap().is_consistent());
    drop(tx);

    // A "reversal" of another transaction that is not its negation is reported.
    let other = post(
        db,
        &transaction("p", "2026-03-29", &[(bank, 50), (training, -50)]),
    )
    .await
    .unwrap();
    let mut wrong = transaction("w", "2026-03-30", &[(bank, -40), (training, 40)]);
    wrong.reverses_id = Some(other);
    let wrong_id = post(db, &wrong).await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let check = tx.check_ledger().await.unwrap();
    assert_eq!(check.bad_reversals.len(), 1, "{check:?}");
    assert_eq!(check.bad_reversals[0].transaction_id, wrong_id);
    assert_eq!(check.bad_reversals[0].problem, ReversalProblem::NotNegation);
    assert!(check.balance_differences.is_empty() && check.unbalanced.is_empty());
}

async fn a_posting_changed_behind_the_guard_shows_in_the_check(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    let id = post(
        db,
        &transaction("a", "2026-03-25", &[(bank, 9), (training, -9)]),
    )
    .await
    .unwrap();
    let drop_guard = match db.backend() {
        hamyar_app::ports::Backend::Sqlite => "DROP TRIGGER ledger_postings_no_update",
        hamyar_app::ports::Backend::Postgres => {
            "DROP TRIGGER ledger_postings_no_update ON ledger_postings"
        }
    };
    sqlx::raw_sql(drop_guard)
        .execute(db.store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE ledger_postings SET amount_rials = 10 WHERE account_id = $1")
        .bind(bank)
        .execute(db.store.pool())
        .await
        .unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert!(!tx.ledger_guard_installed().await.unwrap());
    let check = tx.check_ledger().await.unwrap();
    assert_eq!(check.unbalanced.len(), 1, "{check:?}");
    assert_eq!(check.unbalanced[0].transaction_id, id);
    assert_eq!(check.unbalanced[0].sum_rials, 1);
    assert_eq!(check.balance_differences.len(), 1);
    assert_eq!(check.balance_differences[0].account_id, bank);
    assert_eq!(check.balance_differences[0].kept.balance_rials, 9);
    assert_eq!(check.balance_differences[0].recomputed.balance_rials, 10);
}

async fn months_of(db: &TestDatabase) -> Vec<(AccountId, i64, i64, i64)> {
    sqlx::query_as(
        "SELECT account_id, month, amount_rials, posting_count FROM ledger_account_months \
         ORDER BY account_id, month",
    )
    .fetch_all(db.store.pool())
    .await
    .unwrap()
}

async fn kept_months_follow_single_and_batched_postings_by_jalali_month(db: &TestDatabase) {
    let (bank, training) = accounts(db).await;
    // 2026-03-20 is 1404/12/29, the last day of Esfand; 2026-03-21 is 1405/01/01.
    post(
        db,
        &transaction("s-1", "2026-03-20", &[(bank, 100), (training, -100)]),
    )
    .await
    .unwrap();
    post(
        db,
        &transaction("s-2", "2026-03-21", &[(bank, 30), (training, -30)]),
    )
    .await
    .unwrap();
    let mut tx = db.store.write().await.unwrap();
    tx.post_ledger_transactions(&[
        transaction("b-1", "2026-03-21", &[(bank, 5), (training, -5)]),
        transaction("b-2", "2026-04-20", &[(bank, 7), (training, -7)]),
        transaction("b-3", "2026-04-21", &[(bank, 11), (training, -11)]),
    ])
    .await
    .unwrap();
    tx.commit().await.unwrap();
    // 2026-04-20 is 1405/01/31; 2026-04-21 is 1405/02/01.
    let kept = months_of(db).await;
    let days: Vec<(AccountId, String, i64, i64)> = sqlx::query_as(
        "SELECT account_id, day, amount_rials, posting_count FROM ledger_account_days \
         WHERE account_id = $1 ORDER BY day",
    )
    .bind(bank)
    .fetch_all(db.store.pool())
    .await
    .unwrap();
    let day = |d: &str, amount: i64, count: i64| (bank, d.to_owned(), amount, count);
    assert_eq!(
        days,
        vec![
            day("2026-03-20", 100, 1),
            day("2026-03-21", 35, 2),
            day("2026-04-20", 7, 1),
            day("2026-04-21", 11, 1),
        ]
    );
    assert_eq!(
        kept,
        vec![
            (bank, 140412, 100, 1),
            (bank, 140501, 42, 3),
            (bank, 140502, 11, 1),
            (training, 140412, -100, 1),
            (training, 140501, -42, 3),
            (training, 140502, -11, 1),
        ]
    );
    let mut tx = db.store.read().await.unwrap();
    assert!(tx.check_ledger().await.unwrap().is_consistent());
    drop(tx);
    db.store.rebuild_dashboard_tallies().await.unwrap();
    assert_eq!(
        months_of(db).await,
        kept,
        "a rebuild gives what the writes kept"
    );

    sqlx::query("UPDATE ledger_account_months SET amount_rials = 41 WHERE month = 140501 AND account_id = $1")
        .bind(bank)
        .execute(db.store.pool())
        .await
        .unwrap();
    let mut tx = db.store.read().await.unwrap();
    let check = tx.check_ledger().await.unwrap();
    assert!(!check.is_consistent());
    assert_eq!(check.period_differences.len(), 1, "{check:?}");
    let difference = &check.period_differences[0];
    assert_eq!(
        (difference.account_id, difference.period.as_str()),
        (bank, "140501")
    );
    assert_eq!(difference.kept.balance_rials, 41);
    assert_eq!(difference.recomputed.balance_rials, 42);
    drop(tx);

    // A kept month in which the account has no posting at all is named too.
    for sql in [
        "UPDATE ledger_account_months SET amount_rials = 42 WHERE month = 140501 AND account_id = $1",
        "INSERT INTO ledger_account_months (account_id, month, amount_rials, posting_count) \
         VALUES ($1, 140403, 5, 1)",
    ] {
        sqlx::query(sql)
            .bind(bank)
            .execute(db.store.pool())
            .await
            .unwrap();
    }
    let mut tx = db.store.read().await.unwrap();
    let check = tx.check_ledger().await.unwrap();
    assert_eq!(check.period_differences.len(), 1, "{check:?}");
    assert_eq!(check.period_differences[0].period, "140403");
    assert_eq!(check.period_differences[0].recomputed.posting_count, 0);
    drop(tx);

    // A kept day changed by hand is named by its day.
    sqlx::query("UPDATE ledger_account_days SET posting_count = 2 WHERE day = '2026-04-21' AND account_id = $1")
        .bind(training)
        .execute(db.store.pool())
        .await
        .unwrap();
    let mut tx = db.store.read().await.unwrap();
    let check = tx.check_ledger().await.unwrap();
    assert_eq!(check.period_differences.len(), 1, "{check:?}");
    let difference = &check.period_differences[0];
    assert_eq!(
        (difference.account_id, difference.period.as_str()),
        (training, "2026-04-21")
    );
    assert_eq!(difference.kept.posting_count, 2);
    assert_eq!(difference.recomputed.posting_count, 1);
}

hamyar_store::on_both_databases!(
    a_transaction_is_read_back_by_key_and_by_id_with_its_postings,
    kept_months_follow_single_and_batched_postings_by_jalali_month,
    kept_balances_equal_the_recomputed_ones,
    balances_as_of_a_date_count_moves_of_that_day_but_not_later,
    a_used_idempotency_key_is_refused_as_a_unique_violation,
    postings_that_do_not_balance_are_refused_by_the_store,
    transactions_and_postings_refuse_update_and_delete,
    an_original_is_reversed_once_and_verify_checks_the_negation,
    a_posting_changed_behind_the_guard_shows_in_the_check,
);
