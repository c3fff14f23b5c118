//! In-process HTTP tests of the grant pages: a county expert of Takestan proposes
//! 300,000,000 rials in two tranches for a registered and visited group whose member
//! completed a course, through the form (the share of members who must have completed typed
//! in Persian digits) (a form whose tranches do not add up is explained in Persian and writes nothing); a
//! provincial expert opens the grant, sees each release condition of the first tranche
//! checked (✓ with why) and approves it; the proposer is never offered the decision; and the
//! group's page lists the grant.

use hamyar_app::budget::YearBudgetInput;
use hamyar_app::groups::StageInput;
use hamyar_app::{Actor, App};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::group_life::VisitInput;
use hamyar_domain::groups::{GroupInput, JoinInput};
use hamyar_domain::registry::WomanInput;
use hamyar_testkit::scope::national_id;
use hamyar_webtest::TestApp;

async fn actor(app: &App, username: &str) -> Actor {
    app.user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// Qazvin's grant budget for 1405 and a Takestan group that is trained (its one member
/// completed a course), registered and was visited; returns the group's id.
async fn ready_group(app: &TestApp) -> hamyar_app::ports::groups::GroupId {
    let tree = app.app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    app.create_user("t.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let worker = actor(&app.app, "t.worker").await;
    let provincial = actor(&app.app, "q.expert").await;
    app.app
        .set_year_budget(
            &provincial,
            &YearBudgetInput {
                fiscal_year: 1405,
                province_id: qazvin,
                county_id: None,
                amounts: vec![(BudgetCategory::Grant, "900000000".into())],
                effective_on: "1405/01/15".into(),
                description: String::new(),
                idempotency_key: "budget.1405".into(),
            },
        )
        .await
        .unwrap();
    let group = app
        .app
        .create_group(
            &worker,
            &GroupInput {
                name: "گروه نخل".into(),
                county: takestan.to_string(),
                business_field: "tailoring".into(),
                premises: "rented".into(),
                identified_on: "1405/01/20".into(),
                ..GroupInput::default()
            },
        )
        .await
        .unwrap();
    for (stage, on) in [("trained", "1405/04/01"), ("registered", "1405/06/10")] {
        app.app
            .move_group_stage(
                &worker,
                group,
                &StageInput {
                    stage: stage.into(),
                    effective_on: on.into(),
                    ..StageInput::default()
                },
            )
            .await
            .unwrap();
    }
    let member = national_id(880_001);
    app.app
        .register_woman(
            &worker,
            &takestan.to_string(),
            &WomanInput {
                national_id: member.clone(),
                first_name: "مریم".into(),
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
    app.app
        .add_group_member(
            &worker,
            group,
            &JoinInput {
                national_id: member,
                role: "member".into(),
                joined_on: "1405/02/01".into(),
            },
        )
        .await
        .unwrap();
    hamyar_testkit::training::train_group(&app.app, group, takestan, "TK-1405-90").await;
    app.app
        .record_visit(
            &provincial,
            group,
            &VisitInput {
                visited_on: "1405/08/20".into(),
                purpose: "پایش".into(),
                findings: "آماده".into(),
                ..VisitInput::default()
            },
        )
        .await
        .unwrap();
    group
}

async fn grant_line(app: &TestApp) -> String {
    let provincial = actor(&app.app, "q.expert").await;
    app.app
        .budget_lines(
            &provincial,
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap()
        .iter()
        .find(|view| view.category == BudgetCategory::Grant)
        .unwrap()
        .line
        .id
        .to_string()
}

#[tokio::test]
async fn a_county_expert_proposes_and_a_provincial_expert_sees_the_checks_and_approves() {
    let app = TestApp::spawn().await;
    let county = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let provincial = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let group = ready_group(&app).await;
    let group_id = group.to_string();
    let line = grant_line(&app).await;

    let form = county.get("/money/grants/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("گروه نخل"), "the group is offered");
    assert!(
        form.body.contains("مانده ۹۰۰٬۰۰۰٬۰۰۰ ریال"),
        "{}",
        form.body
    );
    assert!(county.get("/").await.body.contains("/money/grants"), "nav");

    let mut fields = vec![
        ("group_id", group_id.as_str()),
        ("line_id", line.as_str()),
        ("grant_purpose", "سرمایه کار کارگاه خیاطی"),
        ("total", "۳۰۰٬۰۰۰٬۰۰۰"),
        ("tranche_1_amount", "۱۵۰٬۰۰۰٬۰۰۰"),
        ("tranche_1_planned_on", "۱۴۰۵/۰۹/۱۵"),
        ("tranche_1_conditions", "group_registered"),
        ("tranche_1_conditions", "training_completed"),
        ("tranche_1_conditions", "visited_recently"),
        ("tranche_1_visit_days", "۹۰"),
        ("tranche_1_training_share", "۱۰۰"),
        ("tranche_2_amount", "100,000,000"),
        ("tranche_2_planned_on", "1405/12/01"),
        ("tranche_2_conditions", "previous_tranche_paid"),
    ];
    let refused = county
        .submit("/money/grants/new", "/money/grants", &fields)
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("جمع قسط‌ها"), "{}", refused.body);
    assert!(
        refused.body.contains("سرمایه کار کارگاه خیاطی"),
        "typed values stay"
    );
    assert!(
        app.app
            .grants(&Actor::console(), &Default::default())
            .await
            .unwrap()
            .is_empty(),
        "nothing written"
    );

    // A share that is not a percent from 1 to 100 is explained next to the tranche.
    fields[11] = ("tranche_2_amount", "150,000,000");
    fields[10] = ("tranche_1_training_share", "۱۲۰");
    let refused = county
        .submit("/money/grants/new", "/money/grants", &fields)
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains(
            "سهم اعضایی که باید دورهٔ آموزشی را تمام کرده باشند باید درصدی از ۱ تا ۱۰۰ باشد"
        ),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"۱۲۰\""),
        "the typed share stays"
    );
    fields[10] = ("tranche_1_training_share", "۱۰۰");
    let proposed = county
        .submit("/money/grants/new", "/money/grants", &fields)
        .await;
    assert_eq!(proposed.status, 303, "{}", proposed.body);
    let location = proposed.location().unwrap().to_owned();
    assert!(location.ends_with("?done=grants-proposed"), "{location}");
    let path = location.split_once('?').unwrap().0.to_owned();

    // The proposer's county expert sees the grant but no decision form.
    let own = county.get(&path).await;
    assert_eq!(own.status, 200);
    assert!(!own.body.contains("/approve"), "{}", own.body);

    let page = provincial.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("بررسی شرط‌ها در امروز"));
    assert!(page.body.contains("✓"));
    assert!(
        page.body
            .contains("آخرین بازدید ۱۴۰۵/۰۸/۲۰، ۱۸ روز پیش (حداکثر ۹۰ روز)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("گروه ثبت شده باشد"));
    // The share typed on the form is the tranche's own, and the check counts the members.
    assert!(
        page.body
            .contains("دست‌کم ۱۰۰٪ اعضای گروه دورهٔ آموزشی را تمام کرده باشند"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("۱ نفر از ۱ عضو گروه «گروه نخل» دورهٔ آموزشی را تمام کرده‌اند"),
        "{}",
        page.body
    );
    // The second tranche waits for the first to be paid: ✗, and no approve button.
    assert!(page.body.contains("✗"));
    let approve = page
        .body
        .split("action=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .find(|action| action.ends_with("/approve"))
        .unwrap()
        .to_owned();
    assert_eq!(
        page.body.matches("/approve\"").count(),
        1,
        "only the first tranche can be approved"
    );
    let approved = provincial.submit(&path, &approve, &[]).await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    let after = provincial.get(approved.location().unwrap()).await;
    assert!(after.body.contains("قسط تأیید و تعهد شد"), "{}", after.body);
    assert!(after.body.contains("نتیجهٔ بررسی هنگام تأیید"));
    assert!(after.body.contains("تعهد #"));
    // Rejecting the second tranche without a reason is explained and changes nothing.
    let reject = after
        .body
        .split("action=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .find(|action| action.ends_with("/reject"))
        .unwrap()
        .to_owned();
    let refused = provincial.submit(&path, &reject, &[("reason", " ")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("علت را بنویسید"), "{}", refused.body);
    assert!(refused.body.contains("پیشنهادشده"));

    let group_page = provincial.get(&format!("/groups/{group}")).await;
    assert!(group_page.body.contains("کمک‌های بلاعوض"));
    assert!(group_page.body.contains(&path), "{}", group_page.body);
    let list = provincial.get("/money/grants").await;
    assert!(list.body.contains("سرمایه کار کارگاه خیاطی"));
}
