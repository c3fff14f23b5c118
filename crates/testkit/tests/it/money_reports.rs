//! Money reports on both databases. Qazvin's 1405 budget is set (1 Farvardin 15), training
//! and strengthening are divided to Takestan and Abyek (3 Khordad 1), training is amended
//! down (6 Shahrivar 1), and Takestan commits and pays part of its training line; the report
//! is then read now and as of earlier days, each figure is drilled to its transactions, and
//! who sees which rows (and names) is checked. Every number below is worked out by hand.

use hamyar_app::access::PlaceId;
use hamyar_app::budget::{AllocationInput, DivisionInput};
use hamyar_app::money_reports::{BudgetReport, DrillPageRequest, Figure, ReportFigures};
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::ledger::{Posting, TransactionDraft, TransactionInput};
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::BudgetBuilder;
use hamyar_testkit::fixtures::{app_on, place, user};

const M: i64 = 1_000_000;

struct World {
    app: App,
    qazvin: PlaceId,
    takestan: PlaceId,
    abyek: PlaceId,
    provincial: Actor,
}

fn year() -> FiscalYear {
    FiscalYear::new(1405).unwrap()
}

fn day(month: u8, day: u8) -> JalaliDate {
    JalaliDate::new(1405, month, day).unwrap()
}

async fn line_id(w: &World, county: Option<PlaceId>, category: BudgetCategory) -> BudgetLineId {
    w.app
        .budget_lines(&Actor::console(), year(), Some(w.qazvin), None)
        .await
        .unwrap()
        .into_iter()
        .find(|view| view.line.county_id == county && view.category == category)
        .unwrap()
        .line
        .id
}

/// Posts through the general ledger what the spending use-cases (landing next) will post:
/// a commitment against Takestan's training line and a part payment of it.
async fn commit_and_pay(w: &World) {
    let console = Actor::console();
    let line = w
        .app
        .budget_line(
            &console,
            line_id(w, Some(w.takestan), BudgetCategory::Training).await,
            None,
        )
        .await
        .unwrap()
        .line;
    let treasury = w
        .app
        .ledger_accounts(&console)
        .await
        .unwrap()
        .into_iter()
        .find(|account| account.code == "bank.treasury")
        .unwrap()
        .id;
    let post = |postings, on, key: &str| {
        TransactionDraft::build(TransactionInput {
            postings,
            description: format!("سند {key}"),
            effective_on: on,
            idempotency_key: key.into(),
        })
        .unwrap()
    };
    let commitment = post(
        vec![
            Posting::debit(line.expense_account_id, 150 * M),
            Posting::credit(line.commitment_account_id, 150 * M),
        ],
        day(7, 1),
        "commit-1",
    );
    let payment = post(
        vec![
            Posting::debit(line.commitment_account_id, 100 * M),
            Posting::credit(treasury, 100 * M),
        ],
        day(8, 1),
        "pay-1",
    );
    for draft in [commitment, payment] {
        w.app
            .post_ledger_transaction(&console, &draft)
            .await
            .unwrap();
    }
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let w = World {
        qazvin: place(&app, "ir.qazvin").await,
        takestan: place(&app, "ir.qazvin.takestan").await,
        abyek: place(&app, "ir.qazvin.abyek").await,
        provincial: user(&app, "q.expert", "provincial_expert", "ir.qazvin").await,
        app,
    };
    BudgetBuilder::new(&w.app, &w.provincial, w.qazvin)
        .amount(BudgetCategory::Training, "۱٬۰۰۰٬۰۰۰٬۰۰۰")
        .amount(BudgetCategory::JobPreparation, "500000000")
        .amount(BudgetCategory::Grant, "2000000000")
        .amount(BudgetCategory::Strengthening, "300000000")
        .key("year-1405")
        .set()
        .await;
    for (category, county, amount, key) in [
        (BudgetCategory::Training, w.takestan, "400000000", "div-t"),
        (BudgetCategory::Strengthening, w.abyek, "100000000", "div-s"),
    ] {
        let province_line_id = line_id(&w, None, category).await;
        w.app
            .divide_budget(
                &w.provincial,
                &DivisionInput {
                    province_line_id,
                    county_id: county,
                    amount: amount.into(),
                    effective_on: "1405/03/01".into(),
                    description: "تقسیم به شهرستان".into(),
                    idempotency_key: key.into(),
                },
            )
            .await
            .unwrap();
    }
    let line_id = line_id(&w, None, BudgetCategory::Training).await;
    w.app
        .allocate_budget(
            &w.provincial,
            &AllocationInput {
                line_id,
                amount: "-۲۰۰٬۰۰۰٬۰۰۰".into(),
                effective_on: "1405/06/01".into(),
                description: "اصلاحیهٔ کاهش".into(),
                idempotency_key: "amend-1".into(),
            },
        )
        .await
        .unwrap();
    commit_and_pay(&w).await;
    w
}

