//! One number, one meaning (issue 15), on the demo province, on SQLite and on PostgreSQL:
//! every catalogue figure is computed through each surface that shows it — the figure
//! sheet, the press summary, the dashboard's headlines, the provincial PDF's figures table,
//! the CSV and JSON files of `hamyar report figures` — and the values are equal; a figure
//! that is a sum of parts adds up; a figure's drill-down list (groups by stage, women by
//! status) counts to the figure; and the spending of a year split by group adds up to the
//! money spent, counted once; and as of every month end the dashboard's money equals the
//! budget report's and only grows. The same checks run on a province drawn from a random
//! seed (`App::fill_demo_seeded`).

use hamyar_app::access::PlaceId;
use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::figures::{Drill, FigureKey, FigureSheet};
use hamyar_app::grants::GrantListFilter;
use hamyar_app::groups::GroupListFilter;
use hamyar_app::money_reports::RecipientKind;
use hamyar_app::ports::grants::TrancheRow;
use hamyar_app::registry::search::WomanQuery;
use hamyar_app::{Actor, App};
use hamyar_demo::Demo;
use hamyar_domain::JalaliDate;
use hamyar_domain::grants::TrancheStatus;
use hamyar_domain::{FiscalYear, MoneyUnit, to_latin_digits};
use hamyar_i18n::Lang;
use hamyar_pdf::Block;
use hamyar_reports::figures_export::figure_sheet_bytes;
use hamyar_reports::money_export::ReportFormat;
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::testing::TestDatabase;

/// The digits of a shown value («۷۴۳٬۰۰۰٬۰۰۰ ریال» → 743000000).
fn shown_number(text: &str) -> i64 {
    let digits: String = to_latin_digits(text)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number in {text:?}"))
}

async fn women_with_status(app: &App, actor: &Actor, province: PlaceId, status: &str) -> i64 {
    let mut count = 0;
    let mut page = 0;
    loop {
        let found = app
            .search_women(
                actor,
                &WomanQuery {
                    province_id: Some(province),
                    coverage_status: Some(status.to_owned()),
                    page,
                    page_size: 200,
                    ..WomanQuery::default()
                },
            )
            .await
            .unwrap();
        count += found.items.len() as i64;
        if !found.has_next {
            return count;
        }
        page += 1;
    }
}

fn csv_values(sheet: &FigureSheet) -> Vec<(String, i64)> {
    let bytes = figure_sheet_bytes(sheet, ReportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let key = headers.iter().position(|h| h.ends_with("key")).unwrap();
    let value = headers.iter().position(|h| h == "value").unwrap();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            (record[key].to_owned(), record[value].parse().unwrap())
        })
        .collect()
}

