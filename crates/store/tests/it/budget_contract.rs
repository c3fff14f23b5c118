//! The storage contract of budget lines (`BudgetRepo`), on both backends: a line is read back
//! by id and by its (year, place, category), a second line for the same place is refused as a
//! unique violation, listing filters by year, province, county and "province only" in a fixed
//! order, and locking a line returns it (and holds it, on PostgreSQL, until the transaction
//! ends — checked by the concurrency tests of the spending use-cases).

use hamyar_app::ports::budget::{BudgetLineFilter, FiscalYearStamp, NewBudgetLine};
use hamyar_app::ports::ledger::{
    AccountDay, AccountId, NewLedgerAccount, NewLedgerTransaction, PostingLine,
};
use hamyar_app::ports::{Backend, Database, StoreError};
use hamyar_store::testing::TestDatabase;

use hamyar_store::fixtures::{at, budget_line as line, qazvin_places as places};

async fn a_line_is_read_back_by_id_and_by_its_place(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = places(tx.as_mut()).await;
    let province = line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let county = line(tx.as_mut(), 1405, qazvin, Some(abyek), "training")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let row = tx.budget_line_by_id(province).await.unwrap().unwrap();
    assert_eq!(
        (
            row.fiscal_year,
            row.province_id,
            row.county_id,
            row.category.as_str()
        ),
        (1405, qazvin, None, "training")
    );
    assert_eq!(row.created_at, at(5));
    let at_place = tx
        .budget_line_at(1405, qazvin, None, "training")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(at_place.id, province);
    let at_county = tx
        .budget_line_at(1405, qazvin, Some(abyek), "training")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(at_county.id, county);
    assert!(
        tx.budget_line_at(1404, qazvin, None, "training")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        tx.budget_line_by_id(hamyar_app::ports::budget::BudgetLineId::new(
            county.get() + 100
        ))
        .await
        .unwrap()
        .is_none()
    );
}

async fn a_second_line_for_the_same_year_place_and_category_is_refused(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = places(tx.as_mut()).await;
    line(tx.as_mut(), 1405, qazvin, Some(abyek), "grant")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.write().await.unwrap();
    let mut accounts = Vec::new();
    for code in ["x.budget", "x.expense", "x.commitments"] {
        accounts.push(
            tx.insert_ledger_account(&NewLedgerAccount {
                code: code.into(),
                name_fa: code.into(),
                name_en: code.into(),
                kind: "equity".into(),
                province_id: Some(qazvin),
                county_id: Some(abyek),
                created_at: at(0),
            })
            .await
            .unwrap(),
        );
    }
    let again = tx
        .insert_budget_line(&NewBudgetLine {
            fiscal_year: 1405,
            province_id: qazvin,
            county_id: Some(abyek),
            category: "grant".into(),
            budget_account_id: accounts[0],
            expense_account_id: accounts[1],
            commitment_account_id: accounts[2],
            created_by: None,
            created_at: at(9),
        })
        .await;
    match again {
        Err(StoreError::Unique(name)) => assert_eq!(name, "budget_lines.category"),
        other => panic!("expected a unique violation, got {other:?}"),
    }
}

