//! `hamyar import payments|grants` and `hamyar history …` as a province brings its year's money
//! in: the template with Persian headers, a dry run that writes nothing, the import whose
//! paper decisions wait in a history batch, the importer refused when she confirms it
//! herself, a second provincial expert refused without the scan and then confirming with it
//! (the payment paid, the grant's first tranche paid on the paper's days), and the same file
//! again importing nothing twice.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use hamyar_app::history_batches::BatchSubject;
use hamyar_app::ports::history::HistoryBatchId;
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::TrancheStatus;
use hamyar_domain::spending::PaymentStatus;
use hamyar_store::ConnectSettings;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
use hamyar_testkit::fixtures::{place, user};
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

/// Runs `hamyar` and insists it succeeded; returns what it said.
fn ok(db: &Path, args: &[&str]) -> String {
    let output = hamyar(db, args);
    assert!(output.status.success(), "{args:?}: {}", text(&output));
    text(&output)
}

/// Runs `hamyar` and insists it failed; returns what it said.
fn refused(db: &Path, args: &[&str]) -> String {
    let output = hamyar(db, args);
    assert!(!output.status.success(), "{args:?}: {}", text(&output));
    text(&output)
}

fn write(dir: &Path, name: &str, lines: &[&str]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("\u{feff}{}\r\n", lines.join("\r\n"))).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The application over the file database, as the tests' own window on it.
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

async fn actor(app: &App, username: &str) -> Actor {
    app.user_by_username(username)
        .await
        .unwrap()
        .expect("the user exists")
        .actor()
}

/// What the first decision of batch 1 decides, as the app reads it now.
async fn first_subject(db: &Path) -> (App, Actor, BatchSubject) {
    let app = app_on(db).await;
    let second = actor(&app, "qz.second").await;
    let view = app
        .history_batch(&second, HistoryBatchId::new(1))
        .await
        .unwrap();
    let subject = view.rows[0].subject.clone();
    (app, second, subject)
}

/// A migrated file database with Qazvin's 1405 budget (training and grant lines of
/// 900,000,000 rials each), two provincial experts — `qz.importer` and `qz.second` — and the
/// Takestan group `TK-001`.
async fn province(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("hamyar.db");
    ok(&db, &["migrate"]);
    let app = app_on(&db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let importer = user(&app, "qz.importer", "provincial_expert", "ir.qazvin").await;
    user(&app, "qz.second", "provincial_expert", "ir.qazvin").await;
    let worker = user(&app, "qz.worker", "social_worker", "ir.qazvin.takestan").await;
    BudgetBuilder::new(&app, &importer, qazvin)
        .amount(BudgetCategory::Training, "900,000,000")
        .amount(BudgetCategory::Grant, "900,000,000")
        .set()
        .await;
    GroupBuilder::new(&app, &worker, takestan, "نور")
        .with(|group| group.code = "TK-001".into())
        .create()
        .await;
    db
}

#[tokio::test]
async fn a_payment_paid_on_paper_is_paid_once_a_second_person_confirms_it_with_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let db = province(dir.path()).await;
    let template = dir.path().join("payments-template.csv");
    ok(
        &db,
        &[
            "import",
            "payments",
            "--template",
            template.to_str().unwrap(),
        ],
    );
    let header = std::fs::read_to_string(&template).unwrap();
    assert!(
        header.starts_with("\u{feff}ردیف بودجه,شهرستان ردیف,گیرنده,نوع گیرنده,مبلغ (ریال)"),
        "{header}"
    );

    let payments = write(
        dir.path(),
        "payments.csv",
        &[
            "ردیف بودجه,گیرنده,نوع گیرنده,مبلغ (ریال),تاریخ هزینه,شماره سند,تاریخ تأیید,تاریخ پرداخت,تأییدکننده روی کاغذ",
            "آموزش,آموزشگاه فنی نور,مجری دوره آموزشی,250000000,1405/02/10,1405-117,1405/02/15,1405/03/01,مریم احمدی",
        ],
    );
    let import = ["import", "payments", &payments, "--as", "qz.importer"];
    let dry = ok(&db, &[&import[..], &["--dry-run"]].concat());
    assert!(dry.contains("read 1, would import 1, rejected 0"), "{dry}");
    assert!(!dry.contains("history batch"), "{dry}");
    let none = ok(&db, &["history", "list", "--as", "qz.second"]);
    assert!(
        none.contains("no history batches"),
        "the dry run wrote none: {none}"
    );

    let imported = ok(&db, &import);
    assert!(imported.contains("imported 1"), "{imported}");
    assert!(
        imported.contains(
            "paper decisions wait in history batch 1 for a second person: \
             hamyar history confirm 1 --as OTHER_USER"
        ),
        "{imported}"
    );
    let waiting = ok(&db, &["history", "list", "--waiting", "--as", "qz.second"]);
    assert!(
        waiting.contains("1\tpayments\twaiting\tpayments.csv\tکاربر qz.importer\t"),
        "{waiting}"
    );
    assert!(
        waiting.trim_end().ends_with("\t1"),
        "one decision: {waiting}"
    );
    let shown = ok(&db, &["history", "show", "1", "--as", "qz.second"]);
    assert!(
        shown.contains(
            "2\tpayment to آموزشگاه فنی نور, 250,000,000 rials\t1405/02/15\t1405/03/01\tمریم احمدی\tproposed"
        ),
        "{shown}"
    );
    assert!(shown.contains("--evidence SCAN.pdf"), "{shown}");

    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% the paper vouchers\n").unwrap();
    let scan = scan.to_str().unwrap();
    let own = refused(
        &db,
        &[
            "history",
            "confirm",
            "1",
            "--as",
            "qz.importer",
            "--evidence",
            scan,
        ],
    );
    assert!(
        own.contains("Whoever imported this batch may not confirm or refuse it"),
        "{own}"
    );
    assert!(own.contains("کسی که این دسته را وارد کرده"), "{own}");
    let without_scan = refused(&db, &["history", "confirm", "1", "--as", "qz.second"]);
    assert!(
        without_scan.contains("attach the scan of the paper payment documents"),
        "{without_scan}"
    );
    let confirmed = ok(
        &db,
        &[
            "history",
            "confirm",
            "1",
            "--as",
            "qz.second",
            "--evidence",
            scan,
        ],
    );
    assert!(
        confirmed.contains("history batch 1 confirmed"),
        "{confirmed}"
    );

    let shown = ok(&db, &["history", "show", "1", "--as", "qz.importer"]);
    assert!(shown.contains("— confirmed"), "{shown}");
    assert!(
        shown.contains("confirmed by کاربر qz.second on "),
        "{shown}"
    );
    assert!(shown.contains("scan: scan.pdf (sha256 "), "{shown}");
    assert!(
        shown.contains("250,000,000 rials\t1405/02/15\t1405/03/01\tمریم احمدی\tpaid"),
        "the payment is paid: {shown}"
    );
    let (app, second, subject) = first_subject(&db).await;
    let BatchSubject::Payment { id, .. } = subject else {
        panic!("a payment's batch: {subject:?}");
    };
    let payment = app.payment(&second, id).await.unwrap();
    assert_eq!(payment.summary.status, PaymentStatus::Paid);
    assert_eq!(
        payment.summary.row.paid_on.map(|day| day.to_string()),
        Some("1405/03/01".to_owned())
    );
    assert_eq!(
        payment.summary.row.decided_by_name.as_deref(),
        Some("کاربر qz.second")
    );
    let again = refused(
        &db,
        &[
            "history",
            "confirm",
            "1",
            "--as",
            "qz.second",
            "--evidence",
            scan,
        ],
    );
    assert!(
        again.contains("already been confirmed or refused"),
        "{again}"
    );
    let waiting = ok(&db, &["history", "list", "--waiting", "--as", "qz.second"]);
    assert!(waiting.contains("no waiting history batches"), "{waiting}");

    let rerun = ok(&db, &import);
    assert!(rerun.contains("imported 0"), "{rerun}");
    assert!(
        rerun.contains("1 rows were already present and were skipped"),
        "{rerun}"
    );
    assert!(!rerun.contains("history batch"), "{rerun}");
}

