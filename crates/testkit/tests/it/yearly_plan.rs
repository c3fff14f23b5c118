//! The yearly plan as a use-case, on SQLite and on PostgreSQL: a provincial expert sets her
//! province's and a county's plan with Persian digits and replaces it, and the audit trail
//! keeps the plan before and after; a refused form changes nothing, another province is not
//! found and a county expert may not set; an empowered target left empty is 10 % of the women
//! covered on the year's first day, rounded up; and over the demo province, each month's
//! achievement is the figure sheet's figure for the year's first day to that month's end —
//! the latest month's is the dashboard's year to date — while the plan to date spreads the
//! year's target evenly over the twelve months; and the press summary says which share of
//! the year's empowered target the women who became independent are.

use hamyar_app::audit::AuditQuery;
use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::plan::figure_of;
use hamyar_app::ports::registry::{EpisodeRow, WomanRecord};
use hamyar_app::ports::{Database, Tx};
use hamyar_app::{Actor, App, AppError};
use hamyar_demo::Demo;
use hamyar_domain::plan::{PlanForm, PlanTarget, planned_to_date};
use hamyar_domain::registry::CoverageStatus;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{app_on, place, user};

fn form(groups: &str, joining: &str, trained: &str, visits: &str, empowered: &str) -> PlanForm {
    PlanForm {
        groups_formed: groups.into(),
        women_joining: joining.into(),
        women_trained: trained.into(),
        visits_made: visits.into(),
        women_empowered: empowered.into(),
        note: "مصوب شورای استان".into(),
    }
}

fn year_1405() -> FiscalYear {
    FiscalYear::new(1405).unwrap()
}

async fn plan_rows(app: &App) -> Vec<hamyar_app::ports::AuditRow> {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some("plan.set".into()),
            page_size: 100,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn a_provincial_expert_sets_and_replaces_plans_and_the_trail_keeps_both(db: &TestDatabase) {
    let app = app_on(db).await;
    let expert = user(&app, "p.expert", "provincial_expert", "ir.qazvin").await;
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;

    app.set_yearly_plan(
        &expert,
        qazvin,
        year_1405(),
        &form("۱۲", "۸۰", "۶۰", "۱٬۵۰۰", "۹"),
    )
    .await
    .unwrap();
    let plan = app
        .yearly_plan(&expert, Some(qazvin), year_1405())
        .await
        .unwrap();
    let row = plan.row.as_ref().expect("the plan");
    assert_eq!(row.targets.groups_formed, 12);
    assert_eq!(row.targets.visits_made, 1500);
    assert_eq!(plan.target(PlanTarget::WomenEmpowered), Some(9));
    assert_eq!(
        row.set_by_name, "کاربر p.expert",
        "a person's name, not a username"
    );
    assert_eq!(row.county_id, None);

    app.set_yearly_plan(
        &expert,
        qazvin,
        year_1405(),
        &form("15", "80", "60", "1500", ""),
    )
    .await
    .unwrap();
    let plan = app
        .yearly_plan(&expert, Some(qazvin), year_1405())
        .await
        .unwrap();
    assert_eq!(plan.target(PlanTarget::GroupsFormed), Some(15));
    assert!(plan.empowered_is_default());

    app.set_yearly_plan(
        &expert,
        takestan,
        year_1405(),
        &form("2", "14", "10", "200", ""),
    )
    .await
    .unwrap();
    let county = app
        .yearly_plan(&expert, Some(takestan), year_1405())
        .await
        .unwrap();
    assert_eq!(county.row.as_ref().unwrap().county_id, Some(takestan));
    assert_eq!(county.target(PlanTarget::WomenJoining), Some(14));
    // The province's plan is its own, not replaced by the county's.
    assert_eq!(
        app.yearly_plan(&expert, Some(qazvin), year_1405())
            .await
            .unwrap()
            .target(PlanTarget::GroupsFormed),
        Some(15)
    );

    let rows = plan_rows(&app).await;
    assert_eq!(rows.len(), 3);
    let replaced = rows
        .iter()
        .find(|r| r.before.is_some())
        .expect("the replacement names the plan before");
    assert!(
        replaced
            .before
            .as_deref()
            .unwrap()
            .contains("\"groups_formed\":12")
    );
    assert!(
        replaced
            .after
            .as_deref()
            .unwrap()
            .contains("\"groups_formed\":15")
    );
}

async fn a_refused_plan_changes_nothing(db: &TestDatabase) {
    let app = app_on(db).await;
    let expert = user(&app, "p.expert", "provincial_expert", "ir.qazvin").await;
    let county_expert = user(&app, "c.expert", "county_expert", "ir.qazvin.abyek").await;
    let qazvin = place(&app, "ir.qazvin").await;
    let tehran = place(&app, "ir.tehran").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    app.set_yearly_plan(
        &expert,
        qazvin,
        year_1405(),
        &form("12", "80", "60", "150", ""),
    )
    .await
    .unwrap();

    let Err(AppError::Invalid(problems)) = app
        .set_yearly_plan(
            &expert,
            qazvin,
            year_1405(),
            &form("", "-1", "x", "1000001", "۵"),
        )
        .await
    else {
        panic!("a bad form is refused");
    };
    let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "groups_formed",
            "women_joining",
            "women_trained",
            "visits_made"
        ]
    );
    for out_of_range in [1499, 1200] {
        let year = FiscalYear::new(out_of_range).unwrap();
        assert!(matches!(
            app.set_yearly_plan(&expert, qazvin, year, &form("1", "1", "1", "1", ""))
                .await,
            Err(AppError::Invalid(_))
        ));
    }
    assert!(matches!(
        app.set_yearly_plan(&expert, tehran, year_1405(), &form("1", "1", "1", "1", ""))
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.yearly_plan(&expert, Some(tehran), year_1405()).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.set_yearly_plan(
            &county_expert,
            abyek,
            year_1405(),
            &form("1", "1", "1", "1", "")
        )
        .await,
        Err(AppError::Forbidden)
    ));
    // The county expert reads her county's plan (none) but not the province's.
    assert!(
        app.yearly_plan(&county_expert, None, year_1405())
            .await
            .unwrap()
            .row
            .is_none()
    );
    assert!(matches!(
        app.yearly_plan(&county_expert, Some(qazvin), year_1405())
            .await,
        Err(AppError::NotFound)
    ));

    let plan = app
        .yearly_plan(&expert, Some(qazvin), year_1405())
        .await
        .unwrap();
    assert_eq!(plan.target(PlanTarget::GroupsFormed), Some(12));
    assert_eq!(plan.target(PlanTarget::VisitsMade), Some(150));
    assert_eq!(plan_rows(&app).await.len(), 1, "only the first setting");
}

