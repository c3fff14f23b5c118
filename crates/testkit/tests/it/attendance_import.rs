//! Importing a provider's attendance sheet (`HistoryKind::Attendance`) on SQLite and
//! PostgreSQL: Takestan's county expert runs a tailoring course with sessions in Aban 1405
//! (and one still to come) for a group of three; the provider's sheet — one row per woman and
//! session, sessions by number or day, marks in Persian, English or one letter — is checked
//! by a dry run that writes nothing, imported through the one-tap sheet's use-case, and
//! imported again with nothing new; a corrected mark replaces the first. A woman not in the
//! run, a session not yet held, one after she dropped out, an unknown mark and a row without
//! the run's code are each refused on their column and nothing is written; another county's
//! worker cannot reach the run, and a country-wide expert finds it by its code alone.

use hamyar_app::audit::AuditQuery;
use hamyar_app::imports::{HistoryKind, HistoryRow};
use hamyar_app::ports::training::CourseRunId;
use hamyar_app::registry::import::{ImportOptions, ImportSummary, ProblemKind};
use hamyar_app::training::{CourseKindInput, DropoutInput, ProviderInput, RunInput};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::WomanInput;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

/// Four sessions in Aban and one on 1405/09/20, after the tests' today (1405/09/08).
const SESSIONS: &str = "1405/08/03\n1405/08/10\n1405/08/17\n1405/08/24\n1405/09/20";

struct World {
    app: App,
    coordinator: Actor,
    run: CourseRunId,
    /// Maryam, Zahra and Fatemeh, in the order they were registered.
    women: Vec<String>,
}

/// A Takestan run `TK-1405-08` with the group of three enrolled on 1405/07/25.
async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let national = user(&app, "n.expert", "national_expert", "ir").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let coordinator = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let line = BudgetBuilder::new(&app, &provincial, qazvin)
        .amount(BudgetCategory::Training, "743000000")
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
                hours: "40".into(),
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
    let group = GroupBuilder::new(&app, &worker, takestan, "نخل")
        .create()
        .await;
    let mut women = Vec::new();
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا"), (3, "فاطمه")] {
        let id = national_id(710_000 + serial);
        app.register_woman(
            &worker,
            &takestan.to_string(),
            &WomanInput {
                national_id: id.clone(),
                first_name: first_name.into(),
                last_name: "رضایی".into(),
                birth_date: "1362/03/01".into(),
                settlement: "urban".into(),
                headship_cause: "widow".into(),
                ..WomanInput::default()
            },
            &[],
        )
        .await
        .unwrap();
        app.add_group_member(
            &worker,
            group,
            &JoinInput {
                national_id: id.clone(),
                role: "member".into(),
                joined_on: "1405/02/01".into(),
            },
        )
        .await
        .unwrap();
        women.push(id);
    }
    let run = app
        .plan_course_run(
            &coordinator,
            &RunInput {
                code: "TK-1405-08".into(),
                course_kind_id: kind.to_string(),
                provider_id: provider.to_string(),
                county: "تاکستان".into(),
                budget_line_id: line.to_string(),
                trainer_name: "خانم کاظمی".into(),
                place: "سالن اداره‌ی بهزیستی تاکستان".into(),
                online: false,
                capacity: "10".into(),
                sessions: SESSIONS.into(),
                session_hours: String::new(),
            },
        )
        .await
        .unwrap();
    app.enrol_group(&coordinator, run, group, "1405/07/25")
        .await
        .unwrap();
    World {
        app,
        coordinator,
        run,
        women,
    }
}

/// A sheet row: run code, national ID, session, mark.
fn row(line: u64, run: &str, woman: &str, session: &str, mark: &str) -> HistoryRow {
    HistoryRow {
        line,
        cells: vec![
            ("run_code", run.to_owned()),
            ("national_id", woman.to_owned()),
            ("session", session.to_owned()),
            ("mark", mark.to_owned()),
        ],
    }
}

