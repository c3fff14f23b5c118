//! The storage contract of budget lines (`BudgetRepo`), on both backends: a line is read back
//! by id and by its (year, place, category), a second line for the same place is refused as a
//! unique violation, listing filters by year, province, county and "province only" in a fixed
//! order, and locking a line returns it (and holds it, on PostgreSQL, until the transaction
//! ends — checked by the concurrency tests of the spending use-cases).

use hamyar_app::ports::budget::{BudgetLineFilter, NewBudgetLine};
use hamyar_app::ports::ledger::NewLedgerAccount;
use hamyar_app::ports::{Database, StoreError};
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
    assert!(tx.budget_line_by_id(county + 100).await.unwrap().is_none());
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
    let unrelated = locked.commitment_account_id + 1_000;
    assert!(
        tx.budget_line_by_account(unrelated)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(locked.category, "strengthening");
    assert!(tx.lock_budget_line(id + 1).await.unwrap().is_none());
    tx.commit().await.unwrap();
}

hamyar_store::on_both_databases!(
    a_line_is_read_back_by_id_and_by_its_place,
    a_second_line_for_the_same_year_place_and_category_is_refused,
    lines_are_listed_by_filter_in_a_fixed_order,
    locking_a_line_reads_it_and_its_accounts_lead_back_to_it,
);