async fn covered_woman(
    tx: &mut dyn Tx,
    national_id: &str,
    app: &App,
    status: CoverageStatus,
    on: &str,
) {
    let qazvin = place(app, "ir.qazvin").await;
    let abyek = place(app, "ir.qazvin.abyek").await;
    let woman = tx
        .insert_woman(
            &WomanRecord {
                national_id: national_id.into(),
                first_name: "مریم".into(),
                last_name: "رضایی".into(),
                birth_date: "1980-01-01".into(),
                province_id: qazvin,
                county_id: abyek,
                locality: "مرکز".into(),
                settlement: "urban".into(),
                address: "خیابان".into(),
                headship_cause: "widow".into(),
                name_key: "مریم رضایی".into(),
                name_key_reversed: "رضایی مریم".into(),
                ..WomanRecord::default()
            },
            status.code(),
            jiff::Timestamp::UNIX_EPOCH,
        )
        .await
        .unwrap();
    tx.insert_episode(&EpisodeRow {
        id: 0,
        woman_id: woman,
        status,
        exit_reason: None,
        started_on: JalaliDate::parse(on).unwrap(),
        decided_by: None,
        decided_by_name: "کارشناس".into(),
        reason: String::new(),
        recorded_at: jiff::Timestamp::UNIX_EPOCH,
    })
    .await
    .unwrap();
}

async fn an_empty_empowered_target_is_a_tenth_of_the_women_covered_at_the_start(db: &TestDatabase) {
    let app = app_on(db).await;
    let expert = user(&app, "p.expert", "provincial_expert", "ir.qazvin").await;
    let qazvin = place(&app, "ir.qazvin").await;
    let mut tx = db.store.write().await.unwrap();
    let ids = [
        "0013542419",
        "0084575948",
        "0012345679",
        "0011111119",
        "0022222229",
        "0033333339",
        "0044444449",
        "0055555559",
        "0066666669",
        "0077777779",
        "0088888889",
    ];
    for id in &ids {
        covered_woman(tx.as_mut(), id, &app, CoverageStatus::Covered, "1404/06/01").await;
    }
    // Covered only after the year began, and waiting: not counted.
    covered_woman(
        tx.as_mut(),
        "0099999999",
        &app,
        CoverageStatus::Covered,
        "1405/02/01",
    )
    .await;
    covered_woman(
        tx.as_mut(),
        "0010000008",
        &app,
        CoverageStatus::WaitingList,
        "1404/01/01",
    )
    .await;
    tx.commit().await.unwrap();

    app.set_yearly_plan(&expert, qazvin, year_1405(), &form("1", "1", "1", "1", ""))
        .await
        .unwrap();
    let plan = app
        .yearly_plan(&expert, Some(qazvin), year_1405())
        .await
        .unwrap();
    assert_eq!(plan.covered_at_start, 11);
    assert_eq!(plan.empowered_default, 2, "11 women: a tenth rounded up");
    assert_eq!(plan.target(PlanTarget::WomenEmpowered), Some(2));
    let progress = app
        .plan_against_achievement(&expert, Some(qazvin), year_1405())
        .await
        .unwrap();
    let empowered = progress.target(PlanTarget::WomenEmpowered).unwrap();
    assert_eq!(empowered.yearly, Some(2));
    assert!(empowered.is_default);
}

