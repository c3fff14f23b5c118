//! Job preparation on SQLite and PostgreSQL (issue 18): Takestan's social worker makes a plan
//! toward a job for a woman who completed a tailoring course, adds a training step naming her
//! course and a placement with its employer, start and pay (typed in Persian digits), marks
//! the placement done and closes the plan as achieved; a facilitator, another county's expert,
//! a closed plan and a form with mistakes are all refused and change nothing. Three Jalali
//! months after the run's last session — not a day before — the follow-ups of the women who
//! completed it appear on the coordinator's list; recording one takes it off, a second answer
//! is refused, and the reports' count of employment at follow-up agrees.

use std::sync::Arc;

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::training::{CourseRunId, EnrolmentId};
use hamyar_app::training::{
    CompletionInput, CourseKindInput, FollowUpPeriod, MarkInput, ProviderInput, RunInput, StepForm,
    tally_totals,
};
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::JalaliDate;
use hamyar_domain::registry::WomanInput;
use hamyar_domain::training::follow_up::{FollowUpInput, FollowUpMonth};
use hamyar_domain::training::job_plan::{
    PlanInput, PlanState, StepInput, StepState, StepStateInput,
};
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::test_start;

struct World {
    app: App,
    clock: Arc<FixedClock>,
    takestan: PlaceId,
    coordinator: Actor,
    worker: Actor,
    facilitator: Actor,
    abyek_expert: Actor,
    run: CourseRunId,
    maryam: (hamyar_app::ports::registry::WomanId, EnrolmentId),
    zahra: (hamyar_app::ports::registry::WomanId, EnrolmentId),
}

/// Sets "today" to a Jalali day, at ten in the morning in Tehran.
fn set_today(w: &World, day: &str) {
    let gregorian = JalaliDate::parse(day).unwrap().to_gregorian();
    w.clock
        .set(format!("{gregorian}T06:30:00Z").parse().unwrap());
    assert_eq!(w.app.today(), JalaliDate::parse(day).unwrap());
}

