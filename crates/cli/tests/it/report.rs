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

/// The press world of `hamyar_testkit::press` on the file database.
async fn seed_press(db: &Path) {
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
    hamyar_testkit::press::press_world(&app).await;
}

#[tokio::test]
async fn report_summary_writes_the_paragraph_as_text_and_the_figures_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated));
    seed_press(&db).await;

    let plain = hamyar(
        &db,
        &[
            "report",
            "summary",
            "--province",
            "qazvin",
            "--year",
            "۱۴۰۵",
        ],
    );
    assert!(plain.status.success(), "{}", text(&plain));
    let paragraph = String::from_utf8(plain.stdout).unwrap();
    assert!(
        paragraph.contains("مبلغ ۷۴۳ میلیون ریال برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار"),
        "{paragraph}"
    );
    assert!(
        paragraph.contains("۳۰۰ میلیون ریال کمک بلاعوض به یک گروه"),
        "{paragraph}"
    );
    assert!(!paragraph.trim().chars().any(|c| c.is_ascii_alphanumeric()));

    let out = dir.path().join("summary.json");
    let json = hamyar(
        &db,
        &[
            "report",
            "summary",
            "--province",
            "ir.qazvin",
            "--year",
            "1405",
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(json.status.success(), "{}", text(&json));
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let figures = &value["figures"];
    assert_eq!(figures["province_name_fa"], "قزوین");
    assert_eq!(figures["active_groups"], 1);
    assert_eq!(figures["active_members"], 3);
    assert_eq!(figures["headline_spent_rials"], 743_000_000);
    assert_eq!(figures["grants_committed_rials"], 300_000_000);
    assert_eq!(figures["grants_paid_rials"], 150_000_000);
    assert_eq!(figures["graduated_groups"], 1);
    assert_eq!(figures["women_independent"], 2);
    assert_eq!(
        value["paragraph_fa"].as_str().unwrap(),
        paragraph.trim_end()
    );

    let refused = hamyar(
        &db,
        &[
            "report",
            "summary",
            "--province",
            "qazvin",
            "--year",
            "1405",
            "--format",
            "pdf",
        ],
    );
    assert!(!refused.status.success());
    assert!(text(&refused).contains("needs --out"), "{}", text(&refused));
    let pdf_path = out.with_extension("pdf");
    let pdf = hamyar(
        &db,
        &[
            "report",
            "summary",
            "--province",
            "qazvin",
            "--year",
            "1405",
            "--format",
            "pdf",
            "--out",
            pdf_path.to_str().unwrap(),
        ],
    );
    assert!(pdf.status.success(), "{}", text(&pdf));
    let bytes = std::fs::read(&pdf_path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF was written");
    let unknown = hamyar(
        &db,
        &[
            "report",
            "summary",
            "--province",
            "ir.qazvin.takestan",
            "--year",
            "1405",
        ],
    );
    assert!(!unknown.status.success());
    assert!(text(&unknown).contains("no province"), "{}", text(&unknown));
}
