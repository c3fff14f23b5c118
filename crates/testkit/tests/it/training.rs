//! Training use-cases on SQLite and PostgreSQL (issue 18): the national office adds a course
//! kind to the catalogue, Takestan's county expert registers a provider, plans a run of five
//! sessions paid from Qazvin's training line, enrols a group of three, has the sessions
//! marked (the social worker marks one), and records who completed under the kind's rule
//! (80 % of sessions) and who dropped out; a run's seats, a session not yet held, a woman of
//! another province, a second outcome and the reach of another county's staff are all
//! refused; the run's page counts each woman's marks and judges her.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::training::{CourseKindId, CourseRunId, EnrolmentId, ProviderId};
use hamyar_app::training::{
    CompletionInput, CourseKindInput, DropoutInput, MarkInput, ProviderInput, RunInput,
};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::WomanInput;
use hamyar_domain::training::CompletionVerdict;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

const SESSIONS: &str = "۱۴۰۵/۰۸/۰۱\n1405/08/03، 1405/08/05\n1405/08/08\n1405/08/10";

struct World {
    app: App,
    takestan: PlaceId,
    national: Actor,
    provincial: Actor,
    coordinator: Actor,
    worker: Actor,
    kind: CourseKindId,
    provider: ProviderId,
    line: BudgetLineId,
    group: GroupId,
    women: Vec<String>,
}

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
                code: "Tailoring-Basic".into(),
                name: "خياطی مقدماتی".into(),
                name_en: "Basic tailoring".into(),
                category: "مهارت فنی و حرفه‌ای".into(),
                skill_standard_code: "۷۵۳۱-۵۳-۰۰۱-۱".into(),
                hours: "۴۰".into(),
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
                phone: "۰۲۸۳۵۲۲۱۲۳۴".into(),
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
        let id = national_id(700_000 + serial);
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
    World {
        app,
        takestan,
        national,
        provincial,
        coordinator,
        worker,
        kind,
        provider,
        line,
        group,
        women,
    }
}

fn run_input(w: &World, code: &str, capacity: &str, sessions: &str) -> RunInput {
    RunInput {
        code: code.into(),
        course_kind_id: w.kind.to_string(),
        provider_id: w.provider.to_string(),
        county: "تاکستان".into(),
        budget_line_id: w.line.to_string(),
        trainer_name: "خانم کاظمی".into(),
        place: "سالن اداره‌ی بهزیستی تاکستان".into(),
        online: false,
        capacity: capacity.into(),
        sessions: sessions.into(),
        session_hours: String::new(),
    }
}

