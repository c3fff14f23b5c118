//! Dashboards as a use-case, on SQLite and on PostgreSQL, over the demo province: the
//! provincial expert's dashboard agrees with the press release (30 active groups, 743,000,000
//! rials on the headline categories), with each group's own stage history, with the budget
//! report read off the ledger, and with what the demo recorded; the national expert sees
//! Qazvin among the provinces with the same figures; public relations reads it (figures only)
//! while a facilitator's has no money; a place outside the scope is not found; and a span
//! outside its fiscal year is refused.

use std::collections::BTreeMap;

use hamyar_app::dashboard::{DashboardRequest, StageBucket};
use hamyar_app::groups::GroupListFilter;
use hamyar_app::{Actor, App, AppError};
use hamyar_demo::Demo;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::GroupStage;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{app_on, place};

async fn demo_user(app: &App, username: &str) -> Actor {
    app.user_by_username(username)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("demo user {username}"))
        .actor()
}

fn this_year(app: &App) -> DashboardRequest {
    DashboardRequest {
        place_id: None,
        year: FiscalYear::of(app.today()),
        from: None,
        to: None,
    }
}

/// Each county's groups by their latest stage effective today, from every group's history.
async fn stages_from_histories(
    app: &App,
    actor: &Actor,
) -> BTreeMap<(hamyar_app::access::PlaceId, String), i64> {
    let mut counts = BTreeMap::new();
    let mut page = 1;
    let today = app.today();
    loop {
        let listing = app
            .list_groups(
                actor,
                &GroupListFilter {
                    page,
                    ..GroupListFilter::default()
                },
                false,
            )
            .await
            .unwrap();
        for row in &listing.rows {
            let group = app.group_page(actor, row.id, false, false).await.unwrap();
            let latest = group
                .stages
                .iter()
                .filter(|s| s.effective_on <= today)
                .max_by(|a, b| (&a.effective_on, a.id).cmp(&(&b.effective_on, b.id)))
                .expect("a group has a first stage");
            *counts
                .entry((group.group.record.county_id, latest.stage.code().to_owned()))
                .or_insert(0) += 1;
        }
        if !listing.has_next {
            break;
        }
        page += 1;
    }
    counts
}

async fn the_provincial_dashboard_agrees_with_the_press_release_histories_and_ledger(
    db: &TestDatabase,
) {
    let app = app_on(db).await;
    let summary = app.fill_demo().await.unwrap();
    let expert = demo_user(&app, "demo.province").await;
    let qazvin = place(&app, "ir.qazvin").await;
    let dashboard = app.dashboard(&expert, &this_year(&app)).await.unwrap();

    assert_eq!(
        dashboard.place.id, qazvin,
        "the expert's own province by default"
    );
    assert_eq!(
        dashboard.areas.len(),
        6,
        "Qazvin's six counties side by side"
    );
    assert_eq!(dashboard.total.groups.bucket(StageBucket::Active), 30);
    assert_eq!(dashboard.total.groups.total(), summary.groups as i64);

    let mut from_dashboard = BTreeMap::new();
    for area in &dashboard.areas {
        for stage in GroupStage::ALL {
            let n = area.groups.of(stage);
            if n > 0 {
                from_dashboard.insert((area.area.id, stage.code().to_owned()), n);
            }
        }
    }
    assert_eq!(from_dashboard, stages_from_histories(&app, &expert).await);

    let money = dashboard.money.as_ref().expect("the expert sees money");
    let headline: i64 = BudgetCategory::HEADLINE
        .iter()
        .map(|c| money.total.figures(*c).committed_rials)
        .sum();
    assert_eq!(headline, 743_000_000);
    let report = app
        .budget_report(&expert, qazvin, FiscalYear::of(app.today()), None)
        .await
        .unwrap();
    let total = money.total.total();
    assert_eq!(total.budget_rials, report.total.budget_rials);
    assert_eq!(total.committed_rials, report.total.committed_rials);
    assert_eq!(total.paid_rials(), report.total.paid_rials);

    let press = app
        .press_summary(&expert, qazvin, FiscalYear::of(app.today()))
        .await
        .unwrap();
    assert_eq!(
        dashboard.total.grants_committed_rials,
        press.figures.grants_committed_rials
    );
    assert_eq!(dashboard.total.visits_done, summary.visits as i64);
    assert_eq!(
        dashboard.total.business_months,
        summary.business_months as i64
    );
    assert!(dashboard.total.visits_kept <= dashboard.total.visits_owed);
    assert!(dashboard.total.members > 0);
    assert_eq!(
        dashboard.total.women.total(),
        summary.women as i64,
        "every woman of the demo has a coverage status"
    );
    let moved: i64 = dashboard.months.iter().map(|m| m.entered.total()).sum();
    assert_eq!(moved, dashboard.total.entered.total());
}

