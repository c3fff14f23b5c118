//! In-process HTTP test of the outcome report page: six women (five of a Takestan group, one
//! of an Abyek group) answer household economics at baseline in 1404 and a year on; the
//! province's expert sees the totals and the breakdowns in Persian digits with the women
//! behind each figure — the numbers `App::outcome_report` computes — and the CSV download is
//! the file `hamyar report outcomes` writes; public relations sees the place's total but the
//! Abyek woman's county (and Takestan's, which would give her away) as «کمتر از ۵».

use hamyar_app::outcomes::assessments::AssessmentInput;
use hamyar_app::outcomes::report::OutcomeReportRequest;
use hamyar_domain::FiscalYear;
use hamyar_domain::groups::JoinInput;
use hamyar_i18n::Lang;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::outcomes_export::outcome_report_bytes;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::scope::national_id;
use hamyar_webtest::TestApp;

fn economics(occasion: &str, taken_on: &str, own_work: i64) -> AssessmentInput {
    AssessmentInput {
        instrument: "household_economics".into(),
        occasion: occasion.into(),
        taken_on: taken_on.into(),
        answers: [
            ("income_own_work", own_work.to_string()),
            ("income_group_business", "0".to_owned()),
            ("income_pension", "0".to_owned()),
        ]
        .into_iter()
        .map(|(code, text)| (code.to_owned(), text))
        .collect(),
        ..AssessmentInput::default()
    }
}

/// Five women in Takestan and one in Abyek, each earning nothing at baseline and
/// 2,000,000 rials a month a year on.
async fn forms(app: &TestApp) {
    let expert = user(&app.app, "q.forms", "provincial_expert", "ir.qazvin").await;
    for (county, bodies) in [
        ("ir.qazvin.takestan", 6101..6106),
        ("ir.qazvin.abyek", 6201..6202),
    ] {
        let county = place(&app.app, county).await;
        let group = GroupBuilder::new(&app.app, &expert, county, "گروه خیاطی")
            .identified_on("1404/03/01")
            .create()
            .await;
        for body in bodies {
            let woman = WomanBuilder::new(&app.app, &expert, county, national_id(body))
                .register()
                .await;
            app.app
                .add_group_member(
                    &expert,
                    group,
                    &JoinInput {
                        national_id: national_id(body),
                        role: "member".into(),
                        joined_on: "1404/03/10".into(),
                    },
                )
                .await
                .unwrap();
            for (occasion, on, own) in
                [("baseline", "1404/03/12", 0), ("", "1405/03/15", 2_000_000)]
            {
                app.app
                    .record_assessment(&expert, woman, &economics(occasion, on, own))
                    .await
                    .unwrap();
            }
        }
    }
}

#[tokio::test]
async fn the_outcome_report_page_shows_the_reports_numbers_and_hides_small_cells_from_public_relations()
 {
    let app = TestApp::spawn().await;
    forms(&app).await;
    let expert = app
        .logged_in("q.outcomes", "provincial_expert", "ir.qazvin")
        .await;
    let page = expert.get("/outcomes/report").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    // Six women: none earned, then all did.
    assert!(
        body.contains("data-figure=\"outcomes.earning_share\"><span class=\"stat-value\" dir=\"ltr\">۰٪ → ۱۰۰٪</span>"),
        "{body}"
    );
    for women in ["۶ زن", "۵ زن", "۱ زن"] {
        assert!(body.contains(women), "{women}: {body}");
    }
    for section in ["by-county", "by-field", "by-cohort"] {
        assert!(
            body.contains(&format!("id=\"outcomes-report-{section}\"")),
            "{body}"
        );
    }
    assert!(body.contains("تاکستان"), "{body}");
    assert!(!body.contains("کمتر از ۵"), "{body}");

    let public = app
        .logged_in("q.public", "public_relations", "ir.qazvin")
        .await;
    let page = public.get("/outcomes/report").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("۶ زن"), "{body}");
    assert!(body.contains("کمتر از ۵"), "{body}");
    assert!(!body.contains("۱ زن") && !body.contains("۵ زن"), "{body}");
    assert!(
        body.contains("id=\"outcomes-report-small-cells\""),
        "{body}"
    );

    // The CSV is the file the report command writes, for the same reader.
    let tree = app.app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let reader = app.app.user_by_username("q.public").await.unwrap().unwrap();
    let report = app
        .app
        .outcome_report(
            &reader.actor(),
            &OutcomeReportRequest {
                place_id: Some(qazvin),
                year: FiscalYear::new(1405).unwrap(),
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    let file = public
        .get(&format!("/outcomes/report/csv?place={qazvin}&year=1405"))
        .await;
    assert_eq!(file.status, 200, "{}", file.body);
    let expected = outcome_report_bytes(&report, ReportFormat::Csv).unwrap();
    assert_eq!(file.body.as_bytes(), expected.as_slice());
    assert!(file.body.contains("hidden"));
    let _ = Lang::Fa;
}
