//! In-process HTTP test of the yearly plan page over the demo province (whose provincial
//! expert set Qazvin's plan): the provincial expert sees each target with its year's target,
//! achieved to date — the numbers `App::plan_against_achievement` computes, in Persian
//! digits — and the women trained linking to the training report; a form typed wrong is
//! drawn again with its Persian messages and changes nothing; one typed in Persian digits
//! replaces the plan; the CSV download is the file `hamyar plan show` writes; the dashboard
//! shows the plan's section; a county expert reads her county's plan without the form, and
//! another province is not found.

use hamyar_app::Actor;
use hamyar_demo::Demo;
use hamyar_domain::FiscalYear;
use hamyar_domain::plan::PlanTarget;
use hamyar_i18n::Lang;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::plan_view::plan_bytes;
use hamyar_webtest::TestApp;

#[tokio::test]
async fn the_plan_page_shows_plan_against_achievement_and_sets_the_plan() {
    let app = TestApp::spawn().await;
    app.app.fill_demo().await.unwrap();
    let tree = app.app.place_tree().await.unwrap();
    let qazvin = tree.by_code("ir.qazvin").unwrap().id;
    let tehran = tree.by_code("ir.tehran").unwrap().id;
    let year = FiscalYear::of(app.app.today());
    let expert = app
        .logged_in("q.plan", "provincial_expert", "ir.qazvin")
        .await;

    let home = expert.get("/").await;
    assert!(
        home.body.contains("href=\"/plan\""),
        "the menu links the plan"
    );
    let page = expert.get("/plan").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    let plan = app
        .app
        .plan_against_achievement(&Actor::console(), Some(qazvin), year)
        .await
        .unwrap();
    assert!(plan.plan.row.is_some(), "the demo set a plan");
    assert!(body.contains("id=\"plan-summary\""), "{body}");
    for target in &plan.targets {
        assert!(
            body.contains(&format!("data-target=\"{}\"", target.target.code())),
            "{body}"
        );
        let yearly = Lang::Fa.number(target.yearly.unwrap());
        assert!(body.contains(&yearly), "{:?}: {yearly}", target.target);
    }
    let trained = plan.target(PlanTarget::WomenTrained).unwrap();
    let achieved = Lang::Fa.number(trained.to_date().unwrap().achieved);
    assert!(
        body.contains(&format!(">{achieved}</a>")) && body.contains("href=\"/training/report?"),
        "women trained link to the training report: {body}"
    );
    assert!(
        body.contains("method=\"post\" action=\"/plan\""),
        "the expert may set it"
    );

    // A wrong form: drawn again with its messages; nothing changes.
    let place = qazvin.to_string();
    let refused = expert
        .submit(
            "/plan",
            "/plan",
            &[
                ("place", place.as_str()),
                ("year", "۱۴۰۵"),
                ("groups_formed", "دوازده"),
                ("women_joining", ""),
                ("women_trained", "۱۰"),
                ("visits_made", "۲۰۰"),
                ("women_empowered", ""),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("عدد درستی نیست"), "{}", refused.body);
    assert!(
        refused.body.contains("عدد هدف را بنویسید"),
        "{}",
        refused.body
    );
    let unchanged = app
        .app
        .yearly_plan(&Actor::console(), Some(qazvin), year)
        .await
        .unwrap();
    assert_eq!(unchanged.row, plan.plan.row);

    let year_text = year.year().to_string();
    let saved = expert
        .submit(
            "/plan",
            "/plan",
            &[
                ("place", place.as_str()),
                ("year", year_text.as_str()),
                ("groups_formed", "۲۰"),
                ("women_joining", "۱۰۰"),
                ("women_trained", "۶۰"),
                ("visits_made", "۳۰۰"),
                ("women_empowered", "۱۵"),
                ("note", "بازنگری میان‌سال"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(saved.location().unwrap().contains("done=plan-saved"));
    let replaced = app
        .app
        .yearly_plan(&Actor::console(), Some(qazvin), year)
        .await
        .unwrap();
    assert_eq!(replaced.target(PlanTarget::GroupsFormed), Some(20));
    assert_eq!(replaced.target(PlanTarget::WomenEmpowered), Some(15));

    let file = expert
        .get(&format!("/plan/file/csv?place={qazvin}&year={year_text}"))
        .await;
    assert_eq!(file.status, 200);
    let plan = app
        .app
        .plan_against_achievement(&Actor::console(), Some(qazvin), year)
        .await
        .unwrap();
    let expected = plan_bytes(&plan, ReportFormat::Csv).unwrap();
    assert_eq!(file.body.as_bytes(), expected.as_slice());

    let dashboard = expert.get("/dashboard").await;
    assert!(dashboard.body.contains("id=\"plan\""), "{}", dashboard.body);
    assert!(
        dashboard.body.contains(&format!(
            "href=\"/plan?place={qazvin}&#38;year={year_text}\""
        )),
        "{}",
        dashboard.body
    );

    let county = app
        .logged_in("a.plan", "county_expert", "ir.qazvin.abyek")
        .await;
    let own = county.get("/plan").await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert!(own.body.contains("آبیک"), "her county's plan");
    assert!(
        !own.body.contains("method=\"post\" action=\"/plan\""),
        "no form for her"
    );
    let other = county.get(&format!("/plan?place={tehran}")).await;
    assert_eq!(other.status, 404);
}

/// The monthly report of a province with a plan says the plan against achievement at the
/// month's end: each target's year, the year-to-date figure and the plan to date.
#[tokio::test]
async fn the_monthly_report_prints_the_plan_against_achievement() {
    let app = TestApp::spawn().await;
    let world = hamyar_testkit::press::press_world(&app.app).await;
    let year = FiscalYear::new(1405).unwrap();
    let form = hamyar_domain::plan::PlanForm {
        groups_formed: "۱۲".into(),
        women_joining: "۲۴".into(),
        women_trained: "۳۶".into(),
        visits_made: "۴۸".into(),
        women_empowered: "۴".into(),
        note: String::new(),
    };
    app.app
        .set_yearly_plan(&world.provincial, world.qazvin, year, &form)
        .await
        .unwrap();
    let expert = app
        .logged_in("monthly.plan", "provincial_expert", "ir.qazvin")
        .await;
    let response = expert
        .client()
        .get(format!(
            "{}/reports/monthly/pdf?month=1405-08",
            app.base_url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let pdf = response.bytes().await.unwrap().to_vec();
    let text = hamyar_pdf::inspect::without_zwnj(&hamyar_pdf::inspect::text(&pdf));
    let to_aban = app
        .app
        .figure_sheet(
            &world.provincial,
            &hamyar_app::dashboard::DashboardRequest {
                place_id: Some(world.qazvin),
                year,
                from: None,
                to: Some(hamyar_domain::JalaliDate::new(1405, 8, 30).unwrap()),
            },
        )
        .await
        .unwrap();
    let empowered = to_aban.value(hamyar_app::figures::FigureKey::WomenEmpowered);
    // Eight months of twelve: ۸ of ۱۲, ۱۶ of ۲۴, ۳ of ۴.
    for (name, yearly, planned, achieved) in [
        (
            "گروه‌های تشکیل‌شده",
            12,
            8,
            to_aban.value(hamyar_app::figures::FigureKey::GroupsFormed),
        ),
        (
            "زنان پیوسته به گروه‌ها",
            24,
            16,
            to_aban.value(hamyar_app::figures::FigureKey::WomenJoining),
        ),
        ("زنان توانمندشده (خروج از چرخهٔ حمایت)", 4, 3, empowered),
    ] {
        let line = hamyar_pdf::inspect::without_zwnj(&format!(
            "{name} {} {} {}",
            Lang::Fa.number(yearly),
            Lang::Fa.number(achieved),
            Lang::Fa.number(planned)
        ));
        assert!(text.contains(&line), "{line}:\n{text}");
    }
    assert!(
        text.contains(&hamyar_pdf::inspect::without_zwnj(
            "برنامهٔ سالانه در برابر دستاورد"
        )),
        "{text}"
    );
}
