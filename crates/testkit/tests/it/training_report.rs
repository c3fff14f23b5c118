//! The training report agrees with everything else that counts training, on SQLite and
//! PostgreSQL, over the demo province (whose training payments each pay for a run its groups
//! attended): its totals are the figure sheet's `training.*` figures (one definition), the
//! sum of its breakdowns by county, course kind and provider, and the sum of the run pages
//! of the runs it lists (women, completions, dropouts, hours and what the ledger paid — the
//! `course_run` read model), so the report, the dashboard and the press summary agree with
//! the ledger. Money needs `ViewMoney`; a place outside the reader's scope is not found; a
//! county reader's report is her county's.

use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::figures::{Drill, FigureKey, FigureSheet};
use hamyar_app::training::{TrainingFigures, TrainingReport, TrainingReportRequest};
use hamyar_app::{Actor, App, AppError};
use hamyar_demo::Demo;
use hamyar_domain::FiscalYear;
use hamyar_domain::press::news_count;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{app_on, place, user};

fn sum(rows: &[hamyar_app::training::TrainingReportRow]) -> TrainingFigures {
    let mut total = TrainingFigures::default();
    for row in rows {
        let f = &row.figures;
        total.runs += f.runs;
        total.enrolled += f.enrolled;
        total.completed += f.completed;
        total.dropped += f.dropped;
        total.run_hours += f.run_hours;
        total.runs_taught += f.runs_taught;
        total.hours_delivered += f.hours_delivered;
        total.paid_rials += f.paid_rials;
    }
    total
}

/// The sheet's training figures are the report's totals.
fn assert_sheet_is_report(sheet: &FigureSheet, report: &TrainingReport, money: bool) {
    let total = &report.total;
    for (key, value) in [
        (FigureKey::TrainingRuns, total.figures.runs),
        (FigureKey::TrainingEnrolled, total.figures.enrolled),
        (FigureKey::TrainingCompleted, total.figures.completed),
        (FigureKey::TrainingWomen, total.women_completed),
        (FigureKey::TrainingHours, total.figures.hours_delivered),
    ] {
        let figure = sheet.get(key).expect("a training figure");
        assert_eq!(figure.value, value, "{key:?}");
        assert_eq!(figure.drill, Some(Drill::Training), "{key:?}");
    }
    let enrolled = sheet.get(FigureKey::TrainingEnrolled).unwrap();
    assert_eq!(
        enrolled.parts.iter().map(|p| p.value).sum::<i64>(),
        enrolled.value
    );
    if money {
        let money = report.money.expect("the report's money");
        assert_eq!(sheet.value(FigureKey::TrainingPaid), money.paid_rials);
        assert_eq!(
            sheet
                .get(FigureKey::TrainingCostPerCompleter)
                .map(|f| f.value),
            money.per_completer_rials
        );
    } else {
        assert!(report.money.is_none());
        assert!(report.by_provider.iter().all(|row| row.money.is_none()));
        assert!(sheet.get(FigureKey::TrainingPaid).is_none());
        assert!(sheet.get(FigureKey::TrainingCostPerCompleter).is_none());
    }
}

/// The run pages of the runs the report lists, summed.
async fn run_pages(app: &App, actor: &Actor, report: &TrainingReport) -> TrainingFigures {
    let mut total = TrainingFigures::default();
    for (id, code) in &report.runs {
        let run = app.course_run(actor, *id, false).await.unwrap();
        assert_eq!(&run.run.code, code);
        assert!(run.sessions_held as usize == run.sessions.len(), "ended");
        total.runs += 1;
        total.enrolled += i64::try_from(run.women.len()).unwrap();
        total.completed += i64::try_from(run.completed).unwrap();
        total.dropped += i64::try_from(run.dropped).unwrap();
        total.run_hours += run.hours_delivered;
        total.paid_rials += run.costs.paid_rials;
    }
    total
}