async fn import(app: &App, actor: &Actor, rows: Vec<HistoryRow>, dry_run: bool) -> ImportSummary {
    let options = ImportOptions {
        dry_run,
        ..ImportOptions::default()
    };
    let mut importer = app
        .begin_history_import(actor, HistoryKind::Attendance, "attendance.xlsx", options)
        .await
        .unwrap();
    for row in rows {
        importer.push(row).await.unwrap();
    }
    importer.finish().await.unwrap()
}

/// Each woman's marks by first name, as the run's page reads them.
async fn marks(w: &World) -> Vec<(String, Vec<Option<String>>)> {
    let view = w
        .app
        .course_run(&w.coordinator, w.run, false)
        .await
        .unwrap();
    view.women
        .into_iter()
        .map(|woman| (woman.woman.first_name, woman.marks))
        .collect()
}

async fn nothing_marked(w: &World) -> bool {
    marks(w)
        .await
        .iter()
        .all(|(_, marks)| marks.iter().all(Option::is_none))
}

async fn audit_count(app: &App, action: &str) -> usize {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
    .len()
}

fn mark_of(all: &[(String, Vec<Option<String>>)], name: &str, session: usize) -> Option<String> {
    let (_, marks) = all.iter().find(|(first, _)| first == name).unwrap();
    marks[session - 1].clone()
}

async fn a_providers_sheet_comes_in_once_and_a_corrected_mark_replaces_the_first(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let [maryam, zahra, fatemeh] = [&w.women[0], &w.women[1], &w.women[2]];
    let sheet = || {
        vec![
            row(2, "TK-1405-08", maryam, "1", "حاضر"),
            row(3, "tk-۱۴۰۵-۰۸", zahra, "۱", "غایب"),
            row(4, "TK-1405-08", fatemeh, "1", "موجه"),
            row(5, "TK-1405-08", maryam, "۱۴۰۵/۰۸/۱۰", "ح"),
            row(6, "TK-1405-08", zahra, "1405/08/10", "present"),
            row(7, "TK-1405-08", fatemeh, "2", "غ"),
        ]
    };

    let dry = import(&w.app, &w.coordinator, sheet(), true).await;
    assert_eq!((dry.read, dry.imported, dry.rejected), (6, 6, 0), "{dry:?}");
    assert!(!dry.committed);
    assert!(nothing_marked(&w).await, "a dry run writes nothing");

    let done = import(&w.app, &w.coordinator, sheet(), false).await;
    assert_eq!((done.imported, done.already_present), (6, 0), "{done:?}");
    assert!(done.committed);
    let all = marks(&w).await;
    assert_eq!(mark_of(&all, "مریم", 1).as_deref(), Some("present"));
    assert_eq!(mark_of(&all, "زهرا", 1).as_deref(), Some("absent"));
    assert_eq!(mark_of(&all, "فاطمه", 1).as_deref(), Some("excused"));
    assert_eq!(mark_of(&all, "مریم", 2).as_deref(), Some("present"));
    assert_eq!(mark_of(&all, "زهرا", 2).as_deref(), Some("present"));
    assert_eq!(mark_of(&all, "فاطمه", 2).as_deref(), Some("absent"));
    assert_eq!(mark_of(&all, "مریم", 3), None);
    assert_eq!(audit_count(&w.app, "import.attendance").await, 1);
    assert_eq!(audit_count(&w.app, "training.attendance").await, 6);

    let again = import(&w.app, &w.coordinator, sheet(), false).await;
    assert_eq!((again.imported, again.already_present), (0, 6), "{again:?}");
    assert!(
        again
            .problems
            .iter()
            .all(|p| p.kind == ProblemKind::AlreadyPresent && p.field == "mark")
    );
    assert_eq!(audit_count(&w.app, "training.attendance").await, 6);

    // The provider corrects Zahra's first session: the new mark replaces the old one.
    let corrected = vec![
        row(2, "TK-1405-08", maryam, "1", "present"),
        row(3, "TK-1405-08", zahra, "1", "excused"),
    ];
    let fixed = import(&w.app, &w.coordinator, corrected, false).await;
    assert_eq!((fixed.imported, fixed.already_present), (1, 1), "{fixed:?}");
    let all = marks(&w).await;
    assert_eq!(mark_of(&all, "زهرا", 1).as_deref(), Some("excused"));
}

