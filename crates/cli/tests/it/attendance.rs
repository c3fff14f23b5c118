//! `hamyar import attendance` as a county's training coordinator brings in a provider's
//! sheet: the template with its Persian headers, a sheet of one run without a run column
//! refused row by row until `--run CODE` names the run, a dry run that writes nothing, the
//! import, and the same sheet again importing nothing twice.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use hamyar_app::training::{CourseKindInput, ProviderInput, RunInput};
use hamyar_app::{App, AppSettings, FixedClock};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::WomanInput;
use hamyar_store::ConnectSettings;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
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

async fn app_on(db: &Path) -> App {
    let url = format!("sqlite://{}", db.display());
    let store = hamyar_store::connect(&url, &ConnectSettings::default())
        .await
        .unwrap()
        .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
    App::new(
        Arc::new(store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    )
}

/// A migrated file database with Takestan's run `TK-1405-08` (two sessions in Aban 1405)
/// and two enrolled women; its county expert is `t.expert`. Returns the women's IDs.
async fn run_of_two(db: &Path) -> Vec<String> {
    ok(db, &["migrate"]);
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let national = user(&app, "n.expert", "national_expert", "ir").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let coordinator = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let line = BudgetBuilder::new(&app, &provincial, qazvin)
        .amount(BudgetCategory::Training, "500000000")
        .set()
        .await
        .line(BudgetCategory::Training);
    let kind = app
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "tailoring-basic".into(),
                name: "خیاطی مقدماتی".into(),
                name_en: "Basic tailoring".into(),
                category: "vocational".into(),
                skill_standard_code: String::new(),
                hours: "20".into(),
                min_attendance_percent: String::new(),
                final_assessment: false,
            },
        )
        .await
        .unwrap();
    let provider = app
        .add_provider(
            &coordinator,
            &ProviderInput {
                name: "آموزشگاه فنی نور".into(),
                kind: "آموزشگاه".into(),
                phone: String::new(),
                province_id: None,
            },
        )
        .await
        .unwrap();
    let group = GroupBuilder::new(&app, &coordinator, takestan, "نخل")
        .create()
        .await;
    let mut women = Vec::new();
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا")] {
        let id = national_id(720_000 + serial);
        let woman = WomanInput {
            national_id: id.clone(),
            first_name: first_name.into(),
            last_name: "رضایی".into(),
            birth_date: "1362/03/01".into(),
            settlement: "urban".into(),
            headship_cause: "widow".into(),
            ..WomanInput::default()
        };
        app.register_woman(&coordinator, &takestan.to_string(), &woman, &[])
            .await
            .unwrap();
        let join = JoinInput {
            national_id: id.clone(),
            role: "member".into(),
            joined_on: "1405/02/01".into(),
        };
        app.add_group_member(&coordinator, group, &join)
            .await
            .unwrap();
        women.push(id);
    }
    let run = RunInput {
        code: "TK-1405-08".into(),
        course_kind_id: kind.to_string(),
        provider_id: provider.to_string(),
        county: "تاکستان".into(),
        budget_line_id: line.to_string(),
        trainer_name: "خانم کاظمی".into(),
        place: "سالن بهزیستی تاکستان".into(),
        online: false,
        capacity: "10".into(),
        sessions: "1405/08/03\n1405/08/10".into(),
        session_hours: String::new(),
    };
    let run = app.plan_course_run(&coordinator, &run).await.unwrap();
    app.enrol_group(&coordinator, run, group, "1405/07/25")
        .await
        .unwrap();
    women
}

fn write(dir: &Path, name: &str, lines: &[String]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("\u{feff}{}\r\n", lines.join("\r\n"))).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn the_attendance_template_has_the_run_the_woman_the_session_and_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let template: PathBuf = dir.path().join("attendance-template.csv");
    ok(
        &db,
        &[
            "import",
            "attendance",
            "--template",
            template.to_str().unwrap(),
        ],
    );
    let header = std::fs::read_to_string(&template).unwrap();
    assert!(
        header.starts_with("\u{feff}کد دوره,کد ملی,جلسه,حضور"),
        "{header}"
    );
    let other = refused(&db, &["import", "meetings", "x.csv", "--run", "TK-1"]);
    assert!(
        other.contains("--run"),
        "only attendance takes --run: {other}"
    );
}

#[tokio::test]
async fn a_sheet_without_a_run_column_comes_in_with_run_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let women = run_of_two(&db).await;
    let sheet = write(
        dir.path(),
        "attendance.csv",
        &[
            "کد ملی,جلسه,حضور".to_owned(),
            format!("{},1,حاضر", women[0]),
            format!("{},۱,غایب", women[1]),
            format!("{},1405/08/10,ح", women[0]),
        ],
    );
    let as_coordinator = ["--as", "t.expert"];
    let bare = refused(
        &db,
        &[&["import", "attendance", &sheet][..], &as_coordinator].concat(),
    );
    assert!(bare.contains("row 2, کد دوره «»"), "{bare}");
    assert!(bare.contains("rejected 3"), "{bare}");

    let import = [
        &["import", "attendance", &sheet, "--run", "tk-۱۴۰۵-۰۸"][..],
        &as_coordinator,
    ]
    .concat();
    let dry = ok(&db, &[&import[..], &["--dry-run"]].concat());
    assert!(dry.contains("read 3, would import 3, rejected 0"), "{dry}");
    let imported = ok(&db, &import);
    assert!(imported.contains("imported 3, rejected 0"), "{imported}");
    assert!(imported.contains("committed"), "{imported}");
    let again = ok(&db, &import);
    assert!(again.contains("imported 0"), "{again}");
    assert!(
        again.contains("3 rows were already present and were skipped"),
        "{again}"
    );
}