async fn the_training_report_agrees_with_the_sheet_the_run_pages_and_the_press(db: &TestDatabase) {
    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let year = FiscalYear::of(app.today());
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let request = TrainingReportRequest {
        place_id: Some(qazvin),
        year,
        from: None,
        to: None,
    };
    let report = app.training_report(&expert, &request).await.unwrap();
    let total = report.total.figures;
    assert!(
        total.runs > 0 && total.completed > 0,
        "the demo trains its groups"
    );
    assert!(total.paid_rials > 0, "and pays for the runs");
    assert!(report.total.women_completed <= total.completed);
    assert_eq!(report.runs.len() as i64, total.runs, "every run is listed");

    // Each breakdown adds up to the totals.
    for rows in [&report.by_county, &report.by_kind, &report.by_provider] {
        assert_eq!(sum(rows), total);
    }
    // The run pages say the same: women, outcomes, hours and the ledger's money.
    let pages = run_pages(&app, &expert, &report).await;
    assert_eq!(
        (
            pages.runs,
            pages.enrolled,
            pages.completed,
            pages.dropped,
            pages.run_hours,
            pages.paid_rials
        ),
        (
            total.runs,
            total.enrolled,
            total.completed,
            total.dropped,
            total.run_hours,
            total.paid_rials
        )
    );
    let money = report.money.unwrap();
    assert_eq!(money.per_completer_rials, total.costs().per_completer);

    // The catalogue's figures are the report's totals, for the same place and span.
    let dashboard = DashboardRequest {
        place_id: Some(qazvin),
        year,
        from: None,
        to: None,
    };
    let sheet = app.figure_sheet(&expert, &dashboard).await.unwrap();
    assert_sheet_is_report(&sheet, &report, true);

    // The press summary says the sheet's women and courses.
    let press = app.press_summary(&expert, qazvin, year).await.unwrap();
    assert_eq!(
        press.figures.women_trained as i64,
        report.total.women_completed
    );
    assert_eq!(press.figures.courses_trained as i64, total.runs);
    let women = news_count(report.total.women_completed as u64);
    assert!(
        press.paragraph_fa.contains(&format!(
            "{women} زن سرپرست خانوار آموزش خود را با موفقیت به پایان"
        )),
        "{}",
        press.paragraph_fa
    );

    // A span of the year's first month only: the figures still agree, and fewer runs count.
    let first_month = TrainingReportRequest {
        from: Some(year.first_day()),
        to: Some(year.first_day().last_of_month()),
        ..request
    };
    let early = app.training_report(&expert, &first_month).await.unwrap();
    let early_sheet = app
        .figure_sheet(
            &expert,
            &DashboardRequest {
                from: first_month.from,
                to: first_month.to,
                ..dashboard
            },
        )
        .await
        .unwrap();
    assert_sheet_is_report(&early_sheet, &early, true);
    assert!(early.total.figures.runs <= total.runs);
}

async fn money_needs_view_money_and_places_keep_their_scope(db: &TestDatabase) {
    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let year = FiscalYear::of(app.today());
    let request = TrainingReportRequest {
        place_id: Some(qazvin),
        year,
        from: None,
        to: None,
    };
    // A facilitator reads counts, never money; her report is her county's.
    let county = app
        .training_report(
            &user(&app, "q.expert", "provincial_expert", "ir.qazvin").await,
            &request,
        )
        .await
        .unwrap()
        .by_county
        .into_iter()
        .find(|row| row.figures.runs > 0)
        .expect("a county with runs");
    let county_code = county.code.clone();
    let facilitator = user(&app, "c.facilitator", "facilitator", &county_code).await;
    let own = app
        .training_report(
            &facilitator,
            &TrainingReportRequest {
                place_id: None,
                ..request
            },
        )
        .await
        .unwrap();
    assert_eq!(own.place.code, county_code);
    assert_eq!(
        own.total.figures,
        TrainingFigures {
            paid_rials: own.total.figures.paid_rials,
            ..county.figures
        }
    );
    let sheet = app
        .figure_sheet(
            &facilitator,
            &DashboardRequest {
                place_id: None,
                year,
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    assert_sheet_is_report(&sheet, &own, false);
    // The province is outside her scope; so is another province for a provincial expert.
    assert!(matches!(
        app.training_report(&facilitator, &request).await,
        Err(AppError::NotFound)
    ));
    let tehran = user(&app, "t.expert", "provincial_expert", "ir.tehran").await;
    assert!(matches!(
        app.training_report(&tehran, &request).await,
        Err(AppError::NotFound)
    ));
}

hamyar_store::on_both_databases!(
    the_training_report_agrees_with_the_sheet_the_run_pages_and_the_press,
    money_needs_view_money_and_places_keep_their_scope,
);
