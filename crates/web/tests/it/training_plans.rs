//! Training plans through the browser (issue 18), on SQLite and PostgreSQL: Takestan's
//! coordinator opens a provider's page from the list, is shown a wrong contract's problems in
//! Persian (and nothing is recorded), records a contract typed with Persian digits and sees
//! what the ledger paid under it; a proposal that would pass it warns on the run's page. The
//! social worker records on the group's page what its business needs (a blank form is drawn
//! again with its messages); the run of that kind proposes the group, the coordinator enrols
//! it in one tap, and the group's «آموزش» section shows the run and the need met. Tehran's
//! expert finds neither the provider nor the group.

use hamyar_app::Actor;
use hamyar_app::spending::{EvidenceUpload, PaymentInput};
use hamyar_app::training::{CourseKindInput, ProviderInput, RunInput};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::WomanInput;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::TestApp;

async fn actor(app: &TestApp, username: &str) -> Actor {
    app.app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// Qazvin's training line, a kind, a provider, a run of Takestan paid from the line and a
/// group of two members; returns (line, provider, run, group) ids as text.
async fn world(app: &TestApp) -> (String, String, String, String) {
    let tree = app.app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    let coordinator = actor(app, "t.expert").await;
    let worker = actor(app, "t.worker").await;
    let line = BudgetBuilder::new(&app.app, &actor(app, "q.expert").await, qazvin)
        .amount(BudgetCategory::Training, "743000000")
        .set()
        .await
        .line(BudgetCategory::Training);
    let kind = app
        .app
        .add_course_kind(
            &actor(app, "n.expert").await,
            &CourseKindInput {
                code: "tailoring".into(),
                name: "خیاطی صنعتی".into(),
                category: "vocational".into(),
                hours: "40".into(),
                ..CourseKindInput::default()
            },
        )
        .await
        .unwrap();
    let provider = app
        .app
        .add_provider(
            &coordinator,
            &ProviderInput {
                name: "آموزشگاه فنی نور".into(),
                kind: "institute".into(),
                ..ProviderInput::default()
            },
        )
        .await
        .unwrap();
    let run = app
        .app
        .plan_course_run(
            &coordinator,
            &RunInput {
                code: "TK-01".into(),
                course_kind_id: kind.to_string(),
                provider_id: provider.to_string(),
                county: "تاکستان".into(),
                budget_line_id: line.to_string(),
                trainer_name: "خانم کاظمی".into(),
                place: "سالن بهزیستی".into(),
                capacity: "20".into(),
                sessions: "1405/09/20\n1405/09/22".into(),
                ..RunInput::default()
            },
        )
        .await
        .unwrap();
    let group = GroupBuilder::new(&app.app, &worker, takestan, "نخل")
        .create()
        .await;
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا")] {
        let id = national_id(720_000 + serial);
        app.app
            .register_woman(
                &worker,
                &takestan.to_string(),
                &WomanInput {
                    national_id: id.clone(),
                    first_name: first_name.into(),
                    last_name: "کریمی".into(),
                    birth_date: "1365/03/01".into(),
                    settlement: "urban".into(),
                    headship_cause: "widow".into(),
                    ..WomanInput::default()
                },
                &[],
            )
            .await
            .unwrap();
        app.app
            .add_group_member(
                &worker,
                group,
                &JoinInput {
                    national_id: id,
                    role: "member".into(),
                    joined_on: "1405/02/01".into(),
                },
            )
            .await
            .unwrap();
    }
    (
        line.to_string(),
        provider.to_string(),
        run.to_string(),
        group.to_string(),
    )
}

