//! In-process HTTP test of the training report page over the demo province: a provincial
//! expert finds it from the training list, sees the totals and the three breakdowns in
//! Persian digits — the numbers `App::training_report` computes — with the cost per completer
//! in her money unit and the runs counted linking to their pages; the CSV download is the file
//! `hamyar report training` writes; public relations sees the counts and money but no run
//! links; a facilitator sees her county's counts without money; the catalogue's training
//! figures on the dashboard link here.

use hamyar_app::training::TrainingReportRequest;
use hamyar_demo::Demo;
use hamyar_domain::FiscalYear;
use hamyar_i18n::Lang;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::training_export::training_report_bytes;
use hamyar_webtest::TestApp;

#[tokio::test]
async fn the_training_report_page_shows_the_reports_numbers_and_serves_its_files() {
    let app = TestApp::spawn().await;
    app.app.fill_demo().await.unwrap();
    let tree = app.app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let year = FiscalYear::of(app.app.today());
    let expert = app
        .logged_in("q.training", "provincial_expert", "ir.qazvin")
        .await;
    let list = expert.get("/training").await;
    assert!(
        list.body.contains("href=\"/training/report\""),
        "{}",
        list.body
    );

    let page = expert.get("/training/report").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let report = app
        .app
        .training_report(
            &hamyar_app::Actor::console(),
            &TrainingReportRequest {
                place_id: Some(qazvin),
                year,
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    let body = &page.body;
    let total = report.total.figures;
    assert!(total.runs > 0);
    for (figure, value) in [
        ("training.runs", total.runs),
        ("training.enrolled", total.enrolled),
        ("training.completed", total.completed),
        ("training.hours", total.hours_delivered),
    ] {
        let shown = format!(
            "data-figure=\"{figure}\"><span class=\"stat-value\">{}</span>",
            Lang::Fa.number(value)
        );
        assert!(body.contains(&shown), "{shown}: {body}");
    }
    let per_completer = report.money.unwrap().per_completer_rials.unwrap();
    assert!(
        body.contains(&hamyar_reports::format::money(
            per_completer,
            hamyar_domain::MoneyUnit::Rial,
            Lang::Fa
        )),
        "{body}"
    );
    for section in ["by-county", "by-kind", "by-provider"] {
        assert!(
            body.contains(&format!("id=\"training-report-{section}\"")),
            "{body}"
        );
    }
    for row in &report.by_provider {
        assert!(body.contains(&row.name_fa), "{}: {body}", row.name_fa);
    }
    let (id, code) = &report.runs[0];
    assert!(body.contains(&format!("href=\"/training/runs/{id}\" dir=\"ltr\">{code}")));

    let csv = expert
        .get(&format!(
            "/training/report/csv?place={qazvin}&year={}",
            year.year()
        ))
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    let expected = training_report_bytes(&report, ReportFormat::Csv).unwrap();
    assert_eq!(csv.body.as_bytes(), expected.as_slice());

    // Public relations: the figures and money, not the runs' pages (they name women).
    let press = app
        .logged_in("q.pr.training", "public_relations", "ir.qazvin")
        .await;
    let seen = press.get("/training/report").await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(
        !seen.body.contains("href=\"/training/runs/"),
        "{}",
        seen.body
    );

    // A facilitator of a county with runs: her county, no money.
    let county = &report.by_county[0];
    let facilitator = app
        .logged_in("c.facilitator", "facilitator", &county.code)
        .await;
    let own = facilitator.get("/training/report").await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert!(
        !own.body.contains("training.cost_per_completer"),
        "{}",
        own.body
    );
    let outside = facilitator
        .get(&format!("/training/report?place={qazvin}"))
        .await;
    assert_eq!(outside.status, 404);

    // The dashboard's training figures drill here.
    let dashboard = expert.get("/dashboard").await;
    assert!(
        dashboard.body.contains("/training/report?place="),
        "{}",
        dashboard.body
    );
}
