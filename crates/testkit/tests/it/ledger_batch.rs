//! `App::post_ledger_batch` against a real database, on SQLite and on PostgreSQL: a batch
//! posts every draft once with one audit row, a used or repeated key refuses the whole batch
//! and names the key, and the single form's rules on who may post to which account hold for
//! every member.

use hamyar_i18n::Lang;
use hamyar_testkit::fixtures::{place, user};
use std::sync::Arc;

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::Database;
use hamyar_app::ports::ledger::{AccountId, NewLedgerAccount};
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::JalaliDate;
use hamyar_domain::ledger::{Posting, TransactionDraft, TransactionInput};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::test_start;

struct World {
    app: App,
    qazvin: PlaceId,
    provincial: Actor,
    auditor: Actor,
    bank: AccountId,
    expense: AccountId,
    budget: AccountId,
}

async fn world(db: &TestDatabase) -> World {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock, AppSettings::default());
    app.seed_reference_places().await.unwrap();
    app.seed_chart_of_accounts(&Actor::console()).await.unwrap();
    let accounts = app.ledger_accounts(&Actor::console()).await.unwrap();
    let id = |code: &str| accounts.iter().find(|a| a.code == code).unwrap().id;
    World {
        qazvin: place(&app, "ir.qazvin").await,
        provincial: user(&app, "q.expert", "provincial_expert", "ir.qazvin").await,
        auditor: user(&app, "q.auditor", "auditor", "ir.qazvin").await,
        bank: id("bank.treasury"),
        expense: id("expense.training"),
        budget: id("budget.training"),
        app,
    }
}

fn draft(key: &str, on: JalaliDate, postings: Vec<Posting>) -> TransactionDraft {
    TransactionDraft::build(TransactionInput {
        postings,
        description: format!("پرداخت {key}"),
        effective_on: on,
        idempotency_key: key.into(),
    })
    .unwrap()
}

fn payment(key: &str, on: JalaliDate, w: &World, rials: i64) -> TransactionDraft {
    draft(
        key,
        on,
        vec![
            Posting::debit(w.expense, rials),
            Posting::credit(w.bank, rials),
        ],
    )
}

async fn audit_rows(app: &App, action: &str) -> Vec<hamyar_app::ports::AuditRow> {
    let query = AuditQuery {
        action: Some(action.into()),
        page_size: 100,
        ..Default::default()
    };
    app.browse_audit(&Actor::console(), &query).await.unwrap()
}

async fn a_batch_posts_every_draft_once_with_one_audit_row(db: &TestDatabase) {
    let w = world(db).await;
    let today = w.app.today();
    let mut drafts: Vec<_> = (1..=30)
        .map(|n| payment(&format!("pay-{n}"), today.add_days(-(n % 4)), &w, n * 1_000))
        .collect();
    drafts.push(draft(
        "allocate",
        today,
        vec![
            Posting::debit(w.bank, 700),
            Posting::credit(w.budget, 500),
            Posting::credit(w.expense, 200),
        ],
    ));
    let ids = w
        .app
        .post_ledger_batch(&w.provincial, &drafts)
        .await
        .unwrap();
    assert_eq!(ids.len(), 31);
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "{ids:?}");

    let paid: i64 = (1..=30).map(|n| n * 1_000).sum();
    let expense = w
        .app
        .ledger_balance(&w.auditor, w.expense, None)
        .await
        .unwrap();
    assert_eq!(expense.normal_balance_rials, paid - 200);
    assert_eq!(expense.kept.posting_count, 31);
    let bank = w
        .app
        .ledger_balance(&w.auditor, w.bank, None)
        .await
        .unwrap();
    assert_eq!(bank.normal_balance_rials, 700 - paid);
    let report = w.app.verify_ledger(&w.auditor).await.unwrap();
    assert!(report.is_consistent(), "{report:?}");
    assert_eq!(report.check.transactions_checked, 31);

    let mut tx = db.store.read().await.unwrap();
    let stored = tx.ledger_transaction_by_id(ids[4]).await.unwrap().unwrap();
    assert_eq!(stored.idempotency_key, "pay-5");
    assert_eq!(stored.effective_on, today.add_days(-1).to_iso_string());
    assert_eq!(stored.province_id, Some(w.qazvin));
    assert_eq!(stored.recorded_by, w.provincial.user_id);
    assert_eq!(stored.recorded_by_name, "کاربر q.expert");
    drop(tx);

    let rows = audit_rows(&w.app, "ledger.post_batch").await;
    assert_eq!(rows.len(), 1, "one audit row for the whole batch");
    assert_eq!(rows[0].entity_id, ids[0].to_string());
    assert_eq!(rows[0].province_id, Some(w.qazvin));
    let after = rows[0].after.as_deref().unwrap();
    for field in [
        "\"count\":31".to_owned(),
        "\"first_key\":\"pay-1\"".to_owned(),
        "\"last_key\":\"allocate\"".to_owned(),
        format!("\"first_id\":{}", ids[0]),
        format!("\"last_id\":{}", ids[30]),
        format!("\"total_debits_rials\":{}", paid + 700),
    ] {
        assert!(after.contains(&field), "{field} in {after}");
    }
    assert!(audit_rows(&w.app, "ledger.post").await.is_empty());
    assert!(w.app.verify_audit().await.unwrap().is_intact());
}

