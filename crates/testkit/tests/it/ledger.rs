//! The ledger's use-cases against a real database, on SQLite and on PostgreSQL: the chart is
//! seeded once, a provincial expert's retried posting posts once, a different posting under a
//! used key is a conflict, a mistaken transaction is reversed once and both stay visible (the
//! balance on the original's day still shows it), who may post and read, and the audit rows.

use hamyar_testkit::fixtures::{place, user};
use std::sync::Arc;

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ledger::CHART_OF_ACCOUNTS;
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
    county_expert: Actor,
    bank: AccountId,
    training: AccountId,
    expense: AccountId,
}

async fn world(db: &TestDatabase) -> World {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock, AppSettings::default());
    app.seed_reference_places().await.unwrap();
    let created = app.seed_chart_of_accounts(&Actor::console()).await.unwrap();
    assert_eq!(created.len(), CHART_OF_ACCOUNTS.len());
    let accounts = app.ledger_accounts(&Actor::console()).await.unwrap();
    let id = |code: &str| accounts.iter().find(|a| a.code == code).unwrap().id;
    World {
        qazvin: place(&app, "ir.qazvin").await,
        provincial: user(&app, "q.expert", "provincial_expert", "ir.qazvin").await,
        auditor: user(&app, "q.auditor", "auditor", "ir.qazvin").await,
        county_expert: user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await,
        bank: id("bank.treasury"),
        training: id("budget.training"),
        expense: id("expense.training"),
        app,
    }
}

fn draft(key: &str, on: JalaliDate, postings: Vec<Posting>) -> TransactionDraft {
    TransactionDraft::build(TransactionInput {
        postings,
        description: "پرداخت دوره آموزش خیاطی".into(),
        effective_on: on,
        idempotency_key: key.into(),
    })
    .unwrap()
}

async fn audit_rows(app: &App, action: &str) -> Vec<hamyar_app::ports::AuditRow> {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn a_retried_posting_posts_once_and_a_changed_one_under_the_same_key_conflicts(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let on = w.app.today().add_days(-3);
    let payment = draft(
        "pay-1",
        on,
        vec![
            Posting::debit(w.expense, 40_000_000),
            Posting::credit(w.bank, 40_000_000),
        ],
    );
    let first = w
        .app
        .post_ledger_transaction(&w.provincial, &payment)
        .await
        .unwrap();
    assert!(!first.replayed);
    let retry = w
        .app
        .post_ledger_transaction(&w.provincial, &payment)
        .await
        .unwrap();
    assert_eq!((retry.id, retry.replayed), (first.id, true));
    let balance = w
        .app
        .ledger_balance(&w.auditor, w.expense, None)
        .await
        .unwrap();
    assert_eq!(balance.normal_balance_rials, 40_000_000);
    assert_eq!(balance.kept.posting_count, 1);
    let bank = w
        .app
        .ledger_balance(&w.auditor, w.bank, None)
        .await
        .unwrap();
    assert_eq!(bank.normal_balance_rials, -40_000_000);

    let changed = draft(
        "pay-1",
        on,
        vec![
            Posting::debit(w.expense, 41_000_000),
            Posting::credit(w.bank, 41_000_000),
        ],
    );
    let error = w
        .app
        .post_ledger_transaction(&w.provincial, &changed)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            AppError::Conflict {
                field: "idempotency_key",
                ..
            }
        ),
        "{error:?}"
    );
    let posts = audit_rows(&w.app, "ledger.post").await;
    assert_eq!(posts.len(), 1, "a replay writes no audit row");
    assert_eq!(posts[0].entity_id, first.id.to_string());
    assert_eq!(posts[0].province_id, Some(w.qazvin));
    assert!(posts[0].after.as_deref().unwrap().contains("40000000"));
    assert!(
        w.app
            .verify_ledger(&w.auditor)
            .await
            .unwrap()
            .is_consistent()
    );
}