fn figures(budget: i64, committed: i64, paid: i64) -> ReportFigures {
    ReportFigures {
        budget_rials: budget,
        committed_rials: committed,
        paid_rials: paid,
        open_commitments_rials: committed - paid,
        left_rials: budget - committed,
    }
}

fn row_names(report: &BudgetReport) -> Vec<&str> {
    report
        .rows
        .iter()
        .map(|row| row.place_name_fa.as_str())
        .collect()
}

async fn the_report_sets_budget_against_committed_and_paid_by_county_and_category(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let report = w
        .app
        .budget_report(&w.provincial, w.qazvin, year(), None)
        .await
        .unwrap();
    assert_eq!(row_names(&report), vec!["ستاد استان", "آبیک", "تاکستان"]);
    let province = &report.rows[0];
    assert_eq!(province.county_id, None);
    let cell =
        |row: &hamyar_app::money_reports::ReportRow, category| row.cell(category).unwrap().figures;
    // 1,000M − 400M divided to Takestan − 200M amendment.
    assert_eq!(
        cell(province, BudgetCategory::Training),
        figures(400 * M, 0, 0)
    );
    assert_eq!(
        cell(province, BudgetCategory::Strengthening),
        figures(200 * M, 0, 0)
    );
    assert_eq!(province.subtotal, figures(3_100 * M, 0, 0));
    let takestan = report
        .rows
        .iter()
        .find(|r| r.county_id == Some(w.takestan))
        .unwrap();
    assert_eq!(
        cell(takestan, BudgetCategory::Training),
        figures(400 * M, 150 * M, 100 * M)
    );
    assert_eq!(takestan.cells.len(), 1);
    let training_total = report
        .category_totals
        .iter()
        .find(|(category, _)| *category == BudgetCategory::Training)
        .unwrap()
        .1;
    assert_eq!(training_total, figures(800 * M, 150 * M, 100 * M));
    assert_eq!(report.total, figures(3_600 * M, 150 * M, 100 * M));
    let headline = w
        .app
        .headline_spent(&w.provincial, Some(w.qazvin), year(), None)
        .await
        .unwrap();
    assert_eq!(headline.total_rials, 150 * M);
}

async fn figures_as_of_a_day_leave_out_what_came_after_it(db: &TestDatabase) {
    let w = world(db).await;
    let report_on = |date| {
        w.app
            .budget_report(&w.provincial, w.qazvin, year(), Some(date))
    };
    let before_anything = report_on(day(1, 14)).await.unwrap();
    assert_eq!(before_anything.total, ReportFigures::default());
    let spring = report_on(day(5, 1)).await.unwrap();
    let province_training = spring.rows[0].cell(BudgetCategory::Training).unwrap();
    assert_eq!(province_training.figures, figures(600 * M, 0, 0));
    assert_eq!(spring.total, figures(3_800 * M, 0, 0));
    let autumn = report_on(day(7, 15)).await.unwrap();
    assert_eq!(autumn.total, figures(3_600 * M, 150 * M, 0));
    let headline = w
        .app
        .headline_spent(&w.provincial, Some(w.qazvin), year(), Some(day(6, 30)))
        .await
        .unwrap();
    assert_eq!(headline.total_rials, 0);
}

