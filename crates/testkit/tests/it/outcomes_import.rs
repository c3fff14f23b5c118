//! Importing filled paper forms of Rosenberg's self-esteem scale (`begin_assessment_import`)
//! and exporting them (`export_assessments`), on SQLite and PostgreSQL. Takestan's social
//! worker has a group of three women who joined on 1405/02/01 (a baseline then, the first
//! follow-up on 1405/08/01); the clerk's sheet — Persian digits, an answer written as its
//! label, an occasion by its Persian name, by its key or left blank, one form with an item
//! unanswered — comes in once with the totals scored by hand, and again with nothing new; a
//! sheet with one bad cell writes nothing and names the row and the item's column; a form that
//! differs from the one recorded for its occasion is refused; the export carries every form
//! with its total (none for the incomplete one) and imports back as nothing new. Whoever may
//! not assess can neither import nor export, a worker of another county does not find the
//! women, and a sheet read with an older version of the instrument is refused.

use hamyar_app::audit::AuditQuery;
use hamyar_app::error::AppResult;
use hamyar_app::imports::HistoryRow;
use hamyar_app::imports::assessments::{NATIONAL_ID, NOTE, OCCASION, TAKEN_ON};
use hamyar_app::outcomes::export::{AssessmentExportQuery, ExportedForm};
use hamyar_app::ports::registry::WomanId;
use hamyar_app::registry::import::{ImportOptions, ImportSummary, ProblemKind};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::groups::JoinInput;
use hamyar_domain::outcomes::ROSENBERG;
use hamyar_domain::outcomes::answers::answer_text;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

/// Rosenberg's items, in the order of its sheet's columns.
const ITEMS: [&str; 10] = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"];

struct World {
    app: App,
    worker: Actor,
    /// Maryam, Zahra and Fatemeh: their national IDs and ids.
    women: Vec<(String, WomanId)>,
}

/// Takestan's group of three, joined on 1405/02/01 (the tests' today is 1405/09/08).
async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let group = GroupBuilder::new(&app, &worker, takestan, "نخل")
        .create()
        .await;
    let mut women = Vec::new();
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا"), (3, "فاطمه")] {
        let id = national_id(730_000 + serial);
        let woman = WomanBuilder::new(&app, &worker, takestan, id.clone())
            .first_name(first_name)
            .register()
            .await;
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
        women.push((id, woman));
    }
    World { app, worker, women }
}

/// A sheet row: national ID, day, occasion, and the ten answers as typed.
fn form(line: u64, woman: &str, taken_on: &str, occasion: &str, answers: [&str; 10]) -> HistoryRow {
    let mut cells = vec![
        (NATIONAL_ID, woman.to_owned()),
        (TAKEN_ON, taken_on.to_owned()),
        (OCCASION, occasion.to_owned()),
        (NOTE, String::new()),
    ];
    cells.extend(
        ITEMS
            .iter()
            .zip(answers)
            .map(|(code, text)| (*code, text.to_owned())),
    );
    HistoryRow { line, cells }
}

/// The clerk's sheet of four paper forms.
fn sheet(w: &World) -> Vec<HistoryRow> {
    let [maryam, zahra, fatemeh] = [&w.women[0].0, &w.women[1].0, &w.women[2].0];
    vec![
        // Scored by hand: normal items 4 − value, reversed (2, 5, 6, 8, 9) value − 1:
        // 2 + 2 + 3 + 2 + 2 + 3 + 3 + 1 + 2 + 2 = 22.
        form(
            2,
            maryam,
            "۱۴۰۵/۰۲/۰۵",
            "پایه",
            ["۲", "۳", "کاملاً موافقم", "۲", "۳", "۴", "۱", "۲", "۳", "۲"],
        ),
        // Blank occasion on 1405/08/10: the first follow-up, due on 1405/08/01. 5 × 3 = 15.
        form(3, zahra, "1405/08/10", "", ["1"; 10]),
        // Item 10 unanswered: no total.
        form(
            4,
            fatemeh,
            "1405/08/12",
            "پیگیری ۱",
            ["2", "2", "2", "2", "2", "2", "2", "2", "2", ""],
        ),
        // Every answer at its best: 30.
        form(
            5,
            maryam,
            "1405/08/15",
            "follow_up_1",
            ["1", "4", "1", "1", "4", "4", "1", "4", "4", "1"],
        ),
    ]
}