async fn world(db: &TestDatabase) -> World {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock.clone(), AppSettings::default());
    app.seed_reference_places().await.unwrap();
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let national = user(&app, "n.expert", "national_expert", "ir").await;
    let coordinator = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let facilitator = user(&app, "t.facil", "facilitator", "ir.qazvin.takestan").await;
    let abyek_expert = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let kind = app
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "tailoring".into(),
                name: "خیاطی".into(),
                name_en: "Tailoring".into(),
                category: "vocational".into(),
                skill_standard_code: String::new(),
                hours: "8".into(),
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
                name: "آموزشگاه نور".into(),
                kind: "institute".into(),
                phone: String::new(),
                province_id: None,
            },
        )
        .await
        .unwrap();
    let run = app
        .plan_course_run(
            &coordinator,
            &RunInput {
                code: "TK-1405-09".into(),
                course_kind_id: kind.to_string(),
                provider_id: provider.to_string(),
                county: "تاکستان".into(),
                budget_line_id: String::new(),
                trainer_name: "خانم کاظمی".into(),
                place: "سالن بهزیستی".into(),
                online: false,
                capacity: "10".into(),
                sessions: "1405/08/01\n1405/08/10".into(),
                session_hours: String::new(),
            },
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا")] {
        let id = national_id(910_000 + serial);
        let woman = app
            .register_woman(
                &worker,
                &takestan.to_string(),
                &WomanInput {
                    national_id: id.clone(),
                    first_name: first_name.into(),
                    last_name: "کریمی".into(),
                    birth_date: "1362/03/01".into(),
                    settlement: "urban".into(),
                    headship_cause: "widow".into(),
                    mobile: "09121234567".into(),
                    ..WomanInput::default()
                },
                &[],
            )
            .await
            .unwrap()
            .id;
        app.enrol_women(&coordinator, run, &id, "1405/07/25")
            .await
            .unwrap();
        ids.push(woman);
    }
    let view = app.course_run(&coordinator, run, false).await.unwrap();
    for session in &view.sessions {
        let marks: Vec<MarkInput> = view
            .women
            .iter()
            .map(|w| MarkInput {
                enrolment_id: w.woman.enrolment.id,
                mark: "present".into(),
            })
            .collect();
        app.record_attendance(&coordinator, run, session.id, &marks)
            .await
            .unwrap();
    }
    let enrolment_of = |woman| {
        view.women
            .iter()
            .find(|w| w.woman.enrolment.woman_id == woman)
            .unwrap()
            .woman
            .enrolment
            .id
    };
    let (maryam, zahra) = (
        (ids[0], enrolment_of(ids[0])),
        (ids[1], enrolment_of(ids[1])),
    );
    for enrolment in [maryam.1, zahra.1] {
        app.record_completion(
            &coordinator,
            enrolment,
            &CompletionInput {
                completed_on: "1405/08/10".into(),
                ..CompletionInput::default()
            },
        )
        .await
        .unwrap();
    }
    World {
        app,
        clock,
        takestan,
        coordinator,
        worker,
        facilitator,
        abyek_expert,
        run,
        maryam,
        zahra,
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

fn placement(employer: &str) -> StepForm {
    StepForm {
        step: StepInput {
            kind: "به‌کارگیری نزد کارفرما".into(),
            employer: employer.into(),
            starts_on: "۱۴۰۵/۰۹/۱۵".into(),
            monthly_pay_rials: "۱۲۰٬۰۰۰٬۰۰۰".into(),
            ..StepInput::default()
        },
        ..StepForm::default()
    }
}

async fn a_social_worker_plans_a_job_and_closes_the_plan_when_it_is_reached(db: &TestDatabase) {
    let w = world(db).await;
    let (maryam, enrolment) = w.maryam;
    let plan = w
        .app
        .create_job_plan(
            &w.worker,
            maryam,
            &PlanInput {
                job_title: "خياط لباس زنانه".into(),
                occupation_code: "۷۵۳۱".into(),
                planned_on: "۱۴۰۵/۰۹/۰۱".into(),
            },
        )
        .await
        .unwrap();
    let training = w
        .app
        .add_job_plan_step(
            &w.worker,
            plan,
            &StepForm {
                step: StepInput {
                    kind: "آموزش".into(),
                    ..StepInput::default()
                },
                enrolment_id: enrolment.to_string(),
                grant_id: String::new(),
            },
        )
        .await
        .unwrap();
    let job = w
        .app
        .add_job_plan_step(&w.worker, plan, &placement("تولیدی پوشاک مهر"))
        .await
        .unwrap();
    w.app
        .set_job_plan_step_state(
            &w.worker,
            job,
            &StepStateInput {
                state: "انجام شد".into(),
                on: "1405/09/05".into(),
                note: "قرارداد یک‌ساله".into(),
            },
        )
        .await
        .unwrap();

    let view = w.app.job_plan(&w.coordinator, plan, true).await.unwrap();
    assert_eq!(view.plan.job_title, "خیاط لباس زنانه", "Persian letters");
    assert_eq!(view.plan.occupation_code.as_deref(), Some("7531"));
    assert_eq!(view.first_name, "مریم");
    assert_eq!(view.steps.len(), 2);
    assert_eq!(view.steps[0].id, training);
    assert_eq!(view.steps[0].enrolment_id, Some(enrolment));
    let placed = &view.steps[1];
    assert_eq!(placed.employer.as_deref(), Some("تولیدی پوشاک مهر"));
    assert_eq!(placed.monthly_pay_rials, Some(120_000_000));
    assert_eq!(placed.state, StepState::Done);
    assert_eq!(placed.done_on, JalaliDate::parse("1405/09/05").ok());
    assert_eq!(audit_count(&w.app, "job_plan.view").await, 1);

    w.app
        .close_job_plan(&w.worker, plan, "achieved", "1405/09/06")
        .await
        .unwrap();
    let plans = w.app.job_plans_of_woman(&w.worker, maryam).await.unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].0.state, PlanState::Achieved);
    let refused = w
        .app
        .add_job_plan_step(&w.worker, plan, &placement("کارگاه دیگر"))
        .await
        .unwrap_err();
    assert_eq!(
        message_fa(&refused),
        "این برنامه بسته شده است و تغییر نمی‌کند."
    );
    let refused = w
        .app
        .close_job_plan(&w.worker, plan, "abandoned", "")
        .await
        .unwrap_err();
    assert_eq!(fields(&refused), vec!["plan"]);
    assert_eq!(audit_count(&w.app, "job_plan.close").await, 1);
}