async fn lines_are_listed_by_filter_in_a_fixed_order(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = places(tx.as_mut()).await;
    let t_grant = line(tx.as_mut(), 1405, qazvin, Some(takestan), "grant")
        .await
        .unwrap();
    let p_training = line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let p_grant = line(tx.as_mut(), 1405, qazvin, None, "grant")
        .await
        .unwrap();
    let a_other = line(tx.as_mut(), 1405, qazvin, Some(abyek), "other")
        .await
        .unwrap();
    let old = line(tx.as_mut(), 1404, qazvin, None, "grant")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let ids = |rows: Vec<hamyar_app::ports::budget::BudgetLineRow>| {
        rows.into_iter().map(|row| row.id).collect::<Vec<_>>()
    };
    let year = tx
        .budget_lines(BudgetLineFilter {
            fiscal_year: Some(1405),
            province_id: Some(qazvin),
            ..BudgetLineFilter::default()
        })
        .await
        .unwrap();
    let county_order = if abyek < takestan {
        vec![a_other, t_grant]
    } else {
        vec![t_grant, a_other]
    };
    let mut expected = vec![p_grant, p_training];
    expected.extend(county_order);
    assert_eq!(ids(year), expected);
    let province_only = tx
        .budget_lines(BudgetLineFilter {
            fiscal_year: Some(1405),
            province_only: true,
            ..BudgetLineFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(province_only), vec![p_grant, p_training]);
    let takestan_only = tx
        .budget_lines(BudgetLineFilter {
            county_id: Some(takestan),
            ..BudgetLineFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(takestan_only), vec![t_grant]);
    let all = tx.budget_lines(BudgetLineFilter::default()).await.unwrap();
    assert_eq!(all.first().map(|row| row.id), Some(old));
    assert_eq!(all.len(), 5);
}

async fn locking_a_line_reads_it_and_its_accounts_lead_back_to_it(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, _, _) = places(tx.as_mut()).await;
    let id = line(tx.as_mut(), 1405, qazvin, None, "strengthening")
        .await
        .unwrap();
    let locked = tx.lock_budget_line(id).await.unwrap().unwrap();
    for account in [
        locked.budget_account_id,
        locked.expense_account_id,
        locked.commitment_account_id,
    ] {
        let owner = tx.budget_line_by_account(account).await.unwrap().unwrap();
        assert_eq!(owner.id, id);
    }
    let unrelated = AccountId::new(locked.commitment_account_id.get() + 1_000);
    assert!(
        tx.budget_line_by_account(unrelated)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(locked.category, "strengthening");
    assert!(
        tx.lock_budget_line(hamyar_app::ports::budget::BudgetLineId::new(id.get() + 1))
            .await
            .unwrap()
            .is_none()
    );
    tx.commit().await.unwrap();
}

fn stamp(seconds: i64) -> FiscalYearStamp {
    FiscalYearStamp {
        by: None,
        by_name: "console".into(),
        at: at(seconds),
    }
}

async fn a_fiscal_year_is_open_until_closed_and_reopens_with_its_reason(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, _, other) = places(tx.as_mut()).await;
    assert!(tx.fiscal_year(qazvin, 1405).await.unwrap().is_none());
    // Holding a year makes its row, open.
    let held = tx.hold_fiscal_year(qazvin, 1405, false).await.unwrap();
    assert!(!held.closed && held.closed_at.is_none());
    assert!(
        tx.mark_fiscal_year_closed(qazvin, 1405, &stamp(10))
            .await
            .unwrap()
    );
    // Closing twice changes nothing; reopening an open year neither.
    assert!(
        !tx.mark_fiscal_year_closed(qazvin, 1405, &stamp(11))
            .await
            .unwrap()
    );
    tx.hold_fiscal_year(other, 1405, false).await.unwrap();
    assert!(
        !tx.mark_fiscal_year_reopened(other, 1405, &stamp(12), "x")
            .await
            .unwrap()
    );
    tx.hold_fiscal_year(qazvin, 1404, true).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let closed = tx.hold_fiscal_year(qazvin, 1405, false).await.unwrap();
    assert!(closed.closed);
    assert_eq!(closed.closed_at, Some(at(10)));
    assert_eq!(closed.closed_by_name.as_deref(), Some("console"));
    assert!(
        tx.mark_fiscal_year_reopened(qazvin, 1405, &stamp(20), "سند جاافتاده")
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let reopened = tx.fiscal_year(qazvin, 1405).await.unwrap().unwrap();
    assert!(!reopened.closed);
    assert_eq!(reopened.reopened_at, Some(at(20)));
    assert_eq!(reopened.reopen_reason.as_deref(), Some("سند جاافتاده"));
    // The last closing is still on the row for the page.
    assert_eq!(reopened.closed_at, Some(at(10)));
    let years: Vec<i32> = tx
        .fiscal_years_of(qazvin)
        .await
        .unwrap()
        .iter()
        .map(|row| row.fiscal_year)
        .collect();
    assert_eq!(years, vec![1405, 1404]);
    assert!(!tx.fiscal_year(other, 1405).await.unwrap().unwrap().closed);
    tx.commit().await.unwrap();
}

async fn the_database_refuses_a_reopening_without_a_reason(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, _, _) = places(tx.as_mut()).await;
    tx.hold_fiscal_year(qazvin, 1405, true).await.unwrap();
    assert!(
        tx.mark_fiscal_year_closed(qazvin, 1405, &stamp(10))
            .await
            .unwrap()
    );
    assert!(
        tx.mark_fiscal_year_reopened(qazvin, 1405, &stamp(11), "")
            .await
            .is_err()
    );
}

/// On PostgreSQL a close waits for a posting that holds the year, so the posting cannot
/// land after the year it read as open was closed (SQLite's writers run one at a time).
async fn closing_a_year_waits_for_a_posting_that_holds_it(db: &TestDatabase) {
    let mut setup = db.store.write().await.unwrap();
    let (qazvin, _, _) = places(setup.as_mut()).await;
    setup.commit().await.unwrap();
    if db.backend() != Backend::Postgres {
        return;
    }
    let mut posting = db.store.write().await.unwrap();
    assert!(
        !posting
            .hold_fiscal_year(qazvin, 1405, false)
            .await
            .unwrap()
            .closed
    );
    let store = db.store.clone();
    let mut closing = tokio::spawn(async move {
        let mut tx = store.write().await.unwrap();
        tx.hold_fiscal_year(qazvin, 1405, true).await.unwrap();
        let closed = tx
            .mark_fiscal_year_closed(qazvin, 1405, &stamp(30))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        closed
    });
    assert!(
        tokio::time::timeout(std::time::Duration::from_millis(400), &mut closing)
            .await
            .is_err(),
        "the close did not wait for the posting"
    );
    posting.commit().await.unwrap();
    assert!(closing.await.unwrap());
}

async fn an_accounts_kept_days_are_read_oldest_first(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, _, _) = places(tx.as_mut()).await;
    let id = line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let line = tx.budget_line_by_id(id).await.unwrap().unwrap();
    for (key, day, amount) in [
        ("a", "2026-06-01", 30),
        ("b", "2026-04-01", 10),
        ("c", "2026-06-01", 5),
    ] {
        tx.post_ledger_transaction(&NewLedgerTransaction {
            idempotency_key: key.into(),
            effective_on: day.into(),
            description: "test".into(),
            reverses_id: None,
            recorded_by: None,
            recorded_by_name: "console".into(),
            recorded_at: at(20),
            province_id: Some(qazvin),
            county_id: None,
            postings: vec![
                PostingLine {
                    account_id: line.expense_account_id,
                    amount_rials: amount,
                },
                PostingLine {
                    account_id: line.commitment_account_id,
                    amount_rials: -amount,
                },
            ],
        })
        .await
        .unwrap();
    }
    let day = |day: &str, amount_rials: i64| AccountDay {
        day: day.into(),
        amount_rials,
    };
    assert_eq!(
        tx.ledger_account_days(line.expense_account_id)
            .await
            .unwrap(),
        vec![day("2026-04-01", 10), day("2026-06-01", 35)]
    );
    assert_eq!(
        tx.ledger_account_days(line.commitment_account_id)
            .await
            .unwrap(),
        vec![day("2026-04-01", -10), day("2026-06-01", -35)]
    );
    assert!(
        tx.ledger_account_days(line.budget_account_id)
            .await
            .unwrap()
            .is_empty()
    );
    tx.commit().await.unwrap();
}

hamyar_store::on_both_databases!(
    a_fiscal_year_is_open_until_closed_and_reopens_with_its_reason,
    the_database_refuses_a_reopening_without_a_reason,
    closing_a_year_waits_for_a_posting_that_holds_it,
    an_accounts_kept_days_are_read_oldest_first,
    a_line_is_read_back_by_id_and_by_its_place,
    a_second_line_for_the_same_year_place_and_category_is_refused,
    lines_are_listed_by_filter_in_a_fixed_order,
    locking_a_line_reads_it_and_its_accounts_lead_back_to_it,
);
