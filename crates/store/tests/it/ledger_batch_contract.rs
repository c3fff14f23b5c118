//! The storage contract of `LedgerRepo::post_ledger_transactions`, the batched posting path,
//! on both backends: a batch writes exactly what posting the same transactions one by one
//! writes (rows, postings in order, kept balances, a consistent recomputation), the ids come
//! back in the batch's order, and a member that does not balance or a used or repeated key
//! refuses the whole batch.

use hamyar_app::ports::ledger::{
    AccountId, LedgerTransactionId, NewLedgerAccount, NewLedgerTransaction, PostingLine,
};
use hamyar_app::ports::{Backend, Database, StoreError};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// Another fresh database of the same engine, to post the same transactions another way.
async fn twin(db: &TestDatabase) -> TestDatabase {
    match db.backend() {
        Backend::Sqlite => TestDatabase::sqlite().await,
        Backend::Postgres => TestDatabase::postgres()
            .await
            .expect("the PostgreSQL suite runs only when the server is configured"),
    }
}

/// Three accounts: treasury (asset), training budget (equity), training expense (expense).
async fn accounts(db: &TestDatabase) -> [AccountId; 3] {
    let mut tx = db.store.write().await.unwrap();
    let mut ids = [AccountId::default(); 3];
    for (slot, (code, kind)) in ids.iter_mut().zip([
        ("bank.treasury", "asset"),
        ("budget.training", "equity"),
        ("expense.training", "expense"),
    ]) {
        *slot = tx
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
    }
    tx.commit().await.unwrap();
    ids
}

fn transaction(key: &str, on: &str, lines: &[(AccountId, i64)]) -> NewLedgerTransaction {
    NewLedgerTransaction {
        idempotency_key: key.into(),
        effective_on: on.into(),
        description: format!("سند «{key}»"),
        reverses_id: None,
        recorded_by: Some(hamyar_app::access::UserId::new(7)),
        recorded_by_name: "کارشناس استان".into(),
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

/// A first transaction, posted alone, so the batch meets balances that already exist.
fn opening([bank, training, _]: [AccountId; 3]) -> NewLedgerTransaction {
    transaction(
        "open",
        "2026-03-21",
        &[(bank, 1_000_000), (training, -1_000_000)],
    )
}

/// Members of several shapes: two and three postings, several dates and instants, the same
/// account in many members, an account posted for the first time, and a reversal of the
/// opening transaction (whose id is 1 in a fresh database of either engine).
fn members(
    [bank, training, expense]: [AccountId; 3],
    opening_id: LedgerTransactionId,
) -> Vec<NewLedgerTransaction> {
    let mut batch = Vec::new();
    for n in 0..25_i64 {
        let on = format!("2026-04-{:02}", n % 28 + 1);
        let mut member = if n % 3 == 0 {
            transaction(
                &format!("b-{n}"),
                &on,
                &[(expense, 300 + n), (bank, -200), (training, -100 - n)],
            )
        } else {
            transaction(
                &format!("b-{n}"),
                &on,
                &[(expense, 5_000 * n + 1), (bank, -(5_000 * n + 1))],
            )
        };
        member.recorded_at = at(60 + n / 10);
        batch.push(member);
    }
    let mut reversal = transaction(
        "undo-open",
        "2026-05-01",
        &[(bank, -1_000_000), (training, 1_000_000)],
    );
    reversal.reverses_id = Some(opening_id);
    batch.push(reversal);
    batch
}

async fn post_one(db: &TestDatabase, row: &NewLedgerTransaction) -> LedgerTransactionId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx.post_ledger_transaction(row).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn a_batch_writes_what_posting_one_by_one_writes(db: &TestDatabase) {
    let single = twin(db).await;
    let ids = accounts(db).await;
    assert_eq!(accounts(&single).await, ids);
    let opened = post_one(db, &opening(ids)).await;
    assert_eq!(post_one(&single, &opening(ids)).await, opened);
    let batch = members(ids, opened);

    let mut tx = db.store.write().await.unwrap();
    let batched = tx.post_ledger_transactions(&batch).await.unwrap();
    tx.commit().await.unwrap();
    let mut one_by_one = Vec::new();
    for member in &batch {
        one_by_one.push(post_one(&single, member).await);
    }

    assert_eq!(batched.len(), batch.len());
    assert!(
        batched.windows(2).all(|pair| pair[0] < pair[1]),
        "{batched:?}"
    );
    let mut read = db.store.read().await.unwrap();
    let mut read_single = single.store.read().await.unwrap();
    for ((member, id), single_id) in batch.iter().zip(&batched).zip(&one_by_one) {
        let stored = read.ledger_transaction_by_id(*id).await.unwrap().unwrap();
        assert_eq!(stored.idempotency_key, member.idempotency_key);
        assert_eq!(stored.postings, member.postings);
        assert_eq!(stored.recorded_at, member.recorded_at);
        let mut expected = read_single
            .ledger_transaction_by_id(*single_id)
            .await
            .unwrap()
            .unwrap();
        expected.id = *id;
        assert_eq!(stored, expected);
    }
    let original = read
        .ledger_transaction_by_id(opened)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(original.reversed_by, batched.last().copied());
    for account in ids {
        assert_eq!(
            read.ledger_balance(account).await.unwrap(),
            read_single.ledger_balance(account).await.unwrap(),
        );
        for date in ["2026-03-21", "2026-04-10", "2026-05-01"] {
            assert_eq!(
                read.ledger_balance_as_of(account, date).await.unwrap(),
                read_single
                    .ledger_balance_as_of(account, date)
                    .await
                    .unwrap(),
            );
        }
    }
    let check = read.check_ledger().await.unwrap();
    assert!(check.is_consistent(), "{check:?}");
    assert_eq!(check.transactions_checked, 27);
    assert_eq!(check, read_single.check_ledger().await.unwrap());
}

async fn an_unbalanced_member_refuses_the_whole_batch_before_anything_is_written(
    db: &TestDatabase,
) {
    let ids = accounts(db).await;
    let [bank, training, _] = ids;
    let mut batch = members(ids, LedgerTransactionId::new(1));
    batch.truncate(5);
    batch[3].postings[0].amount_rials += 1;
    let mut tx = db.store.write().await.unwrap();
    let error = tx.post_ledger_transactions(&batch).await.unwrap_err();
    assert!(
        matches!(error, StoreError::Unbalanced { sum_rials: Some(1) }),
        "{error:?}"
    );
    let mut lonely = transaction("lonely", "2026-04-01", &[(bank, 5), (training, -5)]);
    lonely.postings.truncate(1);
    let error = tx
        .post_ledger_transactions(&[
            transaction("fine", "2026-04-01", &[(bank, 5), (training, -5)]),
            lonely,
        ])
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::Unbalanced { .. }), "{error:?}");
    // Refused before writing: the same transaction still works and holds nothing.
    let check = tx.check_ledger().await.unwrap();
    assert_eq!((check.transactions_checked, check.postings_checked), (0, 0));
    assert_eq!(tx.ledger_balance(bank).await.unwrap().posting_count, 0);
    assert_eq!(
        tx.post_ledger_transactions(&[]).await.unwrap(),
        Vec::<LedgerTransactionId>::new()
    );
    tx.commit().await.unwrap();
}