async fn a_bad_row_is_refused_on_its_column_and_nothing_is_written(db: &TestDatabase) {
    let w = world(db).await;
    let view = w
        .app
        .course_run(&w.coordinator, w.run, false)
        .await
        .unwrap();
    let fatemeh = view
        .women
        .iter()
        .find(|woman| woman.woman.first_name == "فاطمه")
        .unwrap()
        .woman
        .enrolment
        .id;
    w.app
        .record_dropout(
            &w.coordinator,
            fatemeh,
            &DropoutInput {
                dropped_on: "1405/08/12".into(),
                reason: "بیماری".into(),
            },
        )
        .await
        .unwrap();
    let [maryam, zahra, fatemeh] = [&w.women[0], &w.women[1], &w.women[2]];
    let stranger = national_id(719_999);
    let rows = vec![
        row(2, "TK-1405-08", maryam, "1", "حاضر"),
        row(3, "TK-1405-08", &stranger, "1", "حاضر"),
        row(4, "TK-1405-08", zahra, "5", "حاضر"),
        row(5, "TK-1405-08", zahra, "2", "شاید"),
        row(6, "", zahra, "2", "حاضر"),
        row(7, "TK-1405-08", zahra, "1405/08/11", "حاضر"),
        row(8, "TK-1405-08", fatemeh, "3", "حاضر"),
        row(9, "TK-1405-08", fatemeh, "2", "حاضر"),
    ];
    let summary = import(&w.app, &w.coordinator, rows, false).await;
    assert!(!summary.committed);
    assert_eq!((summary.read, summary.rejected), (8, 6), "{summary:?}");
    let refused: Vec<(u64, &str)> = summary
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            (3, "national_id"),
            (4, "session"),
            (5, "mark"),
            (6, "run_code"),
            (7, "session"),
            (8, "national_id"),
        ],
        "{:?}",
        summary.problems
    );
    let message = |line: u64| {
        let problem = summary.problems.iter().find(|p| p.line == line).unwrap();
        Lang::Fa.message(&problem.message)
    };
    assert!(message(3).contains(stranger.as_str()), "{}", message(3));
    assert!(message(4).contains("هنوز برگزار نشده"), "{}", message(4));
    assert!(message(7).contains("1405/08/11"), "{}", message(7));
    assert!(message(8).contains("فاطمه"), "{}", message(8));
    assert!(nothing_marked(&w).await, "all or nothing");
    assert_eq!(audit_count(&w.app, "import.attendance").await, 0);
}

async fn only_those_who_reach_the_run_import_its_sheet(db: &TestDatabase) {
    let w = world(db).await;
    let maryam = w.women[0].clone();
    let sheet = || vec![row(2, "TK-1405-08", &maryam, "1", "حاضر")];

    let abyek = user(&w.app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let outside = import(&w.app, &abyek, sheet(), false).await;
    assert_eq!(outside.rejected, 1);
    assert_eq!(outside.problems[0].field, "run_code");
    assert_eq!(
        Lang::En.message(&outside.problems[0].message),
        "There is no run with this code in your scope."
    );
    assert!(nothing_marked(&w).await);

    let auditor = user(&w.app, "q.auditor", "auditor", "ir.qazvin").await;
    let forbidden = w
        .app
        .begin_history_import(
            &auditor,
            HistoryKind::Attendance,
            "attendance.xlsx",
            ImportOptions::default(),
        )
        .await;
    assert!(matches!(forbidden, Err(AppError::Forbidden)));

    // A country-wide expert names the run by its code alone (one province has it).
    let national = w.app.user_by_username("n.expert").await.unwrap().unwrap();
    let done = import(&w.app, &national.actor(), sheet(), false).await;
    assert_eq!((done.imported, done.rejected), (1, 0), "{done:?}");
    let all = marks(&w).await;
    assert_eq!(mark_of(&all, "مریم", 1).as_deref(), Some("present"));
}

hamyar_store::on_both_databases!(
    a_providers_sheet_comes_in_once_and_a_corrected_mark_replaces_the_first,
    a_bad_row_is_refused_on_its_column_and_nothing_is_written,
    only_those_who_reach_the_run_import_its_sheet,
);
