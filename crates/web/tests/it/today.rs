//! HTTP tests of "Today", the home page (issue 17), on 1405/09/08 in Qazvin, on both
//! databases: a social worker sees her own groups' visits (overdue first, then the group owed
//! a visit, then what is only due), meetings and permits — not another worker's groups, not
//! another county's — and each item opens the form that clears it, already open and dated
//! today; the visits-due list shows her groups by default and all with `?all=1`; the group
//! page records a visit or a meeting in one tap; a county expert sees her county's work and
//! figures, a provincial expert the payment waiting for her decision, and public relations
//! the press paragraph and headline figures with no group named. The women of a social
//! worker's group who completed a course three months ago are on her Today (and her county
//! expert's), each a tap from the follow-up's form, and leave it once their answer is in.

use hamyar_app::Actor;
use hamyar_app::budget::YearBudgetInput;
use hamyar_app::grants::GrantInput;
use hamyar_app::groups::{StaffInput, StageInput};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::spending::PaymentInput;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{GrantFormInput, TrancheFormInput};
use hamyar_domain::group_life::{AttendanceInput, MeetingInput, PermitInput, VisitInput};
use hamyar_domain::groups::JoinInput;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, TestApp};

async fn actor(test: &TestApp, username: &str) -> Actor {
    test.app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// An active group of the county, formed and moved by `by`, with `worker` as its social
/// worker from 1405/03/01.
async fn active_group(
    test: &TestApp,
    by: &Actor,
    county: &str,
    name: &str,
    worker: Option<&Actor>,
) -> GroupId {
    let place = test
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code(county)
        .unwrap()
        .id;
    let id = GroupBuilder::new(&test.app, by, place, name).create().await;
    for (stage, on) in [
        ("trained", "1405/02/01"),
        ("registered", "1405/03/01"),
        ("active", "1405/03/15"),
    ] {
        test.app
            .move_group_stage(
                by,
                id,
                &StageInput {
                    stage: stage.into(),
                    effective_on: on.into(),
                    ..StageInput::default()
                },
            )
            .await
            .unwrap_or_else(|e| panic!("{stage}: {e:?}"));
    }
    if let Some(worker) = worker {
        test.app
            .assign_group_staff(
                by,
                id,
                &StaffInput {
                    duty: "social_worker".into(),
                    user: worker.user_id.unwrap().to_string(),
                    from_on: "1405/03/01".into(),
                },
            )
            .await
            .unwrap();
    }
    id
}

async fn visit(test: &TestApp, by: &Actor, group: GroupId, on: &str, due: &str) {
    let input = VisitInput {
        visited_on: on.into(),
        purpose: "پایش ماهانه".into(),
        follow_up_due: due.into(),
        ..VisitInput::default()
    };
    test.app.record_visit(by, group, &input).await.unwrap();
}

struct World {
    test: TestApp,
    /// Takestan: Maryam's groups and one of Sara's.
    palm: GroupId,
    cypress: GroupId,
    willow: GroupId,
    pine: GroupId,
    /// Abyek's.
    elm: GroupId,
}

/// Takestan's groups: نخل (Maryam's, a follow-up 7 days overdue, a meeting this month),
/// سرو (Maryam's, never visited since its registration, a permit expiring), بید (Maryam's, a
/// follow-up due in 2 days), کاج (Sara's, a follow-up overdue); Abyek's نارون (a follow-up
/// overdue).
async fn world(db: TestDatabase) -> World {
    let test = TestApp::spawn_on(db, WebSettings::default()).await;
    for (username, role, place) in [
        ("t.maryam", "social_worker", "ir.qazvin.takestan"),
        ("t.sara", "social_worker", "ir.qazvin.takestan"),
        ("t.expert", "county_expert", "ir.qazvin.takestan"),
        ("a.expert", "county_expert", "ir.qazvin.abyek"),
        ("q.expert", "provincial_expert", "ir.qazvin"),
        ("q.press", "public_relations", "ir.qazvin"),
        ("t.facilitator", "facilitator", "ir.qazvin.takestan"),
    ] {
        test.create_user(username, role, place).await;
    }
    let expert = actor(&test, "t.expert").await;
    let maryam = actor(&test, "t.maryam").await;
    let sara = actor(&test, "t.sara").await;
    let takestan = "ir.qazvin.takestan";
    let palm = active_group(&test, &expert, takestan, "نخل", Some(&maryam)).await;
    let cypress = active_group(&test, &expert, takestan, "سرو", Some(&maryam)).await;
    let willow = active_group(&test, &expert, takestan, "بید", Some(&maryam)).await;
    let pine = active_group(&test, &expert, takestan, "کاج", Some(&sara)).await;
    let abyek = actor(&test, "a.expert").await;
    let elm = active_group(&test, &abyek, "ir.qazvin.abyek", "نارون", None).await;
    visit(&test, &expert, palm, "1405/08/01", "1405/09/01").await;
    visit(&test, &expert, willow, "1405/09/05", "1405/09/10").await;
    visit(&test, &expert, pine, "1405/08/01", "1405/09/03").await;
    visit(&test, &abyek, elm, "1405/08/01", "1405/09/02").await;
    let takestan_id = test
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code(takestan)
        .unwrap()
        .id;
    let member = WomanBuilder::new(&test.app, &maryam, takestan_id, "0013542419")
        .register()
        .await;
    test.app
        .add_group_member(
            &maryam,
            palm,
            &JoinInput {
                national_id: "0013542419".into(),
                role: "member".into(),
                joined_on: "1405/03/01".into(),
            },
        )
        .await
        .unwrap();
    test.app
        .record_meeting(
            &maryam,
            palm,
            &MeetingInput {
                held_on: "1405/09/05".into(),
                topics: "فروش نمایشگاه".into(),
                attendance: vec![AttendanceInput {
                    woman_id: member.get(),
                    attendance: "present".into(),
                }],
                ..MeetingInput::default()
            },
        )
        .await
        .unwrap();
    test.app
        .record_permit(
            &maryam,
            cypress,
            &PermitInput {
                kind: "health_code".into(),
                number: "۴۴۱۲".into(),
                issued_on: "1404/10/01".into(),
                expires_on: "1405/10/01".into(),
            },
        )
        .await
        .unwrap();
    World {
        test,
        palm,
        cypress,
        willow,
        pine,
        elm,
    }
}

async fn login(test: &TestApp, username: &str) -> Browser {
    let browser = test.browser();
    let page = browser.login(username, hamyar_testkit::PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    browser
}

/// The part of the page from the section's opening tag to the next section's.
fn section<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"today-{id}\""))
        .unwrap_or_else(|| panic!("no section {id} in {body}"));
    let rest = &body[start..];
    let end = rest.find("</section>").unwrap();
    &rest[..end]
}

