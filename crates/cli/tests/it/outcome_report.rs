//! `hamyar report outcomes` as an operator runs it on the demo province: the JSON file is the
//! outcome report the application computes (its totals and breakdowns), the CSV from standard
//! output has one row per county, business field and cohort and a total row with the same
//! numbers, and the XLSX holds the same table; `--as` public relations gives the report with
//! small cells hidden; a missing `--out` for XLSX is refused.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use calamine::{Reader, Xlsx};
use hamyar_app::outcomes::report::{Cell, OutcomeReportRequest};
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_demo::Demo;
use hamyar_domain::FiscalYear;
use hamyar_store::ConnectSettings;
use hamyar_testkit::test_start;

fn hamyar(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .output()
        .expect("run hamyar")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn demo(db: &Path) -> App {
    let url = format!("sqlite://{}", db.display());
    let store = hamyar_store::connect(&url, &ConnectSettings::default())
        .await
        .unwrap()
        .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
    let app = App::new(
        Arc::new(store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    app.fill_demo().await.unwrap();
    app
}

#[tokio::test]
async fn report_outcomes_writes_the_reports_figures_as_json_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated));
    let app = demo(&db).await;
    let year = FiscalYear::of(app.today());
    let qazvin = app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin")
        .unwrap()
        .id;
    let expected = app
        .outcome_report(
            &Actor::console(),
            &OutcomeReportRequest {
                place_id: Some(qazvin),
                year,
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    let year = year.year().to_string();
    let base = [
        "report",
        "outcomes",
        "--province",
        "qazvin",
        "--year",
        &year,
    ];

    let out = dir.path().join("outcomes.json");
    let json = hamyar(
        &db,
        &[&base[..], &["--output", out.to_str().unwrap()]].concat(),
    );
    assert!(json.status.success(), "{}", text(&json));
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    // The command counts up to the machine's today, the test's application up to the fixed
    // clock's: the forms are all older than both.
    let mut expected_value = serde_json::to_value(&expected).unwrap();
    for value in [&mut value, &mut expected_value] {
        value.as_object_mut().unwrap().remove("counted_on");
    }
    assert_eq!(value, expected_value);
    assert_eq!(value["small_cells_hidden"], false);

    let csv = hamyar(&db, &[&base[..], &["--format", "csv"]].concat());
    assert!(csv.status.success(), "{}", text(&csv));
    let body = String::from_utf8(csv.stdout).unwrap();
    let rows: Vec<Vec<String>> = body
        .trim_start_matches('\u{feff}')
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect();
    let headers = &rows[0];
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(
        rows.len() - 1,
        expected.by_county.len() + expected.by_field.len() + expected.by_cohort.len() + 1
    );
    let last = rows.last().unwrap();
    assert_eq!(last[column("breakdown")], "total");
    let women = match expected.total.own_income {
        Cell::Shown(measured) => measured.women.to_string(),
        Cell::Empty => "0".to_owned(),
        Cell::Hidden => "hidden".to_owned(),
    };
    assert_eq!(last[column("own_income_rials_women")], women);

    let xlsx_path = dir.path().join("outcomes.xlsx");
    let xlsx = hamyar(
        &db,
        &[
            &base[..],
            &["--format", "xlsx", "--out", xlsx_path.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(xlsx.status.success(), "{}", text(&xlsx));
    let mut workbook: Xlsx<_> = calamine::open_workbook(&xlsx_path).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.height(), rows.len());

    let public = hamyar(&db, &[&base[..], &["--as", "demo.pr"]].concat());
    assert!(public.status.success(), "{}", text(&public));
    let value: serde_json::Value = serde_json::from_slice(&public.stdout).unwrap();
    assert_eq!(value["small_cells_hidden"], true);

    let refused = hamyar(&db, &[&base[..], &["--format", "xlsx"]].concat());
    assert!(!refused.status.success());
    assert!(text(&refused).contains("--out"), "{}", text(&refused));
}