async fn other_roles_and_places_and_bad_forms_change_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let (maryam, _) = w.maryam;
    let input = PlanInput {
        job_title: "خیاط".into(),
        ..PlanInput::default()
    };
    assert!(matches!(
        w.app.create_job_plan(&w.facilitator, maryam, &input).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app.create_job_plan(&w.abyek_expert, maryam, &input).await,
        Err(AppError::NotFound)
    ));
    let plan = w
        .app
        .create_job_plan(&w.coordinator, maryam, &input)
        .await
        .unwrap();
    assert!(matches!(
        w.app.job_plan(&w.abyek_expert, plan, true).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app
            .add_job_plan_step(&w.abyek_expert, plan, &placement("مهر"))
            .await,
        Err(AppError::NotFound)
    ));
    // A placement without its employer, negative pay, another woman's course.
    let no_employer = w
        .app
        .add_job_plan_step(&w.coordinator, plan, &placement(""))
        .await
        .unwrap_err();
    assert_eq!(fields(&no_employer), vec!["employer"]);
    assert_eq!(message_fa(&no_employer), "نام کارفرما را بنویسید.");
    let mut negative = placement("مهر");
    negative.step.monthly_pay_rials = "-۱۰۰".into();
    let negative = w
        .app
        .add_job_plan_step(&w.coordinator, plan, &negative)
        .await
        .unwrap_err();
    assert_eq!(fields(&negative), vec!["monthly_pay_rials"]);
    let not_hers = w
        .app
        .add_job_plan_step(
            &w.coordinator,
            plan,
            &StepForm {
                step: StepInput {
                    kind: "training".into(),
                    ..StepInput::default()
                },
                enrolment_id: w.zahra.1.to_string(),
                grant_id: String::new(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&not_hers), vec!["enrolment_id"]);
    let view = w.app.job_plan(&w.coordinator, plan, false).await.unwrap();
    assert!(view.steps.is_empty(), "nothing was written");
    assert_eq!(audit_count(&w.app, "job_plan.add_step").await, 0);
    assert_eq!(audit_count(&w.app, "job_plan.view").await, 0);
}