/// The groups whose pages a section links, in order.
fn groups_in(section: &str) -> Vec<GroupId> {
    section
        .split("class=\"today-item-record\" href=\"/groups/")
        .skip(1)
        .map(|rest| GroupId::new(rest.split('"').next().unwrap().parse().unwrap()))
        .collect()
}

/// The group ids of the visits-due list's lines, in order.
fn due_lines(body: &str) -> Vec<GroupId> {
    body.split("<tr data-group=\"")
        .skip(1)
        .map(|rest| GroupId::new(rest.split('"').next().unwrap().parse().unwrap()))
        .collect()
}

async fn a_social_worker_sees_her_own_groups_most_urgent_first(db: TestDatabase) {
    let w = world(db).await;
    let maryam = login(&w.test, "t.maryam").await;
    let home = maryam.get("/").await;
    assert_eq!(home.status, 200, "{}", home.body);
    let body = &home.body;
    assert!(body.contains("کارهای امروزِ گروه‌هایی که به شما سپرده شده‌اند"));
    let visits = section(body, "visits");
    assert_eq!(
        groups_in(visits),
        [w.palm, w.cypress, w.willow],
        "the follow-up 7 days overdue, then the group owed a visit, then the one due in 2 days"
    );
    assert!(visits.contains("id=\"today-visits-count\">۳<"), "{visits}");
    assert!(visits.contains("۷ روز گذشته") && visits.contains("۲ روز مانده"));
    assert!(visits.contains(&format!(
        "href=\"/groups/{}/life?record=visit#record-visit\"",
        w.palm
    )));
    for other in ["کاج", "نارون"] {
        assert!(!body.contains(other), "{other} is not hers");
    }
    let meetings = section(body, "meetings");
    assert_eq!(
        groups_in(meetings),
        [w.cypress, w.willow],
        "نخل met this month"
    );
    assert!(meetings.contains(&format!(
        "href=\"/groups/{}/life?record=meeting#record-meeting\"",
        w.cypress
    )));
    let permits = section(body, "permits");
    assert_eq!(groups_in(permits), [w.cypress]);
    assert!(permits.contains("۱۴۰۵/۱۰/۰۱") && permits.contains("?record=permit#record-permit"));
    assert!(
        !body.contains("id=\"today-payments\"") && !body.contains("id=\"today-duplicates\""),
        "a social worker neither decides payments nor reviews duplicates"
    );

    // One tap: the item's link opens the visit form, dated today.
    let form = maryam
        .get(&format!("/groups/{}/life?record=visit", w.palm))
        .await;
    assert_eq!(form.status, 200);
    assert!(
        form.body
            .contains("<details class=\"form-panel\" id=\"record-visit\" open>")
    );
    assert!(
        form.body.contains("name=\"visited_on\"") && form.body.contains("value=\"۱۴۰۵/۰۹/۰۸\""),
        "{}",
        form.body
    );
    assert!(
        form.body
            .contains("<details class=\"form-panel\" id=\"record-meeting\">")
    );
    // Recording it clears the item.
    let saved = maryam
        .submit(
            &format!("/groups/{}/life?record=visit", w.palm),
            &format!("/groups/{}/visits", w.palm),
            &[("visited_on", "۱۴۰۵/۰۹/۰۸"), ("purpose", "پیگیری")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let home = maryam.get("/").await;
    assert_eq!(
        groups_in(section(&home.body, "visits")),
        [w.cypress, w.willow]
    );

    // The group page records a visit or a meeting in one tap.
    let group = maryam.get(&format!("/groups/{}", w.cypress)).await;
    assert!(group.body.contains(&format!(
        "id=\"record-visit-button\" href=\"/groups/{}/life?record=visit#record-visit\"",
        w.cypress
    )));
    assert!(group.body.contains(&format!(
        "id=\"record-meeting-button\" href=\"/groups/{}/life?record=meeting#record-meeting\"",
        w.cypress
    )));

    // Her due list is her groups, most overdue first; all of the county on asking.
    let due = maryam.get("/visits/due").await;
    assert_eq!(due_lines(&due.body), [w.cypress, w.willow]);
    assert!(due.body.contains(&format!(
        "href=\"/groups/{}/life?record=visit#record-visit\"",
        w.cypress
    )));
    let all = maryam.get("/visits/due?all=1").await;
    assert_eq!(due_lines(&all.body), [w.pine, w.cypress, w.willow]);

    // Sara sees hers only.
    let sara = login(&w.test, "t.sara").await;
    let home = sara.get("/").await;
    assert_eq!(groups_in(section(&home.body, "visits")), [w.pine]);
    assert!(!home.body.contains("نخل") && !home.body.contains("سرو"));

    // A facilitator follows the groups she facilitates; she records nothing, so her
    // button opens the group's life page.
    let facilitator = actor(&w.test, "t.facilitator").await;
    w.test
        .app
        .assign_group_staff(
            &actor(&w.test, "t.expert").await,
            w.pine,
            &StaffInput {
                duty: "facilitator".into(),
                user: facilitator.user_id.unwrap().to_string(),
                from_on: "1405/04/01".into(),
            },
        )
        .await
        .unwrap();
    let home = login(&w.test, "t.facilitator").await.get("/").await;
    let visits = section(&home.body, "visits");
    assert_eq!(groups_in(visits), [w.pine]);
    assert!(
        visits.contains(&format!("href=\"/groups/{}/life\">مشاهده<", w.pine)),
        "{visits}"
    );
    assert!(!visits.contains("?record=visit"));
}

async fn a_county_expert_sees_her_county_and_a_provincial_expert_the_payments_to_decide(
    db: TestDatabase,
) {
    let w = world(db).await;
    let qazvin = w
        .test
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin")
        .unwrap()
        .id;
    let provincial = actor(&w.test, "q.expert").await;
    w.test
        .app
        .set_year_budget(
            &provincial,
            &YearBudgetInput {
                fiscal_year: 1405,
                province_id: qazvin,
                county_id: None,
                amounts: vec![
                    (BudgetCategory::Training, "500000000".into()),
                    (BudgetCategory::Grant, "900000000".into()),
                ],
                effective_on: "1405/01/15".into(),
                description: String::new(),
                idempotency_key: "budget-1405".into(),
            },
        )
        .await
        .unwrap();
    let lines = w
        .test
        .app
        .budget_lines(
            &provincial,
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap();
    let line_of = |category: BudgetCategory| {
        lines
            .iter()
            .find(|view| view.category == category)
            .unwrap()
            .line
            .id
    };
    let line = line_of(BudgetCategory::Training);
    let payment = w
        .test
        .app
        .propose_payment(
            &actor(&w.test, "t.expert").await,
            &PaymentInput {
                budget_line_id: line,
                payee: "آموزشگاه فنی نگین".into(),
                payee_kind: "course_provider".into(),
                amount: "120000000".into(),
                spent_on: "1405/09/01".into(),
                description: "دوره خیاطی".into(),
                idempotency_key: "p1".into(),
                ..PaymentInput::default()
            },
        )
        .await
        .unwrap();
    // A grant to نخل: its first tranche's condition holds (the group is registered), its
    // second's does not (the first is not paid).
    let tranche = |amount: &str, condition: &str| TrancheFormInput {
        amount: amount.into(),
        planned_on: "1405/09/01".into(),
        conditions: vec![condition.into()],
        visit_days: String::new(),
        training_share: String::new(),
    };
    let grant = w
        .test
        .app
        .propose_grant(
            &actor(&w.test, "t.expert").await,
            &GrantInput {
                line_id: line_of(BudgetCategory::Grant).to_string(),
                group_id: w.palm.to_string(),
                national_id: String::new(),
                form: GrantFormInput {
                    purpose: "سرمایه کار کارگاه".into(),
                    total: "300000000".into(),
                    tranches: vec![
                        tranche("150000000", "group_registered"),
                        tranche("150000000", "previous_tranche_paid"),
                    ],
                },
            },
        )
        .await
        .unwrap();

    let county = login(&w.test, "t.expert").await;
    let home = county.get("/").await;
    assert_eq!(home.status, 200, "{}", home.body);
    let visits = section(&home.body, "visits");
    assert_eq!(
        groups_in(visits),
        [w.palm, w.pine, w.cypress, w.willow],
        "her county's, overdue follow-ups first, then the group owed a visit, then what is due"
    );
    assert!(!home.body.contains("نارون"), "Abyek's group is not hers");
    assert!(!home.body.contains("id=\"today-meetings\""));
    let payments = section(&home.body, "payments");
    assert!(payments.contains("آموزشگاه فنی نگین"), "{payments}");
    assert!(payments.contains("منتظر تصمیم همکار دیگر"));
    let tranches = section(&home.body, "tranches");
    assert!(
        tranches.contains("قسط ۱، منتظر تصمیم همکار دیگر"),
        "{tranches}"
    );
    assert!(!tranches.contains("قسط ۲"), "its condition does not hold");
    assert!(home.body.contains("id=\"today-duplicates\""));
    assert!(home.body.contains("data-figure=\"groups.active\""));

    let province = login(&w.test, "q.expert").await;
    let home = province.get("/").await;
    let payments = section(&home.body, "payments");
    assert!(payments.contains("منتظر تصمیم شما"), "{payments}");
    let href = format!("href=\"/money/payments/{payment}\"");
    assert!(payments.contains(&href), "{payments}");
    assert_eq!(
        province
            .get(&format!("/money/payments/{payment}"))
            .await
            .status,
        200
    );
    let tranches = section(&home.body, "tranches");
    assert!(tranches.contains("قسط ۱، آمادهٔ تصمیم"), "{tranches}");
    assert!(tranches.contains(&format!("href=\"/money/grants/{grant}#tranche-")));
    assert!(!tranches.contains("قسط ۲"));
    assert!(
        groups_in(section(&home.body, "visits")).contains(&w.elm),
        "the province's groups, Abyek's too"
    );
}

async fn public_relations_reads_the_press_paragraph_and_headlines_and_no_group(db: TestDatabase) {
    let w = world(db).await;
    let press = login(&w.test, "q.press").await;
    let home = press.get("/").await;
    assert_eq!(home.status, 200, "{}", home.body);
    let section = section(&home.body, "press");
    assert!(section.contains("id=\"press-paragraph\""), "{section}");
    assert!(section.contains("قزوین"), "{section}");
    assert!(
        section.contains("روابط عمومی ادارهٔ کل بهزیستی استان قزوین"),
        "the attribution, as the press page copies it: {section}"
    );
    assert!(section.contains("data-copy-target=\"press-paragraph\""));
    assert!(home.body.contains("data-figure=\"groups.active\""));
    assert!(home.body.contains("data-figure=\"women.empowered\""));
    for hidden in ["نخل", "سرو", "today-visits", "today-payments"] {
        assert!(
            !home.body.contains(hidden),
            "{hidden} shown to public relations"
        );
    }
}

async fn follow_ups_after_a_course_are_on_the_field_workers_today(db: TestDatabase) {
    let w = world(db).await;
    let takestan = w
        .test
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.takestan")
        .unwrap()
        .id;
    // Palm's member attends a course that ends on 1405/05/05: asked from 1405/08/05.
    let course = hamyar_testkit::training::attend_course(
        &w.test.app,
        w.palm,
        takestan,
        "T-TODAY",
        &["1405/05/03", "1405/05/05"],
    )
    .await;
    let enrolment = course.enrolment_of("0013542419");
    hamyar_testkit::training::complete(&w.test.app, enrolment, "1405/05/10").await;
    let form = format!("/training/follow-ups/{enrolment}");
    let maryam = login(&w.test, "t.maryam").await;
    let home = maryam.get("/").await;
    let follow_ups = section(&home.body, "course-follow-ups");
    assert!(follow_ups.contains("مریم کریمی"), "{follow_ups}");
    assert!(follow_ups.contains("پیگیری ۳ ماهه"), "{follow_ups}");
    assert!(follow_ups.contains("۳۳ روز گذشته"), "{follow_ups}");
    assert!(follow_ups.contains(&format!("href=\"{form}#month-3\"")));
    assert!(!home.body.contains("امروز کاری در انتظار شما نیست."));
    let expert = login(&w.test, "t.expert").await;
    let county = expert.get("/").await;
    assert!(section(&county.body, "course-follow-ups").contains(&form));
    let sara = login(&w.test, "t.sara").await;
    let other = sara.get("/").await;
    assert!(
        section(&other.body, "course-follow-ups").contains("امروز پیگیری‌ای موعد ندارد."),
        "not her group's woman"
    );
    let recorded = maryam
        .submit(
            &form,
            &form,
            &[
                ("month", "3"),
                ("recorded_on", "۱۴۰۵/۰۹/۰۸"),
                ("works", "1"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    let home = maryam.get("/").await;
    assert!(!section(&home.body, "course-follow-ups").contains(&form));
}

async fn the_home_page_says_when_there_is_nothing_to_do(db: TestDatabase) {
    let test = TestApp::spawn_on(db, WebSettings::default()).await;
    let worker = test
        .logged_in("t.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let home = worker.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("امروز کاری در انتظار شما نیست."));
    assert!(section(&home.body, "visits").contains("بازدید یا پیگیری سررسیدشده‌ای نیست."));
    assert!(section(&home.body, "permits").contains("تا ۶۰ روز آینده"));
}

/// Runs each test on a fresh SQLite database and, when configured, a PostgreSQL one.
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

on_both!(
    a_social_worker_sees_her_own_groups_most_urgent_first,
    a_county_expert_sees_her_county_and_a_provincial_expert_the_payments_to_decide,
    public_relations_reads_the_press_paragraph_and_headlines_and_no_group,
    the_home_page_says_when_there_is_nothing_to_do,
    follow_ups_after_a_course_are_on_the_field_workers_today,
);
