//! `hamyar report spending` as an operator uses it: Qazvin's 1405 budget is set and part of
//! its training line divided to Takestan through the application, then the report is run in
//! each format and its figures read back — CSV from standard output, JSON with its English
//! keys, XLSX parsed with calamine (right-to-left sheet, amounts as numbers); an earlier
//! `--as-of` day leaves the division out, and a missing `--out` for XLSX is refused.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use hamyar_app::budget::{DivisionInput, YearBudgetInput};
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::budget::BudgetCategory;
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

/// Training 1,000M and grant 600M for the province on 1405/01/15, then 400M of training to
/// Takestan on 1405/03/01.
async fn seed_budget(db: &Path) {
    let store = hamyar_store::connect(
        &format!("sqlite://{}", db.display()),
        &ConnectSettings::default(),
    )
    .await
    .unwrap();
    let app = App::new(
        Arc::new(store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    let console = Actor::console();
    let tree = app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    app.set_year_budget(
        &console,
        &YearBudgetInput {
            fiscal_year: 1405,
            province_id: qazvin,
            county_id: None,
            amounts: vec![
                (BudgetCategory::Training, "۱۰۰۰۰۰۰۰۰۰".into()),
                (BudgetCategory::Grant, "600000000".into()),
            ],
            effective_on: "1405/01/15".into(),
            description: String::new(),
            idempotency_key: "year".into(),
        },
    )
    .await
    .unwrap();
    let training = app
        .budget_lines(
            &console,
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            Some(qazvin),
            None,
        )
        .await
        .unwrap()
        .into_iter()
        .find(|view| view.category == BudgetCategory::Training)
        .unwrap()
        .line
        .id;
    app.divide_budget(
        &console,
        &DivisionInput {
            province_line_id: training,
            county_id: takestan,
            amount: "400000000".into(),
            effective_on: "1405/03/01".into(),
            description: "تقسیم".into(),
            idempotency_key: "divide".into(),
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn report_spending_writes_the_same_figures_as_csv_json_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated));
    seed_budget(&db).await;

    let csv = hamyar(
        &db,
        &[
            "report",
            "spending",
            "--province",
            "qazvin",
            "--year",
            "1405",
            "--format",
            "csv",
        ],
    );
    assert!(csv.status.success(), "{}", text(&csv));
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("\u{feff}نوع سطر,سال مالی,استان,شهرستان,ردیف بودجه"),
        "{csv}"
    );
    assert!(csv.contains("ردیف,1405,قزوین,ستاد استان,آموزش,"), "{csv}");
    assert!(csv.contains(",600000000,0,0,0,600000000\r\n"), "{csv}");
    assert!(csv.contains("تاکستان,آموزش,"), "{csv}");
    assert!(
        csv.contains("جمع کل,1405,قزوین,همهٔ استان,همهٔ ردیف‌ها,,1600000000,0,0,0,1600000000"),
        "{csv}"
    );

    let json = hamyar(
        &db,
        &[
            "report",
            "spending",
            "--province",
            "ir.qazvin",
            "--year",
            "۱۴۰۵",
            "--format",
            "json",
        ],
    );
    assert!(json.status.success(), "{}", text(&json));
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["fiscal_year"], 1405);
    assert_eq!(json["province"]["code"], "ir.qazvin");
    assert_eq!(json["total"]["budget_rials"], 1_600_000_000i64);
    assert_eq!(json["rows"][0]["county_id"], serde_json::Value::Null);
    assert_eq!(json["rows"][0]["lines"][0]["category"], "training");
    assert_eq!(
        json["rows"][0]["lines"][0]["figures"]["budget_rials"],
        600_000_000i64
    );
    assert_eq!(json["rows"][1]["place_code"], "ir.qazvin.takestan");

    let refused = hamyar(
        &db,
        &[
            "report",
            "spending",
            "--province",
            "qazvin",
            "--year",
            "1405",
            "--format",
            "xlsx",
        ],
    );
    assert!(!refused.status.success());
    assert!(text(&refused).contains("--out"), "{}", text(&refused));

    let file = dir.path().join("budget.xlsx");
    let xlsx = hamyar(
        &db,
        &[
            "report",
            "spending",
            "--province",
            "qazvin",
            "--year",
            "1405",
            "--as-of",
            "۱۴۰۵/۰۲/۰۱",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(xlsx.status.success(), "{}", text(&xlsx));
    let mut workbook: Xlsx<_> = calamine::open_workbook(&file).unwrap();
    let range = workbook.worksheet_range("بودجه و هزینه").unwrap();
    assert_eq!(
        range.get((0, 6)),
        Some(&Data::String("بودجه (ریال)".into()))
    );
    // Before the division the province's training line still holds all 1,000M.
    assert_eq!(range.get((1, 4)), Some(&Data::String("آموزش".into())));
    assert_eq!(range.get((1, 6)), Some(&Data::Float(1_000_000_000.0)));
    let last = range.height() - 1;
    assert_eq!(range.get((last, 0)), Some(&Data::String("جمع کل".into())));
    assert_eq!(range.get((last, 6)), Some(&Data::Float(1_600_000_000.0)));
}
