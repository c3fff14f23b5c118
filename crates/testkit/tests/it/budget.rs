//! Budget use-cases on both databases: a provincial expert sets Qazvin's budget for the year
//! (resubmitting the form posts nothing new, a new total posts the difference as an
//! amendment), divides a line among counties without taking more than is left, figures as of
//! an earlier date leave out later moves, who may do what where, and the ledger stays
//! consistent throughout.

use hamyar_app::access::PlaceId;
use hamyar_app::budget::{AllocationInput, DivisionInput, YearBudgetInput};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{app_on, place, user};

struct World {
    app: App,
    qazvin: PlaceId,
    takestan: PlaceId,
    abyek: PlaceId,
    provincial: Actor,
    county_expert: Actor,
    auditor: Actor,
    tehran_expert: Actor,
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    World {
        qazvin: place(&app, "ir.qazvin").await,
        takestan: place(&app, "ir.qazvin.takestan").await,
        abyek: place(&app, "ir.qazvin.abyek").await,
        provincial: user(&app, "q.expert", "provincial_expert", "ir.qazvin").await,
        county_expert: user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await,
        auditor: user(&app, "q.auditor", "auditor", "ir.qazvin").await,
        tehran_expert: user(&app, "t.provincial", "provincial_expert", "ir.tehran").await,
        app,
    }
}

fn year_budget(w: &World, key: &str, training: &str, grant: &str) -> YearBudgetInput {
    YearBudgetInput {
        fiscal_year: 1405,
        province_id: w.qazvin,
        county_id: None,
        amounts: vec![
            (BudgetCategory::Training, training.into()),
            (BudgetCategory::Grant, grant.into()),
            (BudgetCategory::Other, String::new()),
        ],
        effective_on: "۱۴۰۵/۰۱/۱۵".into(),
        description: String::new(),
        idempotency_key: key.into(),
    }
}

fn year() -> FiscalYear {
    FiscalYear::new(1405).unwrap()
}

async fn budget_of(w: &World, category: BudgetCategory) -> i64 {
    let lines = w
        .app
        .budget_lines(&w.provincial, year(), None, None)
        .await
        .unwrap();
    lines
        .iter()
        .find(|view| view.category == category && view.line.county_id.is_none())
        .map(|view| view.figures.budget_rials)
        .unwrap()
}

async fn assert_ledger_consistent(app: &App) {
    let report = app.verify_ledger(&Actor::console()).await.unwrap();
    assert!(report.check.is_consistent(), "{report:?}");
}

async fn a_year_budget_is_set_once_and_amended_by_the_difference(db: &TestDatabase) {
    let w = world(db).await;
    let posted = w
        .app
        .set_year_budget(
            &w.provincial,
            &year_budget(&w, "b1", "۵۰۰٬۰۰۰٬۰۰۰", "900,000,000"),
        )
        .await
        .unwrap();
    assert_eq!(posted.len(), 2);
    // The same form again (a double click) posts nothing.
    let again = w
        .app
        .set_year_budget(
            &w.provincial,
            &year_budget(&w, "b1", "۵۰۰٬۰۰۰٬۰۰۰", "900,000,000"),
        )
        .await
        .unwrap();
    assert!(again.is_empty());
    assert_eq!(budget_of(&w, BudgetCategory::Training).await, 500_000_000);
    // A new total posts only the difference.
    w.app
        .set_year_budget(
            &w.provincial,
            &year_budget(&w, "b2", "450000000", "900000000"),
        )
        .await
        .unwrap();
    assert_eq!(budget_of(&w, BudgetCategory::Training).await, 450_000_000);
    assert_eq!(budget_of(&w, BudgetCategory::Grant).await, 900_000_000);
    // Figures as of a day before the allocation show nothing yet.
    let before = w
        .app
        .budget_lines(
            &w.auditor,
            year(),
            None,
            Some(JalaliDate::new(1405, 1, 14).unwrap()),
        )
        .await
        .unwrap();
    assert!(before.iter().all(|view| view.figures.budget_rials == 0));
    assert_ledger_consistent(&w.app).await;
}

async fn bad_amounts_are_named_and_change_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let error = w
        .app
        .set_year_budget(&w.provincial, &year_budget(&w, "b1", "۵۰۰x", "-3"))
        .await
        .unwrap_err();
    let AppError::Invalid(problems) = error else {
        panic!("expected invalid input, got {error:?}");
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, vec!["training", "grant"]);
    let mut input = year_budget(&w, "b1", "1000", "");
    input.effective_on = "1404/12/01".into();
    let error = w
        .app
        .set_year_budget(&w.provincial, &input)
        .await
        .unwrap_err();
    assert!(
        matches!(error, AppError::Invalid(ref p) if p[0].field == "effective_on"),
        "{error:?}"
    );
    assert!(
        w.app
            .budget_lines(&w.provincial, year(), None, None)
            .await
            .unwrap()
            .iter()
            .all(|view| view.figures.budget_rials == 0)
    );
}

