//! Job preparation through the browser (issue 18), on SQLite and PostgreSQL: two women of
//! Takestan completed a course that ended in Mordad 1405, enrolled one by one. Takestan's
//! social worker finds the job-preparation section on Maryam's file, is shown her new-plan
//! form's mistakes in Persian (and nothing is made), makes a plan, adds a placement whose
//! employer, start and monthly pay she types in Persian digits, and is refused a placement
//! without an employer. The follow-ups three months after the course are not on her own list
//! (the women came one by one, not with a group she runs) but are on her county's; she
//! records Maryam's, after which it leaves the list, a second answer and the six-month one
//! (not due yet) are refused in Persian and nothing more is written. A social worker of
//! Abyek finds neither the plan nor the follow-up.

use hamyar_app::Actor;
use hamyar_app::ports::job_plans::JobPlanId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::training::EnrolmentId;
use hamyar_app::training::{CompletionInput, CourseKindInput, MarkInput, ProviderInput, RunInput};
use hamyar_domain::registry::WomanInput;
use hamyar_domain::training::job_plan::StepKind;
use hamyar_testkit::scope::national_id;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, Page, TestApp};

async fn actor(app: &TestApp, username: &str) -> Actor {
    app.app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// The digits that follow `prefix` in `text`.
fn id_after(text: &str, prefix: &str) -> String {
    text.split(prefix)
        .nth(1)
        .unwrap_or_else(|| panic!("no {prefix} in {text}"))
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// A woman of Takestan registered by the social worker.
async fn woman(app: &TestApp, worker: &Actor, serial: u32, first_name: &str) -> (WomanId, String) {
    let takestan = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.takestan")
        .unwrap()
        .id;
    let id = national_id(740_000 + serial);
    let registered = app
        .app
        .register_woman(
            worker,
            &takestan.to_string(),
            &WomanInput {
                national_id: id.clone(),
                first_name: first_name.into(),
                last_name: "کاظمی".into(),
                birth_date: "1365/04/01".into(),
                settlement: "urban".into(),
                headship_cause: "widow".into(),
                mobile: format!("0912{serial:07}"),
                ..WomanInput::default()
            },
            &[],
        )
        .await
        .unwrap();
    (registered.id, id)
}

/// A tailoring run in Takestan whose two sessions ended on 1405/05/05, each woman enrolled by
/// national ID, present at both and completed on 1405/05/10; their enrolments, in order.
async fn completed_course(app: &TestApp, national_ids: &[&str]) -> Vec<EnrolmentId> {
    let national = actor(app, "n.expert").await;
    let tree = app.app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    let kind = app
        .app
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "tailoring".into(),
                name: "خیاطی".into(),
                category: "vocational".into(),
                hours: "8".into(),
                ..CourseKindInput::default()
            },
        )
        .await
        .unwrap();
    let provider = app
        .app
        .add_provider(
            &national,
            &ProviderInput {
                name: "آموزشگاه نگین".into(),
                kind: "institute".into(),
                phone: String::new(),
                province_id: Some(qazvin),
            },
        )
        .await
        .unwrap();
    let run = app
        .app
        .plan_course_run(
            &national,
            &RunInput {
                code: "T-SEW".into(),
                course_kind_id: kind.to_string(),
                provider_id: provider.to_string(),
                county: takestan.to_string(),
                trainer_name: "خانم نوری".into(),
                place: "سالن بهزیستی".into(),
                capacity: "10".into(),
                sessions: "1405/05/03\n1405/05/05".into(),
                ..RunInput::default()
            },
        )
        .await
        .unwrap();
    app.app
        .enrol_women(&national, run, &national_ids.join("\n"), "1405/05/01")
        .await
        .unwrap();
    let view = app.app.course_run(&national, run, false).await.unwrap();
    let enrolments: Vec<EnrolmentId> = national_ids
        .iter()
        .map(|id| {
            view.women
                .iter()
                .find(|w| w.woman.national_id == *id)
                .unwrap()
                .woman
                .enrolment
                .id
        })
        .collect();
    for session in &view.sessions {
        let marks: Vec<MarkInput> = enrolments
            .iter()
            .map(|enrolment| MarkInput {
                enrolment_id: *enrolment,
                mark: "present".into(),
            })
            .collect();
        app.app
            .record_attendance(&national, run, session.id, &marks)
            .await
            .unwrap();
    }
    for enrolment in &enrolments {
        let input = CompletionInput {
            completed_on: "1405/05/10".into(),
            ..CompletionInput::default()
        };
        app.app
            .record_completion(&national, *enrolment, &input)
            .await
            .unwrap();
    }
    enrolments
}