async fn a_used_or_repeated_key_refuses_the_whole_batch(db: &TestDatabase) {
    let ids = accounts(db).await;
    let [bank, training, _] = ids;
    post_one(db, &opening(ids)).await;
    let fresh = |key: &str| transaction(key, "2026-04-02", &[(bank, 70), (training, -70)]);
    for batch in [
        vec![fresh("new-1"), fresh("open"), fresh("new-2")],
        vec![fresh("new-1"), fresh("new-2"), fresh("new-1")],
    ] {
        let mut tx = db.store.write().await.unwrap();
        let error = tx.post_ledger_transactions(&batch).await.unwrap_err();
        assert!(
            matches!(&error, StoreError::Unique(name) if name == "ledger_transactions.idempotency_key"),
            "{error:?}"
        );
        // The batch's savepoint is gone: nothing of it is visible, even on this transaction.
        assert_eq!(tx.ledger_transaction_by_key("new-1").await.unwrap(), None);
        assert_eq!(
            tx.ledger_balance(bank).await.unwrap().balance_rials,
            1_000_000
        );
        drop(tx);
    }
    let mut read = db.store.read().await.unwrap();
    let check = read.check_ledger().await.unwrap();
    assert!(check.is_consistent(), "{check:?}");
    assert_eq!((check.transactions_checked, check.postings_checked), (1, 2));
    assert_eq!(
        read.ledger_balance(training).await.unwrap().posting_count,
        1
    );
}

hamyar_store::on_both_databases!(
    a_batch_writes_what_posting_one_by_one_writes,
    an_unbalanced_member_refuses_the_whole_batch_before_anything_is_written,
    a_used_or_repeated_key_refuses_the_whole_batch,
);