async fn a_used_or_repeated_key_refuses_the_whole_batch_and_names_the_key(db: &TestDatabase) {
    let w = world(db).await;
    let today = w.app.today();
    w.app
        .post_ledger_transaction(&w.provincial, &payment("pay-2", today, &w, 9))
        .await
        .unwrap();
    let used = [
        payment("pay-1", today, &w, 1),
        payment("pay-2", today, &w, 2),
        payment("pay-3", today, &w, 3),
    ];
    let repeated = [
        payment("pay-7", today, &w, 1),
        payment("pay-8", today, &w, 2),
        payment("pay-7", today, &w, 3),
    ];
    for (batch, key) in [(&used[..], "pay-2"), (&repeated[..], "pay-7")] {
        let error = w
            .app
            .post_ledger_batch(&w.provincial, batch)
            .await
            .unwrap_err();
        let AppError::Conflict { field, message } = &error else {
            panic!("expected a conflict, got {error:?}");
        };
        assert_eq!(*field, "idempotency_key");
        let message_en = Lang::En.message(message);
        assert!(message_en.contains(key), "{message_en}");
    }
    let report = w.app.verify_ledger(&w.auditor).await.unwrap();
    assert_eq!(
        report.check.transactions_checked, 1,
        "nothing of either batch"
    );
    let bank = w
        .app
        .ledger_balance(&w.auditor, w.bank, None)
        .await
        .unwrap();
    assert_eq!(bank.kept.balance_rials, -9);
    assert!(audit_rows(&w.app, "ledger.post_batch").await.is_empty());
}

async fn every_member_obeys_who_may_post_to_which_account(db: &TestDatabase) {
    let w = world(db).await;
    let today = w.app.today();
    let fine = payment("fine", today, &w, 5);
    let error = w
        .app
        .post_ledger_batch(&w.auditor, std::slice::from_ref(&fine))
        .await
        .unwrap_err();
    assert!(matches!(error, AppError::Forbidden), "{error:?}");

    let tehran = place(&w.app, "ir.tehran").await;
    let mut tx = db.store.write().await.unwrap();
    let foreign = tx
        .insert_ledger_account(&NewLedgerAccount {
            code: "budget.training.tehran".into(),
            name_fa: "بودجه آموزش تهران".into(),
            name_en: "Tehran training budget".into(),
            kind: "equity".into(),
            province_id: Some(tehran),
            county_id: None,
            created_at: test_start(),
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for account in [foreign, AccountId::new(999_999)] {
        let outsider = draft(
            "outsider",
            today,
            vec![Posting::debit(account, 5), Posting::credit(w.bank, 5)],
        );
        let error = w
            .app
            .post_ledger_batch(&w.provincial, &[fine.clone(), outsider])
            .await
            .unwrap_err();
        assert!(matches!(error, AppError::Invalid(_)), "{error:?}");
    }
    let report = w.app.verify_ledger(&w.auditor).await.unwrap();
    assert_eq!(report.check.transactions_checked, 0);
    assert!(audit_rows(&w.app, "ledger.post_batch").await.is_empty());
    assert_eq!(
        w.app.post_ledger_batch(&w.provincial, &[]).await.unwrap(),
        Vec::<hamyar_app::ports::ledger::LedgerTransactionId>::new()
    );
}

hamyar_store::on_both_databases!(
    a_batch_posts_every_draft_once_with_one_audit_row,
    a_used_or_repeated_key_refuses_the_whole_batch_and_names_the_key,
    every_member_obeys_who_may_post_to_which_account,
);