fn refused_in_persian(page: &Page, message: &str) {
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(page.body.contains("ثبت نشد"), "{}", page.body);
    assert!(page.body.contains(message), "{message}: {}", page.body);
}

/// The social worker makes Maryam's plan through the file's link; returns its id.
async fn a_plan_is_made(worker: &Browser, app: &TestApp, maryam: WomanId) -> JobPlanId {
    let file = worker.get(&format!("/women/{maryam}")).await;
    assert_eq!(file.status, 200);
    assert!(
        file.body.contains("id=\"job-preparation\""),
        "{}",
        file.body
    );
    assert!(file.body.contains("هنوز برنامه‌ای برای آماده‌سازی شغلی"));
    let new = format!("/training/women/{maryam}/job-plans/new");
    assert!(
        file.body.contains(&new),
        "the file links to the new-plan form"
    );
    let refused = worker
        .submit(
            &new,
            &new,
            &[("job_title", " "), ("planned_on", "1405/13/40")],
        )
        .await;
    refused_in_persian(&refused, "شغلی را که برنامه برای آن است بنویسید.");
    let who = actor(app, "t.worker").await;
    let plans = app.app.job_plans_of_woman(&who, maryam).await.unwrap();
    assert!(plans.is_empty(), "a refused form makes no plan");
    let made = worker
        .submit(
            &new,
            &new,
            &[("job_title", "خیاط"), ("planned_on", "۱۴۰۵/۰۸/۲۰")],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let location = made.location().unwrap().to_owned();
    id_after(&location, "/training/job-plans/").parse().unwrap()
}

/// A placement with pay in Persian digits, and one without an employer that is refused.
async fn a_placement_is_added(worker: &Browser, app: &TestApp, plan: JobPlanId) {
    let page = format!("/training/job-plans/{plan}");
    let steps = format!("/training/job-plans/{plan}/steps");
    let shown = worker.get(&page).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("خیاط") && shown.body.contains("مریم کاظمی"));
    let added = worker
        .submit(
            &page,
            &steps,
            &[
                ("kind", "placement"),
                ("employer", "کارگاه پوشاک نگین"),
                ("starts_on", "۱۴۰۵/۰۹/۰۱"),
                ("monthly_pay_rials", "۱۲۰٬۰۰۰٬۰۰۰"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let refused = worker
        .submit(
            &page,
            &steps,
            &[("kind", "placement"), ("starts_on", "۱۴۰۵/۰۹/۰۱")],
        )
        .await;
    refused_in_persian(&refused, "نام کارفرما را بنویسید.");
    let who = actor(app, "t.worker").await;
    let view = app.app.job_plan(&who, plan, false).await.unwrap();
    assert_eq!(view.steps.len(), 1, "the refused step was not added");
    let step = &view.steps[0];
    assert_eq!(step.kind, StepKind::Placement);
    assert_eq!(step.employer.as_deref(), Some("کارگاه پوشاک نگین"));
    assert_eq!(step.monthly_pay_rials, Some(120_000_000));
    let shown = worker.get(&page).await;
    assert!(shown.body.contains("کارگاه پوشاک نگین"), "{}", shown.body);
    assert!(shown.body.contains("۱۴۰۵/۰۹/۰۱"));
}

/// Maryam's three-month follow-up, recorded from the county's list; the refusals.
async fn a_follow_up_is_recorded(worker: &Browser, app: &TestApp, maryam: EnrolmentId) {
    let own = worker.get("/training/follow-ups").await;
    assert_eq!(own.status, 200);
    assert!(
        own.body.contains("id=\"follow-ups-none\""),
        "women enrolled one by one are not her own groups'"
    );
    let all = worker.get("/training/follow-ups?all=1").await;
    let form = format!("/training/follow-ups/{maryam}");
    assert!(
        all.body.contains(&format!("{form}#month-3")),
        "{}",
        all.body
    );
    assert!(all.body.contains("مریم کاظمی") && all.body.contains("زهرا کاظمی"));
    let sheet = worker.get(&form).await;
    assert_eq!(sheet.status, 200);
    assert!(
        sheet.body.contains("هنوز موعد ندارد"),
        "six months is not due"
    );
    let answer = [
        ("month", "3"),
        ("recorded_on", "۱۴۰۵/۰۹/۰۵"),
        ("works", "1"),
        ("earns_from_course", "1"),
        ("monthly_income_rials", "۸۰٬۰۰۰٬۰۰۰"),
    ];
    let recorded = worker.submit(&form, &form, &answer).await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    let again = worker.submit(&form, &form, &answer).await;
    refused_in_persian(&again, "پاسخ این پیگیری پیش‌تر ثبت شده است.");
    let six = [
        ("month", "6"),
        ("recorded_on", "۱۴۰۵/۰۹/۰۵"),
        ("works", "1"),
    ];
    let early = worker.submit(&form, &form, &six).await;
    refused_in_persian(&early, "پیش از آن ثبت نمی‌شود");
    let who = actor(app, "t.worker").await;
    let sheet = app.app.follow_up_sheet(&who, maryam, false).await.unwrap();
    let answers: Vec<_> = sheet.months.iter().filter_map(|m| m.2.as_ref()).collect();
    assert_eq!(answers.len(), 1, "only the first answer was written");
    assert!(answers[0].works && answers[0].earns_from_course);
    assert_eq!(answers[0].monthly_income_rials, Some(80_000_000));
    let all = worker.get("/training/follow-ups?all=1").await;
    assert!(!all.body.contains(&format!("{form}#month-3")));
    assert!(all.body.contains("زهرا کاظمی"), "Zahra's is still due");
}

async fn a_social_worker_prepares_a_woman_for_a_job_and_follows_her_course_up(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    app.create_user("n.expert", "national_expert", "ir").await;
    let worker = app
        .logged_in("t.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let stranger = app
        .logged_in("a.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let registrar = actor(&app, "t.worker").await;
    let (maryam, maryam_id) = woman(&app, &registrar, 1, "مریم").await;
    let (_, zahra_id) = woman(&app, &registrar, 2, "زهرا").await;
    let enrolments = completed_course(&app, &[&maryam_id, &zahra_id]).await;

    let plan = a_plan_is_made(&worker, &app, maryam).await;
    a_placement_is_added(&worker, &app, plan).await;
    let file = worker.get(&format!("/women/{maryam}")).await;
    assert!(file.body.contains(&format!("/training/job-plans/{plan}")));
    assert!(
        file.body.contains("کارگاه پوشاک نگین"),
        "her file lists the step"
    );
    a_follow_up_is_recorded(&worker, &app, enrolments[0]).await;

    assert_eq!(
        stranger
            .get(&format!("/training/job-plans/{plan}"))
            .await
            .status,
        404
    );
    let csrf = stranger.get("/account").await.csrf_token().unwrap();
    let steps = format!("/training/job-plans/{plan}/steps");
    let fields = [
        ("csrf", csrf.as_str()),
        ("kind", "permit"),
        ("permit_name", "پروانه"),
    ];
    assert_eq!(stranger.post_raw(&steps, &fields).await.status, 404);
    let follow_up = format!("/training/follow-ups/{}", enrolments[1]);
    assert_eq!(stranger.get(&follow_up).await.status, 404);
    let who = actor(&app, "t.worker").await;
    assert_eq!(
        app.app
            .job_plan(&who, plan, false)
            .await
            .unwrap()
            .steps
            .len(),
        1,
        "the other county's social worker changed nothing"
    );
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::TestDatabase::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = super::TestDatabase::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}

on_both!(a_social_worker_prepares_a_woman_for_a_job_and_follows_her_course_up);