async fn import(app: &App, actor: &Actor, rows: Vec<HistoryRow>, dry_run: bool) -> ImportSummary {
    let options = ImportOptions {
        dry_run,
        ..ImportOptions::default()
    };
    let instrument = app.assessment_instrument(actor, "rosenberg").await.unwrap();
    let mut importer = app
        .begin_assessment_import(actor, &instrument, "rosenberg.xlsx", options)
        .await
        .unwrap();
    for row in rows {
        importer.push(row).await.unwrap();
    }
    importer.finish().await.unwrap()
}

/// Each form of a woman as (occasion key, complete, total), oldest first.
async fn forms_of(w: &World, woman: WomanId) -> Vec<(String, bool, Option<i64>)> {
    let outcomes = w.app.woman_outcomes(&w.worker, woman, false).await.unwrap();
    outcomes
        .forms
        .iter()
        .map(|form| {
            let total = form
                .row
                .scores
                .iter()
                .find(|(code, _)| code == "total")
                .and_then(|(_, value)| *value);
            (
                form.occasion.map(|o| o.key()).unwrap_or_default(),
                form.row.complete,
                total,
            )
        })
        .collect()
}

async fn no_forms(w: &World) -> bool {
    for (_, woman) in &w.women {
        if !forms_of(w, *woman).await.is_empty() {
            return false;
        }
    }
    true
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

async fn a_sheet_of_paper_forms_comes_in_once_scored_as_by_hand(db: &TestDatabase) {
    let w = world(db).await;
    let dry = import(&w.app, &w.worker, sheet(&w), true).await;
    assert_eq!((dry.read, dry.imported, dry.rejected), (4, 4, 0), "{dry:?}");
    assert!(no_forms(&w).await, "a dry run writes nothing");

    let done = import(&w.app, &w.worker, sheet(&w), false).await;
    assert_eq!((done.imported, done.rejected), (4, 0), "{done:?}");
    assert!(done.committed);
    let [maryam, zahra, fatemeh] = [w.women[0].1, w.women[1].1, w.women[2].1];
    assert_eq!(
        forms_of(&w, maryam).await,
        [
            ("baseline".to_owned(), true, Some(22)),
            ("follow_up_1".to_owned(), true, Some(30)),
        ]
    );
    assert_eq!(
        forms_of(&w, zahra).await,
        [("follow_up_1".to_owned(), true, Some(15))]
    );
    assert_eq!(
        forms_of(&w, fatemeh).await,
        [("follow_up_1".to_owned(), false, None)]
    );
    assert_eq!(audit_count(&w.app, "import.assessments").await, 1);
    assert_eq!(audit_count(&w.app, "outcomes.assessment_record").await, 4);

    let again = import(&w.app, &w.worker, sheet(&w), false).await;
    assert_eq!((again.imported, again.already_present), (0, 4), "{again:?}");
    assert!(
        again
            .problems
            .iter()
            .all(|p| p.kind == ProblemKind::AlreadyPresent && p.field == OCCASION),
        "{:?}",
        again.problems
    );
    assert_eq!(audit_count(&w.app, "outcomes.assessment_record").await, 4);

    // The same occasion with other answers is a second sitting: refused, nothing written.
    let mut changed = sheet(&w);
    changed[1].cells.retain(|(key, _)| *key != "q1");
    changed[1].cells.push(("q1", "4".to_owned()));
    let refused = import(&w.app, &w.worker, changed, false).await;
    assert!(!refused.committed);
    assert_eq!(refused.rejected, 1, "{refused:?}");
    let problem = refused
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::Invalid)
        .unwrap();
    assert_eq!((problem.line, problem.field.as_str()), (3, OCCASION));
    assert!(
        Lang::Fa.message(&problem.message).contains("۱۴۰۵/۰۸/۱۰"),
        "{}",
        Lang::Fa.message(&problem.message)
    );
    assert_eq!(
        forms_of(&w, zahra).await,
        [("follow_up_1".to_owned(), true, Some(15))]
    );
}

