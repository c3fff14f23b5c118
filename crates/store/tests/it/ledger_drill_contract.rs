//! The storage contract of the ledger drill-down (`LedgerRepo::ledger_drill`), on both
//! backends: which transactions a set of accounts and a date range select, in what order,
//! paged, with the touched sum per transaction and over all pages.

use hamyar_app::ports::Database;
use hamyar_app::ports::ledger::{
    AccountId, DrillQuery, LedgerTransactionId, NewLedgerAccount, NewLedgerTransaction, PostingLine,
};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// Treasury, a line's budget, its expense and its commitments.
async fn accounts(db: &TestDatabase) -> [AccountId; 4] {
    let mut tx = db.store.write().await.unwrap();
    let mut ids = [AccountId::default(); 4];
    let codes = [
        ("bank.treasury", "asset"),
        ("budget.training.1405.28", "equity"),
        ("expense.training.1405.28", "expense"),
        ("commitments.training.1405.28", "liability"),
    ];
    for (slot, (code, kind)) in ids.iter_mut().zip(codes) {
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

async fn post(
    db: &TestDatabase,
    key: &str,
    on: &str,
    lines: &[(AccountId, i64)],
) -> LedgerTransactionId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .post_ledger_transaction(&NewLedgerTransaction {
            idempotency_key: key.into(),
            effective_on: on.into(),
            description: format!("سند {key}"),
            reverses_id: None,
            recorded_by: None,
            recorded_by_name: "کارشناس".into(),
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
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

fn query(account_ids: Vec<AccountId>) -> DrillQuery {
    DrillQuery {
        account_ids,
        limit: 50,
        ..DrillQuery::default()
    }
}

/// An allocation on 1 Tir, a commitment on 1 Mehr, a payment of part of it on 1 Azar, and a
/// second allocation dated before the first but written after it.
async fn seeded(db: &TestDatabase) -> ([AccountId; 4], [LedgerTransactionId; 4]) {
    let [bank, budget, expense, commitments] = accounts(db).await;
    let allocation = post(db, "a1", "2026-06-22", &[(bank, 1_000), (budget, -1_000)]).await;
    let commitment = post(
        db,
        "c1",
        "2026-09-23",
        &[(expense, 400), (commitments, -400)],
    )
    .await;
    let payment = post(db, "p1", "2026-11-22", &[(commitments, 150), (bank, -150)]).await;
    let early = post(db, "a0", "2026-04-01", &[(bank, 200), (budget, -200)]).await;
    (
        [bank, budget, expense, commitments],
        [allocation, commitment, payment, early],
    )
}

async fn the_transactions_touching_an_account_come_by_date_then_id_with_their_postings(
    db: &TestDatabase,
) {
    let ([bank, budget, ..], [allocation, _, _, early]) = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let page = tx.ledger_drill(&query(vec![budget])).await.unwrap();
    let ids: Vec<LedgerTransactionId> =
        page.transactions.iter().map(|d| d.transaction.id).collect();
    assert_eq!(ids, vec![early, allocation]);
    assert_eq!(page.total_count, 2);
    assert_eq!(page.total_sum_rials, -1_200);
    let first = &page.transactions[0];
    assert_eq!(first.touched_sum_rials, -200);
    assert_eq!(first.transaction.effective_on, "2026-04-01");
    assert_eq!(first.transaction.description, "سند a0");
    assert_eq!(first.transaction.recorded_by_name, "کارشناس");
    assert_eq!(
        first.transaction.postings,
        vec![
            PostingLine {
                account_id: bank,
                amount_rials: 200
            },
            PostingLine {
                account_id: budget,
                amount_rials: -200
            },
        ]
    );
}

async fn a_date_range_includes_both_ends_and_nothing_outside(db: &TestDatabase) {
    let ([bank, ..], [allocation, _, payment, _]) = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let page = tx
        .ledger_drill(&DrillQuery {
            from: Some("2026-06-22".into()),
            to: Some("2026-11-22".into()),
            ..query(vec![bank])
        })
        .await
        .unwrap();
    let ids: Vec<LedgerTransactionId> =
        page.transactions.iter().map(|d| d.transaction.id).collect();
    assert_eq!(ids, vec![allocation, payment]);
    assert_eq!(page.total_sum_rials, 1_000 - 150);
    let before = tx
        .ledger_drill(&DrillQuery {
            to: Some("2026-11-21".into()),
            ..query(vec![bank])
        })
        .await
        .unwrap();
    assert_eq!(before.total_count, 2);
    assert_eq!(before.total_sum_rials, 1_200);
}

async fn transactions_netting_to_zero_on_the_accounts_can_be_left_out(db: &TestDatabase) {
    let ([_, _, expense, commitments], [_, commitment, payment, _]) = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let all = tx
        .ledger_drill(&query(vec![expense, commitments]))
        .await
        .unwrap();
    assert_eq!(all.total_count, 2);
    assert_eq!(all.transactions[0].transaction.id, commitment);
    assert_eq!(all.transactions[0].touched_sum_rials, 0);
    let paid = tx
        .ledger_drill(&DrillQuery {
            skip_netting_to_zero: true,
            ..query(vec![expense, commitments])
        })
        .await
        .unwrap();
    assert_eq!(paid.total_count, 1);
    assert_eq!(paid.transactions[0].transaction.id, payment);
    assert_eq!(paid.total_sum_rials, 150);
}

async fn pages_split_the_list_while_the_totals_cover_all_of_it(db: &TestDatabase) {
    let ([bank, ..], [allocation, _, payment, early]) = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let mut seen = Vec::new();
    for offset in [0, 2, 4] {
        let page = tx
            .ledger_drill(&DrillQuery {
                limit: 2,
                offset,
                ..query(vec![bank])
            })
            .await
            .unwrap();
        assert_eq!(page.total_count, 3);
        assert_eq!(page.total_sum_rials, 1_050);
        seen.extend(page.transactions.iter().map(|d| d.transaction.id));
    }
    assert_eq!(seen, vec![early, allocation, payment]);
}

async fn an_empty_account_list_or_an_untouched_account_selects_nothing(db: &TestDatabase) {
    let _ = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let none = tx.ledger_drill(&query(Vec::new())).await.unwrap();
    assert_eq!(none.total_count, 0);
    assert!(none.transactions.is_empty());
    let unknown = tx
        .ledger_drill(&query(vec![AccountId::new(9_999)]))
        .await
        .unwrap();
    assert_eq!(unknown.total_count, 0);
    assert_eq!(unknown.total_sum_rials, 0);
}

hamyar_store::on_both_databases!(
    the_transactions_touching_an_account_come_by_date_then_id_with_their_postings,
    a_date_range_includes_both_ends_and_nothing_outside,
    transactions_netting_to_zero_on_the_accounts_can_be_left_out,
    pages_split_the_list_while_the_totals_cover_all_of_it,
    an_empty_account_list_or_an_untouched_account_selects_nothing,
);