#[tokio::test]
async fn a_grants_first_tranche_paid_on_paper_is_paid_once_confirmed_and_the_second_waits() {
    let dir = tempfile::tempdir().unwrap();
    let db = province(dir.path()).await;
    let grants = write(
        dir.path(),
        "grants.csv",
        &[
            "کد گروه,هدف,مبلغ قسط ۱,تاریخ برنامه قسط ۱,تاریخ تأیید قسط ۱,تاریخ پرداخت قسط ۱,مبلغ قسط ۲,تاریخ برنامه قسط ۲,تأییدکننده روی کاغذ",
            "TK-001,خرید چرخ خیاطی,150000000,1405/03/01,1405/03/05,1405/03/20,100000000,1405/06/01,مریم احمدی",
        ],
    );
    let imported = ok(&db, &["import", "grants", &grants, "--as", "qz.importer"]);
    assert!(imported.contains("imported 1"), "{imported}");
    assert!(imported.contains("history batch 1"), "{imported}");
    let shown = ok(&db, &["history", "show", "1", "--as", "qz.second"]);
    assert!(
        shown.contains(
            "2\tgrant tranche 1 of «خرید چرخ خیاطی», 150,000,000 rials\t1405/03/05\t1405/03/20\tمریم احمدی\tproposed"
        ),
        "{shown}"
    );
    assert!(
        !shown.contains("--evidence"),
        "no payment paid, no scan: {shown}"
    );
    let reasonless = refused(
        &db,
        &[
            "history",
            "refuse",
            "1",
            "--as",
            "qz.second",
            "--reason",
            " ",
        ],
    );
    assert!(
        reasonless.contains("دلیل را بنویسید\na reason is required"),
        "{reasonless}"
    );

    let confirmed = ok(&db, &["history", "confirm", "1", "--as", "qz.second"]);
    assert!(
        confirmed.contains("history batch 1 confirmed"),
        "{confirmed}"
    );
    let shown = ok(&db, &["history", "show", "1", "--as", "qz.second"]);
    assert!(
        shown.contains("150,000,000 rials\t1405/03/05\t1405/03/20\tمریم احمدی\tpaid"),
        "the first tranche is paid: {shown}"
    );
    assert_eq!(shown.matches("grant tranche").count(), 1, "{shown}");
    let (app, second, subject) = first_subject(&db).await;
    let BatchSubject::Tranche { grant_id, .. } = subject else {
        panic!("a grant's batch: {subject:?}");
    };
    let grant = app.grant_detail(&second, grant_id, false).await.unwrap();
    let tranches: Vec<(TrancheStatus, Option<String>)> = grant
        .tranches
        .iter()
        .map(|tranche| {
            (
                tranche.status,
                tranche.row.paid_on.map(|day| day.to_string()),
            )
        })
        .collect();
    assert_eq!(
        tranches,
        [
            (TrancheStatus::Paid, Some("1405/03/20".to_owned())),
            (TrancheStatus::Proposed, None)
        ],
        "the second tranche, not decided on paper, waits for a decision of today"
    );

    let rerun = ok(&db, &["import", "grants", &grants, "--as", "qz.importer"]);
    assert!(
        rerun.contains("1 rows were already present and were skipped"),
        "{rerun}"
    );
}