async fn a_sheet_with_one_bad_cell_writes_nothing_and_names_its_row_and_column(db: &TestDatabase) {
    let w = world(db).await;
    let mut rows = sheet(&w);
    rows[1].cells.retain(|(key, _)| *key != "q4");
    rows[1].cells.push(("q4", "۵".to_owned()));
    let summary = import(&w.app, &w.worker, rows, false).await;
    assert!(!summary.committed);
    assert_eq!((summary.read, summary.rejected), (4, 1), "{summary:?}");
    let refused: Vec<(u64, &str)> = summary
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    assert_eq!(refused, [(3, "q4")], "{:?}", summary.problems);
    assert_eq!(summary.problems[0].value, "۵");
    assert!(
        Lang::En
            .message(&summary.problems[0].message)
            .contains("one of the options"),
        "{}",
        Lang::En.message(&summary.problems[0].message)
    );
    assert!(no_forms(&w).await, "all or nothing");
    assert_eq!(audit_count(&w.app, "import.assessments").await, 0);

    // Every other kind of mistake, each on its own column.
    let stranger = national_id(739_999);
    let maryam = w.women[0].0.clone();
    let bad = vec![
        form(2, &stranger, "1405/08/10", "", ["1"; 10]),
        form(3, &maryam, "1405/13/01", "", ["1"; 10]),
        form(4, &maryam, "1405/08/10", "پیگیری", ["1"; 10]),
        form(5, &maryam, "1405/09/20", "", ["1"; 10]),
        form(6, &maryam, "1405/08/10", "after_exit_6", ["1"; 10]),
    ];
    let summary = import(&w.app, &w.worker, bad, false).await;
    let refused: Vec<(u64, &str)> = summary
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            (2, NATIONAL_ID),
            (3, TAKEN_ON),
            (4, OCCASION),
            (5, TAKEN_ON),
            (6, OCCASION),
        ],
        "{:?}",
        summary.problems
    );
    assert_eq!(
        Lang::En.message(&summary.problems[0].message),
        "No woman with this national ID is registered in your area."
    );
    assert!(no_forms(&w).await);
}