async fn a_coordinator_keeps_contracts_and_a_groups_need_seeds_a_run(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    app.create_user("n.expert", "national_expert", "ir").await;
    app.create_user("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let coordinator = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let worker = app
        .logged_in("t.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let tehran = app
        .logged_in("th.expert", "provincial_expert", "ir.tehran")
        .await;
    let (line, provider, run, group) = world(&app).await;
    let provider_page = format!("/training/providers/{provider}");

    // The list links each provider to its page; the page has no contract yet.
    let list = coordinator.get("/training/providers").await;
    assert!(list.body.contains(&format!("href=\"{provider_page}\"")));
    let page = coordinator.get(&provider_page).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("id=\"no-contracts\""));
    assert!(page.body.contains(&format!("<option value=\"{line}\"")));
    assert_eq!(tehran.get(&provider_page).await.status, 404);

    // A wrong contract: its problems in Persian, nothing recorded.
    let action = format!("{provider_page}/contracts");
    let refused = coordinator
        .submit(
            &provider_page,
            &action,
            &[
                ("contract_no", ""),
                ("signed_on", "1405/06/20"),
                ("period_from", "1405/12/01"),
                ("period_to", "1405/07/01"),
                ("amount", "۰"),
                ("budget_line_id", &line),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("شماره‌ی قرارداد را بنویسید."));
    assert!(
        refused
            .body
            .contains("پایان دوره‌ی قرارداد نمی‌تواند پیش از آغاز آن باشد.")
    );
    assert!(
        refused
            .body
            .contains("مبلغ قرارداد باید بیش از صفر ریال باشد.")
    );
    assert!(
        coordinator
            .get(&provider_page)
            .await
            .body
            .contains("id=\"no-contracts\"")
    );

    let recorded = coordinator
        .submit(
            &provider_page,
            &action,
            &[
                ("contract_no", "۱۴۰۵/۱۲"),
                ("signed_on", "۱۴۰۵/۰۶/۲۰"),
                ("period_from", "۱۴۰۵/۰۷/۰۱"),
                ("period_to", "۱۴۰۵/۱۲/۲۹"),
                ("amount", "۲۰۰٬۰۰۰٬۰۰۰"),
                ("budget_line_id", &line),
                ("note", "دوره‌های خیاطی"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    let page = coordinator.get(&provider_page).await;
    assert!(
        page.body.contains("id=\"provider-contracts\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("۱۴۰۵/۱۲"));
    assert!(page.body.contains("badge-ok"));

    // A proposal larger than the contract warns on the run's page.
    let run_page = format!("/training/runs/{run}");
    assert!(
        !coordinator
            .get(&run_page)
            .await
            .body
            .contains("id=\"contract-warning\"")
    );
    app.app
        .propose_payment(
            &actor(&app, "t.expert").await,
            &PaymentInput {
                budget_line_id: line.parse().unwrap(),
                payee: "آموزشگاه فنی نور".into(),
                payee_kind: "course_provider".into(),
                amount: "250000000".into(),
                spent_on: "1405/08/20".into(),
                course_run_code: "TK-01".into(),
                evidence: Some(EvidenceUpload {
                    file_name: "invoice.pdf".into(),
                    content: b"%PDF-1.4\n".to_vec(),
                }),
                idempotency_key: "p1".into(),
                ..PaymentInput::default()
            },
        )
        .await
        .unwrap();
    let warned = coordinator.get(&run_page).await;
    assert!(
        warned.body.contains("id=\"contract-warning\""),
        "{}",
        warned.body
    );
    assert!(warned.body.contains("از مانده‌ی قرارداد ۱۴۰۵/۱۲"));
    assert!(
        coordinator
            .get(&provider_page)
            .await
            .body
            .contains("badge-warning")
    );

    // The social worker records the group's need on its page.
    let group_page = format!("/groups/{group}");
    let shown = worker.get(&group_page).await;
    assert!(shown.body.contains("id=\"training\""), "{}", shown.body);
    assert!(shown.body.contains("id=\"no-training-needs\""));
    assert!(shown.body.contains("id=\"add-need\""));
    let need_action = format!("/groups/{group}/training-needs");
    let blank = worker
        .submit(
            &group_page,
            &need_action,
            &[("course_kind_id", ""), ("reason", "")],
        )
        .await;
    assert_eq!(blank.status, 422, "{}", blank.body);
    assert!(
        blank
            .body
            .contains("نوع دوره را انتخاب کنید یا مهارت لازم را بنویسید.")
    );
    let kind = shown
        .body
        .split("id=\"need-kind\"")
        .nth(1)
        .unwrap()
        .split("<option value=\"")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let recorded = worker
        .submit(
            &group_page,
            &need_action,
            &[
                ("course_kind_id", &kind),
                ("reason", "گروه لباس کار سفارش گرفته و دوخت صنعتی نمی‌داند"),
                ("recorded_on", "۱۴۰۵/۰۸/۱۰"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    assert!(
        worker
            .get("/training/needs")
            .await
            .body
            .contains("دوخت صنعتی نمی‌داند")
    );
    assert_eq!(tehran.get(&group_page).await.status, 404);

    // The run proposes the group; one tap enrols it and meets the need.
    let proposed = coordinator.get(&run_page).await;
    assert!(
        proposed.body.contains("id=\"proposed-groups\""),
        "{}",
        proposed.body
    );
    let enrolled = coordinator
        .submit(
            &run_page,
            &format!("{run_page}/enrol"),
            &[("group_id", &group)],
        )
        .await;
    assert_eq!(enrolled.status, 303, "{}", enrolled.body);
    assert!(
        !coordinator
            .get(&run_page)
            .await
            .body
            .contains("id=\"proposed-groups\"")
    );
    let after = worker.get(&group_page).await;
    assert!(
        after.body.contains("id=\"group-training\""),
        "{}",
        after.body
    );
    assert!(after.body.contains(&format!("href=\"{run_page}\"")));
    assert!(after.body.contains("۲ نفر · ۰ تکمیل · ۰ ترک دوره"));
    assert!(after.body.contains("برآورده شد"));
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(TestDatabase::sqlite().await).await;
                }
            )*
            use hamyar_testkit::testing::TestDatabase;
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = TestDatabase::postgres().await else {
                        return;
                    };
                    super::$name(db).await;
                }
            )*
            use hamyar_testkit::testing::TestDatabase;
        }
    };
}

on_both!(a_coordinator_keeps_contracts_and_a_groups_need_seeds_a_run);
