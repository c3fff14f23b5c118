//! The outcome report on SQLite and PostgreSQL (issue 19), worked by hand: six women of a
//! Takestan tailoring group (identified 1404/03/01) and two of an Abyek embroidery group
//! (1403/05/01) answer household economics at baseline in 1404 and again in 1405, the
//! Takestan women Rosenberg too; the province's expert reads the paired change in own
//! income, the share earning and drawing a pension and the self-esteem change with the women
//! behind each, by county, field and cohort, and the exits as empowered and returns; public
//! relations reads the same report with the Abyek cells (two women) hidden and Takestan's
//! hidden with them, the counts of one exit or return hidden with totals of fewer than five;
//! and the catalogue's figures are the report's.

use hamyar_app::access::PlaceId;
use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::figures::{Drill, FigureKey};
use hamyar_app::outcomes::assessments::AssessmentInput;
use hamyar_app::outcomes::report::{Cell, Count, Measured, OutcomeReport, OutcomeReportRequest};
use hamyar_app::ports::Database;
use hamyar_app::ports::registry::{EpisodeRow, WomanId};
use hamyar_app::{Actor, App};
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::{CoverageStatus, ExitReason};
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

struct World {
    app: App,
    expert: Actor,
    public_relations: Actor,
    takestan: Vec<WomanId>,
    abyek: Vec<WomanId>,
}

fn economics(occasion: &str, taken_on: &str, own_work: i64, pension: i64) -> AssessmentInput {
    AssessmentInput {
        instrument: "household_economics".into(),
        occasion: occasion.into(),
        taken_on: taken_on.into(),
        answers: [
            ("income_own_work", own_work.to_string()),
            ("income_group_business", "0".to_owned()),
            ("income_pension", pension.to_string()),
            ("income_other_aid", "0".to_owned()),
            ("income_family", "0".to_owned()),
        ]
        .into_iter()
        .map(|(code, text)| (code.to_owned(), text))
        .collect(),
        ..AssessmentInput::default()
    }
}

/// Rosenberg with every answer `answer` (1…4), or (`high`) the answers that score 30.
fn rosenberg(occasion: &str, taken_on: &str, high: bool) -> AssessmentInput {
    AssessmentInput {
        instrument: "rosenberg".into(),
        occasion: occasion.into(),
        taken_on: taken_on.into(),
        note: String::new(),
        answers: (1..=10)
            .map(|item| {
                let reversed = [2, 5, 6, 8, 9].contains(&item);
                let answer = match (high, reversed) {
                    (false, _) => "2",
                    (true, false) => "1",
                    (true, true) => "4",
                };
                (format!("q{item}"), answer.to_owned())
            })
            .collect(),
    }
}