async fn each_figure_drills_down_to_exactly_its_transactions(db: &TestDatabase) {
    let w = world(db).await;
    let province_training = line_id(&w, None, BudgetCategory::Training).await;
    let drill = |line, figure, as_of| {
        w.app.line_transactions(
            &w.provincial,
            line,
            figure,
            as_of,
            DrillPageRequest::default(),
        )
    };
    let budget = drill(province_training, Figure::Budget, None)
        .await
        .unwrap();
    let amounts: Vec<(JalaliDate, i64)> = budget
        .entries
        .iter()
        .map(|entry| (entry.effective_on, entry.amount_rials))
        .collect();
    assert_eq!(
        amounts,
        vec![
            (day(1, 15), 1_000 * M),
            (day(3, 1), -400 * M),
            (day(6, 1), -200 * M)
        ]
    );
    assert_eq!(budget.total_rials, budget.figures.budget_rials);
    assert_eq!(
        budget.entries[2].description.as_deref(),
        Some("اصلاحیهٔ کاهش")
    );
    assert_eq!(
        budget.entries[2].recorded_by.as_deref(),
        Some("کاربر q.expert")
    );
    let spring = drill(province_training, Figure::Budget, Some(day(5, 1)))
        .await
        .unwrap();
    assert_eq!(spring.total_count, 2);
    assert_eq!(spring.total_rials, 600 * M);
    let takestan = line_id(&w, Some(w.takestan), BudgetCategory::Training).await;
    let division = drill(takestan, Figure::Budget, None).await.unwrap();
    assert_eq!(division.entries.len(), 1);
    assert_eq!(division.entries[0].amount_rials, 400 * M);
    let committed = drill(takestan, Figure::Committed, None).await.unwrap();
    assert_eq!(committed.total_rials, 150 * M);
    assert_eq!(committed.entries[0].effective_on, day(7, 1));
    let paid = drill(takestan, Figure::Paid, None).await.unwrap();
    assert_eq!(paid.entries.len(), 1);
    assert_eq!(paid.entries[0].effective_on, day(8, 1));
    assert_eq!(paid.total_rials, 100 * M);
    let one_a_page = w
        .app
        .line_transactions(
            &w.provincial,
            province_training,
            Figure::Budget,
            None,
            DrillPageRequest { number: 3, size: 1 },
        )
        .await
        .unwrap();
    assert_eq!(one_a_page.entries.len(), 1);
    assert_eq!(one_a_page.entries[0].amount_rials, -200 * M);
    assert_eq!(one_a_page.page_count(), 3);
}

async fn each_reader_sees_only_their_rows_and_names_need_personal_data(db: &TestDatabase) {
    let w = world(db).await;
    let county = user(&w.app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let report = w
        .app
        .budget_report(&county, w.qazvin, year(), None)
        .await
        .unwrap();
    assert_eq!(row_names(&report), vec!["ستاد استان", "تاکستان"]);
    assert_eq!(report.total, figures(3_500 * M, 150 * M, 100 * M));
    let abyek_line = line_id(&w, Some(w.abyek), BudgetCategory::Strengthening).await;
    let hidden = w
        .app
        .line_transactions(
            &county,
            abyek_line,
            Figure::Budget,
            None,
            DrillPageRequest::default(),
        )
        .await;
    assert!(matches!(hidden, Err(AppError::NotFound)));
    let tehran = user(&w.app, "t.provincial", "provincial_expert", "ir.tehran").await;
    assert!(matches!(
        w.app.budget_report(&tehran, w.qazvin, year(), None).await,
        Err(AppError::NotFound)
    ));
    let worker = user(&w.app, "q.worker", "social_worker", "ir.qazvin.takestan").await;
    assert!(matches!(
        w.app.budget_report(&worker, w.qazvin, year(), None).await,
        Err(AppError::Forbidden)
    ));
    let press = user(&w.app, "q.press", "public_relations", "ir.qazvin").await;
    let seen = w
        .app
        .budget_report(&press, w.qazvin, year(), None)
        .await
        .unwrap();
    assert_eq!(seen.total.budget_rials, 3_600 * M);
    let drill = w
        .app
        .line_transactions(
            &press,
            abyek_line,
            Figure::Budget,
            None,
            DrillPageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(drill.entries[0].amount_rials, 100 * M);
    assert_eq!(drill.entries[0].description, None);
    assert_eq!(drill.entries[0].recorded_by, None);
}

hamyar_store::on_both_databases!(
    the_report_sets_budget_against_committed_and_paid_by_county_and_category,
    figures_as_of_a_day_leave_out_what_came_after_it,
    each_figure_drills_down_to_exactly_its_transactions,
    each_reader_sees_only_their_rows_and_names_need_personal_data,
);
