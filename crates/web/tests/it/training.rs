//! Training through the browser (issue 18), on SQLite and PostgreSQL: the national expert adds
//! a course kind to the catalogue, Takestan's training coordinator (the county expert)
//! registers a provider, is shown her plan form's problems in Persian when it is wrong (and
//! nothing is planned), plans a run of five sessions in Aban 1405 paid from Qazvin's training
//! line, enrols three women by national ID, has the sessions marked on the phone sheet (the
//! social worker marks the first), records a dropout and a completion — the certificate code
//! shows on the run's page and in the woman's file — and is refused the completion of a woman
//! who attended too little; the social worker sees no coordinator's form, and Abyek's county
//! expert does not find the run at all.

use hamyar_app::Actor;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::registry::WomanInput;
use hamyar_testkit::builders::BudgetBuilder;
use hamyar_testkit::scope::national_id;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, Page, TestApp};

/// Five sessions in Aban 1405, typed as a coordinator might (Persian and Latin digits).
const SESSIONS: &str = "۱۴۰۵/۰۸/۰۳\n1405/08/05\n1405/08/10\n1405/08/12\n1405/08/17";

async fn actor(app: &TestApp, username: &str) -> Actor {
    app.app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// Every id that follows `prefix` in the page (digits up to the next non-digit), in order,
/// without repeats.
fn ids_after(page: &Page, prefix: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for part in page.body.split(prefix).skip(1) {
        let id: String = part.chars().take_while(char::is_ascii_digit).collect();
        if !id.is_empty() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The enrolment id of the run page's row that names `name`.
fn enrolment_of(page: &Page, name: &str) -> String {
    page.body
        .split("id=\"enrolment-")
        .skip(1)
        .find(|row| row.split("</tr>").next().unwrap().contains(name))
        .unwrap_or_else(|| panic!("no row for {name}: {}", page.body))
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// The values of a select's options (the blank one left out).
fn options(page: &Page, select: &str) -> Vec<String> {
    let start = page
        .body
        .split(&format!("id=\"{select}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no select {select}: {}", page.body));
    let select = start.split("</select>").next().unwrap();
    select
        .split("<option value=\"")
        .skip(1)
        .map(|part| part.split('"').next().unwrap().to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}

/// The sheet of a session, posted with one mark per enrolment.
async fn mark(browser: &Browser, sheet: &str, marks: &[(&str, &str)]) -> Page {
    let fields: Vec<(String, String)> = marks
        .iter()
        .map(|(enrolment, mark)| (format!("mark.{enrolment}"), (*mark).to_owned()))
        .collect();
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.submit(sheet, sheet, &borrowed).await
}

/// Registers three women of Takestan; returns their national IDs.
async fn register_women(app: &TestApp) -> Vec<String> {
    let worker = actor(app, "t.worker").await;
    let takestan = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.takestan")
        .unwrap()
        .id;
    let mut ids = Vec::new();
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا"), (3, "فاطمه")] {
        let id = national_id(710_000 + serial);
        app.app
            .register_woman(
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
        ids.push(id);
    }
    ids
}

async fn a_coordinator_runs_a_course_from_plan_to_certificate(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let national = app.logged_in("n.expert", "national_expert", "ir").await;
    let coordinator = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let worker = app
        .logged_in("t.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let stranger = app
        .logged_in("a.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    app.create_user("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let tree = app.app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    let line = BudgetBuilder::new(&app.app, &actor(&app, "q.expert").await, qazvin)
        .amount(BudgetCategory::Training, "743000000")
        .set()
        .await
        .line(BudgetCategory::Training);
    let women = register_women(&app).await;

    // The menu offers training to the coordinator and to the social worker.
    assert!(
        coordinator
            .get("/")
            .await
            .body
            .contains("href=\"/training\"")
    );
    assert!(worker.get("/").await.body.contains("href=\"/training\""));

    // The national office adds a course kind; the coordinator may not.
    let added = national
        .submit(
            "/training/kinds",
            "/training/kinds",
            &[
                ("code", "Tailoring-Basic"),
                ("name", "خیاطی مقدماتی"),
                ("name_en", "Basic tailoring"),
                ("category", "vocational"),
                ("skill_standard_code", "7531-53-001-1"),
                ("hours", "۴۰"),
                ("min_attendance_percent", ""),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let kinds = national.get("/training/kinds").await;
    assert!(kinds.body.contains("خیاطی مقدماتی"), "{}", kinds.body);
    assert!(kinds.body.contains("tailoring-basic"));
    assert_eq!(coordinator.get("/training/kinds").await.status, 403);

    // The coordinator registers a provider of her province.
    let added = coordinator
        .submit(
            "/training/providers",
            "/training/providers",
            &[
                ("name", "آموزشگاه فنی نور"),
                ("kind", "institute"),
                ("phone", "۰۲۸۳۵۲۲۱۲۳۴"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let providers = coordinator.get("/training/providers").await;
    assert!(providers.body.contains("آموزشگاه فنی نور"));
    assert!(providers.body.contains("آموزشگاه طرف قرارداد"));

    // The plan form offers the kind, the provider, her county and Qazvin's training line.
    let form = coordinator.get("/training/runs/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let kind = options(&form, "course_kind_id")[0].clone();
    let provider = options(&form, "provider_id")[0].clone();
    assert!(options(&form, "budget_line_id").contains(&line.to_string()));
    assert!(
        form.body
            .contains(&format!("<option value=\"{takestan}\" selected"))
    );

    // A wrong form: every problem in Persian, under its field; nothing is planned.
    let refused = coordinator
        .submit(
            "/training/runs/new",
            "/training/runs/new",
            &[
                ("code", "دوره یک"),
                ("course_kind_id", &kind),
                ("provider_id", &provider),
                ("county", &takestan.to_string()),
                ("trainer_name", ""),
                ("place", "سالن"),
                ("capacity", "۰"),
                ("sessions", "1405/13/01"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("کد دوره را با حروف لاتین"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("عددی از ۱ تا ۵۰۰ بنویسید"));
    assert!(refused.body.contains("این خانه را پر کنید"));
    assert!(refused.body.contains("1405/13/01") || refused.body.contains("۱۴۰۵/۱۳/۰۱"));
    assert!(refused.body.contains("سالن"), "what was typed comes back");
    let list = coordinator.get("/training").await;
    assert!(list.body.contains("id=\"training-none\""), "{}", list.body);
    assert!(
        list.body.contains("href=\"/training/follow-ups\""),
        "the list leads to the follow-ups due"
    );

    // The plan, with the line it is paid from.
    let planned = coordinator
        .submit(
            "/training/runs/new",
            "/training/runs/new",
            &[
                ("code", "tk-1405-07"),
                ("course_kind_id", &kind),
                ("provider_id", &provider),
                ("county", &takestan.to_string()),
                ("budget_line_id", &line.to_string()),
                ("trainer_name", "سمیه کاظمی"),
                ("place", "سالن فرهنگسرای تاکستان"),
                ("capacity", "۲۰"),
                ("sessions", SESSIONS),
            ],
        )
        .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let location = planned.location().unwrap().to_owned();
    assert!(location.starts_with("/training/runs/"), "{location}");
    let run = location.split('?').next().unwrap().to_owned();
    let page = coordinator.get(&location).await;
    assert!(page.body.contains("TK-1405-07"), "{}", page.body);
    assert!(page.body.contains("دوره ثبت شد"));
    assert!(page.body.contains("۱۴۰۵/۰۸/۰۳ – ۱۴۰۵/۰۸/۱۷"));
    let list = coordinator.get("/training").await;
    assert!(list.body.contains("TK-1405-07"));
    assert!(list.body.contains("۰ از ۲۰"), "{}", list.body);

    // Enrolment by national IDs, typed in one box.
    let ids = format!("{}\n{}، {}", women[0], women[1], women[2]);
    let enrolled = coordinator
        .submit(
            &run,
            &format!("{run}/enrol"),
            &[("national_ids", &ids), ("enrolled_on", "1405/08/01")],
        )
        .await;
    assert_eq!(enrolled.status, 303, "{}", enrolled.body);
    let page = coordinator.get(&run).await;
    for name in ["مریم رضایی", "زهرا رضایی", "فاطمه رضایی"] {
        assert!(page.body.contains(name), "{name}: {}", page.body);
    }
    let sheets: Vec<String> = ids_after(&page, &format!("{run}/sessions/"))
        .into_iter()
        .map(|id| format!("{run}/sessions/{id}"))
        .collect();
    assert_eq!(sheets.len(), 5, "{}", page.body);
    let maryam = enrolment_of(&page, "مریم رضایی");
    let zahra = enrolment_of(&page, "زهرا رضایی");
    let fatemeh = enrolment_of(&page, "فاطمه رضایی");
    let (maryam, zahra, fatemeh) = (maryam.as_str(), zahra.as_str(), fatemeh.as_str());

    // The social worker marks the first session on her phone; the sheet keeps her marks.
    let sheet = worker.get(&sheets[0]).await;
    assert_eq!(sheet.status, 200, "{}", sheet.body);
    assert!(
        sheet
            .body
            .contains(&format!("name=\"mark.{maryam}\" value=\"excused\""))
    );
    let saved = mark(
        &worker,
        &sheets[0],
        &[
            (maryam, "present"),
            (zahra, "present"),
            (fatemeh, "present"),
        ],
    )
    .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(saved.location().unwrap().starts_with(&run));
    let page = worker.get(saved.location().unwrap()).await;
    assert!(
        page.body.contains("حضور و غیاب جلسه ثبت شد"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(&format!("action=\"{run}/enrol\"")));
    assert!(!page.body.contains(&format!("action=\"{run}/complete\"")));
    let sheet = coordinator.get(&sheets[0]).await;
    assert!(
        sheet
            .body
            .contains(&format!("name=\"mark.{zahra}\" value=\"present\" checked")),
        "{}",
        sheet.body
    );

    // The coordinator marks the second; Fatemeh then leaves the course.
    let saved = mark(
        &coordinator,
        &sheets[1],
        &[(maryam, "present"), (zahra, "absent"), (fatemeh, "absent")],
    )
    .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let dropped = coordinator
        .submit(
            &run,
            &format!("{run}/dropout"),
            &[
                ("enrolment", fatemeh),
                ("dropped_on", "1405/08/06"),
                ("reason", "family"),
            ],
        )
        .await;
    assert_eq!(dropped.status, 303, "{}", dropped.body);
    let sheet = coordinator.get(&sheets[2]).await;
    assert!(!sheet.body.contains("فاطمه رضایی"), "{}", sheet.body);
    for (index, zahra_mark) in [(2, "excused"), (3, "present"), (4, "present")] {
        let saved = mark(
            &coordinator,
            &sheets[index],
            &[(maryam, "present"), (zahra, zahra_mark)],
        )
        .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
    }

    // The run judges each woman in words.
    let page = coordinator.get(&run).await;
    assert!(page.body.contains("تکمیل می‌کند"), "{}", page.body);
    assert!(page.body.contains("۳ از ۵ جلسه؛ دست‌کم ۴ لازم است"));
    assert!(page.body.contains("ترک دوره · مسئولیت خانوادگی"));

    // Zahra attended too little: refused in Persian, nothing written.
    let refused = coordinator
        .submit(
            &run,
            &format!("{run}/complete"),
            &[("enrolment", zahra), ("completed_on", "1405/08/20")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("دست‌کم ۴ جلسه لازم است"),
        "{}",
        refused.body
    );

    // Maryam completes and is given her certificate code.
    let completed = coordinator
        .submit(
            &run,
            &format!("{run}/complete"),
            &[
                ("enrolment", maryam),
                ("completed_on", "1405/08/20"),
                ("skill_certificate_no", "12345678"),
            ],
        )
        .await;
    assert_eq!(completed.status, 303, "{}", completed.body);
    let page = coordinator.get(&run).await;
    let code: String = page
        .body
        .split("کد گواهی ")
        .nth(1)
        .unwrap_or_else(|| panic!("no certificate code: {}", page.body))
        .chars()
        .take(11)
        .collect();
    assert_eq!(code.len(), 11, "{code}");
    assert_eq!(code.chars().nth(5), Some('-'), "{code}");
    assert!(page.body.contains("تکمیل‌شده"));
    // Her certificate prints from the run's page; nothing was paid for the run yet.
    assert!(page.body.contains("/certificate.pdf"), "{}", page.body);
    assert!(page.body.contains("هزینه برای هر دانش‌آموخته"));
    let list = coordinator.get("/training").await;
    assert!(list.body.contains("۲ از ۲۰"), "{}", list.body);

    // Her file tells her training, with the code.
    let row = page
        .body
        .split(&format!("id=\"enrolment-{maryam}\""))
        .nth(1)
        .unwrap();
    let woman = row
        .split("href=\"/women/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let file = coordinator.get(&format!("/women/{woman}")).await;
    assert!(file.body.contains("id=\"training\""), "{}", file.body);
    assert!(file.body.contains("خیاطی مقدماتی"));
    assert!(file.body.contains(&code));

    // Another county's expert does not find the run, its sheet or its forms.
    assert_eq!(stranger.get(&run).await.status, 404);
    assert_eq!(stranger.get(&sheets[0]).await.status, 404);
    let token = stranger.get("/training").await.csrf_token().unwrap();
    let forged = stranger
        .post_raw(
            &format!("{run}/enrol"),
            &[("csrf", &token), ("national_ids", &women[0])],
        )
        .await;
    assert_eq!(forged.status, 404, "{}", forged.body);
    assert!(!stranger.get("/training").await.body.contains("TK-1405-07"));
    // The social worker may mark, not enrol.
    let token = worker.get("/training").await.csrf_token().unwrap();
    let forged = worker
        .post_raw(
            &format!("{run}/enrol"),
            &[("csrf", &token), ("national_ids", &women[0])],
        )
        .await;
    assert_eq!(forged.status, 403);
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

on_both!(a_coordinator_runs_a_course_from_plan_to_certificate);