/// A group of `county` with women joining on `joined_on`.
async fn group_of(
    app: &App,
    expert: &Actor,
    county: PlaceId,
    field: &str,
    identified_on: &str,
    joined_on: &str,
    bodies: std::ops::Range<u32>,
) -> Vec<WomanId> {
    let group = GroupBuilder::new(app, expert, county, format!("گروه {field}"))
        .identified_on(identified_on)
        .with(|input| input.business_field = field.into())
        .create()
        .await;
    let mut women = Vec::new();
    for body in bodies {
        women.push(
            WomanBuilder::new(app, expert, county, national_id(body))
                .register()
                .await,
        );
        app.add_group_member(
            expert,
            group,
            &JoinInput {
                national_id: national_id(body),
                role: "member".into(),
                joined_on: joined_on.into(),
            },
        )
        .await
        .unwrap();
    }
    women
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let public_relations = user(&app, "q.pr", "public_relations", "ir.qazvin").await;
    let t = group_of(
        &app,
        &expert,
        takestan,
        "tailoring",
        "1404/03/01",
        "1404/03/10",
        5101..5107,
    )
    .await;
    let a = group_of(
        &app,
        &expert,
        abyek,
        "embroidery",
        "1403/05/01",
        "1404/04/01",
        5201..5203,
    )
    .await;
    // Own work at baseline and a year on, and the pension: 2 of 6 earned, then 5; 4 drew a
    // pension, then 2.
    let takestan_forms = [
        ((0, 8), (3, 8)),
        ((0, 8), (0, 8)),
        ((2, 8), (4, 0)),
        ((0, 0), (1, 0)),
        ((5, 0), (5, 0)),
        ((0, 8), (2, 0)),
    ];
    let million = 1_000_000;
    for (index, (before, after)) in takestan_forms.into_iter().enumerate() {
        let woman = t[index];
        for (occasion, on, (own, pension)) in [
            ("baseline", "1404/03/12", before),
            ("", "1405/03/15", after),
        ] {
            app.record_assessment(
                &expert,
                woman,
                &economics(occasion, on, own * million, pension * million),
            )
            .await
            .unwrap();
        }
        app.record_assessment(&expert, woman, &rosenberg("baseline", "1404/03/12", false))
            .await
            .unwrap();
        app.record_assessment(&expert, woman, &rosenberg("", "1405/03/15", index < 3))
            .await
            .unwrap();
    }
    for (woman, before, after) in [(a[0], 1, 0), (a[1], 1, 3)] {
        app.record_assessment(
            &expert,
            woman,
            &economics("baseline", "1404/04/05", before * million, 0),
        )
        .await
        .unwrap();
        app.record_assessment(
            &expert,
            woman,
            &economics("", "1405/04/10", after * million, 0),
        )
        .await
        .unwrap();
    }
    // Today (1405/09/08, after the episode of their registration) Takestan's first woman and
    // Abyek's first exit as empowered, and Abyek's comes back.
    let mut tx = db.store.write().await.unwrap();
    for (woman, status, reason) in [
        (t[0], CoverageStatus::Exited, Some(ExitReason::Empowered)),
        (a[0], CoverageStatus::Exited, Some(ExitReason::Empowered)),
        (a[0], CoverageStatus::Covered, None),
    ] {
        tx.insert_episode(&EpisodeRow {
            id: 0,
            woman_id: woman,
            status,
            exit_reason: reason,
            started_on: JalaliDate::parse("1405/09/08").unwrap(),
            decided_by: None,
            decided_by_name: "کارشناس".into(),
            reason: "تصمیم".into(),
            recorded_at: hamyar_store::fixtures::at(9),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    World {
        app,
        expert,
        public_relations,
        takestan: t,
        abyek: a,
    }
}

fn request() -> OutcomeReportRequest {
    OutcomeReportRequest {
        place_id: None,
        year: FiscalYear::new(1405).unwrap(),
        from: None,
        to: None,
    }
}

fn shown(cell: Cell) -> Measured {
    match cell {
        Cell::Shown(measured) => measured,
        other => panic!("a shown figure, got {other:?}"),
    }
}

fn measured(women: i64, baseline: i64, latest: i64, change: i64) -> Measured {
    Measured {
        women,
        baseline,
        latest,
        change,
    }
}

fn row<'r>(
    rows: &'r [hamyar_app::outcomes::report::OutcomeRow],
    code: &str,
) -> &'r hamyar_app::outcomes::report::OutcomeRow {
    rows.iter()
        .find(|row| row.code == code)
        .unwrap_or_else(|| panic!("a row {code}"))
}

async fn an_expert_reads_the_paired_changes_with_the_women_behind_each(db: &TestDatabase) {
    let w = world(db).await;
    let report: OutcomeReport = w.app.outcome_report(&w.expert, &request()).await.unwrap();
    assert!(!report.small_cells_hidden);
    let total = &report.total;
    // Own income: 7 million at baseline over the eight women, 18 million after: +9/8 million.
    assert_eq!(
        shown(total.own_income),
        measured(8, 1_125_000, 2_250_000, 1_125_000)
    );
    // Earning: 4 of 8, then 6 of 8; pension: 4 of 8, then 2.
    assert_eq!(shown(total.earning), measured(8, 50, 75, 25));
    assert_eq!(shown(total.pension), measured(8, 50, 25, -25));
    // Rosenberg 15 for all six, then 30 for three: +7.5 points, in tenths.
    assert_eq!(shown(total.self_esteem), measured(6, 150, 225, 75));
    assert_eq!(total.graduated, Some(Count::Shown(2)));
    assert_eq!(total.returned, Some(Count::Shown(1)));

    let takestan = row(&report.by_county, "ir.qazvin.takestan");
    assert_eq!(shown(takestan.own_income).women, 6);
    // 15 million less 7 million over six, rounded.
    assert_eq!(shown(takestan.own_income).change, 1_333_333);
    assert_eq!(shown(takestan.earning), measured(6, 33, 83, 50));
    assert_eq!(takestan.graduated, Some(Count::Shown(1)));
    let abyek = row(&report.by_county, "ir.qazvin.abyek");
    assert_eq!(
        shown(abyek.own_income),
        measured(2, 1_000_000, 1_500_000, 500_000)
    );
    assert_eq!(abyek.self_esteem, Cell::Empty);
    assert_eq!(abyek.returned, Some(Count::Shown(1)));
    assert_eq!(abyek.graduated, Some(Count::Shown(1)));

    assert_eq!(
        shown(row(&report.by_field, "tailoring").own_income).women,
        6
    );
    assert_eq!(
        shown(row(&report.by_field, "embroidery").own_income).women,
        2
    );
    assert_eq!(shown(row(&report.by_cohort, "1404").own_income).women, 6);
    assert_eq!(shown(row(&report.by_cohort, "1403").own_income).women, 2);
    assert!(row(&report.by_field, "tailoring").graduated.is_none());
    let _ = (&w.takestan, &w.abyek);
}

async fn public_relations_reads_the_report_with_small_cells_hidden(db: &TestDatabase) {
    let w = world(db).await;
    let report = w
        .app
        .outcome_report(&w.public_relations, &request())
        .await
        .unwrap();
    assert!(report.small_cells_hidden);
    // The place's eight women are shown.
    assert_eq!(shown(report.total.own_income).women, 8);
    // Abyek's two are hidden, and Takestan's six with them (else 8 − 6 would tell).
    for rows in [&report.by_county, &report.by_field, &report.by_cohort] {
        assert!(
            rows.iter().all(|row| row.own_income == Cell::Hidden),
            "{rows:?}"
        );
    }
    // Self-esteem has Takestan's six only: shown.
    assert_eq!(
        shown(row(&report.by_county, "ir.qazvin.takestan").self_esteem).women,
        6
    );
    // One woman graduated in each county, one came back in Abyek: those cells are hidden,
    // and so are the totals of fewer than five; Takestan's no return is shown.
    assert_eq!(report.total.graduated, Some(Count::Hidden));
    assert_eq!(report.total.returned, Some(Count::Hidden));
    let takestan = row(&report.by_county, "ir.qazvin.takestan");
    assert_eq!(takestan.graduated, Some(Count::Hidden));
    assert_eq!(takestan.returned, Some(Count::Shown(0)));
    let abyek = row(&report.by_county, "ir.qazvin.abyek");
    assert_eq!(abyek.graduated, Some(Count::Hidden));
    assert_eq!(abyek.returned, Some(Count::Hidden));
    // An expert of the same province sees every cell.
    let expert = w.app.outcome_report(&w.expert, &request()).await.unwrap();
    assert!(
        expert
            .by_county
            .iter()
            .all(|row| matches!(row.own_income, Cell::Shown(_)))
    );
}

async fn the_catalogue_s_outcome_figures_are_the_report_s(db: &TestDatabase) {
    let w = world(db).await;
    let report = w.app.outcome_report(&w.expert, &request()).await.unwrap();
    let sheet = w
        .app
        .figure_sheet(
            &w.expert,
            &DashboardRequest {
                place_id: None,
                year: FiscalYear::new(1405).unwrap(),
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    let total = &report.total;
    assert_eq!(
        sheet.value(FigureKey::OutcomesWomenPaired),
        shown(total.own_income).women
    );
    assert_eq!(
        sheet.value(FigureKey::OutcomesEarningShare),
        shown(total.earning).latest
    );
    assert_eq!(
        sheet.value(FigureKey::OutcomesSelfEsteemChange),
        shown(total.self_esteem).change
    );
    assert_eq!(
        total.graduated,
        Some(Count::Shown(sheet.value(FigureKey::WomenEmpowered)))
    );
    assert_eq!(
        total.returned,
        Some(Count::Shown(sheet.value(FigureKey::OutcomesReturned)))
    );
    assert_eq!(sheet.value(FigureKey::OutcomesReturned), 1);
    for key in [
        FigureKey::OutcomesWomenPaired,
        FigureKey::OutcomesEarningShare,
        FigureKey::OutcomesSelfEsteemChange,
        FigureKey::OutcomesReturned,
    ] {
        assert_eq!(
            sheet.get(key).unwrap().drill,
            Some(Drill::Outcomes),
            "{key:?}"
        );
    }
}

hamyar_store::on_both_databases!(
    an_expert_reads_the_paired_changes_with_the_women_behind_each,
    public_relations_reads_the_report_with_small_cells_hidden,
    the_catalogue_s_outcome_figures_are_the_report_s,
);