async fn follow_ups_fall_due_three_months_after_the_course_and_leave_when_recorded(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let due = |actor: Actor, own: bool| {
        let app = w.app.clone();
        async move { app.follow_ups_due(&actor, own, 20, false).await.unwrap() }
    };
    assert_eq!(due(w.coordinator.clone(), false).await.total, 0);
    // The run ended on 10 Aban: the three-month follow-up is due on 10 Bahman, not before.
    set_today(&w, "1405/11/09");
    assert_eq!(due(w.coordinator.clone(), false).await.total, 0);
    let early = w
        .app
        .record_follow_up(
            &w.coordinator,
            w.maryam.1,
            FollowUpMonth::Three,
            &FollowUpInput::default(),
        )
        .await
        .unwrap_err();
    assert!(
        message_fa(&early).contains("۱۴۰۵/۱۱/۱۰"),
        "{}",
        message_fa(&early)
    );

    set_today(&w, "1405/11/10");
    let list = due(w.coordinator.clone(), false).await;
    assert_eq!(list.total, 2);
    assert_eq!(list.items.len(), 2);
    assert!(
        list.items
            .iter()
            .all(|i| i.row.month == FollowUpMonth::Three
                && i.days_late == 0
                && i.row.run_id == w.run)
    );
    assert_eq!(due(w.abyek_expert.clone(), false).await.total, 0);
    assert_eq!(
        due(w.worker.clone(), true).await.total,
        0,
        "enrolled one by one, not with a group of hers"
    );
    assert_eq!(due(w.worker.clone(), false).await.total, 2);
    assert!(matches!(
        w.app
            .record_follow_up(
                &w.abyek_expert,
                w.maryam.1,
                FollowUpMonth::Three,
                &FollowUpInput::default()
            )
            .await,
        Err(AppError::NotFound)
    ));

    // A bad answer changes nothing.
    let odd = w
        .app
        .record_follow_up(
            &w.facilitator,
            w.zahra.1,
            FollowUpMonth::Three,
            &FollowUpInput {
                earns_from_course: true,
                ..FollowUpInput::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&odd), vec!["earns_from_course"]);
    assert_eq!(due(w.coordinator.clone(), false).await.total, 2);

    w.app
        .record_follow_up(
            &w.facilitator,
            w.maryam.1,
            FollowUpMonth::Three,
            &FollowUpInput {
                recorded_on: "۱۴۰۵/۱۱/۱۰".into(),
                works: true,
                earns_from_course: true,
                monthly_income_rials: "۸٬۰۰۰٬۰۰۰".into(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
    let list = due(w.coordinator.clone(), false).await;
    assert_eq!(list.total, 1);
    assert_eq!(list.items[0].row.enrolment_id, w.zahra.1);
    let again = w
        .app
        .record_follow_up(
            &w.coordinator,
            w.maryam.1,
            FollowUpMonth::Three,
            &FollowUpInput::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(message_fa(&again), "پاسخ این پیگیری پیش‌تر ثبت شده است.");
    assert_eq!(audit_count(&w.app, "training.follow_up").await, 1);

    let period = FollowUpPeriod {
        place: PlaceFilter {
            province_id: w.coordinator.scope.province(),
            county_id: Some(w.takestan),
        },
        from: JalaliDate::parse("1405/11/01").unwrap(),
        to: JalaliDate::parse("1405/11/30").unwrap(),
    };
    let employment = w
        .app
        .employment_at_follow_up(&w.coordinator, &period)
        .await
        .unwrap();
    assert_eq!(tally_totals(&employment.three), (2, 1, 1, 1));
    assert_eq!(tally_totals(&employment.six), (0, 0, 0, 0));
    assert!(matches!(
        w.app
            .employment_at_follow_up(&w.abyek_expert, &period)
            .await,
        Err(AppError::NotFound)
    ));

    // Six months on: Zahra's three-month follow-up is overdue, both six-month ones are due.
    set_today(&w, "1406/02/10");
    let list = due(w.coordinator.clone(), false).await;
    assert_eq!(list.total, 3);
    assert_eq!(
        (list.items[0].row.enrolment_id, list.items[0].row.month),
        (w.zahra.1, FollowUpMonth::Three)
    );
    assert!(list.items[0].days_late > 80);
    let sheet = w
        .app
        .follow_up_sheet(&w.coordinator, w.maryam.1, true)
        .await
        .unwrap();
    assert!(sheet.months[0].2.as_ref().is_some_and(|a| a.works));
    assert!(sheet.months[1].2.is_none());
    assert_eq!(audit_count(&w.app, "training.follow_up_view").await, 1);
}

hamyar_store::on_both_databases!(
    a_social_worker_plans_a_job_and_closes_the_plan_when_it_is_reached,
    other_roles_and_places_and_bad_forms_change_nothing,
    follow_ups_fall_due_three_months_after_the_course_and_leave_when_recorded,
);