async fn a_province_line_is_divided_among_counties_without_going_below_zero(db: &TestDatabase) {
    let w = world(db).await;
    w.app
        .set_year_budget(&w.provincial, &year_budget(&w, "b1", "", "600000000"))
        .await
        .unwrap();
    let lines = w
        .app
        .budget_lines(&w.provincial, year(), None, None)
        .await
        .unwrap();
    let grant_line = lines[0].line.id;
    let divide = |county: PlaceId, amount: &str, key: &str| DivisionInput {
        province_line_id: grant_line,
        county_id: county,
        amount: amount.into(),
        effective_on: String::new(),
        description: "سهم شهرستان".into(),
        idempotency_key: key.into(),
    };
    let (takestan_line, _) = w
        .app
        .divide_budget(&w.provincial, &divide(w.takestan, "400,000,000", "d1"))
        .await
        .unwrap();
    assert_eq!(takestan_line.county_id, Some(w.takestan));
    let error = w
        .app
        .divide_budget(&w.provincial, &divide(w.abyek, "200,000,001", "d2"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, AppError::Invalid(ref p) if p[0].field == "amount"),
        "{error:?}"
    );
    w.app
        .divide_budget(&w.provincial, &divide(w.abyek, "200,000,000", "d3"))
        .await
        .unwrap();
    assert_eq!(budget_of(&w, BudgetCategory::Grant).await, 0);

    // The county expert sees its county's line and the province's, not Abyek's.
    let seen = w
        .app
        .budget_lines(&w.county_expert, year(), None, None)
        .await
        .unwrap();
    let places: Vec<_> = seen.iter().map(|view| view.line.county_id).collect();
    assert_eq!(places, vec![None, Some(w.takestan)]);
    assert_eq!(seen[1].figures.budget_rials, 400_000_000);

    // A cut may not go below zero either.
    let error = w
        .app
        .allocate_budget(
            &w.provincial,
            &AllocationInput {
                line_id: takestan_line.id,
                amount: "-400,000,001".into(),
                effective_on: String::new(),
                description: "اصلاحیه".into(),
                idempotency_key: "c1".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(error, AppError::Invalid(_)), "{error:?}");
    assert_ledger_consistent(&w.app).await;
}

async fn a_reversal_may_not_leave_a_line_negative(db: &TestDatabase) {
    let w = world(db).await;
    let allocation = w
        .app
        .set_year_budget(&w.provincial, &year_budget(&w, "b1", "", "600000000"))
        .await
        .unwrap()[0];
    let lines = w
        .app
        .budget_lines(&w.provincial, year(), None, None)
        .await
        .unwrap();
    let (_, division) = w
        .app
        .divide_budget(
            &w.provincial,
            &DivisionInput {
                province_line_id: lines[0].line.id,
                county_id: w.takestan,
                amount: "400000000".into(),
                effective_on: String::new(),
                description: "سهم تاکستان".into(),
                idempotency_key: "d1".into(),
            },
        )
        .await
        .unwrap();
    // Only 200M is left on the province line: taking the 600M allocation back would leave it
    // at −400M.
    let error = w
        .app
        .reverse_ledger_transaction(&w.provincial, allocation.id, "تخصیص اشتباه", "r1")
        .await
        .unwrap_err();
    assert!(
        matches!(error, AppError::Invalid(ref p) if p[0].field == "original"),
        "{error:?}"
    );
    // Taking the division back first makes it possible.
    w.app
        .reverse_ledger_transaction(&w.provincial, division.id, "تقسیم اشتباه", "r2")
        .await
        .unwrap();
    w.app
        .reverse_ledger_transaction(&w.provincial, allocation.id, "تخصیص اشتباه", "r3")
        .await
        .unwrap();
    let after = w
        .app
        .budget_lines(&w.provincial, year(), None, None)
        .await
        .unwrap();
    assert!(
        after.iter().all(|view| view.figures.budget_rials == 0),
        "{after:?}"
    );
    assert_ledger_consistent(&w.app).await;
}

async fn only_budget_managers_in_scope_set_budgets(db: &TestDatabase) {
    let w = world(db).await;
    let input = year_budget(&w, "b1", "1000", "");
    assert!(matches!(
        w.app.set_year_budget(&w.county_expert, &input).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app.set_year_budget(&w.auditor, &input).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app.set_year_budget(&w.tehran_expert, &input).await,
        Err(AppError::NotFound)
    ));
    w.app.set_year_budget(&w.provincial, &input).await.unwrap();
    assert!(
        w.app
            .budget_lines(&w.tehran_expert, year(), Some(w.qazvin), None)
            .await
            .unwrap()
            .is_empty()
    );
}

hamyar_store::on_both_databases!(
    a_year_budget_is_set_once_and_amended_by_the_difference,
    bad_amounts_are_named_and_change_nothing,
    a_province_line_is_divided_among_counties_without_going_below_zero,
    a_reversal_may_not_leave_a_line_negative,
    only_budget_managers_in_scope_set_budgets,
);