async fn a_mistake_is_reversed_once_and_both_transactions_stay_visible(db: &TestDatabase) {
    let w = world(db).await;
    let on = w.app.today().add_days(-10);
    let mistaken = draft(
        "alloc-1",
        on,
        vec![
            Posting::debit(w.bank, 743_000_000),
            Posting::credit(w.training, 743_000_000),
        ],
    );
    let original = w
        .app
        .post_ledger_transaction(&w.provincial, &mistaken)
        .await
        .unwrap();
    let reversal = w
        .app
        .reverse_ledger_transaction(&w.provincial, original.id, "مبلغ اشتباه ثبت شد", "rev-1")
        .await
        .unwrap();
    assert!(!reversal.replayed);
    let retry = w
        .app
        .reverse_ledger_transaction(&w.provincial, original.id, "مبلغ اشتباه ثبت شد", "rev-1")
        .await
        .unwrap();
    assert_eq!((retry.id, retry.replayed), (reversal.id, true));
    let again = w
        .app
        .reverse_ledger_transaction(&w.provincial, original.id, "دوباره", "rev-2")
        .await
        .unwrap_err();
    assert!(
        matches!(
            again,
            AppError::Conflict {
                field: "original",
                ..
            }
        ),
        "{again:?}"
    );
    let of_reversal = w
        .app
        .reverse_ledger_transaction(&w.provincial, reversal.id, "برگشت برگشت", "rev-3")
        .await
        .unwrap_err();
    assert!(
        matches!(of_reversal, AppError::Invalid(_)),
        "{of_reversal:?}"
    );

    let training = w
        .app
        .ledger_balance(&w.provincial, w.training, None)
        .await
        .unwrap();
    assert_eq!(
        (training.normal_balance_rials, training.kept.posting_count),
        (0, 2)
    );
    let then = w
        .app
        .ledger_balance(&w.provincial, w.training, Some(on))
        .await
        .unwrap();
    assert_eq!(
        then.normal_balance_rials, 743_000_000,
        "the original stays on the books"
    );
    let mut tx = db.store.read().await.unwrap();
    let stored = tx
        .ledger_transaction_by_id(original.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.reversed_by, Some(reversal.id));
    let back = tx
        .ledger_transaction_by_id(reversal.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back.reverses_id, Some(original.id));
    assert_eq!(back.effective_on, w.app.today().to_iso_string());
    assert_eq!(back.description, "مبلغ اشتباه ثبت شد");
    drop(tx);
    let reversals = audit_rows(&w.app, "ledger.reverse").await;
    assert_eq!(reversals.len(), 1);
    assert_eq!(reversals[0].entity_id, reversal.id.to_string());
    let report = w.app.verify_ledger(&w.auditor).await.unwrap();
    assert!(
        report.is_consistent() && report.guard_installed,
        "{report:?}"
    );
    assert_eq!(report.check.transactions_checked, 2);
}

async fn only_experts_post_auditors_read_and_other_provinces_accounts_are_out_of_reach(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let on = w.app.today();
    let pair = |key: &str, debit: AccountId, credit: AccountId| {
        draft(
            key,
            on,
            vec![Posting::debit(debit, 5), Posting::credit(credit, 5)],
        )
    };
    for actor in [&w.auditor, &w.county_expert] {
        let error = w
            .app
            .post_ledger_transaction(actor, &pair("x", w.expense, w.bank))
            .await
            .unwrap_err();
        assert!(matches!(error, AppError::Forbidden), "{error:?}");
    }
    assert!(matches!(
        w.app.verify_ledger(&w.county_expert).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app.seed_chart_of_accounts(&w.provincial).await,
        Err(AppError::Forbidden)
    ));
    assert_eq!(
        w.app
            .seed_chart_of_accounts(&Actor::console())
            .await
            .unwrap(),
        Vec::<String>::new(),
        "a second seed creates nothing"
    );
    assert_eq!(audit_rows(&w.app, "ledger.chart_seed").await.len(), 1);

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
    let error = w
        .app
        .post_ledger_transaction(&w.provincial, &pair("y", foreign, w.bank))
        .await
        .unwrap_err();
    assert!(matches!(error, AppError::Invalid(_)), "{error:?}");
    assert!(matches!(
        w.app.ledger_balance(&w.auditor, foreign, None).await,
        Err(AppError::NotFound)
    ));
    assert!(
        !w.app
            .ledger_accounts(&w.provincial)
            .await
            .unwrap()
            .iter()
            .any(|a| a.id == foreign)
    );
    let missing = w
        .app
        .post_ledger_transaction(&w.provincial, &pair("z", AccountId::new(999_999), w.bank))
        .await
        .unwrap_err();
    assert!(matches!(missing, AppError::Invalid(_)), "{missing:?}");
    assert!(audit_rows(&w.app, "ledger.post").await.is_empty());
    let check = w.app.verify_ledger(&w.auditor).await.unwrap().check;
    assert_eq!(check.transactions_checked, 0);
}

hamyar_store::on_both_databases!(
    a_retried_posting_posts_once_and_a_changed_one_under_the_same_key_conflicts,
    a_mistake_is_reversed_once_and_both_transactions_stay_visible,
    only_experts_post_auditors_read_and_other_provinces_accounts_are_out_of_reach,
);
