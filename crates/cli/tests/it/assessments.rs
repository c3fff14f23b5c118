//! `hamyar import assessments` and `hamyar export assessments` as a county's social worker
//! brings in a pile of Rosenberg forms typed into a spreadsheet: the template with the
//! instrument's items as Persian headers (written for the console, since it holds no answer),
//! a sheet with one bad answer refused naming its row and the item's column with nothing
//! written, a dry run, the import, the same sheet again importing nothing, the export with
//! each form's total, and the export imported back as nothing new. The console itself may not
//! read answers and is told to name a user. The app reads the sheet's own columns by the
//! keys the exchange crate gives them.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use hamyar_app::{App, AppSettings, FixedClock};
use hamyar_domain::groups::JoinInput;
use hamyar_store::ConnectSettings;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::scope::national_id;
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

fn ok(db: &Path, args: &[&str]) -> String {
    let output = hamyar(db, args);
    assert!(output.status.success(), "{args:?}: {}", text(&output));
    text(&output)
}

fn refused(db: &Path, args: &[&str]) -> String {
    let output = hamyar(db, args);
    assert!(!output.status.success(), "{args:?}: {}", text(&output));
    text(&output)
}

/// A migrated file database with Takestan's social worker `t.worker` and two women of her
/// group, joined on 1405/02/01; returns their national IDs.
async fn group_of_two(db: &Path) -> Vec<String> {
    ok(db, &["migrate"]);
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
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let group = GroupBuilder::new(&app, &worker, takestan, "نخل")
        .create()
        .await;
    let mut women = Vec::new();
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا")] {
        let id = national_id(740_000 + serial);
        WomanBuilder::new(&app, &worker, takestan, id.clone())
            .first_name(first_name)
            .register()
            .await;
        let join = JoinInput {
            national_id: id.clone(),
            role: "member".into(),
            joined_on: "1405/02/01".into(),
        };
        app.add_group_member(&worker, group, &join).await.unwrap();
        women.push(id);
    }
    women
}

#[test]
fn the_app_reads_the_forms_columns_the_sheet_has() {
    assert_eq!(
        hamyar_exchange::forms::READ_KEYS,
        hamyar_app::imports::assessments::FORM_COLUMNS
    );
}

fn args(all: &[String]) -> Vec<&str> {
    all.iter().map(String::as_str).collect()
}

fn write(path: &Path, lines: &[String]) -> String {
    std::fs::write(path, format!("\u{feff}{}\r\n", lines.join("\r\n"))).unwrap();
    path.to_str().unwrap().to_owned()
}

#[tokio::test]
async fn rosenberg_forms_come_in_once_go_out_with_their_totals_and_come_back_as_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let women = group_of_two(&db).await;
    let template = dir.path().join("rosenberg-template.csv");
    let template = template.to_str().unwrap();
    let made = ok(
        &db,
        &[
            "import",
            "assessments",
            "--instrument",
            "rosenberg",
            "--template",
            template,
        ],
    );
    assert!(made.contains("version 1"), "{made}");
    let header = std::fs::read_to_string(template).unwrap();
    let header = header.trim_start_matches('\u{feff}').trim_end().to_owned();
    assert!(
        header.starts_with("کد ملی,تاریخ تکمیل,نوبت,یادداشت,۱. در مجموع از خودم راضی هستم."),
        "{header}"
    );
    assert_eq!(header.split(',').count(), 14, "{header}");

    let as_worker = ["--as", "t.worker"];
    let import = |sheet: &str| -> Vec<String> {
        ["import", "assessments", sheet, "--instrument", "rosenberg"]
            .iter()
            .chain(&as_worker)
            .map(|arg| arg.to_string())
            .collect()
    };
    let rows = |fourth: &str| {
        vec![
            header.clone(),
            format!(
                "{},۱۴۰۵/۰۲/۰۵,پایه,,۲,۳,کاملاً موافقم,۲,۳,۴,۱,۲,۳,۲",
                women[0]
            ),
            format!("{},1405/08/10,,,1,1,1,{fourth},1,1,1,1,1,1", women[1]),
        ]
    };
    let bad = write(&dir.path().join("bad.csv"), &rows("۵"));
    let refusal = refused(&db, &args(&import(&bad)));
    assert!(refusal.contains("row 3, ۴. "), "{refusal}");
    assert!(refusal.contains("rejected 1"), "{refusal}");
    assert!(refusal.contains("nothing was written"), "{refusal}");

    let sheet = write(&dir.path().join("forms.csv"), &rows("1"));
    let console = refused(
        &db,
        &["import", "assessments", &sheet, "--instrument", "rosenberg"],
    );
    assert!(console.contains("--as USERNAME"), "{console}");
    let dry = ok(&db, &[&args(&import(&sheet))[..], &["--dry-run"]].concat());
    assert!(dry.contains("read 2, would import 2, rejected 0"), "{dry}");
    let done = ok(&db, &args(&import(&sheet)));
    assert!(done.contains("imported 2, rejected 0"), "{done}");
    assert!(done.contains("committed"), "{done}");
    let again = ok(&db, &args(&import(&sheet)));
    assert!(again.contains("imported 0"), "{again}");
    assert!(again.contains("2 rows were already present"), "{again}");

    let exported = dir.path().join("rosenberg.csv");
    let exported = exported.to_str().unwrap();
    let said = ok(
        &db,
        &[
            "export",
            "assessments",
            "--instrument",
            "rosenberg",
            "--format",
            "csv",
            "--county",
            "تاکستان",
            "--output",
            exported,
            "--as",
            "t.worker",
        ],
    );
    assert!(said.contains("2 forms exported"), "{said}");
    let file = std::fs::read_to_string(exported).unwrap();
    let lines: Vec<&str> = file.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{file}");
    assert!(
        lines[0].starts_with("کد ملی,نام,نام خانوادگی,شهرستان,نسخه پرسشنامه,تاریخ تکمیل,نوبت"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with("امتیاز: نمره کل عزت نفس (۰ تا ۳۰)"),
        "{}",
        lines[0]
    );
    // Maryam's baseline scores 22 by hand; Zahra's first follow-up 15.
    assert!(
        lines[1].starts_with(&format!("{},مریم,", women[0])) && lines[1].ends_with(",22"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains(",1405/02/05,baseline,بله,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains(",follow_up_1,") && lines[2].ends_with(",15"),
        "{}",
        lines[2]
    );

    let back = ok(&db, &args(&import(exported)));
    assert!(back.contains("imported 0"), "{back}");
    assert!(back.contains("2 rows were already present"), "{back}");
}