async fn the_country_compares_provinces_and_each_role_sees_its_part(db: &TestDatabase) {
    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let tehran = place(&app, "ir.tehran").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let province = app
        .dashboard(&demo_user(&app, "demo.province").await, &this_year(&app))
        .await
        .unwrap();

    let national = app
        .dashboard(&demo_user(&app, "demo.national").await, &this_year(&app))
        .await
        .unwrap();
    assert_eq!(national.areas.len(), 31, "every province side by side");
    let row = national.areas.iter().find(|a| a.area.id == qazvin).unwrap();
    assert_eq!(row.groups, province.total.groups);
    assert_eq!(row.members, province.total.members);
    assert_eq!(row.visits_owed, province.total.visits_owed);
    assert_eq!(national.total.groups.bucket(StageBucket::Active), 30);

    let pr = app
        .dashboard(&demo_user(&app, "demo.pr").await, &this_year(&app))
        .await
        .unwrap();
    assert_eq!(
        pr.total, province.total,
        "public relations reads the same figures"
    );
    assert!(pr.money.is_some());

    let facilitator = demo_user(&app, "demo.facilitator").await;
    let own = app.dashboard(&facilitator, &this_year(&app)).await.unwrap();
    assert_eq!(own.areas.len(), 1, "a county is one area");
    assert!(own.money.is_none(), "a facilitator does not see money");
    let outside = app
        .dashboard(
            &facilitator,
            &DashboardRequest {
                place_id: Some(takestan),
                ..this_year(&app)
            },
        )
        .await;
    assert!(matches!(outside, Err(AppError::NotFound)), "{outside:?}");
    let other_province = app
        .dashboard(
            &demo_user(&app, "demo.province").await,
            &DashboardRequest {
                place_id: Some(tehran),
                ..this_year(&app)
            },
        )
        .await;
    assert!(matches!(other_province, Err(AppError::NotFound)));
}

async fn a_span_is_read_inside_its_year_and_refused_outside_it(db: &TestDatabase) {
    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    let expert = demo_user(&app, "demo.province").await;
    let year = FiscalYear::of(app.today());
    let whole = app.dashboard(&expert, &this_year(&app)).await.unwrap();
    let first_half = app
        .dashboard(
            &expert,
            &DashboardRequest {
                from: None,
                to: Some(JalaliDate::new(year.year(), 6, 31).unwrap()),
                ..this_year(&app)
            },
        )
        .await
        .unwrap();
    let second_half = app
        .dashboard(
            &expert,
            &DashboardRequest {
                from: Some(JalaliDate::new(year.year(), 7, 1).unwrap()),
                to: None,
                ..this_year(&app)
            },
        )
        .await
        .unwrap();
    assert_eq!(
        first_half.total.visits_done + second_half.total.visits_done,
        whole.total.visits_done,
        "two halves add up to the year"
    );
    assert_eq!(
        first_half.total.entered.total() + second_half.total.entered.total(),
        whole.total.entered.total()
    );
    let committed = |d: &hamyar_app::dashboard::Dashboard| {
        d.money.as_ref().unwrap().total.total().committed_rials
    };
    assert_eq!(
        committed(&first_half) + committed(&second_half),
        committed(&whole),
        "the ledger's movements split at the boundary"
    );
    assert!(!first_half.money.as_ref().unwrap().whole_year);
    assert!(whole.money.as_ref().unwrap().whole_year);

    for (from, to) in [
        (Some(JalaliDate::new(year.year() - 1, 12, 1).unwrap()), None),
        (
            Some(JalaliDate::new(year.year(), 5, 1).unwrap()),
            Some(JalaliDate::new(year.year(), 4, 1).unwrap()),
        ),
    ] {
        let refused = app
            .dashboard(
                &expert,
                &DashboardRequest {
                    from,
                    to,
                    ..this_year(&app)
                },
            )
            .await;
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    }
}

hamyar_store::on_both_databases!(
    the_provincial_dashboard_agrees_with_the_press_release_histories_and_ledger,
    the_country_compares_provinces_and_each_role_sees_its_part,
    a_span_is_read_inside_its_year_and_refused_outside_it,
);