fn fields(error: &AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn message_fa(error: &AppError) -> String {
    match error {
        AppError::Invalid(errors) => Lang::Fa.message(&errors[0].message),
        other => panic!("expected invalid input, got {other:?}"),
    }
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

/// Marks one session: the women in order, each with her mark.
async fn mark(w: &World, actor: &Actor, run: CourseRunId, seq: usize, marks: &[&str]) {
    let view = w.app.course_run(&w.coordinator, run, false).await.unwrap();
    let session = view.sessions[seq - 1].id;
    let inputs: Vec<MarkInput> = view
        .women
        .iter()
        .zip(marks)
        .map(|(woman, mark)| MarkInput {
            enrolment_id: woman.woman.enrolment.id,
            mark: (*mark).into(),
        })
        .collect();
    w.app
        .record_attendance(actor, run, session, &inputs)
        .await
        .unwrap_or_else(|e| panic!("session {seq}: {e:?}"));
}

fn enrolment_of(view: &hamyar_app::training::RunView, first_name: &str) -> EnrolmentId {
    view.women
        .iter()
        .find(|w| w.woman.first_name == first_name)
        .unwrap()
        .woman
        .enrolment
        .id
}

async fn a_coordinator_trains_a_group_and_records_who_completed(db: &TestDatabase) {
    let w = world(db).await;
    let run = w
        .app
        .plan_course_run(&w.coordinator, &run_input(&w, "tk-1405-01", "10", SESSIONS))
        .await
        .unwrap();
    let enrolled = w
        .app
        .enrol_group(&w.coordinator, run, w.group, "1405/07/25")
        .await
        .unwrap();
    assert_eq!((enrolled.enrolled, enrolled.already), (3, 0));
    let again = w
        .app
        .enrol_group(&w.coordinator, run, w.group, "1405/07/26")
        .await
        .unwrap();
    assert_eq!((again.enrolled, again.already), (0, 3));

    // Women in Persian order: زهرا, فاطمه, مریم. The social worker marks the third session.
    mark(&w, &w.coordinator, run, 1, &["حاضر", "present", "present"]).await;
    mark(&w, &w.coordinator, run, 2, &["غایب", "present", "present"]).await;
    mark(&w, &w.worker, run, 3, &["absent", "موجه", "present"]).await;
    mark(
        &w,
        &w.coordinator,
        run,
        4,
        &["present", "present", "present"],
    )
    .await;
    mark(
        &w,
        &w.coordinator,
        run,
        5,
        &["present", "present", "absent"],
    )
    .await;
    // A mark given again replaces the first: مریم was present at the fifth after all.
    mark(
        &w,
        &w.coordinator,
        run,
        5,
        &["present", "present", "present"],
    )
    .await;

    let view = w.app.course_run(&w.coordinator, run, true).await.unwrap();
    assert_eq!(view.run.code, "TK-1405-01");
    assert_eq!((view.sessions.len(), view.sessions_held), (5, 5));
    assert_eq!(view.sessions[0].hours, 8, "40 hours over five sessions");
    assert_eq!(view.hours_delivered, 40);
    assert_eq!(view.kind.code, "tailoring-basic");
    assert_eq!(
        view.kind.name, "خیاطی مقدماتی",
        "stored with Persian letters"
    );
    let names: Vec<&str> = view
        .women
        .iter()
        .map(|w| w.woman.first_name.as_str())
        .collect();
    assert_eq!(names, vec!["زهرا", "فاطمه", "مریم"]);
    let counts: Vec<(u32, u32, u32)> = view
        .women
        .iter()
        .map(|w| (w.present, w.absent, w.excused))
        .collect();
    assert_eq!(counts, vec![(3, 2, 0), (4, 0, 1), (5, 0, 0)]);
    assert_eq!(
        view.women[0].verdict,
        Some(CompletionVerdict::TooFewSessions {
            attended: 3,
            held: 5,
            needed: 4
        })
    );
    assert_eq!(view.women[1].verdict, Some(CompletionVerdict::Completes));

    let zahra = enrolment_of(&view, "زهرا");
    let refused = w
        .app
        .record_completion(&w.coordinator, zahra, &CompletionInput::default())
        .await
        .unwrap_err();
    assert!(
        message_fa(&refused).contains("۳ جلسه از ۵"),
        "{}",
        message_fa(&refused)
    );
    w.app
        .record_dropout(
            &w.coordinator,
            zahra,
            &DropoutInput {
                dropped_on: "1405/08/06".into(),
                reason: "مسئولیت خانوادگی".into(),
            },
        )
        .await
        .unwrap();
    let fatemeh = enrolment_of(&view, "فاطمه");
    let code = w
        .app
        .record_completion(
            &w.coordinator,
            fatemeh,
            &CompletionInput {
                completed_on: "1405/08/15".into(),
                assessment_passed: None,
                skill_certificate_no: "۱۲۳۴۵۶".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(code.len(), 11);
    assert_eq!(code.chars().nth(5), Some('-'));
    let twice = w
        .app
        .record_completion(&w.coordinator, fatemeh, &CompletionInput::default())
        .await
        .unwrap_err();
    assert_eq!(fields(&twice), vec!["enrolment"]);
    // Completed before the last session: refused.
    let maryam = enrolment_of(&view, "مریم");
    let early = w
        .app
        .record_completion(
            &w.coordinator,
            maryam,
            &CompletionInput {
                completed_on: "1405/08/09".into(),
                ..CompletionInput::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&early), vec!["completed_on"]);

    let after = w.app.course_run(&w.coordinator, run, false).await.unwrap();
    assert_eq!(
        (after.completed, after.dropped, after.seats_taken),
        (1, 1, 2)
    );
    let history = w
        .app
        .training_of_woman(&w.worker, after.women[1].woman.enrolment.woman_id)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].0.certificate_code.as_deref(),
        Some(code.as_str())
    );
    assert_eq!(history[0].0.skill_certificate_no.as_deref(), Some("123456"));
    // The provider is paid for the run; its costs come from what the ledger paid.
    let payment = |code: &str, key: &str| hamyar_app::spending::PaymentInput {
        budget_line_id: w.line,
        payee: "آموزشگاه فنی نور".into(),
        payee_kind: "course_provider".into(),
        amount: "100000000".into(),
        spent_on: "1405/08/20".into(),
        course_run_code: code.into(),
        evidence: Some(hamyar_app::spending::EvidenceUpload {
            file_name: "invoice.pdf".into(),
            content: b"%PDF-1.4\n".to_vec(),
        }),
        idempotency_key: key.into(),
        ..hamyar_app::spending::PaymentInput::default()
    };
    let unknown = w
        .app
        .propose_payment(&w.coordinator, &payment("TK-404", "p0"))
        .await
        .unwrap_err();
    assert_eq!(fields(&unknown), vec!["course_run_code"]);
    let paid = w
        .app
        .propose_payment(&w.coordinator, &payment("tk-1405-01", "p1"))
        .await
        .unwrap();
    w.app
        .approve_payment(&w.provincial, paid, "1405/08/21")
        .await
        .unwrap();
    w.app
        .pay_payment(&w.provincial, paid, "1405/08/22")
        .await
        .unwrap();
    let costs = w
        .app
        .course_run(&w.coordinator, run, false)
        .await
        .unwrap()
        .costs;
    assert_eq!(costs.paid_rials, 100_000_000);
    assert_eq!(
        (costs.per_enrolled, costs.per_completer, costs.per_hour),
        (Some(33_333_333), Some(100_000_000), Some(2_500_000))
    );
    // A payment of the province's history names its run too.
    let mut importer = w
        .app
        .begin_history_import(
            &w.coordinator,
            hamyar_app::imports::HistoryKind::Payments,
            "payments.xlsx",
            hamyar_app::registry::import::ImportOptions::default(),
        )
        .await
        .unwrap();
    importer
        .push(hamyar_app::imports::HistoryRow {
            line: 2,
            cells: vec![
                ("category", "آموزش".to_owned()),
                ("payee", "آموزشگاه فنی نور".to_owned()),
                ("payee_kind", "course_provider".to_owned()),
                ("amount", "5000000".to_owned()),
                ("spent_on", "1405/08/25".to_owned()),
                ("course_run", "tk-1405-01".to_owned()),
            ],
        })
        .await
        .unwrap();
    let imported = importer.finish().await.unwrap();
    assert_eq!(
        (imported.imported, imported.committed),
        (1, true),
        "{imported:?}"
    );
    let of_run = w
        .app
        .payments(
            &w.provincial,
            &hamyar_app::spending::PaymentQuery {
                course_run_id: Some(run),
                ..hamyar_app::spending::PaymentQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(of_run.len(), 2);
    let page = w.app.payment(&w.provincial, paid).await.unwrap();
    assert_eq!(
        page.course_run.map(|(_, code)| code),
        Some("TK-1405-01".to_owned())
    );

    assert_eq!(audit_count(&w.app, "training.attendance").await, 6);
    assert_eq!(audit_count(&w.app, "training.run_view").await, 1);
    assert_eq!(audit_count(&w.app, "training.complete").await, 1);
    assert_eq!(audit_count(&w.app, "training.dropout").await, 1);
}

async fn a_run_keeps_its_seats_its_schedule_and_its_place(db: &TestDatabase) {
    let w = world(db).await;
    // Two seats for a group of three: nothing is enrolled.
    let small = w
        .app
        .plan_course_run(&w.coordinator, &run_input(&w, "TK-02", "2", SESSIONS))
        .await
        .unwrap();
    let full = w
        .app
        .enrol_group(&w.coordinator, small, w.group, "1405/07/20")
        .await
        .unwrap_err();
    assert_eq!(fields(&full), vec!["capacity"]);
    // A run that is over takes no one.
    let over = w
        .app
        .enrol_group(&w.coordinator, small, w.group, "")
        .await
        .unwrap_err();
    assert_eq!(fields(&over), vec!["enrolled_on"]);
    let one = w
        .app
        .enrol_women(&w.coordinator, small, &w.women[0], "1405/07/20")
        .await
        .unwrap();
    assert_eq!(one.enrolled, 1);
    // A session not yet held cannot be marked.
    let later = w
        .app
        .plan_course_run(
            &w.coordinator,
            &run_input(&w, "TK-03", "5", "1405/09/01\n1405/12/01"),
        )
        .await
        .unwrap();
    w.app
        .enrol_women(&w.coordinator, later, &w.women[1], "")
        .await
        .unwrap();
    let view = w
        .app
        .course_run(&w.coordinator, later, false)
        .await
        .unwrap();
    let future = w
        .app
        .record_attendance(
            &w.coordinator,
            later,
            view.sessions[1].id,
            &[MarkInput {
                enrolment_id: view.women[0].woman.enrolment.id,
                mark: "present".into(),
            }],
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&future), vec!["session"]);
    // A bad form names every problem; the same code twice is refused.
    let mut bad = run_input(&w, "کد فارسی", "۰", "1405/08/01\n1405/08/01\nفردا");
    bad.trainer_name = " ".into();
    bad.budget_line_id = "999999".into();
    let error = w
        .app
        .plan_course_run(&w.coordinator, &bad)
        .await
        .unwrap_err();
    let mut named = fields(&error);
    named.sort_unstable();
    named.dedup();
    assert_eq!(
        named,
        vec![
            "budget_line_id",
            "capacity",
            "code",
            "sessions",
            "trainer_name"
        ]
    );
    let taken = w
        .app
        .plan_course_run(&w.coordinator, &run_input(&w, "tk-02", "5", SESSIONS))
        .await
        .unwrap_err();
    assert_eq!(fields(&taken), vec!["code"]);
    // Another county's staff cannot reach the run; a social worker cannot plan one; a woman
    // of another province cannot be enrolled.
    let abyek = user(&w.app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    assert!(matches!(
        w.app.course_run(&abyek, small, false).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app
            .plan_course_run(&w.worker, &run_input(&w, "TK-09", "5", SESSIONS))
            .await,
        Err(AppError::Forbidden)
    ));
    let stranger = w
        .app
        .enrol_women(&w.national, small, "0084575948", "")
        .await
        .unwrap_err();
    assert_eq!(fields(&stranger), vec!["national_ids"]);
    // A list longer than any run's seats is refused before a single lookup.
    let many: Vec<String> = (0..501).map(|n| national_id(800_000 + n)).collect();
    let flood = w
        .app
        .enrol_women(&w.coordinator, small, &many.join("\n"), "1405/07/20")
        .await
        .unwrap_err();
    assert!(message_fa(&flood).contains("۵۰۰"), "{}", message_fa(&flood));
    assert_eq!(w.app.course_runs(&abyek, 0).await.unwrap().len(), 0);
    assert_eq!(w.app.course_runs(&w.coordinator, 0).await.unwrap().len(), 2);
    let _ = w.takestan;
}

hamyar_store::on_both_databases!(
    a_coordinator_trains_a_group_and_records_who_completed,
    a_run_keeps_its_seats_its_schedule_and_its_place,
);
