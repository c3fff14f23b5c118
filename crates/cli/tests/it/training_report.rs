//! `hamyar report training` as an operator runs it on the demo province: the JSON file is the
//! training report the application computes (its totals and breakdowns), the CSV from standard
//! output has one row per county, course kind and provider and a total row with the same
//! numbers, and the XLSX holds the same table; `--as` a social worker of one county gives her
//! county's report without money and refuses the province; a missing `--out` for XLSX is
//! refused.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use hamyar_app::training::TrainingReportRequest;
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

/// The demo province on the file database, and the application that filled it.
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
async fn report_training_writes_the_reports_figures_as_json_csv_and_xlsx() {
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
        .training_report(
            &Actor::console(),
            &TrainingReportRequest {
                place_id: Some(qazvin),
                year,
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    let total = expected.total.figures;
    assert!(total.runs > 0 && total.paid_rials > 0);
    let year = year.year().to_string();
    let base = [
        "report",
        "training",
        "--province",
        "qazvin",
        "--year",
        &year,
    ];

    let out = dir.path().join("training.json");
    let json = hamyar(
        &db,
        &[&base[..], &["--out", out.to_str().unwrap()]].concat(),
    );
    assert!(json.status.success(), "{}", text(&json));
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(value["total"]["runs"], total.runs);
    assert_eq!(value["total"]["enrolled"], total.enrolled);
    assert_eq!(value["total"]["completed"], total.completed);
    assert_eq!(
        value["total"]["women_completed"],
        expected.total.women_completed
    );
    assert_eq!(value["money"]["paid_rials"], total.paid_rials);
    assert_eq!(
        value["by_county"].as_array().unwrap().len(),
        expected.by_county.len()
    );

    let csv = hamyar(&db, &[&base[..], &["--format", "csv"]].concat());
    assert!(csv.status.success(), "{}", text(&csv));
    let body = String::from_utf8(csv.stdout).unwrap();
    let mut reader = csv_rows(&body);
    let headers = reader.remove(0);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(
        reader.len(),
        expected.by_county.len() + expected.by_kind.len() + expected.by_provider.len() + 1
    );
    let last = reader.last().unwrap();
    assert_eq!(last[column("breakdown")], "total");
    assert_eq!(last[column("runs")], total.runs.to_string());
    assert_eq!(last[column("completed")], total.completed.to_string());
    assert_eq!(last[column("paid_rials")], total.paid_rials.to_string());
    let per_completer = expected.money.unwrap().per_completer_rials.unwrap();
    assert_eq!(
        last[column("per_completer_rials")],
        per_completer.to_string()
    );

    let xlsx_path = dir.path().join("training.xlsx");
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
    let rows = range.height();
    assert_eq!(rows, reader.len() + 1);
    assert_eq!(
        range.get((rows - 1, column("runs"))),
        Some(&Data::Float(total.runs as f64))
    );

    let refused = hamyar(&db, &[&base[..], &["--format", "xlsx"]].concat());
    assert!(!refused.status.success());
    assert!(text(&refused).contains("--out"), "{}", text(&refused));
}

#[tokio::test]
async fn as_a_county_worker_the_report_is_her_countys_without_money() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated));
    let app = demo(&db).await;
    let year = FiscalYear::of(app.today()).year().to_string();
    let worker = [
        "report",
        "training",
        "--province",
        "qazvin",
        "--year",
        &year,
        "--as",
        "demo.worker.takestan",
    ];
    let county = hamyar(&db, &[&worker[..], &["--county", "takestan"]].concat());
    assert!(county.status.success(), "{}", text(&county));
    let value: serde_json::Value = serde_json::from_slice(&county.stdout).unwrap();
    assert_eq!(value["place"]["code"], "ir.qazvin.takestan");
    assert!(value["money"].is_null());
    let province = hamyar(&db, &worker);
    assert!(!province.status.success(), "{}", text(&province));
}

/// The rows of a CSV file with a UTF-8 byte-order mark (quoted cells kept whole).
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    body.trim_start_matches('\u{feff}')
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
            for character in line.trim_end_matches('\r').chars() {
                match character {
                    '"' => quoted = !quoted,
                    ',' if !quoted => cells.push(std::mem::take(&mut cell)),
                    _ => cell.push(character),
                }
            }
            cells.push(cell);
            cells
        })
        .collect()
}