fn json_values(sheet: &FigureSheet) -> Vec<(String, i64)> {
    let bytes = figure_sheet_bytes(sheet, ReportFormat::Json).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap().to_owned(),
                f["value"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn every_surface_shows_the_catalogues_figures_on_the_demo(db: &TestDatabase) {
    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    reconcile(&app, true).await;
}

/// A province drawn from a random seed (printed, and taken from `HAMYAR_FIGURES_SEED` when
/// set, to replay a failure): the same checks without the demo's known amount.
async fn a_randomly_drawn_province_reconciles_too(db: &TestDatabase) {
    let seed = std::env::var("HAMYAR_FIGURES_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(rand::random::<u64>);
    eprintln!("figures: province drawn with HAMYAR_FIGURES_SEED={seed}");
    let app = app_on(db).await;
    app.fill_demo_seeded(seed).await.unwrap();
    reconcile(&app, false).await;
}

/// Every check of this file on the province Qazvin of `app`; `demo` adds the demo's own
/// known amount.
async fn reconcile(app: &App, demo: bool) {
    let qazvin = place(app, "ir.qazvin").await;
    let year = FiscalYear::of(app.today());
    let expert = user(app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let request = DashboardRequest {
        place_id: Some(qazvin),
        year,
        from: None,
        to: None,
    };
    let (dashboard, sheet) = app.dashboard_with_figures(&expert, &request).await.unwrap();
    assert!(sheet.counted_today);
    let value = |key| sheet.value(key);

    // The demo's plan: 30 groups running today (whatever the seed), 743 million rials.
    assert_eq!(value(FigureKey::ActiveGroups), 30);
    if demo {
        assert_eq!(value(FigureKey::HeadlineSpent), 743_000_000);
    }

    // Public relations and the console read the same sheet.
    let pr = user(app, "q.pr", "public_relations", "ir.qazvin").await;
    assert_eq!(app.figure_sheet(&pr, &request).await.unwrap(), sheet);
    assert_eq!(
        app.figure_sheet(&Actor::console(), &request).await.unwrap(),
        sheet
    );

    // The press summary.
    let press = app.press_summary(&expert, qazvin, year).await.unwrap();
    let f = &press.figures;
    for (key, said) in [
        (FigureKey::ActiveGroups, f.active_groups as i64),
        (FigureKey::ActiveGroupMembers, f.active_members as i64),
        (FigureKey::HeadlineSpent, f.headline_spent_rials),
        (FigureKey::GrantsCommitted, f.grants_committed_rials),
        (FigureKey::GrantsPaid, f.grants_paid_rials),
        (FigureKey::GroupsGranted, f.groups_granted as i64),
        (FigureKey::WomenGranted, f.women_granted as i64),
        (FigureKey::GroupsGraduated, f.graduated_groups as i64),
        (FigureKey::WomenEmpowered, f.women_independent as i64),
        (FigureKey::BusinessSales, f.sales_rials),
        (FigureKey::BusinessJobs, f.jobs as i64),
    ] {
        assert_eq!(said, value(key), "press summary's {key:?}");
    }
    assert!(
        f.women_granted > 0,
        "group grants' shares count their women"
    );

    // The files of `hamyar report figures` (XLSX is the same table as the CSV).
    let expected: Vec<(String, i64)> = sheet
        .figures
        .iter()
        .map(|f| (f.def.key.to_owned(), f.value))
        .collect();
    assert_eq!(csv_values(&sheet), expected);
    assert_eq!(json_values(&sheet), expected);
    let xlsx = figure_sheet_bytes(&sheet, ReportFormat::Xlsx).unwrap();
    assert!(xlsx.starts_with(b"PK"));

    // The dashboard's headlines, as the page and the PDF render them.
    let view = hamyar_reports::dashboard_view::view(
        &dashboard,
        &sheet,
        &expert,
        Lang::Fa,
        MoneyUnit::Rial,
        None,
    );
    assert!(!view.headlines.is_empty());
    for headline in &view.headlines {
        let figure = sheet
            .figures
            .iter()
            .find(|f| f.def.key == headline.key)
            .unwrap();
        assert_eq!(
            shown_number(&headline.value),
            figure.value,
            "{}",
            headline.key
        );
        assert_eq!(headline.definition, Lang::Fa.t(figure.def.definition_id));
    }
    let active = view
        .headlines
        .iter()
        .find(|h| h.key == "groups.active")
        .unwrap();
    assert_eq!(
        active.parts.as_deref(),
        Some("۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره"),
        "the demo's reactivated groups are part of its active groups"
    );
    let document = hamyar_reports::report_pdf::provincial_report(
        &press,
        &dashboard,
        &sheet,
        &expert,
        MoneyUnit::Rial,
        app.today(),
    );
    let Some(Block::Table(table)) = document.blocks.get(2) else {
        panic!("the PDF's figures table comes after the paragraph");
    };
    assert_eq!(table.rows.len(), sheet.figures.len());
    for (row, figure) in table.rows.iter().zip(&sheet.figures) {
        assert!(
            row[0].starts_with(Lang::Fa.t(figure.def.name_id)),
            "{}",
            row[0]
        );
        assert!(
            row[0].ends_with(Lang::Fa.t(figure.def.definition_id)),
            "{}",
            row[0]
        );
        assert_eq!(shown_number(&row[1]), figure.value, "{}", figure.def.key);
    }

    // Parts add up, and each drill-down list counts to its figure or part.
    let mut drills = Vec::new();
    for figure in &sheet.figures {
        if !figure.parts.is_empty() {
            let sum: i64 = figure.parts.iter().map(|p| p.value).sum();
            assert_eq!(sum, figure.value, "{}'s parts", figure.def.key);
        }
        drills.push((figure.def.key, figure.drill.clone(), figure.value));
        for part in &figure.parts {
            drills.push((part.name_en, part.drill.clone(), part.value));
        }
    }
    assert!(drills.iter().filter(|d| d.1.is_some()).count() >= 5);
    for (name, drill, value) in drills {
        let listed = match &drill {
            Some(Drill::Groups { stages }) => {
                app.list_groups(
                    &expert,
                    &GroupListFilter {
                        province: Some(qazvin),
                        stages: stages.clone(),
                        page: 1,
                        ..GroupListFilter::default()
                    },
                    false,
                )
                .await
                .unwrap()
                .total
            }
            Some(Drill::Women { status }) => {
                women_with_status(app, &expert, qazvin, status.code()).await
            }
            _ => continue,
        };
        assert_eq!(listed, value, "{name}'s list");
    }

    // Spending split by group adds up to the money spent on groups, once: every payment of
    // the demo's headline spending is linked to the groups it served.
    let by_group = app
        .money_by_recipient(&expert, RecipientKind::Group, qazvin, year)
        .await
        .unwrap();
    let payments: i64 = by_group
        .iter()
        .map(|row| row.payments_committed_rials)
        .sum();
    assert_eq!(payments, value(FigureKey::HeadlineSpent));

    // As of every month end so far, the dashboard's money (kept months and days of the
    // ledger, by value date) equals the budget report's (each line as of the day), and
    // only grows: money lands in the month it happened.
    let today = app.today();
    let tranches = year_tranches(app, &expert, year).await;
    let mut day = year.first_day().last_of_month();
    let mut last = 0;
    let (mut last_committed, mut last_paid) = (0, 0);
    while day < today {
        let as_of = app
            .figure_sheet(
                &expert,
                &DashboardRequest {
                    place_id: Some(qazvin),
                    year,
                    from: None,
                    to: Some(day),
                },
            )
            .await
            .unwrap();
        let spent = as_of.value(FigureKey::HeadlineSpent);
        let report = app
            .headline_spent(&expert, Some(qazvin), year, Some(day))
            .await
            .unwrap();
        assert_eq!(spent, report.total_rials, "as of {day}");
        assert!(spent >= last, "as of {day}: {spent} after {last}");
        last = spent;
        // Grants as of the day: committed from each tranche's approval day, paid from its
        // payment day — never paid above committed, and only growing.
        let by = |date: &Option<JalaliDate>| date.is_some_and(|d| d <= day);
        let committed: i64 = tranches
            .iter()
            .filter(|t| {
                matches!(t.status, TrancheStatus::Approved | TrancheStatus::Paid)
                    && by(&t.approved_on)
            })
            .map(|t| t.amount_rials)
            .sum();
        let paid: i64 = tranches
            .iter()
            .filter(|t| t.status == TrancheStatus::Paid && by(&t.paid_on))
            .map(|t| t.amount_rials)
            .sum();
        assert_eq!(
            as_of.value(FigureKey::GrantsCommitted),
            committed,
            "as of {day}"
        );
        assert_eq!(as_of.value(FigureKey::GrantsPaid), paid, "as of {day}");
        assert!(
            paid <= committed,
            "as of {day}: paid {paid} > committed {committed}"
        );
        assert!(
            committed >= last_committed && paid >= last_paid,
            "as of {day}"
        );
        (last_committed, last_paid) = (committed, paid);
        day = day.add_days(1).last_of_month();
    }
    assert!(
        last > 0,
        "money spent before this month shows in its months"
    );
}

/// Every tranche of the year's grants in the expert's province, read from each grant's page.
async fn year_tranches(app: &App, expert: &Actor, year: FiscalYear) -> Vec<TrancheRow> {
    let mut tranches = Vec::new();
    for page in 0.. {
        let grants = app
            .grants(
                expert,
                &GrantListFilter {
                    fiscal_year: Some(year.year()),
                    page,
                    ..GrantListFilter::default()
                },
            )
            .await
            .unwrap();
        if grants.is_empty() {
            break;
        }
        for item in grants {
            let detail = app
                .grant_detail(expert, item.grant.id, false)
                .await
                .unwrap();
            tranches.extend(detail.tranches.into_iter().map(|t| t.row));
        }
    }
    tranches
}

/// A sheet is read once and given again while nothing is written; any commit — through the
/// app, or straight into the database as another server or a `hamyar` command would — is
/// seen by the next reader.
async fn a_kept_sheet_is_never_older_than_the_data(db: &TestDatabase) {
    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let request = DashboardRequest {
        place_id: Some(qazvin),
        year: FiscalYear::of(app.today()),
        from: None,
        to: None,
    };
    let first = app.figure_sheet(&expert, &request).await.unwrap();
    assert_eq!(app.figure_sheet(&expert, &request).await.unwrap(), first);
    let committed = first.value(FigureKey::GrantsCommitted);

    // Another writer on the same database, past this app (a repair made by hand).
    let changed = sqlx::query(
        "UPDATE grant_tranches SET amount_rials = amount_rials + 1 WHERE id = (SELECT MIN(t.id) \
         FROM grant_tranches t JOIN grants g ON g.id = t.grant_id \
         WHERE g.province_id = $1 AND t.status IN ('approved', 'paid'))",
    )
    .bind(qazvin)
    .execute(db.store.pool())
    .await
    .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let after = app.figure_sheet(&expert, &request).await.unwrap();
    assert_eq!(after.value(FigureKey::GrantsCommitted), committed + 1);

    // A reader without money never gets the sheet of one with it.
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let county = DashboardRequest {
        place_id: Some(takestan),
        ..request
    };
    let county_expert = user(&app, "t.county", "county_expert", "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let (dashboard, _) = app
        .dashboard_with_figures(&county_expert, &county)
        .await
        .unwrap();
    assert!(dashboard.money.is_some());
    let (dashboard, _) = app.dashboard_with_figures(&worker, &county).await.unwrap();
    assert!(dashboard.money.is_none(), "no money for a social worker");
    let tehran = user(&app, "t.expert", "provincial_expert", "ir.tehran").await;
    assert!(
        app.figure_sheet(&tehran, &request).await.is_err(),
        "Qazvin's sheet is not Tehran's expert's to read, kept or not"
    );
}

hamyar_testkit::on_both_databases!(
    every_surface_shows_the_catalogues_figures_on_the_demo,
    a_randomly_drawn_province_reconciles_too,
    a_kept_sheet_is_never_older_than_the_data,
);