async fn every_form_exports_with_its_scores_and_imports_back_as_nothing_new(db: &TestDatabase) {
    let w = world(db).await;
    import(&w.app, &w.worker, sheet(&w), false).await;
    let mut exported: Vec<ExportedForm> = Vec::new();
    let query = AssessmentExportQuery {
        instrument: "rosenberg".into(),
        place: None,
        format: "xlsx".into(),
    };
    let mut sink = |form: ExportedForm| -> AppResult<()> {
        exported.push(form);
        Ok(())
    };
    let count = w
        .app
        .export_assessments(&w.worker, &query, &mut sink)
        .await
        .unwrap();
    assert_eq!(count, 4);
    let totals: Vec<(&str, &str, Option<i64>)> = exported
        .iter()
        .map(|form| {
            let total = form.row.scores.iter().find(|(c, _)| c == "total");
            (
                form.first_name.as_str(),
                form.occasion.as_str(),
                total.and_then(|(_, value)| *value),
            )
        })
        .collect();
    assert_eq!(
        totals,
        [
            ("مریم", "baseline", Some(22)),
            ("زهرا", "follow_up_1", Some(15)),
            ("فاطمه", "follow_up_1", None),
            ("مریم", "follow_up_1", Some(30)),
        ]
    );
    assert!(exported.iter().all(|form| form.county == "تاکستان"));
    assert_eq!(audit_count(&w.app, "outcomes.export").await, 1);

    let back: Vec<HistoryRow> = exported
        .iter()
        .zip(2..)
        .map(|(exported, line)| {
            let mut cells = vec![
                (NATIONAL_ID, exported.national_id.clone()),
                (TAKEN_ON, exported.row.taken_on.to_string()),
                (OCCASION, exported.occasion.clone()),
                (NOTE, exported.row.note.clone().unwrap_or_default()),
            ];
            cells.extend(ITEMS.iter().map(|code| {
                let answer = exported.answers.get(*code).map(answer_text);
                (*code, answer.unwrap_or_default())
            }));
            HistoryRow { line, cells }
        })
        .collect();
    let again = import(&w.app, &w.worker, back, false).await;
    assert_eq!(
        (again.imported, again.already_present, again.rejected),
        (0, 4, 0),
        "{again:?}"
    );

    // Another county asked for is out of reach; a place within the scope narrows the export.
    let abyek = place(&w.app, "ir.qazvin.abyek").await;
    let takestan = place(&w.app, "ir.qazvin.takestan").await;
    let mut ignore = |_: ExportedForm| -> AppResult<()> { Ok(()) };
    let elsewhere = AssessmentExportQuery {
        place: Some(abyek),
        ..query.clone()
    };
    let refused = w
        .app
        .export_assessments(&w.worker, &elsewhere, &mut ignore)
        .await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    let provincial = user(&w.app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let here = AssessmentExportQuery {
        place: Some(takestan),
        ..query.clone()
    };
    let counted = w
        .app
        .export_assessments(&provincial, &here, &mut ignore)
        .await
        .unwrap();
    assert_eq!(counted, 4);
    let in_abyek = AssessmentExportQuery {
        place: Some(abyek),
        ..query
    };
    let none = w
        .app
        .export_assessments(&provincial, &in_abyek, &mut ignore)
        .await
        .unwrap();
    assert_eq!(none, 0);
}

async fn only_those_who_assess_in_her_county_import_or_export_her_forms(db: &TestDatabase) {
    let w = world(db).await;
    let abyek = user(&w.app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let outside = import(&w.app, &abyek, sheet(&w), false).await;
    assert_eq!(outside.rejected, 4);
    assert!(outside.problems.iter().all(|p| p.field == NATIONAL_ID));
    assert!(no_forms(&w).await);

    let auditor = user(&w.app, "q.auditor", "auditor", "ir.qazvin").await;
    let forbidden = w.app.assessment_instrument(&auditor, "rosenberg").await;
    assert!(matches!(forbidden, Err(AppError::Forbidden)));
    let instrument = w
        .app
        .assessment_instrument(&w.worker, "rosenberg")
        .await
        .unwrap();
    let begun = w
        .app
        .begin_assessment_import(&auditor, &instrument, "r.xlsx", ImportOptions::default())
        .await;
    assert!(matches!(begun, Err(AppError::Forbidden)));
    let mut ignore = |_: ExportedForm| -> AppResult<()> { Ok(()) };
    let query = AssessmentExportQuery {
        instrument: "rosenberg".into(),
        place: None,
        format: "csv".into(),
    };
    let exported = w
        .app
        .export_assessments(&auditor, &query, &mut ignore)
        .await;
    assert!(matches!(exported, Err(AppError::Forbidden)));

    // A national expert adds version 2: a sheet read with version 1 is refused.
    let national = user(&w.app, "n.expert", "national_expert", "ir").await;
    let mut definition: serde_json::Value = serde_json::from_str(ROSENBERG).unwrap();
    definition["version"] = 2.into();
    w.app
        .add_instrument_version(&national, &definition.to_string(), true)
        .await
        .unwrap();
    let stale = w
        .app
        .begin_assessment_import(&w.worker, &instrument, "r.xlsx", ImportOptions::default())
        .await;
    let Err(AppError::Invalid(errors)) = stale else {
        panic!("a sheet of version 1 was accepted");
    };
    assert!(
        Lang::En.message(&errors[0].message).contains("Version 2"),
        "{}",
        Lang::En.message(&errors[0].message)
    );
}

hamyar_store::on_both_databases!(
    a_sheet_of_paper_forms_comes_in_once_scored_as_by_hand,
    a_sheet_with_one_bad_cell_writes_nothing_and_names_its_row_and_column,
    every_form_exports_with_its_scores_and_imports_back_as_nothing_new,
    only_those_who_assess_in_her_county_import_or_export_her_forms,
);