async fn achievement_is_the_figure_sheet_and_the_plan_spreads_evenly(db: &TestDatabase) {
    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    let expert = app
        .user_by_username("demo.province")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let qazvin = place(&app, "ir.qazvin").await;
    let year = FiscalYear::of(app.today());
    app.set_yearly_plan(&expert, qazvin, year, &form("24", "120", "90", "300", ""))
        .await
        .unwrap();
    let progress = app
        .plan_against_achievement(&expert, None, year)
        .await
        .unwrap();
    assert_eq!(progress.plan.place.id, qazvin, "the expert's own province");
    let months_begun = app.today().month();
    for target in &progress.targets {
        assert_eq!(target.months.len(), usize::from(months_begun));
        for month in &target.months {
            let sheet = app
                .figure_sheet(
                    &expert,
                    &DashboardRequest {
                        place_id: Some(qazvin),
                        year,
                        from: Some(year.first_day()),
                        to: Some(month.to),
                    },
                )
                .await
                .unwrap();
            assert_eq!(
                month.achieved,
                sheet.value(figure_of(target.target)),
                "{:?} in month {}",
                target.target,
                month.month
            );
            let yearly = target.yearly.unwrap();
            assert_eq!(month.planned, Some(planned_to_date(yearly, month.month)));
        }
        for pair in target.months.windows(2) {
            assert!(pair[0].achieved <= pair[1].achieved, "cumulative");
        }
    }
    // Achieved to date is what the dashboard shows for the year.
    let dashboard = app
        .figure_sheet(
            &expert,
            &DashboardRequest {
                place_id: None,
                year,
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    for target in &progress.targets {
        assert_eq!(
            target.to_date().unwrap().achieved,
            dashboard.value(figure_of(target.target)),
            "{:?}",
            target.target
        );
    }
    let groups = progress.target(PlanTarget::GroupsFormed).unwrap();
    assert_eq!(groups.yearly, Some(24));
    assert_eq!(
        groups.to_date().unwrap().planned,
        Some(2 * i64::from(months_begun))
    );
    // The demo's year has visits and trained women to count.
    assert!(
        progress
            .target(PlanTarget::VisitsMade)
            .unwrap()
            .to_date()
            .unwrap()
            .achieved
            > 0
    );
}

async fn the_press_summary_says_the_share_of_the_years_empowered_target(db: &TestDatabase) {
    let app = app_on(db).await;
    let world = hamyar_testkit::press::press_world(&app).await;
    let expert = world.provincial.clone();
    let pr = user(&app, "plan.pr", "public_relations", "ir.qazvin").await;
    let without = app
        .press_summary(&pr, world.qazvin, year_1405())
        .await
        .unwrap();
    assert!(!without.paragraph_fa.contains("هدف سال"));
    app.set_yearly_plan(
        &expert,
        world.qazvin,
        year_1405(),
        &form("1", "1", "1", "1", "۴"),
    )
    .await
    .unwrap();
    let with = app
        .press_summary(&pr, world.qazvin, year_1405())
        .await
        .unwrap();
    assert_eq!(with.figures.women_empowered_target, Some(4));
    assert!(
        with.paragraph_fa.ends_with(
            "دو زن سرپرست خانوار توانمند شده و از چرخهٔ حمایت خارج شده‌اند، ۵۰٪ از هدف سال."
        ),
        "{}",
        with.paragraph_fa
    );
    assert!(with.paragraph_en.contains("50% of the year's target"));
}

hamyar_store::on_both_databases!(
    the_press_summary_says_the_share_of_the_years_empowered_target,
    a_provincial_expert_sets_and_replaces_plans_and_the_trail_keeps_both,
    a_refused_plan_changes_nothing,
    an_empty_empowered_target_is_a_tenth_of_the_women_covered_at_the_start,
    achievement_is_the_figure_sheet_and_the_plan_spreads_evenly,
);
